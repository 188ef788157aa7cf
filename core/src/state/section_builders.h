// Builders that read each system's section with the scanner into an indexed model. Elements are
// read in file order; references between them are kept (views into the text, or copies when it
// streams) and resolved in finish(), once every element is known, so the file may list
// collections in any order. The section object itself and its collections are walked by the
// loader (state_loader.h), which hands each builder one element or member at a time.
#pragma once
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "state/model.h"
#include "state/scanner.h"

namespace sharepolicy::state {

// Sizes `index` for the keys key_of(0) … key_of(n - 1) before they are inserted: its key records
// are then allocated once, at their size (on S, doubling left a third of the model's index bytes
// unused).
template <class KeyOf>
void reserve_index(NameIndex& index, std::size_t n, KeyOf key_of) {
  std::size_t words = 0;
  for (std::size_t i = 0; i < n; ++i) words += NameIndex::record_words(std::string_view(key_of(i)).size());
  index.reserve(n, words);
}

// Whether items[k] is the first of `items` with its pair (pair_of: a principal's type and index as
// one number), the items before it resolved. A short list is compared in place; `seen` holds the
// pairs of a long one (a node allocation per share or member was a fiftieth of loading M in wasm).
template <class Items, class PairOf>
bool first_with_pair(const Items& items, std::size_t k, std::unordered_set<std::uint64_t>& seen, PairOf pair_of) {
  constexpr std::size_t kInPlace = 16;
  const std::uint64_t pair = pair_of(items[k]);
  if (items.size() <= kInPlace) {
    for (std::size_t j = 0; j < k; ++j) {
      if (pair_of(items[j]) == pair) return false;
    }
    return true;
  }
  return seen.insert(pair).second;
}

// What the loader needs of a section's builder.
class SectionBuilder {
 public:
  virtual ~SectionBuilder() = default;

  // The bit of a collection's key, -1 for any other key.
  int collection_bit(std::string_view key) const {
    for (int i = 0; i < count_; ++i) {
      if (key == names_[i]) return i;
    }
    return -1;
  }
  void mark_present(int bit) { *present_ |= static_cast<std::uint16_t>(1u << bit); }
  // One element of collection `bit` at the scanner's position.
  virtual void read_element(int bit) = 0;
  // A member other than a collection: true if the builder read it (else it is kept as an extra).
  virtual bool read_member(std::string_view) { return false; }
  // The section object is closed: its unknown members (compact text) become its extras.
  void end_section();

  KeySet keys;          // the section object's keys so far (duplicates are refused)
  std::string unknown;  // its unknown members so far

 protected:
  // The section's collection names and where its presence bits and extras go.
  void bind(const char* const* names, int count, std::uint16_t& present, std::string& arena, Extras& extras) {
    names_ = names;
    count_ = count;
    present_ = &present;
    arena_ = &arena;
    extras_ = &extras;
  }

 private:
  const char* const* names_ = nullptr;
  int count_ = 0;
  std::uint16_t* present_ = nullptr;
  std::string* arena_ = nullptr;
  Extras* extras_ = nullptr;
};

// Each reads its section's object at the scanner's position (the scanner stands on its '{').
class HmpBuilder : public SectionBuilder {
 public:
  explicit HmpBuilder(Scanner& s);
  ~HmpBuilder() override;
  void read_element(int bit) override;
  bool read_member(std::string_view key) override;
  std::shared_ptr<hmp::Section> finish(std::vector<StateWarning>& warnings);

 private:
  void read_directory();
  void read_asset(int bit);
  void read_share(int collection);
  struct Pending;
  std::shared_ptr<hmp::Section> section_;
  std::unique_ptr<Pending> pending_;
};

class WebexBuilder : public SectionBuilder {
 public:
  explicit WebexBuilder(Scanner& s);
  ~WebexBuilder() override;
  void read_element(int bit) override;
  std::shared_ptr<webex::Section> finish(std::vector<StateWarning>& warnings);

 private:
  void read_person();
  void read_recording();
  struct Pending;
  std::shared_ptr<webex::Section> section_;
  std::unique_ptr<Pending> pending_;
};

class OcmBuilder : public SectionBuilder {
 public:
  explicit OcmBuilder(Scanner& s);
  ~OcmBuilder() override;
  void read_element(int bit) override;
  std::shared_ptr<ocm::Section> finish(std::vector<StateWarning>& warnings);

 private:
  void read_user();
  void read_group();
  void read_folder();
  void read_member_of_folder();
  struct Pending;
  std::shared_ptr<ocm::Section> section_;
  std::unique_ptr<Pending> pending_;
};

// Derived indexes, rebuilt after a change that touches them.
void index_webex_owners(webex::Section& s);

}  // namespace sharepolicy::state
