// Applies a result's `changes` to a state (api.md "changes"). The single place where a state
// changes: vendor modules only describe changes, this file carries them out.
#pragma once
#include <vector>

#include "sharepolicy/result.h"
#include "state/model.h"

namespace sharepolicy::state {

// Sections another state still shares are copied first; `data` itself must be exclusively owned.
void apply_changes(detail::StateData& data, const std::vector<Change>& changes);

// The Webex section of `data`, copied first when another state still shares it.
webex::Section& exclusive_webex(detail::StateData& data);

// Webex ownership moves as (recording, new owner) indexes: what apply_changes does for owner.set
// changes, without looking ids up. `s` must be exclusively owned.
void set_recording_owners(webex::Section& s, const std::vector<std::pair<Index, Index>>& moves);

}  // namespace sharepolicy::state
