// The Embind layer: exposes core/include/sharepolicy/text_api.h (JSON text in, envelope text out)
// to JavaScript. No logic lives here; wasm/package/index.ts turns envelopes into objects and errors.
// Every call has one of four shapes, so each shape is one template and a call is one line below.
// A call answers the length of its envelope; the bytes wait at answerAddress() (marshal.h).
#include <emscripten/bind.h>

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

// A stateless call on a state and a request: canShare(state, request), …
template <auto Call>
Length on_state_and_request(Address state, Length state_length, Address request, Length request_length) {
  return answer([&] { return Call(text(state, state_length), text(request, request_length)); });
}

// A stateless call on one document: runScenario(scenario).
template <auto Call>
Length on_document(Address document, Length length) {
  return answer([&] { return Call(text(document, length)); });
}

// A loaded state's call on one input: loaded.canShare(request), loaded.load(state), …
template <auto Method>
Length loaded_with_input(LoadedState& loaded, Address input, Length length) {
  return answer([&] { return (loaded.*Method)(text(input, length)); });
}

// A loaded state's call without input: loaded.toJSON(), loaded.summary(), loadEnd().
template <auto Method>
Length loaded_without_input(LoadedState& loaded) {
  return answer([&] { return (loaded.*Method)(); });
}

// A new, empty loaded state, or null when the heap is full (Embind's own constructor would throw
// std::bad_alloc straight into JavaScript).
LoadedState* create_loaded_state() { return new (std::nothrow) LoadedState(); }

// A second handle on the same state (copy-on-write: nothing of the state is copied), or null.
LoadedState* clone_loaded_state(const LoadedState& loaded) { return new (std::nothrow) LoadedState(loaded.clone()); }

Address answer_address() { return reinterpret_cast<Address>(sharepolicy::wasm::last_answer().bytes.data()); }
void release_answer() { sharepolicy::wasm::last_answer() = {}; }

void set_memory_budget(double bytes) {
  sharepolicy::wasm::set_memory_budget(bytes > 0 ? static_cast<std::size_t>(bytes) : 0);
}

}  // namespace

EMSCRIPTEN_BINDINGS(share_policy) {
  namespace text_api = sharepolicy::text;
  using emscripten::function;
  function("setMemoryBudget", &set_memory_budget);
  function("answerAddress", &answer_address);
  function("releaseAnswer", &release_answer);
  function("memoryRefused", &sharepolicy::wasm::memory_refused);
  function("createLoadedState", &create_loaded_state, emscripten::allow_raw_pointers());
  function("canShare", &on_state_and_request<&text_api::can_share>);
  function("applyShare", &on_state_and_request<&text_api::apply_share>);
  function("resolveReassign", &on_state_and_request<&text_api::resolve_reassign>);
  function("runScenario", &on_document<&text_api::run_scenario>);
  emscripten::class_<LoadedState>("LoadedState")
      .function("load", &loaded_with_input<&LoadedState::load>)
      // loadStream, on a new LoadedState: each piece crosses as any input does (copied in, freed
      // after the call); load_begin is not needed on a fresh one.
      .function("loadPiece", &loaded_with_input<&LoadedState::load_piece>)
      .function("loadEnd", &loaded_without_input<&LoadedState::load_end>)
      .function("canShare", &loaded_with_input<&LoadedState::can_share>)
      .function("canShareBatch", &loaded_with_input<&LoadedState::can_share_batch>)
      .function("applyShare", &loaded_with_input<&LoadedState::apply_share>)
      .function("resolveReassign", &loaded_with_input<&LoadedState::resolve_reassign>)
      .function("previewReassign", &loaded_with_input<&LoadedState::preview_reassign>)
      .function("runScenario", &loaded_with_input<&LoadedState::run_scenario>)
      .function("clone", &clone_loaded_state, emscripten::allow_raw_pointers())
      .function("toJSON", &loaded_without_input<&LoadedState::to_json>)
      .function("summary", &loaded_without_input<&LoadedState::summary>);
}
