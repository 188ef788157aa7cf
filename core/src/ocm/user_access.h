// A user's effective role on an OCM folder (state.md "ocm") with every path that gives it, shared
// by the access preview (access_delta.cpp) and "who can / what can" (explore.cpp).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "ocm/roles.h"

namespace sharepolicy::ocm {

// A folder's memberships keyed by principal, for look-ups while users are resolved.
class MemberRoles {
 public:
  explicit MemberRoles(const std::vector<Member>& members) {
    for (const Member& m : members) roles_[key(m.type, m.principal)] = m.role;
  }
  std::optional<Role> of(PrincipalType type, Index principal) const {
    auto it = roles_.find(key(type, principal));
    return it == roles_.end() ? std::nullopt : std::optional<Role>(it->second);
  }

 private:
  static std::uint64_t key(PrincipalType t, Index i) { return (std::uint64_t{t == PrincipalType::kGroup} << 32) | i; }
  std::unordered_map<std::uint64_t, Role> roles_;
};

// The user's effective level and every path to it: owner, own membership, its groups' memberships.
struct UserAccess {
  Level level = kNoAccess;
  std::vector<AccessPath> via;
};
UserAccess user_access(const Section& s, const Folder& folder, const MemberRoles& roles, Index user);
// user_access(…).level without building the paths.
Level user_level(const Section& s, const Folder& folder, const MemberRoles& roles, Index user);

AccessUser user_ref(const Section& s, Index u);  // {id, loginName}
std::optional<std::string> level_text(Level l);  // nullopt for no access

}  // namespace sharepolicy::ocm
