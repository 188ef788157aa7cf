// OCM folder roles (state.md "ocm"): names, parsing and effective levels, shared by the share
// calls, the access preview and the fixes.
#pragma once
#include <optional>
#include <string>

#include "state/model.h"

namespace sharepolicy::ocm {

// Effective roles as numbers: 0 no access, 1–4 the roles (state.md order), 5 owner.
using Level = int;
inline constexpr Level kNoAccess = 0;
inline constexpr Level kOwnerLevel = 5;

inline const char* role_name(Role r) {
  switch (r) {
    case Role::kViewer: return "viewer";
    case Role::kDownloader: return "downloader";
    case Role::kContributor: return "contributor";
    case Role::kManager: return "manager";
  }
  return "viewer";
}

inline const char* level_name(Level l) {
  return l == kOwnerLevel ? "owner" : l == kNoAccess ? "no access" : role_name(static_cast<Role>(l));
}

// ocm.md check 3: exact case.
inline std::optional<Role> parse_role(const std::string& s) {
  if (s == "viewer") return Role::kViewer;
  if (s == "downloader") return Role::kDownloader;
  if (s == "contributor") return Role::kContributor;
  if (s == "manager") return Role::kManager;
  return std::nullopt;
}

}  // namespace sharepolicy::ocm
