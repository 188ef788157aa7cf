// "Did you mean": ClosestNames keeps the nearest candidates (ASCII case ignored) within its bound,
// the first considered among equals, and best() answers only those at the smallest distance.
#include <catch2/catch.hpp>

#include "common/closest_names.h"

using sharepolicy::text_util::ClosestNames;
using Names = std::vector<std::string>;

namespace {
Names closest(const std::string& wanted, const Names& candidates, std::size_t limit = 3) {
  ClosestNames c(wanted, limit);
  for (const auto& n : candidates) c.consider(n);
  return c.best();
}
}  // namespace

TEST_CASE("closest names: nearest only, case ignored, in the order considered", "[closest]") {
  CHECK(closest("jdoo", {"admin", "JDOE", "jdoe2", "jd"}) == Names{"JDOE"});
  CHECK(closest("bobb", {"bob", "bobby", "rob", "bo"}) == Names{"bob", "bobby"});
  CHECK(closest("Sales", {"sales-team", "SALES", "Sale"}) == Names{"SALES"});  // distance 0 wins
}

TEST_CASE("closest names: nothing beyond max(2, a third of the name)", "[closest]") {
  CHECK(closest("abc", {"xyzw", "abcdef"}).empty());
  CHECK(closest("abc", {"axyz"}).empty());                                    // distance 3 > 2
  CHECK(closest("abc", {"xbz"}) == Names{"xbz"});                             // distance 2
  CHECK(closest("abcdefghijkl", {"abcdefghixyz"}) == Names{"abcdefghixyz"});  // 3 ≤ 12 / 3 + 0
}

TEST_CASE("closest names: the limit keeps the first among equals", "[closest]") {
  CHECK(closest("cat", {"bat", "hat", "mat", "rat"}, 2) == Names{"bat", "hat"});
  CHECK(closest("cat", {"bat", "hat", "mat", "cat"}, 2) == Names{"cat"});  // a nearer one still enters
  CHECK(closest("cat", {"cat", "CAT", "bat"}, 1) == Names{"cat"});
}

namespace {
using sharepolicy::text_util::NameNeighbours;

// 3000 distinct names that share beginnings and ends, as directories do.
std::vector<std::string> directory() {
  const char* first[] = {"anna", "bob", "carla", "dmitri", "elena", "farid", "grace", "hiro", "ines", "jon"};
  const char* last[] = {"smith", "garcia", "chen", "okafor", "novak", "silva"};
  std::vector<std::string> names;
  for (int n = 0; names.size() < 3000; ++n) {
    names.push_back(std::string(first[n % 10]) + "." + last[(n / 10) % 6] + std::to_string(n / 60));
  }
  return names;
}

Names closest_via_neighbours(const NameNeighbours& index, const std::vector<std::string>& names,
                             const std::string& wanted) {
  ClosestNames c(wanted);
  auto name = [&](std::size_t i) -> const std::string& { return names[i]; };
  for (auto i : index.candidates(wanted, name)) c.consider(name(i));
  return c.best();
}
}  // namespace

TEST_CASE("name neighbours: a small collection is compared in full", "[closest]") {
  const Names names = {"zed", "amy", "bob"};
  NameNeighbours index;
  index.build(names.size(), [&](std::size_t i) -> const std::string& { return names[i]; });
  const auto all = index.candidates("x", [&](std::size_t i) -> const std::string& { return names[i]; });
  CHECK(all == std::vector<NameNeighbours::Position>{0, 1, 2});
}

TEST_CASE("name neighbours: a large collection compares a bounded set that holds the misspelt name", "[closest]") {
  const auto names = directory();
  NameNeighbours index;
  auto name = [&](std::size_t i) -> const std::string& { return names[i]; };
  index.build(names.size(), name);
  const std::string target = names[1244];
  REQUIRE(target == "elena.novak20");
  for (const std::string& typo : {std::string("elena.nivak20"), std::string("Elena.Novak20x"),
                                  std::string("xlena.novak20"), std::string("elena.novak2")}) {
    INFO(typo);
    CHECK(index.candidates(typo, name).size() <= 4 * NameNeighbours::kPerSide);
    const Names best = closest_via_neighbours(index, names, typo);
    if (typo == "elena.novak2") {
      CHECK(best == Names{"elena.novak2"});  // an exact name (case aside) is its own nearest
    } else {
      CHECK(std::find(best.begin(), best.end(), target) != best.end());
    }
  }
}
