// OCM folder roles (state.md "ocm"): names, parsing and effective levels, shared by the share
// calls, the access preview and the fixes.
#pragma once
#include <optional>
#include <string>

#include "state/model.h"
#include "state/vocabulary.h"

namespace sharepolicy::ocm {

// Effective roles as numbers: 0 no access, 1–4 the roles (state.md order), 5 owner.
using Level = int;
inline constexpr Level kNoAccess = 0;
inline constexpr Level kOwnerLevel = 5;

inline const char* role_name(Role r) { return vocabulary::ocm_role_name(r); }

inline const char* level_name(Level l) {
  return l == kOwnerLevel ? "owner" : l == kNoAccess ? "no access" : role_name(static_cast<Role>(l));
}

// ocm.md check 3: exact case.
inline std::optional<Role> parse_role(const std::string& s) { return vocabulary::parse_ocm_role(s); }

}  // namespace sharepolicy::ocm
