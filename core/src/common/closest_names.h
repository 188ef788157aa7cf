// "Did you mean …": the candidates nearest a name that matched nothing, for the fix of a denial.
// Only a denial pays for it; in a large collection NameNeighbours (below) picks which names to compare.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace sharepolicy::text_util {

class ClosestNames {
 public:
  explicit ClosestNames(std::string_view wanted, std::size_t limit = 3);
  // Keeps `candidate` if it is among the `limit` nearest so far (ASCII case ignored), within an
  // edit distance of max(2, a third of the wanted name's length).
  void consider(const std::string& candidate);
  // The candidates at the smallest distance (up to `limit`), in the order they were considered.
  std::vector<std::string> best() const;

 private:
  std::string wanted_;
  std::size_t limit_, bound_;
  std::vector<std::pair<std::size_t, std::string>> kept_;  // (distance, name), sorted by distance
  std::vector<std::size_t> row_;  // the distance computation's buffer, reused
};

// The names of one collection in two case-insensitive orders, by their beginning and by their
// end, built at load time. A misspelt name keeps its beginning or its end, so its closest names
// are among its neighbours in one of the orders: a "did you mean" over a large collection compares
// a bounded number of names instead of all of them, and a preview's cost does not grow with the
// number of users. Collections below kEveryNameBelow are still compared in full.
class NameNeighbours {
 public:
  using Position = std::uint32_t;
  // The collection's names by position (a lambda returning a const std::string& fits).
  using NameOf = std::function<std::string_view(std::size_t)>;
  static constexpr std::size_t kEveryNameBelow = 1024;  // collections this small: compare all
  static constexpr std::size_t kPerSide = 24;           // neighbours taken on each side, per order

  void build(std::size_t count, const NameOf& name_of);
  // The positions a "did you mean" for `wanted` compares, in collection order.
  std::vector<Position> candidates(std::string_view wanted, const NameOf& name_of) const;

 private:
  std::size_t count_ = 0;
  std::vector<Position> forward_, backward_;  // empty below kEveryNameBelow
};

}  // namespace sharepolicy::text_util
