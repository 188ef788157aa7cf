// A loaded, indexed, immutable organisation state (state.md).
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sharepolicy/input_error.h"
#include "sharepolicy/result.h"

namespace sharepolicy {

namespace detail {
struct StateData;
}

// A cheap-to-copy handle on an immutable state. Copies share the data; an apply never changes a
// state another handle can see (copy-on-write, see engine.h).
class State {
 public:
  State();  // the empty state: no system section
  explicit State(std::shared_ptr<detail::StateData> data);

  const detail::StateData& data() const { return *data_; }
  // Mutable access: copies the data first unless this handle is its only owner.
  detail::StateData& mutable_data();
  bool shares_data_with(const State& other) const { return data_ == other.data_; }

 private:
  std::shared_ptr<detail::StateData> data_;
};

// Parses, validates (state.md "Integrity") and indexes a state file.
Expected<State> load_state(std::string_view json_text);

// The state as JSON text, the same shape as the input (state.md "Output"). Compact.
std::string write_state(const State& state);

// Warnings produced by loading (AMBIGUOUS_USERNAME …).
const std::vector<StateWarning>& state_warnings(const State& state);

}  // namespace sharepolicy
