// The Embind layer: exposes core/include/sharepolicy/text_api.h (JSON text in, envelope text out)
// to JavaScript. No logic lives here; wasm/package/index.js turns envelopes into objects and errors.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <malloc.h>  // malloc_usable_size
#include <new>
#include <string>
#include <string_view>

#include "sharepolicy/text_api.h"

namespace {

// An optional memory budget (createSharePolicy({ maxMemoryBytes })), so the out-of-memory path can be
// tested with small inputs. Every operator new is counted (by malloc_usable_size, so blocks carry no
// header); past the budget, allocations made while the core works throw std::bad_alloc, which
// text_api maps to LIMIT_EXCEEDED. Outside a call (Embind creating a LoadedState handle) the budget
// is not enforced, so nothing throws where the core cannot catch it. The input buffers the JS
// wrapper mallocs are not counted. The real cap is the linker's MAXIMUM_MEMORY with
// ABORTING_MALLOC=0: a failed growth is a null malloc, hence the same std::bad_alloc.
std::size_t g_budget_bytes = 0;  // 0: no budget
std::size_t g_live_bytes = 0;
bool g_enforcing = false;

struct Enforce {
  Enforce() { g_enforcing = g_budget_bytes != 0; }
  ~Enforce() { g_enforcing = false; }
};

void* counted_alloc(std::size_t size) {
  if (g_enforcing && (size > g_budget_bytes || g_live_bytes > g_budget_bytes - size)) return nullptr;
  void* p = std::malloc(size == 0 ? 1 : size);
  if (p != nullptr) g_live_bytes += malloc_usable_size(p);
  return p;
}

void counted_free(void* p) noexcept {
  if (p == nullptr) return;
  g_live_bytes -= malloc_usable_size(p);
  std::free(p);
}

void set_memory_budget(double bytes) { g_budget_bytes = bytes > 0 ? static_cast<std::size_t>(bytes) : 0; }

// Text crosses as (address, length) of UTF-8 bytes the JS wrapper wrote into a malloc'd buffer
// (one copy, and a failed malloc is visible to it), and comes back as a JS string decoded straight
// from the envelope by TextDecoder (no second buffer for Embind to fill and scan byte by byte).
using Address = std::uintptr_t;
std::string_view text(Address address, std::size_t length) {
  return {reinterpret_cast<const char*>(address), length};
}
emscripten::val to_js(const std::string& envelope) {
  static const emscripten::val decoder = emscripten::val::global("TextDecoder").new_();
  return decoder.call<emscripten::val>("decode", emscripten::typed_memory_view(envelope.size(), envelope.data()));
}

emscripten::val can_share(Address state, std::size_t state_length, Address request, std::size_t request_length) {
  Enforce e;
  return to_js(sharepolicy::text::can_share(text(state, state_length), text(request, request_length)));
}
emscripten::val apply_share(Address state, std::size_t state_length, Address request, std::size_t request_length) {
  Enforce e;
  return to_js(sharepolicy::text::apply_share(text(state, state_length), text(request, request_length)));
}
emscripten::val resolve_reassign(Address state, std::size_t state_length, Address request, std::size_t request_length) {
  Enforce e;
  return to_js(sharepolicy::text::resolve_reassign(text(state, state_length), text(request, request_length)));
}

emscripten::val run_scenario(Address scenario, std::size_t length) {
  Enforce e;
  return to_js(sharepolicy::text::run_scenario(text(scenario, length)));
}

using sharepolicy::text::LoadedState;
emscripten::val loaded_load(LoadedState& s, Address state, std::size_t length) {
  Enforce e;
  return to_js(s.load(text(state, length)));
}
emscripten::val loaded_can_share(const LoadedState& s, Address request, std::size_t length) {
  Enforce e;
  return to_js(s.can_share(text(request, length)));
}
emscripten::val loaded_can_share_batch(const LoadedState& s, Address requests, std::size_t length) {
  Enforce e;
  return to_js(s.can_share_batch(text(requests, length)));
}
emscripten::val loaded_apply_share(LoadedState& s, Address request, std::size_t length) {
  Enforce e;
  return to_js(s.apply_share(text(request, length)));
}
emscripten::val loaded_resolve_reassign(LoadedState& s, Address request, std::size_t length) {
  Enforce e;
  return to_js(s.resolve_reassign(text(request, length)));
}
emscripten::val loaded_preview_reassign(const LoadedState& s, Address request, std::size_t length) {
  Enforce e;
  return to_js(s.preview_reassign(text(request, length)));
}
LoadedState loaded_clone(const LoadedState& s) { return s.clone(); }
emscripten::val loaded_to_json(const LoadedState& s) {
  Enforce e;
  return to_js(s.to_json());
}
emscripten::val loaded_summary(const LoadedState& s) {
  Enforce e;
  return to_js(s.summary());
}

}  // namespace

void* operator new(std::size_t size) {
  if (void* p = counted_alloc(size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return operator new(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return counted_alloc(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return counted_alloc(size); }
void operator delete(void* p) noexcept { counted_free(p); }
void operator delete[](void* p) noexcept { counted_free(p); }
void operator delete(void* p, std::size_t) noexcept { counted_free(p); }
void operator delete[](void* p, std::size_t) noexcept { counted_free(p); }

EMSCRIPTEN_BINDINGS(share_policy) {
  using namespace emscripten;
  function("setMemoryBudget", &set_memory_budget);
  function("canShare", &can_share);
  function("applyShare", &apply_share);
  function("resolveReassign", &resolve_reassign);
  function("runScenario", &run_scenario);
  class_<LoadedState>("LoadedState")
      .constructor<>()
      .function("load", &loaded_load)
      .function("canShare", &loaded_can_share)
      .function("canShareBatch", &loaded_can_share_batch)
      .function("applyShare", &loaded_apply_share)
      .function("resolveReassign", &loaded_resolve_reassign)
      .function("previewReassign", &loaded_preview_reassign)
      .function("clone", &loaded_clone)
      .function("toJSON", &loaded_to_json)
      .function("summary", &loaded_summary);
}
