// "Did you mean …": the candidates nearest a name that matched nothing, for the fix of a denial.
// Only a denial pays for it, so a scan of every name of one collection is acceptable.
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
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
  static constexpr std::size_t kEveryNameBelow = 1024;  // collections this small: compare all
  static constexpr std::size_t kPerSide = 24;           // neighbours taken on each side, per order

  // name_of(i) for i in [0, count): the collection's names.
  template <class NameOf>
  void build(std::size_t count, NameOf name_of) {
    count_ = count;
    forward_.clear();
    backward_.clear();
    if (count < kEveryNameBelow) return;
    forward_.resize(count);
    for (std::size_t i = 0; i < count; ++i) forward_[i] = static_cast<Position>(i);
    backward_ = forward_;
    std::stable_sort(forward_.begin(), forward_.end(),
                     [&](Position a, Position b) { return forward_less(name_of(a), name_of(b)); });
    std::stable_sort(backward_.begin(), backward_.end(),
                     [&](Position a, Position b) { return backward_less(name_of(a), name_of(b)); });
  }

  // The positions a "did you mean" for `wanted` compares, in collection order.
  template <class NameOf>
  std::vector<Position> candidates(std::string_view wanted, NameOf name_of) const {
    std::vector<Position> out;
    if (forward_.empty()) {
      out.resize(count_);
      for (std::size_t i = 0; i < count_; ++i) out[i] = static_cast<Position>(i);
      return out;
    }
    take_around(forward_, std::lower_bound(forward_.begin(), forward_.end(), wanted,
                                           [&](Position p, std::string_view w) { return forward_less(name_of(p), w); }),
                out);
    take_around(backward_, std::lower_bound(backward_.begin(), backward_.end(), wanted,
                                            [&](Position p, std::string_view w) { return backward_less(name_of(p), w); }),
                out);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  static bool forward_less(std::string_view a, std::string_view b);
  static bool backward_less(std::string_view a, std::string_view b);

 private:
  static void take_around(const std::vector<Position>& order, std::vector<Position>::const_iterator at,
                          std::vector<Position>& out);
  std::size_t count_ = 0;
  std::vector<Position> forward_, backward_;  // empty below kEveryNameBelow
};

}  // namespace sharepolicy::text_util
