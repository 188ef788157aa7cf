// Embind for paged reassignments (text_api.h LoadedState::reassign_page / reassign_items): two
// free functions taking a LoadedState handle, marshalled as every other call (marshal.h). A list
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

std::size_t reassign_page(LoadedState& loaded, Address request, std::size_t length, bool apply, double limit) {
  return sharepolicy::wasm::answer(
      [&] { return loaded.reassign_page(sharepolicy::wasm::text(request, length), apply, count_of(limit)); });
}

std::size_t reassign_items(const LoadedState& loaded, int list, double offset, double limit) {
  return sharepolicy::wasm::answer([&] {
    const bool named = list >= 0 && static_cast<std::size_t>(list) < std::size(ReassignPages::kLists);
    return loaded.reassign_items(named ? ReassignPages::kLists[list] : "", count_of(offset), count_of(limit));
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(share_policy_reassign) {
  emscripten::function("loadedReassignPage", &reassign_page);
  emscripten::function("loadedReassignItems", &reassign_items);
}
