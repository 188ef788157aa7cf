// Embind for paged reassignments (text_api.h LoadedState::reassign_page / reassign_items): a
// free function taking a LoadedState handle, marshalled as every other call (marshal.h). A list
// is named by its position in ReassignPages::kLists. No logic lives here.
#include <emscripten/bind.h>

#include <limits>

#include "marshal.h"
#include "sharepolicy/text_api.h"

namespace {

using sharepolicy::text::LoadedState;
using sharepolicy::wasm::Address;

// JavaScript numbers (Infinity: "all"): clamped to what size_t holds, as a cast of a larger double
// is undefined.
std::size_t count_of(double n) {
  constexpr auto kMax = std::numeric_limits<std::size_t>::max();
  if (!(n > 0)) return 0;
  return n >= static_cast<double>(kMax) ? kMax : static_cast<std::size_t>(n);
}

// LoadedState::reassign_call: both paged calls through one function (one Embind invoker).
std::size_t reassign(LoadedState& loaded, Address text, std::size_t length, int call, double a, double b) {
  return sharepolicy::wasm::answer(
      [&] { return loaded.reassign_call(sharepolicy::wasm::text(text, length), call, count_of(a), count_of(b)); });
}

}  // namespace

EMSCRIPTEN_BINDINGS(share_policy_reassign) { emscripten::function("loadedReassign", &reassign); }
