// The paged form of a reassignment result (docs/DECISIONS.md "Paged reassignment results"):
// written by result_json.cpp with the same writers as the full result, so an item reads the same
// in both.
#pragma once
#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "sharepolicy/result.h"

namespace sharepolicy {

// What the summary adds: reassign.counts and page.
struct ReassignPageFacts {
  std::size_t limit = 0;
  // Full lengths of changes, warnings, reassign.moved, reassign.skipped, access.assets (in that order).
  std::array<std::size_t, 5> totals{};
  std::array<const char*, 5> names{};
  // Skipped recordings per reason, in the order reasons are listed.
  std::array<std::size_t, 3> skipped{};
  std::array<const char*, 3> reasons{};
};

// `r` holds the first `page.limit` items of each list.
void append_paged_result_text(std::string& out, const Result& r, const ReassignPageFacts& page);

// One of the lists (as ReassignPages::kLists orders them) as a JSON array, each item as
// result_to_text writes it.
void append_list_text(std::string& out, const Result& r, std::size_t list);

}  // namespace sharepolicy
