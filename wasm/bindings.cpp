// The Embind layer: exposes core/include/sharepolicy/text_api.h (JSON text in, envelope text out)
// to JavaScript. No logic lives here; wasm/package/index.js turns envelopes into objects and errors.
#include <emscripten/bind.h>

#include <cstddef>
#include <cstdlib>
#include <new>
#include <string>

#include "sharepolicy/text_api.h"

namespace {

// An optional memory budget (createSharePolicy({ maxMemoryBytes })), so the out-of-memory path can be
// tested with small inputs. Every operator new is counted; past the budget, allocations made while
// the core works throw std::bad_alloc, which text_api maps to LIMIT_EXCEEDED. Outside a call (Embind
// copying arguments) the budget is not enforced, so nothing can throw where the core cannot catch it.
// The real cap is the linker's MAXIMUM_MEMORY with ABORTING_MALLOC=0: a failed growth is a null
// malloc, hence the same std::bad_alloc.
std::size_t g_budget_bytes = 0;  // 0: no budget
std::size_t g_live_bytes = 0;
bool g_enforcing = false;

struct Enforce {
  Enforce() { g_enforcing = g_budget_bytes != 0; }
  ~Enforce() { g_enforcing = false; }
};

// Each block carries its size in a header, so operator delete can keep the count exact.
constexpr std::size_t kHeader = alignof(std::max_align_t);

void* counted_alloc(std::size_t size) {
  if (g_enforcing && (size > g_budget_bytes || g_live_bytes > g_budget_bytes - size)) return nullptr;
  void* block = std::malloc(size + kHeader);
  if (block == nullptr) return nullptr;
  *static_cast<std::size_t*>(block) = size;
  g_live_bytes += size;
  return static_cast<char*>(block) + kHeader;
}

void counted_free(void* p) noexcept {
  if (p == nullptr) return;
  void* block = static_cast<char*>(p) - kHeader;
  g_live_bytes -= *static_cast<std::size_t*>(block);
  std::free(block);
}

void set_memory_budget(double bytes) { g_budget_bytes = bytes > 0 ? static_cast<std::size_t>(bytes) : 0; }

std::string can_share(const std::string& state, const std::string& request) {
  Enforce e;
  return sharepolicy::text::can_share(state, request);
}
std::string apply_share(const std::string& state, const std::string& request) {
  Enforce e;
  return sharepolicy::text::apply_share(state, request);
}
std::string resolve_reassign(const std::string& state, const std::string& request) {
  Enforce e;
  return sharepolicy::text::resolve_reassign(state, request);
}

using sharepolicy::text::LoadedState;
std::string loaded_load(LoadedState& s, const std::string& text) {
  Enforce e;
  return s.load(text);
}
std::string loaded_can_share(const LoadedState& s, const std::string& request) {
  Enforce e;
  return s.can_share(request);
}
std::string loaded_apply_share(LoadedState& s, const std::string& request) {
  Enforce e;
  return s.apply_share(request);
}
std::string loaded_resolve_reassign(LoadedState& s, const std::string& request) {
  Enforce e;
  return s.resolve_reassign(request);
}
std::string loaded_to_json(const LoadedState& s) {
  Enforce e;
  return s.to_json();
}
std::string loaded_summary(const LoadedState& s) {
  Enforce e;
  return s.summary();
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
  class_<LoadedState>("LoadedState")
      .constructor<>()
      .function("load", &loaded_load)
      .function("canShare", &loaded_can_share)
      .function("applyShare", &loaded_apply_share)
      .function("resolveReassign", &loaded_resolve_reassign)
      .function("toJSON", &loaded_to_json)
      .function("summary", &loaded_summary);
}
