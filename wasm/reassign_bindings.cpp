// Embind for paged reassignments (text_api.h LoadedState::reassign_page / reassign_items): a
// free function taking a LoadedState handle, marshalled as every other call (marshal.h). A list
// is named by its position in ReassignPages::kLists. No logic lives here.
#include <emscripten/bind.h>

#include <iterator>
#include <limits>

#include "marshal.h"
#include "sharepolicy/text_api.h"

namespace {

using sharepolicy::ReassignPages;
using sharepolicy::text::LoadedState;
using sharepolicy::wasm::Address;

// JavaScript numbers (Infinity: "all"): clamped to what size_t holds, as a cast of a larger double
// is undefined.
std::size_t count_of(double n) {
  constexpr auto kMax = std::numeric_limits<std::size_t>::max();
  if (!(n > 0)) return 0;
  return n >= static_cast<double>(kMax) ? kMax : static_cast<std::size_t>(n);
}

// One function for both calls (one Embind invoker less in the download):
//   list < 0: loaded.reassign_page(request, apply = list == -2, limit = a)
//   list ≥ 0: loaded.reassign_items(ReassignPages::kLists[list], offset = a, limit = b)
std::size_t reassign(LoadedState& loaded, Address request, std::size_t length, int list, double a, double b) {
  return sharepolicy::wasm::answer([&] {
    if (list < 0) return loaded.reassign_page(sharepolicy::wasm::text(request, length), list == -2, count_of(a));
    const bool named = static_cast<std::size_t>(list) < std::size(ReassignPages::kLists);
    return loaded.reassign_items(named ? ReassignPages::kLists[list] : "", count_of(a), count_of(b));
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(share_policy_reassign) { emscripten::function("loadedReassign", &reassign); }
