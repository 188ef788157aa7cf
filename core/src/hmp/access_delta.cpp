// Access before and after (docs/ACCESS.md) for the HMP assets a result's share.set changes touch.
// "After" is computed on a copy of each touched asset with its changes applied; the users listed
// are those the asset's owner, shares and shared groups reach (state.md "Effective actions").
// Administrators hold every action whatever the shares, so they are counted, not listed.
#include <algorithm>

#include "common/text_util.h"
#include "engine/vendor_calls.h"
#include "hmp/access.h"
#include "state/apply_changes.h"

namespace sharepolicy::hmp {

std::vector<std::string> action_list(ActionSet actions) {
  std::vector<std::string> out;
  for (int bit = 0; bit < 8; ++bit) {
    if (actions >> bit & 1) out.emplace_back(kActionNames[bit]);
  }
  return out;
}

AccessUser user_ref(const Section& s, Index u) { return AccessUser{s.users[u].id, s.users[u].username}; }

AccessHolder holder_for(const Section& s, Index user, const Rights& rights) {
  AccessHolder h;
  h.user = user_ref(s, user);
  h.actions = action_list(rights.actions);
  if (rights.owner) h.via.push_back(AccessPath{"owner", std::nullopt, std::nullopt});
  for (const Grant& g : rights.grants) {
    AccessPath path{g.source == Grant::kDirect ? "direct" : "group", std::nullopt, permission_text(s, g.permission)};
    if (g.source == Grant::kGroup) path.group = AccessUser{s.groups[g.group].id, s.groups[g.group].groupname};
    h.via.push_back(std::move(path));
  }
  return h;
}

namespace {

AssetKind kind_named(const std::string& kind) {
  if (kind == "feed") return AssetKind::kFeed;
  if (kind == "session") return AssetKind::kSession;
  return AssetKind::kRecording;
}

const Asset& asset_named(const Section& s, AssetKind kind, const std::string& id) {
  switch (kind) {
    case AssetKind::kFeed: return s.feeds[s.feed_by_id.at(id)];
    case AssetKind::kSession: return s.sessions[s.session_by_id.at(id)];
    default: return s.recordings[s.recording_by_id.at(id)];
  }
}

// Non-administrators the asset's owner, user shares and group shares reach, in user order.
void add_reached_users(const Section& s, const Asset& asset, std::vector<Index>& out) {
  if (asset.owner != kNoIndex) out.push_back(asset.owner);
  for (const Share& sh : asset.shares) {
    if (sh.type == ShareType::kUser) {
      out.push_back(sh.principal);
    } else {
      const auto& members = s.users_of_group[sh.principal];
      out.insert(out.end(), members.begin(), members.end());
    }
  }
}

std::vector<Index> reached_users(const Section& s, const Asset& before, const Asset& after) {
  std::vector<Index> users;
  add_reached_users(s, before, users);
  add_reached_users(s, after, users);
  std::sort(users.begin(), users.end());
  users.erase(std::unique(users.begin(), users.end()), users.end());
  users.erase(std::remove_if(users.begin(), users.end(), [&](Index u) { return s.user_is_admin[u]; }), users.end());
  return users;
}

AccessHolder administrators_entry(const Section& s, AssetKind kind) {
  AccessHolder h;
  h.administrators = s.administrator_count;
  h.actions = action_list(all_actions(kind));
  h.via.push_back(AccessPath{"administrator", std::nullopt, std::nullopt});
  return h;
}

AssetAccess compare_access(const Section& s, AssetKind kind, const Asset& before, const Asset& after) {
  AssetAccess out;
  out.system = "hmp";
  out.kind = asset_kind_name(kind);
  out.id = before.id;
  if (s.administrator_count) {
    out.before.push_back(administrators_entry(s, kind));
    out.after.push_back(administrators_entry(s, kind));
  }
  for (Index u : reached_users(s, before, after)) {
    const Rights was = rights_on(s, u, before, kind);
    const Rights will = rights_on(s, u, after, kind);
    if (was.actions) out.before.push_back(holder_for(s, u, was));
    if (will.actions) out.after.push_back(holder_for(s, u, will));
    if (const ActionSet gained = will.actions & ~was.actions) {
      out.gained.push_back(AccessDelta{user_ref(s, u), action_list(gained), std::nullopt, std::nullopt});
    }
    if (const ActionSet lost = was.actions & ~will.actions) {
      out.lost.push_back(AccessDelta{user_ref(s, u), action_list(lost), std::nullopt, std::nullopt});
    }
  }
  return out;
}

}  // namespace

void describe_access(const Section& s, Result& result) {
  if (result.changes.empty()) return;
  Access access;
  std::vector<const Change*> done;  // the first change of each asset already described
  for (const Change& first : result.changes) {
    if (first.type != "share.set") continue;
    const bool seen = std::any_of(done.begin(), done.end(), [&](const Change* d) {
      return d->asset_kind == first.asset_kind && text_util::equals_ignore_case(d->asset_id, first.asset_id);
    });
    if (seen) continue;
    done.push_back(&first);
    const AssetKind kind = kind_named(first.asset_kind);
    const Asset& before = asset_named(s, kind, first.asset_id);
    Asset after = before;  // only this asset is copied, never the section
    for (const Change& c : result.changes) {
      if (c.type == "share.set" && c.asset_kind == first.asset_kind &&
          text_util::equals_ignore_case(c.asset_id, first.asset_id)) {
        state::apply_hmp_share_change(s, after, c);  // the rule an apply uses
      }
    }
    access.assets.push_back(compare_access(s, kind, before, after));
  }
  result.access = std::move(access);
}

}  // namespace sharepolicy::hmp
