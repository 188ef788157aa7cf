// The Embind layer: exposes core/include/sharepolicy/text_api.h (JSON text in, envelope text out)
// to JavaScript. No logic lives here; wasm/package/index.ts turns envelopes into objects and errors.
// Every call has one of four shapes, so each shape is one template and a call is one line below.
// A call answers the length of its envelope; the bytes wait at sharepolicy_answer_address() (marshal.h).
// The calls every canShare makes are plain exports instead (the end of this file).
#include <emscripten/bind.h>
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
// template instantiation of answer() per bound method would repeat its landing pads in the module
// (measured: 95 bytes gzip less than one per method).
using TextCall = std::string (*)(const void* target, std::string_view first, std::string_view second);
Length run(TextCall call, const void* target, std::string_view first, std::string_view second = {}) {
  return answer([&] { return call(target, first, second); });
}

// A stateless call on a state and a request: canShare(state, request), …
template <auto Call>
Length on_state_and_request(Address state, Length state_length, Address request, Length request_length) {
  return run([](const void*, std::string_view s, std::string_view r) { return Call(s, r); }, nullptr,
             text(state, state_length), text(request, request_length));
}

// A stateless call on one document: runScenario(scenario).
template <auto Call>
Length on_document(Address document, Length length) {
  return run([](const void*, std::string_view d, std::string_view) { return Call(d); }, nullptr,
             text(document, length));
}

// The loaded state a call was made on (Embind passes it by reference; run() takes it untyped).
LoadedState& as_loaded(const void* target) { return *static_cast<LoadedState*>(const_cast<void*>(target)); }

// A loaded state's call on one input: loaded.canShare(request), loaded.load(state), …
template <auto Method>
Length loaded_with_input(LoadedState& loaded, Address input, Length length) {
  return run([](const void* l, std::string_view in, std::string_view) { return (as_loaded(l).*Method)(in); }, &loaded,
             text(input, length));
}

// A loaded state's call without input: loaded.toJSON(), loaded.summary().
template <auto Method>
Length loaded_without_input(LoadedState& loaded) {
  return run([](const void* l, std::string_view, std::string_view) { return (as_loaded(l).*Method)(); }, &loaded, {});
}

// loadStream's one call, on a new LoadedState (so no load_begin): a piece, crossing as any input
// does (copied in, freed after the call), or, with no address, the end of the text. One call for
// both keeps the module small.
Length load_piece_or_end(LoadedState& loaded, Address piece, Length length) {
  if (!piece)
    return run([](const void* l, std::string_view, std::string_view) { return as_loaded(l).load_end(); }, &loaded, {});
  return run([](const void* l, std::string_view in, std::string_view) { return as_loaded(l).load_piece(in); }, &loaded,
             text(piece, length));
}

// A new, empty loaded state, or null when the heap is full (Embind's own constructor would throw
// std::bad_alloc straight into JavaScript).
LoadedState* create_loaded_state() { return new (std::nothrow) LoadedState(); }

// A second handle on the same state (copy-on-write: nothing of the state is copied), or null.
LoadedState* clone_loaded_state(const LoadedState& loaded) { return new (std::nothrow) LoadedState(loaded.clone()); }

// The address index.ts passes to sharepolicy_can_share (below) for this loaded state.
Address address_of(LoadedState& loaded) { return reinterpret_cast<Address>(&loaded); }

void set_memory_budget(double bytes) {
  sharepolicy::wasm::set_memory_budget(bytes > 0 ? static_cast<std::size_t>(bytes) : 0);
}

}  // namespace

EMSCRIPTEN_BINDINGS(share_policy) {
  namespace text_api = sharepolicy::text;
  using emscripten::function;
  function("setMemoryBudget", &set_memory_budget);
  function("memoryRefused", &sharepolicy::wasm::memory_refused);
  function("createLoadedState", &create_loaded_state, emscripten::allow_raw_pointers());
  function("canShare", &on_state_and_request<&text_api::can_share>);
  function("applyShare", &on_state_and_request<&text_api::apply_share>);
  function("resolveReassign", &on_state_and_request<&text_api::resolve_reassign>);
  function("runScenario", &on_document<&text_api::run_scenario>);
  emscripten::class_<LoadedState>("LoadedState")
      .function("load", &loaded_with_input<&LoadedState::load>)
      .function("loadPiece", &load_piece_or_end)
      .function("address", &address_of)
      .function("canShareBatch", &loaded_with_input<&LoadedState::can_share_batch>)
      .function("applyShare", &loaded_with_input<&LoadedState::apply_share>)
      .function("resolveReassign", &loaded_with_input<&LoadedState::resolve_reassign>)
      .function("previewReassign", &loaded_with_input<&LoadedState::preview_reassign>)
      .function("runScenario", &loaded_with_input<&LoadedState::run_scenario>)
      .function("clone", &clone_loaded_state, emscripten::allow_raw_pointers())
      .function("toJSON", &loaded_without_input<&LoadedState::to_json>)
      .function("outline", &loaded_without_input<&LoadedState::outline>)
      .function("summary", &loaded_without_input<&LoadedState::summary>);
}

// What every canShare calls, as plain exports rather than Embind functions: a call through Embind
// (its invoker a closure, as there is no eval for strict-CSP pages, then V8's generic wrapper into
// WebAssembly) cost more than a short denial's whole evaluation; an export is called directly.
// Measured in docs/DECISIONS.md "canShare without Embind".
extern "C" {

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

// loaded.canShare(request) on the LoadedState at `loaded` (its address()): each access list holds
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
