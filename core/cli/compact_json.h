// Reading and re-indenting compact JSON text, the text nlohmann's dump() writes (result_to_text),
// without building a DOM of it (issue 16 item 4: a DOM costs up to 100 times an OCM echo of a
// large userID or role). Such text has no white space outside strings, so every token ends where
// the next punctuation starts. Only text that dump() wrote (or an equal text) may be given here.
#pragma once
#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "sharepolicy/result.h"

namespace sharepolicy::cli {

// Writes compact JSON as dump(2) would write the same value: each member and element on its own
// line, two spaces an indent level, ": " after keys, empty containers as {} and []. Text may come
// in pieces (a "[", results, "," between them, "]") as long as no piece cuts a token.
class PrettyWriter {
 public:
  explicit PrettyWriter(std::string& out) : out_(out) {}
  void write(std::string_view compact);

 private:
  void new_line();
  std::string& out_;
  std::size_t depth_ = 0;
  char pending_open_ = 0;  // '{' or '[' whose first token is still to come
  bool in_string_ = false, escaped_ = false;
};

// The whole of `compact` as dump(2) writes it.
std::string pretty(std::string_view compact);

// Compact JSON sent to a stream as it is, or re-indented as dump(2) would (PrettyWriter) a piece of
// about 64 KiB at a time, with no copy of the whole. Pieces as PrettyWriter takes them; a trailing
// "\n" of a piece is copied as it is.
class JsonOut {
 public:
  JsonOut(std::ostream& out, bool pretty) : out_(out), pretty_(pretty), writer_(piece_) {}
  void write(std::string_view compact);

 private:
  std::ostream& out_;
  bool pretty_;
  std::string piece_;
  PrettyWriter writer_;
};

// Where the value starting at `begin` ends (one past its last byte).
std::size_t value_end(std::string_view text, std::size_t begin);

// The members of an object's text, or the elements of an array's text, one at a time.
class Members {
 public:
  explicit Members(std::string_view container) : text_(container) {}
  // The next member: its key as written (quoted, escaped as dump() escapes it) and its value's
  // text; for an array, `key` is left empty. False after the last.
  bool next(std::string_view& key, std::string_view& value);

 private:
  std::string_view text_;
  std::size_t at_ = 1;
};

// The value of the member named `key` (unquoted, unescaped) of an object's text; nullopt when absent
// or when `object` is not an object.
std::optional<std::string_view> member(std::string_view object, const std::string& key);

// The key as dump() writes it: quoted and escaped.
std::string key_text(const std::string& key);

// Whether `text` is JSON equal (nlohmann's ==, as with a DOM: 1 equals 1.0, object members in order)
// to `value`.
bool equal(std::string_view text, const Json& value);

}  // namespace sharepolicy::cli
