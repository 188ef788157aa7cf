// Builders that read each system's section with the scanner into an indexed model. Elements are
// read in file order; references between them are kept as views into the text and resolved in
// finish(), once every element is known, so the file may list collections in any order.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "state/model.h"
#include "state/scanner.h"

namespace sharepolicy::state {

// Each reads its section's object at the scanner's position (the scanner stands on its '{').
class HmpBuilder {
 public:
  explicit HmpBuilder(Scanner& s);
  ~HmpBuilder();
  void read();
  std::shared_ptr<hmp::Section> finish(std::vector<StateWarning>& warnings);

 private:
  void read_directory();
  void read_element(int bit);
  void read_asset(int bit);
  void read_share(int collection);
  struct Pending;
  std::unique_ptr<Pending> pending_;
  std::shared_ptr<hmp::Section> section_;
};

class WebexBuilder {
 public:
  explicit WebexBuilder(Scanner& s);
  ~WebexBuilder();
  void read();
  std::shared_ptr<webex::Section> finish(std::vector<StateWarning>& warnings);

 private:
  struct Pending;
  std::unique_ptr<Pending> pending_;
  std::shared_ptr<webex::Section> section_;
};

class OcmBuilder {
 public:
  explicit OcmBuilder(Scanner& s);
  ~OcmBuilder();
  void read();
  std::shared_ptr<ocm::Section> finish(std::vector<StateWarning>& warnings);

 private:
  struct Pending;
  std::unique_ptr<Pending> pending_;
  std::shared_ptr<ocm::Section> section_;
};

// Reads the members of a section object: collections (arrays, handed to `collection` with their
// bit in `names`), other known members (`member` returns true if it read the value) and unknown
// members, kept as the section's extras. Duplicate keys are refused.
template <class Collection, class Member>
void read_section(Scanner& s, const char* const* names, int count, std::uint16_t& present, std::string& arena,
                  Extras& extras, Collection collection, Member member);

// Derived indexes, rebuilt after a change that touches them.
void index_webex_owners(webex::Section& s);

}  // namespace sharepolicy::state

#include "state/reading.h"

namespace sharepolicy::state {

template <class Collection, class Member>
void read_section(Scanner& s, const char* const* names, int count, std::uint16_t& present, std::string& arena,
                  Extras& extras, Collection collection, Member member) {
  KeySet keys;
  std::string unknown;
  s.enter_object();
  std::string_view key;
  while (s.next_member(key)) {
    if (!s.add_key(keys)) {
      s.fail_at("duplicate key '" + text_util::excerpt(text_util::valid_utf8(key)) + "' in the state");
    }
    int bit = -1;
    for (int i = 0; i < count; ++i) {
      if (key == names[i]) bit = i;
    }
    if (bit >= 0) {
      const ValueKind k = s.peek();
      if (k != ValueKind::kArray) s.fail_at("'" + std::string(key) + "' must be an array, not " + kind_name(k));
      present |= static_cast<std::uint16_t>(1u << bit);
      s.enter_array();
      collection(bit);
    } else if (!member(key)) {
      if (!unknown.empty()) unknown += ',';
      s.raw_key(unknown);
      s.raw(unknown);
    }
  }
  extras = keep_extras(arena, unknown);
}

}  // namespace sharepolicy::state
