// An index from ids or names to element positions, built once at load and read on every request.
// The keys' bytes live in the index's own records (element strings move when a collection grows or
// is copied), so a look-up is a hash and a compare over the caller's bytes: no lower-cased copy,
// no allocation. Case-insensitive indexes fold ASCII letters while hashing and comparing, exactly
// as text_util::lower_ascii does (bytes >= 0x80 are compared as they are).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace sharepolicy {

using Index = std::uint32_t;
inline constexpr Index kNoIndex = 0xffffffffu;

enum class KeyCase : std::uint8_t {
  kExact,      // bytes compare as they are (OCM ids, Webex person and recording ids, HMP role names)
  kFoldAscii,  // A-Z equal a-z (HMP ids and names, Webex emails, OCM login names)
};

// The positions stored under one key: one for a unique index, one or more for a multi index.
class IndexSpan {
 public:
  IndexSpan() = default;
  IndexSpan(const Index* data, std::size_t size) : data_(data), size_(size) {}
  const Index* begin() const { return data_; }
  const Index* end() const { return data_ + size_; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  Index front() const { return data_[0]; }
  Index operator[](std::size_t i) const { return data_[i]; }

 private:
  const Index* data_ = nullptr;
  std::size_t size_ = 0;
};

class NameIndex {
 public:
  explicit NameIndex(KeyCase key_case = KeyCase::kExact) : case_(key_case) {}

  KeyCase key_case() const { return case_; }
  // Number of distinct keys.
  std::size_t size() const { return size_; }
  // `record_words`: when known, the sum of record_words() over the keys to come, so that the
  // key records are allocated once at their size (growth by doubling left up to half unused).
  void reserve(std::size_t keys, std::size_t record_words = 0);
  // The 32-bit words the record of a key of `key_size` bytes takes (see records_ below).
  static std::size_t record_words(std::size_t key_size) { return kHeaderWords + 2 * ((key_size + 7) / 8); }

  // Unique use: stores `value` under `key` unless the key (in this index's case) is already
  // there; false then, and the index is unchanged.
  bool insert_unique(std::string_view key, Index value);
  // Multi use: appends `value` to the key's positions; answers how many the key now has.
  std::size_t add(std::string_view key, Index value);

  // The first position stored under `key`, or kNoIndex.
  Index find(std::string_view key) const;
  // Every position stored under `key`, in insertion order; empty when the key is absent. Valid
  // until the index changes.
  IndexSpan find_all(std::string_view key) const;
  bool contains(std::string_view key) const { return find(key) != kNoIndex; }

  // find_all in two steps, for a caller with several keys to find on a large state: hash each key
  // and prefetch its slot first, so that the slots' cache misses overlap rather than follow one
  // another, then find_all(key, hash). hash() is that of this index's case.
  std::uint64_t hash(std::string_view key) const;
  void prefetch(std::uint64_t h) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[h & (slots_.size() - 1)]);
  }
  IndexSpan find_all(std::string_view key, std::uint64_t h) const;
  // find(), for keys the caller knows are present: std::out_of_range otherwise.
  Index at(std::string_view key) const;

  // find(), also telling whether `key` is byte for byte the key first stored under it, without
  // reading the caller's copy of that key (a cache miss per reference when a large state resolves
  // its references): `as_stored` is true when it certainly is, false when the caller must compare
  // (the stored key had capitals a folding index lost; rare, ids are written in lower case).
  struct Found {
    Index at = kNoIndex;
    bool as_stored = false;
  };
  Found find_spelt(std::string_view key) const;

 private:
  // One record per key in records_, so that a look-up touches one slot and then one record (its
  // header and key bytes side by side) rather than a slot, an entry and an arena:
  //   [length][count][value][verbatim] then the key in 8-byte words, zero-padded; in a
  //   case-insensitive index the key is stored folded, so a probe folds only the caller's bytes.
  // count: positions stored under the key; value: the position when count == 1, else an index
  // into overflow_; verbatim: 1 when folding left the first key stored under it unchanged.
  static constexpr std::size_t kHeaderWords = 4;  // of records_ (uint32)
  static constexpr std::uint64_t kEmpty = 0;      // slot value; a used slot holds record offset + 1

  bool equal(std::uint32_t record, std::string_view key) const;
  // The record holding `key` (its offset in records_), or kNoRecord; `slot` receives where the
  // probe stopped.
  static constexpr std::uint32_t kNoRecord = 0xffffffffu;
  std::uint32_t locate(std::string_view key, std::uint64_t h, std::size_t& slot) const;
  // The first position stored under the record at offset `record`.
  Index first_position(std::uint32_t record) const;
  std::uint32_t emplace(std::string_view key, std::uint64_t h, std::size_t slot);
  void place(std::uint32_t record, std::uint64_t h);
  void grow();

  KeyCase case_;
  std::size_t size_ = 0;
  std::vector<std::uint32_t> records_;
  // Open addressing, linear probing, power-of-two size, at most half full. Each slot packs the
  // key's upper hash bits with the record's offset + 1, so a probe rarely touches a record it skips.
  std::vector<std::uint64_t> slots_;
  std::vector<std::vector<Index>> overflow_;  // positions of keys held more than once
};

}  // namespace sharepolicy
