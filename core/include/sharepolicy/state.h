// A loaded, indexed, immutable organisation state (state.md).
#pragma once
#include <cstdint>
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

// Loads a state whose text arrives in pieces (a file or network stream), for texts too large to
// hold as one string. Feeding the pieces of a text and finishing answers exactly what load_state
// answers for the whole text (the same model, the same error and pointer).
class StateStream {
 public:
  StateStream();
  ~StateStream();
  StateStream(const StateStream&) = delete;
  StateStream& operator=(const StateStream&) = delete;

  // Reads the next piece. Answers the input error as soon as one is certain (a piece past the
  // state limit, and whatever the text read so far already proves invalid); after an error every
  // later feed and finish answer it again. nullptr: no error yet.
  const InputError* feed(std::string_view piece);
  // The end of the text: the loaded state, or the input error.
  Expected<State> finish();
  std::uint64_t bytes_read() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// How much of the state write_state writes.
enum class StateView {
  kWhole,    // all of it, the same shape as the input (state.md "Output")
  kOutline,  // its elements' own known members only: no shares (HMP), no members (OCM groups and
             // folders), no unknown members — the names and references a picker shows, a small
             // part of a large state's text
};

// The state as JSON text, the same shape as the input (state.md "Output"). Compact.
std::string write_state(const State& state, StateView view = StateView::kWhole);

// Warnings produced by loading (AMBIGUOUS_USERNAME …).
const std::vector<StateWarning>& state_warnings(const State& state);

}  // namespace sharepolicy
