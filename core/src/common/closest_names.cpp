#include "common/closest_names.h"

#include <algorithm>

#include "common/text_util.h"

namespace sharepolicy::text_util {
namespace {

char fold(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Levenshtein distance with ASCII case folded, giving up (returning bound + 1) once every cell of a
// row exceeds `bound`. `row` is the caller's buffer, so that a scan of 50k names allocates nothing.
std::size_t bounded_distance(const std::string& a, const std::string& b, std::size_t bound, std::vector<std::size_t>& row) {
  const std::size_t gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (gap > bound) return bound + 1;
  row.resize(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0], best = row[0] = i;
    const char ai = a[i - 1];  // already folded: the wanted name
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (ai == fold(b[j - 1]) ? 0 : 1)});
      diagonal = above;
      best = std::min(best, row[j]);
    }
    if (best > bound) return bound + 1;
  }
  return row[b.size()];
}

}  // namespace

ClosestNames::ClosestNames(std::string_view wanted, std::size_t limit)
    : wanted_(lower_ascii(wanted)), limit_(limit), bound_(std::max<std::size_t>(2, wanted.size() / 3)) {}

void ClosestNames::consider(const std::string& candidate) {
  // Once `limit_` names are kept, only a strictly nearer one can enter: search with that bound.
  const std::size_t bound = kept_.size() == limit_ ? kept_.back().first - (kept_.back().first > 0 ? 1 : 0) : bound_;
  if (kept_.size() == limit_ && kept_.back().first == 0) return;
  const std::size_t d = bounded_distance(wanted_, candidate, bound, row_);
  if (d > bound) return;
  auto at = std::upper_bound(kept_.begin(), kept_.end(), d,
                             [](std::size_t value, const auto& kept) { return value < kept.first; });
  kept_.insert(at, {d, candidate});
  if (kept_.size() > limit_) kept_.pop_back();
}

namespace {

int compare_folded(char a, char b) { return static_cast<unsigned char>(fold(a)) - static_cast<unsigned char>(fold(b)); }

// Case-insensitive orders of names by their beginning and by their end.
int compare_forward(std::string_view a, std::string_view b) {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (int c = compare_folded(a[i], b[i])) return c;
  }
  return a.size() < b.size() ? -1 : a.size() > b.size() ? 1 : 0;
}

int compare_backward(std::string_view a, std::string_view b) {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 1; i <= n; ++i) {
    if (int c = compare_folded(a[a.size() - i], b[b.size() - i])) return c;
  }
  return a.size() < b.size() ? -1 : a.size() > b.size() ? 1 : 0;
}

using Compare = int (*)(std::string_view, std::string_view);
using Position = NameNeighbours::Position;

// Sorted by name, then by position: a total order, so every standard library sorts it alike
// (native and WebAssembly answers stay byte-identical).
std::vector<Position> sorted_positions(std::size_t count, const NameNeighbours::NameOf& name_of, Compare compare) {
  std::vector<Position> order(count);
  for (std::size_t i = 0; i < count; ++i) order[i] = static_cast<Position>(i);
  std::sort(order.begin(), order.end(), [&](Position a, Position b) {
    const int c = compare(name_of(a), name_of(b));
    return c != 0 ? c < 0 : a < b;
  });
  return order;
}

void take_around(const std::vector<Position>& order, std::string_view wanted, const NameNeighbours::NameOf& name_of,
                 Compare compare, std::vector<Position>& out) {
  const auto at = std::lower_bound(order.begin(), order.end(), wanted,
                                   [&](Position p, std::string_view w) { return compare(name_of(p), w) < 0; });
  const auto from = at - std::min<std::ptrdiff_t>(NameNeighbours::kPerSide, at - order.begin());
  const auto to = at + std::min<std::ptrdiff_t>(NameNeighbours::kPerSide, order.end() - at);
  out.insert(out.end(), from, to);
}

}  // namespace

void NameNeighbours::build(std::size_t count, const NameOf& name_of) {
  count_ = count;
  forward_.clear();
  backward_.clear();
  if (count < kEveryNameBelow) return;
  forward_ = sorted_positions(count, name_of, compare_forward);
  backward_ = sorted_positions(count, name_of, compare_backward);
}

std::vector<Position> NameNeighbours::candidates(std::string_view wanted, const NameOf& name_of) const {
  std::vector<Position> out;
  if (forward_.empty()) {
    out.resize(count_);
    for (std::size_t i = 0; i < count_; ++i) out[i] = static_cast<Position>(i);
    return out;
  }
  take_around(forward_, wanted, name_of, compare_forward, out);
  take_around(backward_, wanted, name_of, compare_backward, out);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::string> ClosestNames::best() const {
  // Only the nearest: "bobb" suggests "bob", not every address of the same domain.
  std::vector<std::string> out;
  for (const auto& k : kept_) {
    if (k.first == kept_.front().first) out.push_back(k.second);
  }
  return out;
}

}  // namespace sharepolicy::text_util
