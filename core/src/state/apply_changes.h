// Applies a result's `changes` to a state (api.md "changes"). The single place where a state
// changes: vendor modules only describe changes, this file carries them out.
#pragma once
#include <vector>

#include "sharepolicy/result.h"
#include "state/model.h"

namespace sharepolicy::state {

// Sections another state still shares are copied first; `data` itself must be exclusively owned.
void apply_changes(detail::StateData& data, const std::vector<Change>& changes);

}  // namespace sharepolicy::state
