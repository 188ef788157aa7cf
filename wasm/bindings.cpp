// The module's exports: core/include/sharepolicy/text_api.h (JSON text in, envelope text out) as
// plain C functions, without Embind (docs/DECISIONS.md "Plain exports, no Embind"). No logic lives
// here; wasm/package/index.ts turns envelopes into objects and errors. A call answers the length
// of its envelope; the bytes wait at sharepolicy_answer_address() (marshal.h). A loaded state
// crosses as its address; calls are numbered (kCalls, kLoadedCalls: index.ts `Call`, `LoadedCall`).
#include <emscripten/emscripten.h>

#include <limits>
#include <new>

#include "marshal.h"
#include "memory_budget.h"
#include "sharepolicy/text_api.h"

namespace {

using sharepolicy::text::LoadedState;
using sharepolicy::wasm::Address;
using sharepolicy::wasm::answer;
using sharepolicy::wasm::text;
using Length = std::size_t;

// Every call runs through answer() (marshal.h) once, here, on a plain function pointer: a
// template instantiation of answer() per call would repeat its landing pads in the module
// (measured: 95 bytes gzip less than one per method).
using TextCall = std::string (*)(const void* target, std::string_view first, std::string_view second);
Length run(TextCall call, const void* target, std::string_view first, std::string_view second = {}) {
  return answer([&] { return call(target, first, second); });
}

// The loaded state at an address index.ts passes back (sharepolicy_loaded_new made it).
LoadedState& as_loaded(const void* target) { return *static_cast<LoadedState*>(const_cast<void*>(target)); }

// The calls without a loaded state, by number (index.ts `Call`): on a state and a request, or on
// one document (runScenario).
constexpr TextCall kCalls[] = {
    [](const void*, std::string_view s, std::string_view r) { return sharepolicy::text::can_share(s, r); },
    [](const void*, std::string_view s, std::string_view r) { return sharepolicy::text::apply_share(s, r); },
    [](const void*, std::string_view s, std::string_view r) { return sharepolicy::text::resolve_reassign(s, r); },
    [](const void*, std::string_view d, std::string_view) { return sharepolicy::text::run_scenario(d); },
};

// A loaded state's calls, by number (index.ts `LoadedCall`), each on one input or none. loadStream
// sends its pieces to load_piece and ends with load_end, on a new LoadedState (so no load_begin).
#define SHAREPOLICY_ON_LOADED(expression)                         \
  [](const void* target, std::string_view in, std::string_view) { \
    [[maybe_unused]] auto& loaded = as_loaded(target);            \
    return expression;                                            \
  }
constexpr TextCall kLoadedCalls[] = {
    SHAREPOLICY_ON_LOADED(loaded.load(in)),
    SHAREPOLICY_ON_LOADED(loaded.load_piece(in)),
    SHAREPOLICY_ON_LOADED(loaded.load_end()),
    SHAREPOLICY_ON_LOADED(loaded.can_share_batch(in)),
    SHAREPOLICY_ON_LOADED(loaded.apply_share(in)),
    SHAREPOLICY_ON_LOADED(loaded.resolve_reassign(in)),
    SHAREPOLICY_ON_LOADED(loaded.preview_reassign(in)),
    SHAREPOLICY_ON_LOADED(loaded.run_scenario(in)),
    SHAREPOLICY_ON_LOADED(loaded.to_json()),
    SHAREPOLICY_ON_LOADED(loaded.outline()),
    SHAREPOLICY_ON_LOADED(loaded.summary()),
    SHAREPOLICY_ON_LOADED(loaded.who_can(in)),
    SHAREPOLICY_ON_LOADED(loaded.what_can(in)),
};
#undef SHAREPOLICY_ON_LOADED

// A number index.ts sent that names no call: the fixed INTERNAL envelope, as a fault would answer.
template <std::size_t N>
TextCall numbered(const TextCall (&calls)[N], int call) {
  return call >= 0 && static_cast<std::size_t>(call) < N ? calls[call] : nullptr;
}
Length no_such_call() {
  sharepolicy::wasm::last_answer() = {};
  return sharepolicy::wasm::hand_over_fixed(sharepolicy::wasm::kInternal);
}

}  // namespace

