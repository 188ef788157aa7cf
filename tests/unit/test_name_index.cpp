// NameIndex: look-ups by id or name agree with a std::map keyed by the exact or lower-cased
// (text_util::lower_ascii) string, for unique and multi use, across growth and copies.
#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <string>
#include <vector>

#include "common/name_index.h"
#include "common/text_util.h"

using sharepolicy::Index;
using sharepolicy::IndexSpan;
using sharepolicy::KeyCase;
using sharepolicy::kNoIndex;
using sharepolicy::NameIndex;

namespace {

std::vector<Index> all(IndexSpan span) { return std::vector<Index>(span.begin(), span.end()); }

// Short strings over an alphabet that holds both cases, the characters just outside A-Z and a-z
// ('@', '[', '`', '{') and bytes >= 0x80 whose low 7 bits look like letters (0xC1, 0xE1).
std::string random_key(std::mt19937& rng) {
  static const std::string alphabet = std::string("aAzZbB@[`{09-_") + "\xC1\xE1\xDA\xFA";
  std::uniform_int_distribution<int> len(0, 20), pick(0, static_cast<int>(alphabet.size()) - 1);
  std::string s(static_cast<std::size_t>(len(rng)), ' ');
  for (char& c : s) c = alphabet[static_cast<std::size_t>(pick(rng))];
  return s;
}

}  // namespace

TEST_CASE("name index: exact keys", "[name_index]") {
  NameIndex index(KeyCase::kExact);
  CHECK(index.find("x") == kNoIndex);
  CHECK(index.find_all("x").empty());
  CHECK(index.insert_unique("Alice", 3));
  CHECK_FALSE(index.insert_unique("Alice", 4));
  CHECK(index.insert_unique("alice", 5));
  CHECK(index.insert_unique("", 6));
  CHECK(index.find("Alice") == 3);
  CHECK(index.find("alice") == 5);
  CHECK(index.find("ALICE") == kNoIndex);
  CHECK(index.find("") == 6);
  CHECK(index.size() == 3);
  CHECK_THROWS_AS(index.at("ALICE"), std::out_of_range);
}

TEST_CASE("name index: ASCII case folding only", "[name_index]") {
  NameIndex index(KeyCase::kFoldAscii);
  CHECK(index.insert_unique("4D5E-Long-Identifier-Over-Eight-Bytes", 1));
  CHECK_FALSE(index.insert_unique("4d5e-long-identifier-over-eight-bytes", 2));
  CHECK(index.find("4D5E-LONG-IDENTIFIER-OVER-EIGHT-BYTES") == 1);
  CHECK(index.find("4d5e-long-identifier-over-eight-byte") == kNoIndex);
  // '@' and '[' border 'A' and 'Z'; '`' and '{' border 'a' and 'z': none of them fold.
  CHECK(index.insert_unique("@[", 3));
  CHECK(index.find("`{") == kNoIndex);
  // Bytes >= 0x80 compare exactly (0xC1 is not 0xE1, though their low 7 bits are 'A' and 'a').
  CHECK(index.insert_unique("\xC1", 4));
  CHECK(index.find("\xE1") == kNoIndex);
  CHECK(index.find("\xC1") == 4);
}

TEST_CASE("name index: multi use keeps every position in order", "[name_index]") {
  NameIndex index(KeyCase::kFoldAscii);
  CHECK(index.add("JDoe", 0) == 1);
  CHECK(index.add("bob", 1) == 1);
  CHECK(index.add("jdoe", 2) == 2);
  CHECK(index.add("JDOE", 3) == 3);
  CHECK(all(index.find_all("jDoE")) == std::vector<Index>{0, 2, 3});
  CHECK(all(index.find_all("BOB")) == std::vector<Index>{1});
  CHECK(index.find("jdoe") == 0);
  const NameIndex copy = index;  // sections are copied on write: a copy answers the same
  CHECK(all(copy.find_all("jdoe")) == std::vector<Index>{0, 2, 3});
}

