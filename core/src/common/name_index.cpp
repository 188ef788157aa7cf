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

bool NameIndex::equal(const Entry& e, std::string_view key) const {
  if (e.length != key.size()) return false;
  const char* a = arena_.data() + e.offset;
  const char* b = key.data();
  if (std::memcmp(a, b, key.size()) == 0) return true;
  if (case_ == KeyCase::kExact) return false;
  for (std::size_t i = 0; i < key.size(); i += 8) {
    const std::size_t n = key.size() - i < 8 ? key.size() - i : 8;
    if (fold_word(load_word(a + i, n)) != fold_word(load_word(b + i, n))) return false;
  }
  return true;
}

void NameIndex::reserve(std::size_t keys) {
  entries_.reserve(keys);
  std::size_t want = 16;
  while (want < keys * 2) want *= 2;
  if (want > slots_.size()) {
    // Rebuild at the larger size (grow() doubles; reserve may jump further).
    std::vector<std::uint64_t>().swap(slots_);
    slots_.assign(want, 0);
    for (std::uint32_t k = 0; k < entries_.size(); ++k) {
      const Entry& e = entries_[k];
      const std::uint64_t h = hash(std::string_view(arena_.data() + e.offset, e.length));
      std::size_t slot = h & (slots_.size() - 1);
      while (slots_[slot] != kEmpty) slot = (slot + 1) & (slots_.size() - 1);
      slots_[slot] = (h & 0xffffffff00000000ull) | (k + 1);
    }
  }
}

void NameIndex::grow() { reserve(slots_.empty() ? 8 : slots_.size()); }

const NameIndex::Entry* NameIndex::locate(std::string_view key, std::uint64_t h, std::size_t& slot) const {
  if (slots_.empty()) return nullptr;
  const std::size_t mask = slots_.size() - 1;
  const std::uint64_t tag = h & 0xffffffff00000000ull;
  for (slot = h & mask;; slot = (slot + 1) & mask) {
    const std::uint64_t s = slots_[slot];
    if (s == kEmpty) return nullptr;
    if ((s & 0xffffffff00000000ull) == tag) {
      const Entry& e = entries_[static_cast<std::uint32_t>(s) - 1];
      if (equal(e, key)) return &e;
    }
  }
}

NameIndex::Entry& NameIndex::emplace(std::string_view key, std::uint64_t h, std::size_t slot) {
  if (key.size() > 0xffffffffu || entries_.size() >= 0xfffffffeu) throw std::length_error("name index too large");
  if ((entries_.size() + 1) * 2 > slots_.size()) {
    grow();
    std::size_t probe = 0;
    locate(key, h, probe);  // the key is absent: this finds the free slot in the new table
    slot = probe;
  }
  entries_.push_back(Entry{arena_.size(), static_cast<std::uint32_t>(key.size()), 0, kNoIndex});
  arena_.insert(arena_.end(), key.begin(), key.end());
  slots_[slot] = (h & 0xffffffff00000000ull) | entries_.size();
  return entries_.back();
}

bool NameIndex::insert_unique(std::string_view key, Index value) {
  const std::uint64_t h = hash(key);
  std::size_t slot = 0;
  if (locate(key, h, slot)) return false;
  Entry& e = emplace(key, h, slot);
  e.count = 1;
  e.value = value;
  return true;
}

std::size_t NameIndex::add(std::string_view key, Index value) {
  const std::uint64_t h = hash(key);
  std::size_t slot = 0;
  Entry* e = const_cast<Entry*>(locate(key, h, slot));
  if (!e) {
    Entry& fresh = emplace(key, h, slot);
    fresh.count = 1;
    fresh.value = value;
    return 1;
  }
  if (e->count == 1) {
    overflow_.push_back({e->value});
    e->value = static_cast<Index>(overflow_.size() - 1);
  }
  overflow_[e->value].push_back(value);
  return ++e->count;
}

Index NameIndex::find(std::string_view key) const {
  std::size_t slot = 0;
  const Entry* e = locate(key, hash(key), slot);
  if (!e) return kNoIndex;
  return e->count == 1 ? e->value : overflow_[e->value].front();
}

Index NameIndex::at(std::string_view key) const {
  const Index found = find(key);
  if (found == kNoIndex) throw std::out_of_range("name index: unknown key");
  return found;
}

IndexSpan NameIndex::find_all(std::string_view key) const {
  std::size_t slot = 0;
  const Entry* e = locate(key, hash(key), slot);
  if (!e) return {};
  if (e->count == 1) return {&e->value, 1};
  const std::vector<Index>& all = overflow_[e->value];
  return {all.data(), all.size()};
}

}  // namespace sharepolicy
