// "Who can / what can" for HMP (docs/ACCESS.md): every answer is built from rights_on (state.md
// "Effective actions") and holder_for, the same functions the access preview uses, over only the
// users an asset reaches (owner, user shares, members of shared groups) or the assets a principal
// reaches (owned, shared with it, shared with its groups). Administrators reach every asset: they
// are counted on an asset, and an administrator's assets are listed in state order from the
// window's start, never collected.
#include <algorithm>

#include "engine/explore_calls.h"

namespace sharepolicy::hmp {
namespace {

constexpr AssetKind kKinds[3] = {AssetKind::kRecording, AssetKind::kFeed, AssetKind::kSession};

const CowVector<Asset>& assets_of(const Section& s, unsigned kind) {
  return kind == 0 ? s.recordings : kind == 1 ? s.feeds : s.sessions;
}

// Users the asset reaches, not administrators, in state order.
std::vector<Index> reached_users(const Section& s, const Asset& asset) {
  std::vector<Index> users;
  if (asset.owner != kNoIndex) users.push_back(asset.owner);
  for (const Share& sh : asset.shares) {
    if (sh.type == ShareType::kUser) {
      users.push_back(sh.principal);
    } else {
      const auto& members = s.users_of_group[sh.principal];
      users.insert(users.end(), members.begin(), members.end());
    }
  }
  std::sort(users.begin(), users.end());
  users.erase(std::unique(users.begin(), users.end()), users.end());
  users.erase(std::remove_if(users.begin(), users.end(), [&](Index u) { return s.user_is_admin[u]; }), users.end());
  return users;
}

ReachedAsset reached_asset(const Asset& asset, AssetKind kind) {
  ReachedAsset r;
  r.kind = asset_kind_name(kind);
  r.id = asset.id;
  r.name = asset.name;
  return r;
}

std::size_t asset_count(const Section& s) { return s.recordings.size() + s.feeds.size() + s.sessions.size(); }

// Every asset, for an administrator (or a group holding an administrator role): the window only.
void list_every_asset(const Section& s, const Window& w, WhatCanAnswer& out) {
  out.assets.total = asset_count(s);
  std::size_t position = 0;
  for (unsigned k = 0; k < 3; ++k) {
    const auto& assets = assets_of(s, k);
    if (position + assets.size() <= w.offset) {
      position += assets.size();
      continue;
    }
    for (const Asset& a : assets) {
      if (out.assets.items.size() == w.limit) return;
      if (explore::in_window(w, position++)) {
        ReachedAsset r = reached_asset(a, kKinds[k]);
        r.actions = action_list(all_actions(kKinds[k]));
        r.via.push_back(AccessPath{"administrator", std::nullopt, std::nullopt});
        out.assets.items.push_back(std::move(r));
      }
    }
  }
}

std::vector<explore::HmpSlot> merge(std::vector<explore::HmpSlot> slots) {
  std::sort(slots.begin(), slots.end());
  slots.erase(std::unique(slots.begin(), slots.end()), slots.end());
  return slots;
}

}  // namespace

explore::HmpIndex build_explore_index(const Section& s) {
  std::vector<std::pair<Index, explore::HmpSlot>> owned, by_user, by_group;
  for (unsigned k = 0; k < 3; ++k) {
    const auto& assets = assets_of(s, k);
    for (Index i = 0; i < assets.size(); ++i) {
      const explore::HmpSlot slot = explore::hmp_slot(k, i);
      if (assets[i].owner != kNoIndex) owned.emplace_back(assets[i].owner, slot);
      for (const Share& sh : assets[i].shares)
        (sh.type == ShareType::kUser ? by_user : by_group).emplace_back(sh.principal, slot);
    }
  }
  explore::HmpIndex index;
  index.owned_by_user = explore::group_by_principal(s.users.size(), owned);
  index.shared_with_user = explore::group_by_principal(s.users.size(), by_user);
  index.shared_with_group = explore::group_by_principal(s.groups.size(), by_group);
  return index;
}

WhoCanAnswer who_can(const Section& s, AssetKind kind, const Asset& asset, const Window& w) {
  WhoCanAnswer out = explore::who_can_head("hmp", asset_kind_name(kind), asset.id, asset.name, false, w);
  out.administrators = s.administrator_count;
  for (Index u : reached_users(s, asset)) {
    const Rights rights = rights_on(s, u, asset, kind);
    if (!rights.actions) continue;  // an access permission with no action gives none
    explore::add_to_page(out.users, w, [&] { return holder_for(s, u, rights); });
  }
  for (const Share& sh : asset.shares) {
    if (sh.type != ShareType::kGroup) continue;
    explore::add_to_page(out.groups, w, [&] {
      const Group& g = s.groups[sh.principal];
      return GroupGrant{AccessUser{g.id, g.groupname}, permission_text(s, sh.permission),
                        action_list(permission_actions(s, sh.permission, kind)), s.users_of_group[sh.principal].size()};
    });
  }
  return out;
}

WhatCanAnswer what_can_user(const Section& s, const explore::HmpIndex& index, Index user, const Window& w) {
  WhatCanAnswer out = explore::what_can_head("hmp", "user", user_ref(s, user), false, w);
  if (s.user_is_admin[user]) {
    out.administrator_role = s.roles[s.user_admin_role[user]].name;
    if (const Index g = s.user_admin_group[user]; g != kNoIndex)
      out.administrator_group = AccessUser{s.groups[g].id, s.groups[g].groupname};
    list_every_asset(s, w, out);
    return out;
  }
  std::vector<explore::HmpSlot> slots;
  index.owned_by_user.append_to(slots, user);
  index.shared_with_user.append_to(slots, user);
  for (Index g : s.users[user].groups) index.shared_with_group.append_to(slots, g);
  for (const explore::HmpSlot slot : merge(std::move(slots))) {
    const unsigned kind = explore::hmp_slot_kind(slot);
    const Asset& asset = assets_of(s, kind)[explore::hmp_slot_index(slot)];
    const Rights rights = rights_on(s, user, asset, kKinds[kind]);
    if (!rights.actions) continue;
    explore::add_to_page(out.assets, w, [&] {
      AccessHolder holder = holder_for(s, user, rights);  // the same paths as a result's access
      ReachedAsset r = reached_asset(asset, kKinds[kind]);
      r.actions = std::move(holder.actions);
      r.via = std::move(holder.via);
      return r;
    });
  }
  return out;
}

WhatCanAnswer what_can_group(const Section& s, const explore::HmpIndex& index, Index group, const Window& w) {
  const Group& g = s.groups[group];
  WhatCanAnswer out = explore::what_can_head("hmp", "group", AccessUser{g.id, g.groupname}, false, w);
  out.members = s.users_of_group[group].size();
  // state.md: a role reached through a group counts as the user's, so an administrator role on
  // the group makes every member an administrator.
  const auto admin_role = std::find_if(g.roles.begin(), g.roles.end(),
                                       [&](Index r) { return s.roles[r].administrator; });
  if (admin_role != g.roles.end()) {
    out.administrator_role = s.roles[*admin_role].name;
    list_every_asset(s, w, out);
    return out;
  }
  for (const explore::HmpSlot* slot = index.shared_with_group.begin(group); slot != index.shared_with_group.end(group);
       ++slot) {
    const unsigned kind = explore::hmp_slot_kind(*slot);
    const Asset& asset = assets_of(s, kind)[explore::hmp_slot_index(*slot)];
    const Share* share = find_share(asset, ShareType::kGroup, group);
    const ActionSet actions = permission_actions(s, share->permission, kKinds[kind]);
    if (!actions) continue;
    explore::add_to_page(out.assets, w, [&] {
      ReachedAsset r = reached_asset(asset, kKinds[kind]);
      r.actions = action_list(actions);
      r.via.push_back(AccessPath{"direct", std::nullopt, permission_text(s, share->permission)});
      return r;
    });
  }
  return out;
}

}  // namespace sharepolicy::hmp
