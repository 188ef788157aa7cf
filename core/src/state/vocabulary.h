// The state's fixed vocabulary (state.md), in one place: the loader, the writer, the change
// appliers and the vendor modules read and write these names through here (issue 13).
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

#include "state/model.h"

namespace sharepolicy::vocabulary {

// Collections of each section, by bit position in the section's present_collections (a collection
// present in the input, even empty, is written back).
namespace hmp_collection {
enum : int { kUsers, kGroups, kRoles, kAccessPermissions, kRecordings, kFeeds, kSessions, kCount };
inline constexpr const char* kNames[kCount] = {"users",      "groups", "roles",   "accessPermissions",
                                               "recordings", "feeds",  "sessions"};
}  // namespace hmp_collection
namespace webex_collection {
enum : int { kPeople, kRecordings, kCount };
inline constexpr const char* kNames[kCount] = {"people", "recordings"};
}  // namespace webex_collection
namespace ocm_collection {
enum : int { kUsers, kGroups, kFolders, kCount };
inline constexpr const char* kNames[kCount] = {"users", "groups", "folders"};
}  // namespace ocm_collection

inline bool has_collection(std::uint16_t present, int bit) { return (present >> bit & 1) != 0; }

// ---- HMP
inline constexpr const char* kShareTypes[] = {"USER", "GROUP"};  // hmp::ShareType order

// A built-in permission's name (WATCH, EDIT, OWN, RECORD); nullptr for an access permission.
inline const char* builtin_permission_name(hmp::Permission::Kind kind) {
  switch (kind) {
    case hmp::Permission::kWatchP: return "WATCH";
    case hmp::Permission::kEditP: return "EDIT";
    case hmp::Permission::kOwnP: return "OWN";
    case hmp::Permission::kRecordP: return "RECORD";
    default: return nullptr;
  }
}

// WATCH, EDIT, OWN (exact case); RECORD only where sessions allow it (vendor-facts §1.3).
inline std::optional<hmp::Permission::Kind> parse_builtin_permission(std::string_view text, bool record_allowed) {
  if (text == "WATCH") return hmp::Permission::kWatchP;
  if (text == "EDIT") return hmp::Permission::kEditP;
  if (text == "OWN") return hmp::Permission::kOwnP;
  if (text == "RECORD" && record_allowed) return hmp::Permission::kRecordP;
  return std::nullopt;
}

// ---- Webex (enum order)
inline constexpr const char* kPersonTypes[] = {"user", "virtualLine", "workspace", "place", "callQueue"};
inline constexpr const char* kPersonStatuses[] = {"active", "inactive"};
inline constexpr const char* kRecordingStatuses[] = {"available", "deleted", "purged"};

// ---- OCM (enum order)
inline constexpr const char* kProvisioningStatuses[] = {"active", "inactive", "deleted", "pending"};
inline constexpr const char* kMemberTypes[] = {"user", "group"};
// Indexed by ocm::Role's value minus one (viewer < downloader < contributor < manager).
inline constexpr const char* kOcmRoles[] = {"viewer", "downloader", "contributor", "manager"};

inline const char* provisioning_name(ocm::ProvisioningStatus p) { return kProvisioningStatuses[static_cast<int>(p)]; }
inline const char* ocm_role_name(ocm::Role r) { return kOcmRoles[static_cast<int>(r) - 1]; }
// Exact case (ocm.md check 3).
inline std::optional<ocm::Role> parse_ocm_role(std::string_view s) {
  for (int i = 0; i < 4; ++i) {
    if (s == kOcmRoles[i]) return static_cast<ocm::Role>(i + 1);
  }
  return std::nullopt;
}

}  // namespace sharepolicy::vocabulary
