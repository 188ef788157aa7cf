// The memory budget (memory_budget.h) and the global operator new/delete that keep it. Every
// operator new is counted by malloc_usable_size, so blocks carry no header. The input buffers the
// JS wrapper mallocs are not counted.
#include "memory_budget.h"

#include <cstdlib>
#include <malloc.h>  // malloc_usable_size
#include <new>

namespace sharepolicy::wasm {
namespace {

std::size_t g_budget_bytes = 0;  // 0: no budget
std::size_t g_live_bytes = 0;
bool g_enforcing = false;

void* counted_alloc(std::size_t size) noexcept {
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

}  // namespace

void set_memory_budget(std::size_t bytes) { g_budget_bytes = bytes; }

BudgetScope::BudgetScope() { g_enforcing = g_budget_bytes != 0; }
BudgetScope::~BudgetScope() { g_enforcing = false; }

}  // namespace sharepolicy::wasm

using sharepolicy::wasm::counted_alloc;
using sharepolicy::wasm::counted_free;

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
