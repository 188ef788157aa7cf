// How text crosses the Embind boundary, for every binding file (bindings.cpp, batch_bindings.cpp):
// inputs arrive as (address, length) of UTF-8 bytes the JS wrapper wrote into a malloc'd buffer
// (one copy, and a failed malloc is visible to it); answers leave as a JS string decoded straight
// from the envelope by TextDecoder (no second buffer for Embind to fill and scan byte by byte).
#pragma once
#include <emscripten/val.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "memory_budget.h"

namespace sharepolicy::wasm {

using Address = std::uintptr_t;

inline std::string_view text(Address address, std::size_t length) {
  return {reinterpret_cast<const char*>(address), length};
}

inline emscripten::val to_js(const std::string& envelope) {
  static const emscripten::val decoder = emscripten::val::global("TextDecoder").new_();
  return decoder.call<emscripten::val>("decode", emscripten::typed_memory_view(envelope.size(), envelope.data()));
}

// Runs one call into the core (a function returning an envelope) under the memory budget and hands
// its envelope to JavaScript.
template <class Call>
emscripten::val answer(Call&& call) {
  BudgetScope budget;
  return to_js(call());
}

}  // namespace sharepolicy::wasm
