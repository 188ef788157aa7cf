// Access before and after (docs/ACCESS.md) for the OCM folders a result's share.set changes touch:
// each user's effective role (state.md "ocm"), with every path that gives it (ownership, its own
// membership, its groups' memberships). "After" is a copy of the folder's members with the
// changes applied; the users listed are those the owner and the members (groups resolved) reach.
#include <algorithm>

#include "engine/access_window.h"
#include "engine/vendor_calls.h"
#include "ocm/user_access.h"
#include "state/apply_changes.h"

namespace sharepolicy::ocm {

AccessUser user_ref(const Section& s, Index u) { return AccessUser{s.users[u].id, s.users[u].login_name}; }

UserAccess user_access(const Section& s, const Folder& folder, const MemberRoles& roles, Index user) {
  UserAccess out;
  if (folder.owned_by == user) {
    out.level = kOwnerLevel;
    out.via.push_back(AccessPath{"owner", std::nullopt, std::nullopt});
  }
  if (auto own = roles.of(PrincipalType::kUser, user)) {
    out.level = std::max(out.level, static_cast<Level>(*own));
    out.via.push_back(AccessPath{"direct", std::nullopt, std::string(role_name(*own))});
  }
  for (Index g : s.groups_of_user[user]) {
    if (auto r = roles.of(PrincipalType::kGroup, g)) {
      out.level = std::max(out.level, static_cast<Level>(*r));
      out.via.push_back(
          AccessPath{"group", AccessUser{s.groups[g].id, s.groups[g].display_name}, std::string(role_name(*r))});
    }
  }
  return out;
}

Level user_level(const Section& s, const Folder& folder, const MemberRoles& roles, Index user) {
  Level level = folder.owned_by == user ? kOwnerLevel : kNoAccess;
  if (auto own = roles.of(PrincipalType::kUser, user)) level = std::max(level, static_cast<Level>(*own));
  for (Index g : s.groups_of_user[user]) {
    if (auto r = roles.of(PrincipalType::kGroup, g)) level = std::max(level, static_cast<Level>(*r));
  }
  return level;
}

std::optional<std::string> level_text(Level l) {
  return l == kNoAccess ? std::nullopt : std::optional<std::string>(level_name(l));
}

namespace {

void add_reached_users(const Section& s, const Folder& folder, const std::vector<Member>& members,
                       std::vector<Index>& out) {
  out.push_back(folder.owned_by);
  for (const Member& m : members) {
    if (m.type == PrincipalType::kUser) {
      out.push_back(m.principal);
    } else {
      const auto& users = s.groups[m.principal].members;
      out.insert(out.end(), users.begin(), users.end());
    }
  }
}

AssetAccess compare_access(const Section& s, const Folder& folder, const std::vector<Member>& after_members,
                           const AccessWindow& window, AccessWords* words) {
  AssetAccess out;
  out.system = "ocm";
  out.kind = "folder";
  out.id = folder.id;
  out.uses_roles = true;
  std::vector<Index> users;
  add_reached_users(s, folder, folder.members, users);
  add_reached_users(s, folder, after_members, users);
  std::sort(users.begin(), users.end());
  users.erase(std::unique(users.begin(), users.end()), users.end());
  const MemberRoles before_roles(folder.members), after_roles(after_members);
  WindowedAccess lists(out, window, words);
  for (Index u : users) {
    // Levels alone for every user; the paths only for the holders the window lists.
    const Level from = user_level(s, folder, before_roles, u), to = user_level(s, folder, after_roles, u);
    if (from != kNoAccess) {
      lists.add_before([&] {
        return AccessHolder{user_ref(s, u), 0, {}, level_text(from), user_access(s, folder, before_roles, u).via};
      });
    }
    if (to != kNoAccess) {
      lists.add_after([&] {
        return AccessHolder{user_ref(s, u), 0, {}, level_text(to), user_access(s, folder, after_roles, u).via};
      });
    }
    if (to > from) lists.add_gained([&] { return AccessDelta{user_ref(s, u), {}, level_text(from), level_text(to)}; });
    if (to < from) lists.add_lost([&] { return AccessDelta{user_ref(s, u), {}, level_text(from), level_text(to)}; });
  }
  lists.finish();
  return out;
}

}  // namespace

void describe_access(const Section& s, Result& result, const AccessWindow& window, AccessWords* words) {
  if (result.changes.empty()) return;
  Access access;
  std::vector<std::string> done;  // folders already described, in first-change order
  for (const Change& first : result.changes) {
    if (first.type != "share.set" || std::find(done.begin(), done.end(), first.asset_id) != done.end()) continue;
    done.push_back(first.asset_id);
    const Folder& folder = s.folders[s.folder_by_id.at(first.asset_id)];
    std::vector<Member> after = folder.members;  // only this folder's members are copied
    for (const Change& c : result.changes) {
      if (c.type == "share.set" && c.asset_id == first.asset_id) state::apply_ocm_member_change(s, after, c);
    }
    AssetAccess asset = compare_access(s, folder, after, window, words);
    if (!words) access.assets.push_back(std::move(asset));
  }
  result.access = std::move(access);
}

}  // namespace sharepolicy::ocm
