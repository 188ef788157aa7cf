// The fix for an OCM denial (docs/ACCESS.md "fix"): the smallest change to the state, or to the
// request, that would turn the answer into a 200, as a sentence and as data.
#pragma once
#include <string>
#include <vector>

#include "sharepolicy/result.h"
#include "state/model.h"

namespace sharepolicy::ocm {

// Malformed input: no state change helps ("correct the request: …").
Fix request_fix(const std::string& what);
// Check 3: a role that is not one of the four (a case slip is pointed out).
Fix role_value_fix(const std::string& sent);
Fix folder_not_found_fix(const std::string& folder_id);
// Check 5 (and listShares' read check): the actor's own membership raised to `needed`.
Fix privilege_fix(const Section& s, const Folder& folder, Index actor, Role needed);

// A member of the response that failed, and why.
struct FailedMember {
  enum Reason { kNamesNobody, kOwner, kNotMember, kAlreadyMember } reason;
  std::string item;  // as sent
  PrincipalType type = PrincipalType::kUser;
  Index principal = kNoIndex;
};
// A partial failure: members that are not members yet can be added (a state change) when the
// request sets a role; any other failure needs the request changed.
Fix failed_members_fix(const Section& s, const Folder& folder, const std::vector<FailedMember>& failed,
                       const std::optional<Role>& role_to_set);

}  // namespace sharepolicy::ocm
