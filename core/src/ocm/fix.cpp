#include "ocm/fix.h"

#include <algorithm>
#include <cctype>

#include "common/closest_names.h"
#include "common/text_util.h"
#include "engine/vendor_run.h"
#include "ocm/roles.h"

namespace sharepolicy::ocm {
namespace {

Change member_change(const Section& s, const Folder& folder, PrincipalType type, Index principal,
                     const std::optional<Role>& before, Role after) {
  Change c;
  c.type = "share.set";
  c.system = "ocm";
  c.asset_kind = "folder";
  c.asset_id = folder.id;
  c.principal = type == PrincipalType::kUser ? PrincipalRef{"user", s.users[principal].id}
                                             : PrincipalRef{"group", s.groups[principal].id};
  if (before) c.before = role_name(*before);
  c.after = role_name(after);
  return c;
}

std::optional<Role> own_role(const Folder& folder, Index user) {
  for (const Member& m : folder.members) {
    if (m.type == PrincipalType::kUser && m.principal == user) return m.role;
  }
  return std::nullopt;
}

}  // namespace

Fix request_fix(const std::string& what) { return make_fix("request", "correct the request: " + what); }

Fix role_value_fix(const std::string& sent) {
  std::string lower = sent;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  std::string sentence = "correct the request: role must be viewer, downloader, contributor or manager (exact case)";
  if (parse_role(lower)) sentence += "; did you mean " + lower + "?";
  return make_fix("request", sentence);
}

Fix folder_not_found_fix(const std::string& folder_id) {
  return make_fix("request",
                  "no folder has the id " + text_util::quoted(folder_id) + ": check the folderId in the path");
}

Fix privilege_fix(const Section& s, const Folder& folder, Index actor, Role needed) {
  const std::optional<Role> current = own_role(folder, actor);
  const std::string who = text_util::quoted(s.users[actor].login_name);
  const std::string owner = text_util::quoted(s.users[folder.owned_by].login_name);
  const std::string what = needed == Role::kManager ? "the manager role" : "a role";
  return make_fix("state",
                  "the actor " + who + " needs " + what + " on folder " + folder.id + ": its owner " + owner +
                      (needed == Role::kManager ? " (or a manager) can make it a manager"
                                                : " (or a manager) can share the folder with it as viewer"),
                  {member_change(s, folder, PrincipalType::kUser, actor, current, needed)});
}

Fix failed_members_fix(const Section& s, const Folder& folder, const std::vector<FailedMember>& failed,
                       const std::optional<Role>& role_to_set) {
  std::vector<std::string> nobody, owner, to_add, already, to_drop;
  std::vector<Change> additions;
  for (const FailedMember& f : failed) {
    switch (f.reason) {
      case FailedMember::kNamesNobody: nobody.push_back(f.item); break;
      case FailedMember::kOwner: owner.push_back(f.item); break;
      case FailedMember::kAlreadyMember: already.push_back(f.item); break;
      case FailedMember::kNotMember:
        if (role_to_set) {
          to_add.push_back(f.item);
          additions.push_back(member_change(s, folder, f.type, f.principal, std::nullopt, *role_to_set));
        } else {
          to_drop.push_back(f.item);
        }
        break;
    }
  }
  const auto is = [](const std::vector<std::string>& v, const char* one, const char* many) {
    return text_util::quoted_list(v) + (v.size() == 1 ? one : many);
  };
  std::vector<std::string> parts;
  if (!to_add.empty()) {
    parts.push_back(is(to_add, " is not yet a member", " are not yet members") + ": share the folder with " +
                    (to_add.size() == 1 ? "it" : "them") + " first (POST /documents/api/1.2/shares/" + folder.id + ")");
  }
  if (!already.empty()) {
    parts.push_back(is(already, " is already a member", " are already members") +
                    ": change the role with PUT /documents/api/1.2/shares/" + folder.id + "/role");
  }
  if (!nobody.empty())
    parts.push_back(is(nobody, " names nobody", " name nobody") + ": check the id or drop it from userID");
  if (!owner.empty())
    parts.push_back(text_util::quoted_list(owner) + " is the folder's owner, who needs no role: drop it from userID");
  if (!to_drop.empty()) parts.push_back(is(to_drop, " is not a member", " are not members") + ": drop it from userID");
  std::string sentence;
  for (const auto& p : parts) sentence += (sentence.empty() ? "" : "; ") + p;
  // Only additions are a state change that makes the same request succeed.
  const bool state_only = to_add.size() == failed.size();
  if (state_only) return make_fix("state", sentence, std::move(additions));
  return make_fix("request", sentence);
}

}  // namespace sharepolicy::ocm
