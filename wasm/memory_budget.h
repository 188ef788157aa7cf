// The optional memory budget of one module instance (createSharePolicy({ maxMemoryBytes })), kept
// by the global operator new in memory_budget.cpp. It lets the out-of-memory path be tested with
// small inputs; the real cap is the linker's MAXIMUM_MEMORY (with ABORTING_MALLOC=0 a failed growth
// is a null malloc, hence the same std::bad_alloc).
#pragma once
#include <cstddef>

namespace sharepolicy::wasm {

// 0: no budget. Set once per instance, before any call.
void set_memory_budget(std::size_t bytes);

// A small block held back for the error path: when the heap cannot grow, operator new releases it
// before throwing std::bad_alloc, so that the C++ runtime can allocate the exception itself (else
// it calls std::terminate, an abort). A call into the core starts only with the reserve in place;
// false: the memory is so full that it cannot be taken back.
bool hold_reserve() noexcept;

// Whether an allocation failed during the current call (over the budget, or the heap could not
// grow): after a trap, it tells running out of memory from another fault.
bool memory_refused() noexcept;

// While one is alive (a call into the core), an allocation past the budget throws std::bad_alloc.
// Outside (the binding's error envelope) the budget is not enforced, so
// nothing throws where the core cannot catch it.
class BudgetScope {
 public:
  BudgetScope();
  ~BudgetScope();
  BudgetScope(const BudgetScope&) = delete;
  BudgetScope& operator=(const BudgetScope&) = delete;
};

}  // namespace sharepolicy::wasm
