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
}  // namespace

bool NameNeighbours::forward_less(std::string_view a, std::string_view b) {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (int c = compare_folded(a[i], b[i])) return c < 0;
  }
  return a.size() < b.size();
}

bool NameNeighbours::backward_less(std::string_view a, std::string_view b) {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 1; i <= n; ++i) {
    if (int c = compare_folded(a[a.size() - i], b[b.size() - i])) return c < 0;
  }
  return a.size() < b.size();
}

void NameNeighbours::take_around(const std::vector<Position>& order, std::vector<Position>::const_iterator at,
                                 std::vector<Position>& out) {
  const auto from = at - std::min<std::ptrdiff_t>(kPerSide, at - order.begin());
  const auto to = at + std::min<std::ptrdiff_t>(kPerSide, order.end() - at);
  out.insert(out.end(), from, to);
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
