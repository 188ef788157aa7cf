// Reading one object of the state with the scanner: its known keys (a bit each, so a repeated one
// is refused), type checks that name the member's pointer, and its unknown members kept as compact
// text for the round trip (state.md "Output"). One reader per nesting level, reused for every
// element: nothing is allocated per element once the buffers have grown.
#pragma once
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "common/input_failure.h"
#include "common/text_util.h"
#include "state/model.h"
#include "state/scanner.h"

namespace sharepolicy::state {

const char* kind_name(ValueKind k);

// Whether `key` is the member name `name` (a literal): the length first, so most mismatches cost
// no call, and no strlen (`key == "…"` called both in the builders compiled for size).
template <std::size_t N>
bool is_key(std::string_view key, const char (&name)[N]) {
  return key.size() == N - 1 && std::memcmp(key.data(), name, N - 1) == 0;
}

// Appends `text` to a section's extras text and returns where it is.
Extras keep_extras(std::string& arena, const std::string& text);

class ObjectReader {
 public:
  explicit ObjectReader(Scanner& s) : s_(s) {}

  // Enters the object at the scanner's position; "a <what> must be an object, not …" otherwise.
  void begin(const char* what);
  bool next(std::string_view& key) { return s_.next_member(key); }

  // A known key: refused if it was already seen in this object.
  void known(unsigned bit);
  bool seen(unsigned bit) const { return (seen_ & bit) != 0; }

  std::string_view string();  // the member must be a string
  // Null: kept in the extras (it round-trips) and reads as absent.
  bool optional_string(std::string_view& out);
  bool boolean();
  std::optional<bool> optional_bool();
  // A string among `names` (exact case); its position.
  template <std::size_t N>
  int enumeration(const char* const (&names)[N]) {
    return enum_index(string(), names, N);
  }
  // An array of strings; `each` receives every one (a view valid until the next string).
  template <class Each>
  void string_list(Each each) {
    // Valid inside the array: a view into the text, or the path's copy of this level's key.
    const std::string_view key = s_.member_key();
    if (s_.peek() != ValueKind::kArray) {
      s_.fail_at("'" + std::string(key) + "' must be an array, not " + kind_name(s_.peek()));
    }
    s_.enter_array();
    while (s_.next_element()) {
      const ValueKind k = s_.peek();
      if (k != ValueKind::kString) s_.fail_at("'" + std::string(key) + "' must hold strings, not " + kind_name(k));
      each(s_.string());
    }
  }
  // A member that must be of one kind (or null) if present; kept in the extras (share-policy only
  // passes it on).
  void passthrough(ValueKind kind, const char* kind_word);
  // The current member into the extras, whatever it is.
  void keep();

  // Closes the reading: the extras into the section's text. Call once next() returned false.
  Extras end(std::string& arena) { return keep_extras(arena, buf_); }
  // After end(): "a <what> needs '<key>'" at the element's pointer unless the bit was seen.
  void require(unsigned bit, const char* key) const;

  Scanner& scanner() { return s_; }

 private:
  int enum_index(std::string_view value, const char* const* names, std::size_t n) const;
  [[noreturn]] void wrong_type(const char* expected) const;

  Scanner& s_;
  const char* what_ = "";
  unsigned seen_ = 0;
  std::string buf_;
  KeySet keys_;
};

}  // namespace sharepolicy::state
