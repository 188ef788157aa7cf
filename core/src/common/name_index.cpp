#include "common/name_index.h"

#include <cstring>
#include <stdexcept>

namespace sharepolicy {

namespace {

// Up to 8 bytes as one word, zero-padded (the length is hashed separately, so padding is safe).
std::uint64_t load_word(const char* p, std::size_t n) {
  std::uint64_t w = 0;
  std::memcpy(&w, p, n);
  return w;
}

// ASCII A-Z to a-z in each byte of the word at once; other bytes, including every byte >= 0x80,
// stay as they are (the same mapping as text_util::lower_ascii).
std::uint64_t fold_word(std::uint64_t w) {
  constexpr std::uint64_t kHigh = 0x8080808080808080ull;
  const std::uint64_t low7 = w & ~kHigh;
  const std::uint64_t above_z = low7 + 0x2525252525252525ull;  // high bit set where byte > 'Z'
  const std::uint64_t from_a = low7 + 0x3f3f3f3f3f3f3f3full;   // high bit set where byte >= 'A'
  const std::uint64_t upper = (from_a ^ above_z) & ~w & kHigh;
  return w | (upper >> 2);
}

std::uint64_t mix(std::uint64_t h) {
  h ^= h >> 32;
  h *= 0xd6e8feb86659fd93ull;
  h ^= h >> 32;
  return h;
}

}  // namespace

std::uint64_t NameIndex::hash(std::string_view key) const {
  const bool fold = case_ == KeyCase::kFoldAscii;
  const char* p = key.data();
  const std::size_t n = key.size();
  std::uint64_t h = 0x9e3779b97f4a7c15ull ^ n;
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const std::uint64_t w = load_word(p + i, 8);
    h = (h ^ (fold ? fold_word(w) : w)) * 0xbf58476d1ce4e5b9ull;
    h ^= h >> 29;
  }
  if (i < n) {
    const std::uint64_t w = load_word(p + i, n - i);
    h = (h ^ (fold ? fold_word(w) : w)) * 0xbf58476d1ce4e5b9ull;
  }
  return mix(h);
}

namespace {

std::size_t key_words(std::size_t length) { return (length + 7) / 8; }

}  // namespace

// The record's key words against the caller's bytes: one pass, no memcmp call (keys are short:
// ids and names). A word of the caller's is folded only when it differs as written (the stored
// key is folded, and most callers write ids and names in lower case already).
bool NameIndex::equal(std::uint32_t record, std::string_view key) const {
  const std::uint32_t* r = records_.data() + record;
  if (r[0] != key.size()) return false;
  const char* stored = reinterpret_cast<const char*>(r + kHeaderWords);
  const bool fold = case_ == KeyCase::kFoldAscii;
  const std::size_t n = key.size();
  auto same = [fold](std::uint64_t w, std::uint64_t want) { return w == want || (fold && fold_word(w) == want); };
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    if (!same(load_word(key.data() + i, 8), load_word(stored + i, 8))) return false;
  }
  return i == n || same(load_word(key.data() + i, n - i), load_word(stored + i, 8));
}

void NameIndex::place(std::uint32_t record, std::uint64_t h) {
  std::size_t slot = h & (slots_.size() - 1);
  while (slots_[slot] != kEmpty) slot = (slot + 1) & (slots_.size() - 1);
  slots_[slot] = (h & 0xffffffff00000000ull) | (static_cast<std::uint64_t>(record) + 1);
}

void NameIndex::reserve(std::size_t keys, std::size_t record_words) {
  if (record_words > records_.capacity()) records_.reserve(record_words);
  std::size_t want = 16;
  while (want < keys * 2) want *= 2;
  if (want > slots_.size()) {
    // Rebuild at the larger size (grow() doubles; reserve may jump further).
    std::vector<std::uint64_t>().swap(slots_);
    slots_.assign(want, 0);
    for (std::uint32_t r = 0; r < records_.size(); r += kHeaderWords + 2 * key_words(records_[r])) {
      const char* stored = reinterpret_cast<const char*>(records_.data() + r + kHeaderWords);
      // The stored key is already folded: hashing it again gives the hash of every spelling.
      place(r, hash(std::string_view(stored, records_[r])));
    }
  }
}

void NameIndex::grow() { reserve(slots_.empty() ? 8 : slots_.size()); }

std::uint32_t NameIndex::locate(std::string_view key, std::uint64_t h, std::size_t& slot) const {
  if (slots_.empty()) return kNoRecord;
  const std::size_t mask = slots_.size() - 1;
  const std::uint64_t tag = h & 0xffffffff00000000ull;
  for (slot = h & mask;; slot = (slot + 1) & mask) {
    const std::uint64_t s = slots_[slot];
    if (s == kEmpty) return kNoRecord;
    if ((s & 0xffffffff00000000ull) == tag) {
      const std::uint32_t record = static_cast<std::uint32_t>(s) - 1;
      if (equal(record, key)) return record;
    }
  }
}

