// The optional memory budget of one module instance (createSharePolicy({ maxMemoryBytes })), kept
// by the global operator new in memory_budget.cpp. It lets the out-of-memory path be tested with
// small inputs; the real cap is the linker's MAXIMUM_MEMORY (with ABORTING_MALLOC=0 a failed growth
// is a null malloc, hence the same std::bad_alloc).
#pragma once
#include <cstddef>

namespace sharepolicy::wasm {

// 0: no budget. Set once per instance, before any call.
void set_memory_budget(std::size_t bytes);

// While one is alive (a call into the core), an allocation past the budget throws std::bad_alloc.
// Outside (Embind's own bookkeeping, the binding's error envelope) the budget is not enforced, so
// nothing throws where the core cannot catch it.
class BudgetScope {
 public:
  BudgetScope();
  ~BudgetScope();
  BudgetScope(const BudgetScope&) = delete;
  BudgetScope& operator=(const BudgetScope&) = delete;
};

}  // namespace sharepolicy::wasm
