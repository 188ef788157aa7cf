#include "common/closest_names.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "common/text_util.h"

namespace sharepolicy::text_util {
namespace {

char fold(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

constexpr std::size_t kBeyond = static_cast<std::size_t>(-1) / 2;  // "more than the bound", never overflows

// Levenshtein distance with ASCII case folded, computed only in the band of cells within `bound` of
// the diagonal (a path outside it costs more than `bound` edits), giving up (returning bound + 1)
// once every cell of a row exceeds `bound`. Work: at most (a.size() + 1) * (2 * bound + 1) cells,
// added to `cells`. `row` is the caller's buffer, so that a scan of 50k names allocates nothing.
std::size_t bounded_distance(const std::string& a, const std::string& b, std::size_t bound,
                             std::vector<std::size_t>& row, std::size_t& cells) {
  const std::size_t gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (gap > bound) return bound + 1;
  row.assign(b.size() + 1, kBeyond);
  for (std::size_t j = 0; j <= std::min(b.size(), bound); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    const std::size_t from = i > bound ? i - bound : 1;
    const std::size_t to = std::min(b.size(), i + bound);
    // row[from - 1] holds the previous row's value, the diagonal of cell `from`; the cell left of
    // the band is out of reach in this row.
    std::size_t diagonal = row[from - 1];
    row[from - 1] = from == 1 && i <= bound ? i : kBeyond;
    std::size_t best = row[from - 1];
    const char ai = a[i - 1];  // already folded: the wanted name
    for (std::size_t j = from; j <= to; ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({above + 1, row[j - 1] + 1, diagonal + (ai == fold(b[j - 1]) ? 0 : 1)});
      diagonal = above;
      best = std::min(best, row[j]);
    }
    cells += to + 1 - from;
    if (best > bound) return bound + 1;
  }
  return std::min(row[b.size()], bound + 1);
}

// The same distance for a wanted name of 1 to 64 bytes, a whole row at a time: Myers' bit-vector
// algorithm (Hyyrö's form for the distance between two whole strings). One step per byte of the
// candidate instead of a band of cells: most denials ask about names this short, and a preview's
// "did you mean" compares dozens of them (in WebAssembly it was a third of a denied preview).
// `columns` holds, per byte value, the wanted name's positions of that (folded) byte.
std::size_t bit_parallel_distance(const std::array<std::uint64_t, 256>& columns, std::size_t length,
                                  const std::string& b, std::size_t bound, std::size_t& cells) {
  const std::size_t gap = length > b.size() ? length - b.size() : b.size() - length;
  if (gap > bound) return bound + 1;
  const std::uint64_t last = std::uint64_t{1} << (length - 1);
  std::uint64_t plus = ~std::uint64_t{0}, minus = 0;  // the column's +1 and -1 vertical steps
  std::size_t score = length;                         // D[length][j]
  for (std::size_t j = 0; j < b.size(); ++j) {
    const std::uint64_t eq = columns[static_cast<unsigned char>(fold(b[j]))];
    const std::uint64_t xv = eq | minus;
    const std::uint64_t xh = (((eq & plus) + plus) ^ plus) | eq;
    std::uint64_t hplus = minus | ~(xh | plus);
    std::uint64_t hminus = plus & xh;
    if (hplus & last) ++score;
    if (hminus & last) --score;
    hplus = (hplus << 1) | 1;  // row 0 grows by one per column
    hminus <<= 1;
    plus = hminus | ~(xv | hplus);
    minus = hplus & xv;
    // Each remaining column lowers the score by one at most.
    if (score > bound + (b.size() - j - 1)) {
      cells += j + 1;
      return bound + 1;
    }
  }
  cells += b.size() + 1;
  return std::min(score, bound + 1);
}

}  // namespace

ClosestNames::ClosestNames(std::string_view wanted, std::size_t limit)
    : wanted_(lower_ascii(wanted)),
      limit_(limit),
      bound_(std::max<std::size_t>(2, std::min(kMaxEdits, wanted.size() / 3))) {
  if (wanted_.empty() || wanted_.size() > 64) return;
  columns_.emplace();
  columns_->fill(0);
  for (std::size_t i = 0; i < wanted_.size(); ++i)
    (*columns_)[static_cast<unsigned char>(wanted_[i])] |= std::uint64_t{1} << i;
}

void ClosestNames::consider(const std::string& candidate) {
  // Once `limit_` names are kept, only a strictly nearer one can enter: search with that bound.
  const std::size_t bound = kept_.size() == limit_ ? kept_.back().first - (kept_.back().first > 0 ? 1 : 0) : bound_;
  if (kept_.size() == limit_ && kept_.back().first == 0) return;
  // The whole suggestion has a fixed budget: a comparison that could overrun it is skipped, so no
  // state (long names, many near-identical ones) makes a denial cost more than kMaxCells.
  const std::size_t worst_cells = columns_ ? candidate.size() + 1 : (wanted_.size() + 1) * (2 * bound + 1);
  if (worst_cells > kMaxCells - cells_) {
    ++skipped_;
    return;
  }
  const std::size_t d = columns_ ? bit_parallel_distance(*columns_, wanted_.size(), candidate, bound, cells_)
                                 : bounded_distance(wanted_, candidate, bound, row_, cells_);
  if (d > bound) return;
  auto at = std::upper_bound(kept_.begin(), kept_.end(), d,
                             [](std::size_t value, const auto& kept) { return value < kept.first; });
  kept_.insert(at, {d, candidate});
  if (kept_.size() > limit_) kept_.pop_back();
}

namespace {

int compare_folded(char a, char b) { return static_cast<unsigned char>(fold(a)) - static_cast<unsigned char>(fold(b)); }

// Case-insensitive orders of names by their first and by their last kOrderBytes bytes (names equal
// there tie, and are then ordered by position): a comparison costs at most kOrderBytes, so that
// 100k names sharing a long beginning sort in n log n short comparisons, not n log n long ones.
constexpr std::size_t kOrderBytes = NameNeighbours::kOrderBytes;

int compare_lengths(std::size_t a, std::size_t b) {
  a = std::min(a, kOrderBytes);
  b = std::min(b, kOrderBytes);
  return a < b ? -1 : a > b ? 1 : 0;
}

int compare_forward(std::string_view a, std::string_view b) {
  const std::size_t n = std::min({a.size(), b.size(), kOrderBytes});
  for (std::size_t i = 0; i < n; ++i) {
    if (int c = compare_folded(a[i], b[i])) return c;
  }
  return compare_lengths(a.size(), b.size());
}

int compare_backward(std::string_view a, std::string_view b) {
  const std::size_t n = std::min({a.size(), b.size(), kOrderBytes});
  for (std::size_t i = 1; i <= n; ++i) {
    if (int c = compare_folded(a[a.size() - i], b[b.size() - i])) return c;
  }
  return compare_lengths(a.size(), b.size());
}

using Compare = int (*)(std::string_view, std::string_view);
using Position = NameNeighbours::Position;

// Sorted by name, then by position: a total order, so every standard library sorts it alike
// (native and WebAssembly answers stay byte-identical).
// The names are taken once (not two std::function calls per comparison: a twentieth of loading M
// in the package, where each state load builds these orders).
std::vector<Position> sorted_positions(std::size_t count, const NameNeighbours::NameOf& name_of, Compare compare) {
  std::vector<Position> order(count);
  std::vector<std::string_view> names(count);
  for (std::size_t i = 0; i < count; ++i) {
    order[i] = static_cast<Position>(i);
    names[i] = name_of(i);
  }
  std::sort(order.begin(), order.end(), [&](Position a, Position b) {
    const int c = compare(names[a], names[b]);
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
