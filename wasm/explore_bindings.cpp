// Embind for "who can / what can" (core/include/sharepolicy/explore.h): two free functions taking
// a LoadedState handle (its class is registered in bindings.cpp, once), marshalled as every other
// call (marshal.h: UTF-8 in; the envelope's length out, its bytes at sharepolicy_answer_address(); under the
// memory budget). No logic lives here.
#include <emscripten/bind.h>

#include "marshal.h"
#include "sharepolicy/text_api.h"

namespace {

using sharepolicy::text::LoadedState;
using sharepolicy::wasm::Address;

std::size_t who_can(const LoadedState& loaded, Address query, std::size_t length) {
  return sharepolicy::wasm::answer([&] { return loaded.who_can(sharepolicy::wasm::text(query, length)); });
}

std::size_t what_can(const LoadedState& loaded, Address query, std::size_t length) {
  return sharepolicy::wasm::answer([&] { return loaded.what_can(sharepolicy::wasm::text(query, length)); });
}

}  // namespace

EMSCRIPTEN_BINDINGS(share_policy_explore) {
  emscripten::function("loadedWhoCan", &who_can);
  emscripten::function("loadedWhatCan", &what_can);
}