TEST_CASE("name index: agrees with a map over many random keys, through growth", "[name_index]") {
  for (KeyCase key_case : {KeyCase::kExact, KeyCase::kFoldAscii}) {
    const bool fold = key_case == KeyCase::kFoldAscii;
    auto norm = [&](const std::string& s) { return fold ? sharepolicy::text_util::lower_ascii(s) : s; };
    std::mt19937 rng(fold ? 11 : 7);
    NameIndex unique(key_case), multi(key_case);
    std::map<std::string, Index> unique_ref;
    std::map<std::string, std::vector<Index>> multi_ref;
    for (Index i = 0; i < 5000; ++i) {
      const std::string key = random_key(rng);
      INFO("key " << key);
      CHECK(unique.insert_unique(key, i) == unique_ref.emplace(norm(key), i).second);
      auto& list = multi_ref[norm(key)];
      list.push_back(i);
      CHECK(multi.add(key, i) == list.size());
    }
    CHECK(unique.size() == unique_ref.size());
    CHECK(multi.size() == multi_ref.size());
    for (int probe = 0; probe < 5000; ++probe) {
      const std::string key = random_key(rng);
      INFO("probe " << key);
      auto u = unique_ref.find(norm(key));
      CHECK(unique.find(key) == (u == unique_ref.end() ? kNoIndex : u->second));
      auto m = multi_ref.find(norm(key));
      CHECK(all(multi.find_all(key)) == (m == multi_ref.end() ? std::vector<Index>{} : m->second));
    }
  }
}

TEST_CASE("name index: reserve before or after inserts keeps every key", "[name_index]") {
  NameIndex index(KeyCase::kFoldAscii);
  for (Index i = 0; i < 100; ++i) CHECK(index.insert_unique("user-" + std::to_string(i), i));
  index.reserve(10000);
  for (Index i = 0; i < 100; ++i) CHECK(index.find("USER-" + std::to_string(i)) == i);
}

// find_spelt answers "spelt as stored" without the caller's copy of the key: never wrongly (a
// reference spelt otherwise would lose its spelling on the way back out), and always for a key
// written as an all-lower-case stored one (the common case, so the load skips reading the id).
TEST_CASE("name index: find_spelt tells a key written as stored", "[name_index]") {
  NameIndex folded(KeyCase::kFoldAscii);
  CHECK(folded.insert_unique("abc-1", 0));
  CHECK(folded.insert_unique("Abc-2", 1));
  CHECK(folded.find_spelt("abc-1").at == 0);
  CHECK(folded.find_spelt("abc-1").as_stored);
  CHECK_FALSE(folded.find_spelt("ABC-1").as_stored);  // found, spelt otherwise
  CHECK(folded.find_spelt("ABC-1").at == 0);
  CHECK_FALSE(folded.find_spelt("Abc-2").as_stored);  // stored with a capital: the caller compares
  CHECK(folded.find_spelt("nope").at == kNoIndex);
  NameIndex exact(KeyCase::kExact);
  CHECK(exact.insert_unique("Abc", 0));
  CHECK(exact.find_spelt("Abc").as_stored);

  std::mt19937 rng(7);
  NameIndex index(KeyCase::kFoldAscii);
  std::map<std::string, std::string> first;  // folded key -> the key stored under it
  for (Index i = 0; i < 3000; ++i) {
    const std::string key = random_key(rng);
    if (index.insert_unique(key, i)) first.emplace(sharepolicy::text_util::lower_ascii(key), key);
  }
  for (const auto& [folded_key, stored] : first) {
    CHECK(index.find_spelt(stored).as_stored == (stored == folded_key));
  }
  for (int i = 0; i < 3000; ++i) {
    const std::string key = random_key(rng);
    const NameIndex::Found found = index.find_spelt(key);
    const auto it = first.find(sharepolicy::text_util::lower_ascii(key));
    REQUIRE((found.at == kNoIndex) == (it == first.end()));
    if (it == first.end()) continue;
    if (found.as_stored) CHECK(key == it->second);
    if (key == it->second && key == sharepolicy::text_util::lower_ascii(key)) CHECK(found.as_stored);
  }
}
