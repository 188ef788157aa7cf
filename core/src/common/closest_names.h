// "Did you mean …": the candidates nearest a name that matched nothing, for the fix of a denial.
// Only a denial pays for it, so a scan of every name of one collection is acceptable.
#pragma once
#include <cstddef>
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

}  // namespace sharepolicy::text_util
