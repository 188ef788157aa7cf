// The memory budget (memory_budget.h) and the global operator new/delete that keep it. Under a
// budget, every operator new is counted by malloc_usable_size, so blocks carry no header; without
// one (the default), nothing is counted: two calls into the allocator fewer per allocation. The
// input buffers the JS wrapper mallocs are not counted.
#include "memory_budget.h"

#include <cstdlib>
#include <exception>
#include <malloc.h>  // malloc_usable_size
#include <new>

namespace sharepolicy::wasm {
namespace {

std::size_t g_budget_bytes = 0;  // 0: no budget
std::size_t g_live_bytes = 0;
bool g_enforcing = false;

// Room for the exception objects of the failure path (each is a few hundred bytes).
constexpr std::size_t kReserveBytes = 64 * 1024;
void* g_reserve = nullptr;

void release_reserve() noexcept {
  std::free(g_reserve);
  g_reserve = nullptr;
}

bool g_refused = false;  // an allocation failed during the current call

// The budget holds while the core works, not while it unwinds: destructors allocate too (nlohmann's
// json frees a large array through a vector of its elements), and a std::bad_alloc thrown from a
// destructor is std::terminate. Unwinding is more than uncaught_exceptions() > 0: cleanup in a
// `catch (...) { destroy; throw; }` (libc++'s vector growth, uninitialized_copy) runs with the
// exception caught. So once the call has been refused, it may take up to twice the budget (plus a
// little) to clean up: a destructor's temporary vector is at most 16 bytes per element it frees.
constexpr std::size_t kCleanupSlackBytes = 64 * 1024;
bool over_budget(std::size_t size) noexcept {
  if (!g_enforcing || std::uncaught_exceptions() > 0) return false;
  const std::size_t limit = g_refused ? 2 * g_budget_bytes + kCleanupSlackBytes : g_budget_bytes;
  return size > limit || g_live_bytes > limit - size;
}

void* counted_alloc(std::size_t size) noexcept {
  void* p = over_budget(size) ? nullptr : std::malloc(size == 0 ? 1 : size);
  if (p == nullptr) {
    g_refused = true;
    return nullptr;
  }
  if (g_budget_bytes) g_live_bytes += malloc_usable_size(p);
  return p;
}

// Where memory runs out inside code that cannot throw (a destructor, or a noexcept function in
// libc++ or nlohmann that allocates; with the heap full even unwinding can need memory), the C++
// runtime calls std::terminate. Its default handler calls abort(), which throws a JavaScript error
// that libc++abi's own catch (...) catches and answers with abort() again, recursing until the
// JavaScript stack overflows. A trap cannot be caught inside WebAssembly: the call fails once, in
// JavaScript, and index.ts refuses every later call on this instance (INSTANCE_BROKEN).
[[noreturn]] void trap_on_terminate() { __builtin_trap(); }
const std::terminate_handler g_previous_handler = std::set_terminate(trap_on_terminate);

void counted_free(void* p) noexcept {
  if (p == nullptr) return;
  if (g_budget_bytes) {
    // A block allocated before the budget was set (the module's own start) was not counted.
    const std::size_t bytes = malloc_usable_size(p);
    g_live_bytes -= bytes < g_live_bytes ? bytes : g_live_bytes;
  }
  std::free(p);
}

}  // namespace

void set_memory_budget(std::size_t bytes) { g_budget_bytes = bytes; }

bool memory_refused() noexcept { return g_refused; }

bool hold_reserve() noexcept {
  if (g_reserve == nullptr) g_reserve = std::malloc(kReserveBytes);
  return g_reserve != nullptr;
}

BudgetScope::BudgetScope() {
  g_enforcing = g_budget_bytes != 0;
  g_refused = false;
}
BudgetScope::~BudgetScope() { g_enforcing = false; }

}  // namespace sharepolicy::wasm

using sharepolicy::wasm::counted_alloc;
using sharepolicy::wasm::counted_free;

void* operator new(std::size_t size) {
  if (void* p = counted_alloc(size)) return p;
  // Out of heap, the exception itself needs the reserve (over the budget it merely finds it; the
  // next call takes it back).
  sharepolicy::wasm::release_reserve();
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return operator new(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return counted_alloc(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return counted_alloc(size); }
void operator delete(void* p) noexcept { counted_free(p); }
void operator delete[](void* p) noexcept { counted_free(p); }
void operator delete(void* p, std::size_t) noexcept { counted_free(p); }
void operator delete[](void* p, std::size_t) noexcept { counted_free(p); }
