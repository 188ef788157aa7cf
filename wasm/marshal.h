// How text crosses the module's exports, for every binding file (bindings.cpp, batch_bindings.cpp,
// reassign_bindings.cpp): inputs arrive as (address, length) of UTF-8 bytes the JS wrapper wrote
// into a malloc'd buffer (one copy, and a failed malloc is visible to it). A call answers the
// length of its envelope and leaves the bytes at sharepolicy_answer_address() until
// sharepolicy_release_answer(): index.ts decodes them itself, and no JS exception is raised inside
// WebAssembly frames (a string too long for the JS engine fails in index.ts).
#pragma once
#include <cstddef>
#include <cstdint>
#include <new>
#include <string>
#include <string_view>
#include <utility>

#include "memory_budget.h"

namespace sharepolicy::wasm {

using Address = std::uintptr_t;

inline std::string_view text(Address address, std::size_t length) {
  return {reinterpret_cast<const char*>(address), length};
}

// The last envelope: the core's text, or a fixed one the failure paths answer without allocating.
struct Answer {
  std::string owned;
  std::string_view bytes;
  std::size_t head = 0;  // the envelope's length: all of it, or up to an access preview apart (canShare)
};
inline Answer& last_answer() noexcept {
  static Answer answer;
  return answer;
}
inline std::size_t hand_over(std::string envelope) noexcept {
  Answer& a = last_answer();
  a.owned = std::move(envelope);
  a.bytes = a.owned;
  a.head = a.bytes.size();
  return a.bytes.size();
}
inline std::size_t hand_over_fixed(std::string_view envelope) noexcept {
  last_answer().bytes = envelope;
  last_answer().head = envelope.size();
  return envelope.size();
}

// The failure envelopes, fixed text (the heap may be full when they are needed).
inline constexpr std::string_view kOutOfMemory =
    R"({"error":{"code":"LIMIT_EXCEEDED","message":"out of memory: the call needs more memory than this instance may use (maxMemoryBytes, or the 2 GiB WebAssembly maximum); the memory it took is returned","pointer":""}})";
inline constexpr std::string_view kMemoryFull =
    R"({"error":{"code":"LIMIT_EXCEEDED","message":"out of memory: the WebAssembly memory is full; dispose loaded states you no longer need","pointer":""}})";
inline constexpr std::string_view kInternal =
    R"({"error":{"code":"INTERNAL","message":"internal fault: an unexpected C++ exception","pointer":""}})";

// Runs one call into the core (a function returning an envelope) under the memory budget and
// answers its length. Nothing thrown inside crosses into JavaScript: running out of memory, even
// inside the core's own error path, is the fixed LIMIT_EXCEEDED envelope, with everything the call
// allocated freed by the unwinding.
template <class Call>
std::size_t answer(Call&& call) noexcept {
  last_answer() = Answer{};
  if (!hold_reserve()) return hand_over_fixed(kMemoryFull);
  try {
    std::string envelope;
    {
      BudgetScope budget;
      envelope = call();
    }
    return hand_over(std::move(envelope));
  } catch (const std::bad_alloc&) {
    return hand_over_fixed(kOutOfMemory);
  } catch (...) {
    return hand_over_fixed(kInternal);
  }
}

}  // namespace sharepolicy::wasm