extern "C" {

// Stateless call `call` (kCalls) on (first, second): canShare(state, request), …, runScenario(document).
EMSCRIPTEN_KEEPALIVE Length sharepolicy_call(int call, Address first, Length first_length, Address second,
                                             Length second_length) {
  const TextCall c = numbered(kCalls, call);
  return c ? run(c, nullptr, text(first, first_length), text(second, second_length)) : no_such_call();
}

// Call `call` (kLoadedCalls) on the LoadedState at `loaded`, with one input (or none: length 0).
EMSCRIPTEN_KEEPALIVE Length sharepolicy_loaded_call(Address loaded, int call, Address input, Length length) {
  const TextCall c = numbered(kLoadedCalls, call);
  return c ? run(c, reinterpret_cast<const void*>(loaded), text(input, length)) : no_such_call();
}

// A new, empty LoadedState (`from` 0), or a second handle on the state at `from` (copy-on-write:
// nothing of the state is copied); 0 when the heap is full.
EMSCRIPTEN_KEEPALIVE Address sharepolicy_loaded_new(Address from) {
  LoadedState* made = nullptr;
  try {
    made = from ? new (std::nothrow) LoadedState(as_loaded(reinterpret_cast<const void*>(from)).clone())
                : new (std::nothrow) LoadedState();
  } catch (...) {  // the clone's own copies ran out of memory
  }
  return reinterpret_cast<Address>(made);
}

EMSCRIPTEN_KEEPALIVE void sharepolicy_loaded_delete(Address loaded) {
  delete &as_loaded(reinterpret_cast<const void*>(loaded));
}

EMSCRIPTEN_KEEPALIVE void sharepolicy_set_memory_budget(double bytes) {
  sharepolicy::wasm::set_memory_budget(bytes > 0 ? static_cast<std::size_t>(bytes) : 0);
}

EMSCRIPTEN_KEEPALIVE int sharepolicy_memory_refused() { return sharepolicy::wasm::memory_refused(); }

// What every canShare calls. (They were plain exports before the rest: a call through Embind, its
// invoker a closure, cost more than a short denial's whole evaluation; docs/DECISIONS.md "canShare
// without Embind".)
// Where the last call's envelope is (marshal.h), and its release once index.ts has read it.
EMSCRIPTEN_KEEPALIVE Address sharepolicy_answer_address() {
  return reinterpret_cast<Address>(sharepolicy::wasm::last_answer().bytes.data());
}
EMSCRIPTEN_KEEPALIVE void sharepolicy_release_answer() { sharepolicy::wasm::last_answer() = {}; }
// The length of the last answer's envelope: where canShare's access preview starts after a line
// break, when it is shorter than the answer. (Searching the bytes for it in JavaScript took 0.6 µs
// for a denial's 1 KB, a twentieth of the call.)
EMSCRIPTEN_KEEPALIVE Length sharepolicy_answer_head() {
  return static_cast<Length>(sharepolicy::wasm::last_answer().head);
}

// loaded.canShare(request) on the LoadedState at `loaded`: each access list holds
// `limit` holders from `offset` (docs/ACCESS.md "Bounded lists"), a negative limit every holder, a
// negative offset the default window. The access preview comes apart (text_api.h): index.ts reads
// it when it is first read, naming HMP users and groups from its table of names `names_table`.
EMSCRIPTEN_KEEPALIVE Length sharepolicy_can_share(Address loaded, Address input, Length length, double offset,
                                                  double limit, std::uint32_t names_table) {
  auto count = [](double v) { return v < 0 || v > 4e9 ? sharepolicy::kAllHolders : static_cast<std::size_t>(v); };
  const sharepolicy::AccessWindow window = offset < 0 ? sharepolicy::AccessWindow{}
                                                      : sharepolicy::AccessWindow{count(offset), count(limit)};
  std::size_t head = std::numeric_limits<std::size_t>::max();
  const Length total = answer([&] {
    return as_loaded(reinterpret_cast<const void*>(loaded))
        .can_share_access_apart(text(input, length), window, names_table, &head);
  });
  auto& answered = sharepolicy::wasm::last_answer();
  if (head < answered.bytes.size()) answered.head = head;
  return total;
}

}  // extern "C"
