// Embind for "who can / what can" (core/include/sharepolicy/explore.h): two free functions taking
// a LoadedState handle (registered in bindings.cpp), so that the class registration stays in one
// place. Text crosses as in bindings.cpp: (address, length) of UTF-8 bytes in, the envelope out
// as a JS string decoded by TextDecoder. No logic lives here.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "sharepolicy/text_api.h"

namespace {

using sharepolicy::text::LoadedState;
using Address = std::uintptr_t;

std::string_view text(Address address, std::size_t length) {
  return {reinterpret_cast<const char*>(address), length};
}

emscripten::val to_js(const std::string& envelope) {
  static const emscripten::val decoder = emscripten::val::global("TextDecoder").new_();
  return decoder.call<emscripten::val>("decode", emscripten::typed_memory_view(envelope.size(), envelope.data()));
}

emscripten::val who_can(const LoadedState& s, Address query, std::size_t length) {
  return to_js(s.who_can(text(query, length)));
}

emscripten::val what_can(const LoadedState& s, Address query, std::size_t length) {
  return to_js(s.what_can(text(query, length)));
}

}  // namespace

EMSCRIPTEN_BINDINGS(share_policy_explore) {
  emscripten::function("loadedWhoCan", &who_can);
  emscripten::function("loadedWhatCan", &what_can);
}
