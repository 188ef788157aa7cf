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
  CHECK(closest("abc", {"axyz"}).empty());           // distance 3 > 2
  CHECK(closest("abc", {"xbz"}) == Names{"xbz"});    // distance 2
  CHECK(closest("abcdefghijkl", {"abcdefghixyz"}) == Names{"abcdefghixyz"});  // 3 ≤ 12 / 3 + 0
}

TEST_CASE("closest names: the limit keeps the first among equals", "[closest]") {
  CHECK(closest("cat", {"bat", "hat", "mat", "rat"}, 2) == Names{"bat", "hat"});
  CHECK(closest("cat", {"bat", "hat", "mat", "cat"}, 2) == Names{"cat"});  // a nearer one still enters
  CHECK(closest("cat", {"cat", "CAT", "bat"}, 1) == Names{"cat"});
}
