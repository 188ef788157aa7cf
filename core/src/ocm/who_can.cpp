// "Who can / what can" for OCM (docs/ACCESS.md): effective roles come from user_access (state.md
// "ocm"), the function the access preview uses, over only the users a folder reaches (owner, user
// members, members of member groups) or the folders a principal reaches (owned, member of, or a
// member through its groups).
#include <algorithm>

#include "engine/explore_calls.h"
#include "ocm/user_access.h"

namespace sharepolicy::ocm {
namespace {

std::vector<Index> reached_users(const Section& s, const Folder& folder) {
  std::vector<Index> users{folder.owned_by};
  for (const Member& m : folder.members) {
    if (m.type == PrincipalType::kUser) {
      users.push_back(m.principal);
    } else {
      const auto& members = s.groups[m.principal].members;
      users.insert(users.end(), members.begin(), members.end());
    }
  }
  std::sort(users.begin(), users.end());
  users.erase(std::unique(users.begin(), users.end()), users.end());
  return users;
}

ReachedAsset reached_folder(const Folder& f) {
  ReachedAsset r;
  r.kind = "folder";
  r.id = f.id;
  r.name = f.name;
  return r;
}

}  // namespace

explore::OcmIndex build_explore_index(const Section& s) {
  std::vector<std::pair<Index, Index>> owned, by_user, by_group;
  for (Index f = 0; f < s.folders.size(); ++f) {
    owned.emplace_back(s.folders[f].owned_by, f);
    for (const Member& m : s.folders[f].members) {
      (m.type == PrincipalType::kUser ? by_user : by_group).emplace_back(m.principal, f);
    }
  }
  explore::OcmIndex index;
  index.owned_by_user = explore::group_by_principal(s.users.size(), owned);
  index.user_member_of = explore::group_by_principal(s.users.size(), by_user);
  index.group_member_of = explore::group_by_principal(s.groups.size(), by_group);
  return index;
}

WhoCanAnswer who_can(const Section& s, const Folder& folder, const Window& w) {
  WhoCanAnswer out = explore::who_can_head("ocm", "folder", folder.id, folder.name, true, w);
  const MemberRoles roles(folder.members);
  for (Index u : reached_users(s, folder)) {
    UserAccess access = user_access(s, folder, roles, u);
    if (access.level == kNoAccess) continue;
    explore::add_to_page(out.users, w, [&] {
      return AccessHolder{user_ref(s, u), 0, {}, level_text(access.level), std::move(access.via)};
    });
  }
  for (const Member& m : folder.members) {
    if (m.type != PrincipalType::kGroup) continue;
    explore::add_to_page(out.groups, w, [&] {
      const Group& g = s.groups[m.principal];
      return GroupGrant{AccessUser{g.id, g.display_name}, role_name(m.role), {}, g.members.size()};
    });
  }
  return out;
}

WhatCanAnswer what_can_user(const Section& s, const explore::OcmIndex& index, Index user, const Window& w) {
  WhatCanAnswer out = explore::what_can_head("ocm", "user", user_ref(s, user), true, w);
  std::vector<Index> folders;
  index.owned_by_user.append_to(folders, user);
  index.user_member_of.append_to(folders, user);
  for (Index g : s.groups_of_user[user]) index.group_member_of.append_to(folders, g);
  std::sort(folders.begin(), folders.end());
  folders.erase(std::unique(folders.begin(), folders.end()), folders.end());
  for (Index f : folders) {  // every folder listed gives a role
    explore::add_to_page(out.assets, w, [&] {
      const Folder& folder = s.folders[f];
      UserAccess access = user_access(s, folder, MemberRoles(folder.members), user);
      ReachedAsset r = reached_folder(folder);
      r.role = level_text(access.level);
      r.via = std::move(access.via);
      return r;
    });
  }
  return out;
}

WhatCanAnswer what_can_group(const Section& s, const explore::OcmIndex& index, Index group, const Window& w) {
  const Group& g = s.groups[group];
  WhatCanAnswer out = explore::what_can_head("ocm", "group", AccessUser{g.id, g.display_name}, true, w);
  out.members = g.members.size();
  for (const Index* f = index.group_member_of.begin(group); f != index.group_member_of.end(group); ++f) {
    explore::add_to_page(out.assets, w, [&] {
      const Folder& folder = s.folders[*f];
      const auto m = std::find_if(folder.members.begin(), folder.members.end(), [&](const Member& x) {
        return x.type == PrincipalType::kGroup && x.principal == group;
      });
      ReachedAsset r = reached_folder(folder);
      r.role = role_name(m->role);
      r.via.push_back(AccessPath{"direct", std::nullopt, std::string(role_name(m->role))});
      return r;
    });
  }
  return out;
}

}  // namespace sharepolicy::ocm
