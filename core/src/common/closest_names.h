// "Did you mean …": the candidates nearest a name that matched nothing, for the fix of a denial.
// Only a denial pays for it; in a large collection NameNeighbours (below) picks which names to compare.
#pragma once
#include <cstddef>
#include <cstdint>
#include <array>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sharepolicy::text_util {

class ClosestNames {
 public:
  // Farther than this many edits a name is not a misspelling worth suggesting; the cap also keeps
  // one comparison linear in the name's length (the distance is computed in a band this wide).
  static constexpr std::size_t kMaxEdits = 16;
  // Distance cells one suggestion may compute in all (a few milliseconds): comparisons that could
  // go past it are skipped, whatever the number and length of the names (issue 16).
  static constexpr std::size_t kMaxCells = 2'000'000;

  explicit ClosestNames(std::string_view wanted, std::size_t limit = 3);
  // Keeps `candidate` if it is among the `limit` nearest so far (ASCII case ignored), within an
  // edit distance of max(2, min(kMaxEdits, a third of the wanted name's length)), as long as the
  // budget of kMaxCells allows comparing it.
  void consider(const std::string& candidate);
  // The candidates at the smallest distance (up to `limit`), in the order they were considered.
  std::vector<std::string> best() const;

  // The work done so far (for the tests that bound it): distance cells computed, candidates
  // skipped because the budget could not cover them.
  std::size_t cells_computed() const { return cells_; }
  std::size_t candidates_skipped() const { return skipped_; }

 private:
  std::string wanted_;
  std::size_t limit_, bound_;
  std::size_t cells_ = 0, skipped_ = 0;
  std::vector<std::pair<std::size_t, std::string>> kept_;  // (distance, name), sorted by distance
  std::vector<std::size_t> row_;                           // the distance computation's buffer, reused
  // Per byte value, the positions of that byte in the wanted name (1 to 64 bytes only): the
  // bit-parallel distance's table; without it, the banded one.
  std::optional<std::array<std::uint64_t, 256>> columns_;
};

// The names of one collection in two case-insensitive orders, by their beginning and by their
// end, built at load time. A misspelt name keeps its beginning or its end, so its closest names
// are among its neighbours in one of the orders: a "did you mean" over a large collection compares
// a bounded number of names instead of all of them, and a preview's cost does not grow with the
// number of users. Collections below kEveryNameBelow are still compared in full (within the
// budget of ClosestNames::kMaxCells).
class NameNeighbours {
 public:
  using Position = std::uint32_t;
  // The collection's names by position (a lambda returning a const std::string& fits).
  using NameOf = std::function<std::string_view(std::size_t)>;
  static constexpr std::size_t kEveryNameBelow = 1024;  // collections this small: compare all
  static constexpr std::size_t kPerSide = 24;           // neighbours taken on each side, per order
  // The orders look at a name's first (and last) kOrderBytes bytes only: sorting costs
  // n log n * kOrderBytes at most, however long a shared beginning is; equal there, names keep
  // their collection order.
  static constexpr std::size_t kOrderBytes = 64;

  void build(std::size_t count, const NameOf& name_of);
  // The positions a "did you mean" for `wanted` compares, in collection order.
  std::vector<Position> candidates(std::string_view wanted, const NameOf& name_of) const;

 private:
  std::size_t count_ = 0;
  std::vector<Position> forward_, backward_;  // empty below kEveryNameBelow
};

}  // namespace sharepolicy::text_util