std::uint32_t NameIndex::emplace(std::string_view key, std::uint64_t h, std::size_t slot) {
  const std::size_t words = kHeaderWords + 2 * key_words(key.size());
  if (key.size() > 0xffffffffu || records_.size() + words >= kNoRecord) throw std::length_error("name index too large");
  const auto record = static_cast<std::uint32_t>(records_.size());
  records_.resize(records_.size() + words, 0);
  records_[record] = static_cast<std::uint32_t>(key.size());
  char* stored = reinterpret_cast<char*>(records_.data() + record + kHeaderWords);
  std::memcpy(stored, key.data(), key.size());
  std::uint64_t changed = 0;
  if (case_ == KeyCase::kFoldAscii) {
    for (std::size_t i = 0; i < key.size(); i += 8) {
      const std::uint64_t w = load_word(stored + i, 8);
      const std::uint64_t folded = fold_word(w);
      changed |= w ^ folded;
      std::memcpy(stored + i, &folded, 8);
    }
  }
  records_[record + 3] = changed == 0;
  ++size_;
  if (size_ * 2 > slots_.size()) {
    grow();  // places every record, this one included
  } else {
    slots_[slot] = (h & 0xffffffff00000000ull) | (static_cast<std::uint64_t>(record) + 1);
  }
  return record;
}

bool NameIndex::insert_unique(std::string_view key, Index value) {
  const std::uint64_t h = hash(key);
  std::size_t slot = 0;
  if (locate(key, h, slot) != kNoRecord) return false;
  const std::uint32_t r = emplace(key, h, slot);
  records_[r + 1] = 1;
  records_[r + 2] = value;
  return true;
}

std::size_t NameIndex::add(std::string_view key, Index value) {
  const std::uint64_t h = hash(key);
  std::size_t slot = 0;
  std::uint32_t r = locate(key, h, slot);
  if (r == kNoRecord) {
    r = emplace(key, h, slot);
    records_[r + 1] = 1;
    records_[r + 2] = value;
    return 1;
  }
  std::uint32_t& count = records_[r + 1];
  std::uint32_t& stored = records_[r + 2];
  if (count == 1) {
    overflow_.push_back({stored});
    stored = static_cast<Index>(overflow_.size() - 1);
  }
  overflow_[stored].push_back(value);
  return ++count;
}

Index NameIndex::find(std::string_view key) const {
  std::size_t slot = 0;
  const std::uint32_t r = locate(key, hash(key), slot);
  if (r == kNoRecord) return kNoIndex;
  return first_position(r);
}

Index NameIndex::first_position(std::uint32_t record) const {
  return records_[record + 1] == 1 ? records_[record + 2] : overflow_[records_[record + 2]].front();
}

Index NameIndex::at(std::string_view key) const {
  const Index found = find(key);
  if (found == kNoIndex) throw std::out_of_range("name index: unknown key");
  return found;
}

// The key is the stored one as written when the stored key was kept verbatim and `key` has no
// capital a fold would change (the probe already found them equal once folded).
NameIndex::Found NameIndex::find_spelt(std::string_view key) const {
  std::size_t slot = 0;
  const std::uint32_t r = locate(key, hash(key), slot);
  if (r == kNoRecord) return {};
  Found found{first_position(r), records_[r + 3] != 0};
  if (found.as_stored && case_ == KeyCase::kFoldAscii) {
    std::size_t i = 0;
    for (; i + 8 <= key.size() && found.as_stored; i += 8) {
      const std::uint64_t w = load_word(key.data() + i, 8);
      found.as_stored = fold_word(w) == w;
    }
    if (found.as_stored && i < key.size()) {
      const std::uint64_t w = load_word(key.data() + i, key.size() - i);
      found.as_stored = fold_word(w) == w;
    }
  }
  return found;
}

IndexSpan NameIndex::find_all(std::string_view key) const { return find_all(key, hash(key)); }

IndexSpan NameIndex::find_all(std::string_view key, std::uint64_t h) const {
  std::size_t slot = 0;
  const std::uint32_t r = locate(key, h, slot);
  if (r == kNoRecord) return {};
  if (records_[r + 1] == 1) return {&records_[r + 2], 1};
  const std::vector<Index>& all = overflow_[records_[r + 2]];
  return {all.data(), all.size()};
}

}  // namespace sharepolicy
