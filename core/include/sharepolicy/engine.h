// The three entry points (api.md "Entry points").
#pragma once
#include <string_view>

#include "sharepolicy/input_error.h"
#include "sharepolicy/request.h"
#include "sharepolicy/result.h"
#include "sharepolicy/state.h"

namespace sharepolicy {

struct Applied {
  Result result;
  State state;  // the new state; the input state when nothing changed
};

enum class EntryPoint { kShare, kReassign };

// Which entry point a request belongs to; an input error if it routes nowhere.
Expected<EntryPoint> entry_point_for(const State& state, const Request& request);

// Evaluates a share request; never changes the state. Detail::kDecision leaves out `fix`,
// `access`, `stateWarnings` and the explanation (result.h); every other field is the same.
// Detail::kOutcome answers `ok` alone. The in-place calls below compute at least the changes
// they apply: kOutcome is read there as kDecision.
Expected<Result> can_share(const State& state, const Request& request, Detail detail = Detail::kFull);
// The full result with each asset's access lists holding `window` (docs/ACCESS.md "Bounded lists");
// the call above lists the default window, the first limits::kAccessHolders of each list.
Expected<Result> can_share(const State& state, const Request& request, const AccessWindow& window);
// Evaluates a share request and returns the state with its changes applied.
Expected<Applied> apply_share(const State& state, const Request& request);
// Evaluates a reassignment; on success the new state has the ownership moved.
Expected<Applied> resolve_reassign(const State& state, const Request& request);

// Evaluates a reassignment without applying it: the result resolveReassign would give, for a
// preview on a loaded state that must stay as it is.
Expected<Result> preview_reassign(const State& state, const Request& request, Detail detail = Detail::kFull);

// In place: `state` is updated (copy-on-write: other handles keep the old data).
Expected<Result> apply_share_in_place(State& state, const Request& request, Detail detail = Detail::kFull);
Expected<Result> resolve_reassign_in_place(State& state, const Request& request, Detail detail = Detail::kFull);

// Picks the entry point from the request (the CLI's rule): reassignments go to resolveReassign.
Expected<Result> apply_any_in_place(State& state, const Request& request, const AccessWindow& window = {});

}  // namespace sharepolicy
