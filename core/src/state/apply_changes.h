// Applies a result's `changes` to a state (api.md "changes"). The single place where a state
// changes: vendor modules only describe changes, this file carries them out. The access previews
// (hmp/ocm access_delta.cpp) apply the same changes to a copy of one asset through the appliers
// below, so that "after" is computed by the very rule an apply uses.
#pragma once
#include <vector>

#include "sharepolicy/result.h"
#include "state/model.h"

namespace sharepolicy::state {

// Sections another state still shares are copied first; `data` itself must be exclusively owned.
void apply_changes(detail::StateData& data, const std::vector<Change>& changes);

// Webex ownership moves as (recording, new owner) indexes: what apply_changes does for owner.set
// changes, without looking ids up. `s` must be exclusively owned.
void set_recording_owners(webex::Section& s, const std::vector<std::pair<Index, Index>>& moves);

// One HMP share.set on `asset`'s shares: `s` resolves the principal and permission ids (`asset`
// may be a copy, or an asset of `s` itself). A removed share goes; a changed one keeps its place.
void apply_hmp_share_change(const hmp::Section& s, hmp::Asset& asset, const Change& c);

// One OCM share.set on a folder's members (the folder's own, or a copy); `s` resolves the ids.
void apply_ocm_member_change(const ocm::Section& s, std::vector<ocm::Member>& members, const Change& c);

}  // namespace sharepolicy::state
