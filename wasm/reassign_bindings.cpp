// The export for paged reassignments (text_api.h LoadedState::reassign_call), on a LoadedState's
// address, marshalled as every other call (marshal.h). A list is named by its position in
// ReassignPages::kLists. No logic lives here.
#include <emscripten/emscripten.h>

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

}  // namespace

// LoadedState::reassign_call: both paged calls through one export.
extern "C" EMSCRIPTEN_KEEPALIVE std::size_t sharepolicy_reassign(Address loaded, Address text, std::size_t length,
                                                                 int call, double a, double b) {
  return sharepolicy::wasm::answer([&] {
    return reinterpret_cast<LoadedState*>(loaded)->reassign_call(sharepolicy::wasm::text(text, length), call,
                                                                 count_of(a), count_of(b));
  });
}
