// The fix for an HMP denial (docs/ACCESS.md "fix"): the smallest change to the state, or to the
// request, that would turn the answer into OK, as a sentence and as data.
#pragma once
#include <string>
#include <vector>

#include "hmp/access.h"
#include "sharepolicy/result.h"

namespace sharepolicy::hmp {

// Malformed input: no state change helps ("correct the request: …").
Fix request_fix(const std::string& what);
// A denial that is not a fault (nothing to list): the sentence says why, and there is no change.
Fix nothing_to_fix(const std::string& why);
Fix unknown_command_fix(const std::string& command);
// Check 1: the wrong number of parameters; when white space split a UUID in two (as the vendor's
// own example prints one), the sentence says so and gives the line with the UUID joined.
Fix arity_fix(const std::string& usage, const std::vector<std::string>& tokens);
// Check 3: a permission token that is neither a built-in nor a UUID.
Fix permission_syntax_fix(const std::string& token, AssetKind kind);
// Check 4: the directory cannot be searched, or the name matches several principals.
// `rest` tells the REST API (which can name the principal by id) from the command line.
Fix directory_fix(const Section& s, ShareType type, const std::string& name, bool rest);
// Check 5: no principal of that name (closest names suggested) or id.
Fix principal_not_found_fix(const Section& s, ShareType type, const std::string& wanted, bool by_id);
// Check 6: grant a role to the principal (a user: or to one of its groups).
Fix no_roles_fix(const Section& s, ShareType type, Index principal);
Fix asset_not_found_fix(AssetKind kind, const std::string& id);
Fix permission_not_found_fix(const Section& s, const std::string& token, AssetKind kind);
// Check 9: the smallest permission the actor's own share would need, granted by an owner or admin.
Fix cannot_share_fix(const Section& s, AssetKind kind, const Asset& asset, Index actor, const Permission& wanted,
                     const Rights& rights);
// Feed writes: the actor needs an administrator role.
Fix not_administrator_fix(const Section& s, Index actor);

}  // namespace sharepolicy::hmp
