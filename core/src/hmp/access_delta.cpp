// Access before and after (docs/ACCESS.md) for the HMP assets a result's share.set changes touch.
// "After" is computed on a copy of each touched asset with its changes applied; the users listed
// are those the asset's owner, shares and shared groups reach (state.md "Effective actions"),
// every one counted, the window's listed. Administrators hold every action whatever the shares, so they are counted,
// not listed.
#include <algorithm>

#include "common/size_hint.h"
#include "common/text_util.h"
#include "engine/access_window.h"
#include "engine/vendor_calls.h"
#include "hmp/access.h"
#include "state/apply_changes.h"

namespace sharepolicy::hmp {

// The share index is the access preview's alone: compiled with it (for size in the package).
namespace {
// A share as one sortable number: principal type, principal, then the share's position (below
// 2^31: a state is at most 2 GiB of text). A sorted vector of them is the index (smaller code in
// the package than a hash map, and one allocation).
constexpr int kPositionBits = 31;
std::uint64_t principal_key(ShareType type, Index principal) {
  return (std::uint64_t{type == ShareType::kGroup} << 63) | (std::uint64_t{principal} << kPositionBits);
}
}  // namespace

ShareIndex::ShareIndex(const Asset& asset) : asset_(asset) {
  // The state holds at most one share per principal and asset (state.md "Integrity").
  keys_.reserve(asset.shares.size());
  for (std::size_t i = 0; i < asset.shares.size(); ++i) {
    keys_.push_back(principal_key(asset.shares[i].type, asset.shares[i].principal) | i);
  }
  std::sort(keys_.begin(), keys_.end());
}

Index ShareIndex::find(ShareType type, Index principal) const {
  const std::uint64_t key = principal_key(type, principal);
  auto it = std::lower_bound(keys_.begin(), keys_.end(), key);
  if (it == keys_.end() || (*it >> kPositionBits) != (key >> kPositionBits)) return kNoIndex;
  return static_cast<Index>(*it & ((std::uint64_t{1} << kPositionBits) - 1));
}

// Calls each(grant) in rights_on's order: the user's own share, then its groups' in share order.
template <class Each>
void ShareIndex::each_grant(const Section& s, Index user, Each&& each) {
  if (const Index own = find(ShareType::kUser, user); own != kNoIndex) {
    each(Grant{Grant::kDirect, kNoIndex, asset_.shares[own].permission});
  }
  groups_.clear();
  for (Index g : s.users[user].groups) {
    if (const Index i = find(ShareType::kGroup, g); i != kNoIndex) groups_.push_back(i);
  }
  std::sort(groups_.begin(), groups_.end());
  for (Index i : groups_) each(Grant{Grant::kGroup, asset_.shares[i].principal, asset_.shares[i].permission});
}

const Rights& ShareIndex::rights(const Section& s, Index user, AssetKind kind) {
  Rights& r = rights_;
  r.grants.clear();
  r.actions = 0;
  r.administrator = s.user_is_admin[user];
  r.admin_role = s.user_admin_role[user];
  r.admin_group = s.user_admin_group[user];
  r.owner = asset_.owner == user;
  each_grant(s, user, [&](const Grant& g) {
    r.grants.push_back(g);
    r.actions |= permission_actions(s, g.permission, kind);
  });
  if (r.administrator || r.owner) r.actions = all_actions(kind);
  return r;
}

SHAREPOLICY_SMALL AccessUser user_ref(const Section& s, Index u) {
  return AccessUser{s.users[u].id, s.users[u].username};
}

namespace {

// Setters that keep what the member holds: assign() reuses a string's memory.
void set_user(AccessUser& out, const std::string& id, const std::string& name) {
  out.id.assign(id);
  out.name.assign(name);
}

template <class Names>
void set_actions(Names& out, ActionSet actions) {
  out.clear();
  for (int bit = 0; bit < 8; ++bit) {
    if (actions >> bit & 1) out.emplace_back(kActionNames[bit]);
  }
}

UserView user_view(const Section& s, Index u) { return UserView{s.users[u].id, s.users[u].username}; }

}  // namespace

SHAREPOLICY_SMALL std::vector<std::string> action_list(ActionSet actions) {
  std::vector<std::string> out;
  out.reserve(static_cast<std::size_t>(__builtin_popcount(actions)));  // one allocation, not four
  set_actions(out, actions);
  return out;
}

void fill_holder(HolderView& h, const Section& s, Index user, const Rights& rights) {
  h.user = user_view(s, user);
  h.administrators = 0;
  set_actions(h.actions, rights.actions);
  h.role.reset();
  h.via.clear();
  if (rights.owner) h.via.push_back(PathView{"owner", std::nullopt, std::nullopt});
  for (const Grant& g : rights.grants) {
    PathView& p = h.via.emplace_back(PathView{"direct", std::nullopt, permission_spelling(s, g.permission)});
    if (g.source == Grant::kGroup) {
      p.type = "group";
      p.group = UserView{s.groups[g.group].id, s.groups[g.group].groupname};
    }
  }
}

SHAREPOLICY_SMALL AccessHolder holder_for(const Section& s, Index user, const Rights& rights) {
  HolderView h;
  fill_holder(h, s, user, rights);
  return holder_of(h);
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

// What one asset gives a user, as one sortable number: the user, then the actions before (bits 8-15)
// and after (bits 0-7). Sorted, a user's numbers are adjacent, so OR-ing them gives the user's
// actions on each side (state.md "Effective actions": the union of the user's own share, its groups'
// shares and ownership) with no look-up per user.
using Reach = std::uint64_t;
constexpr int kActionBits = 8;
Reach reach(Index user, ActionSet actions, bool after) {
  return std::uint64_t{user} << (2 * kActionBits) | std::uint64_t{actions} << (after ? 0 : kActionBits);
}

// Every user the asset's owner, user shares and group shares reach, with what each gives.
void add_reach(const Section& s, const Asset& asset, AssetKind kind, bool after, std::vector<Reach>& out) {
  if (asset.owner != kNoIndex) out.push_back(reach(asset.owner, all_actions(kind), after));
  for (const Share& sh : asset.shares) {
    const ActionSet actions = permission_actions(s, sh.permission, kind);
    if (sh.type == ShareType::kUser) {
      out.push_back(reach(sh.principal, actions, after));
    } else {
      for (Index member : s.users_of_group[sh.principal]) out.push_back(reach(member, actions, after));
    }
  }
}

struct ReachedUser {
  Index user;
  ActionSet was, will;
};

// Non-administrators the asset reaches before or after, in user order, with their actions on each side.
std::vector<ReachedUser> reached_users(const Section& s, AssetKind kind, const Asset& before, const Asset& after) {
  std::vector<Reach> reaches;
  add_reach(s, before, kind, false, reaches);
  add_reach(s, after, kind, true, reaches);
  std::sort(reaches.begin(), reaches.end());
  std::vector<ReachedUser> users;
  for (const Reach r : reaches) {
    const auto user = static_cast<Index>(r >> (2 * kActionBits));
    if (s.user_is_admin[user]) continue;
    if (users.empty() || users.back().user != user) users.push_back({user, 0, 0});
    users.back().was |= static_cast<ActionSet>(r >> kActionBits);
    users.back().will |= static_cast<ActionSet>(r);
  }
  return users;
}

SHAREPOLICY_SMALL void fill_administrators(HolderView& h, const Section& s, AssetKind kind) {
  h.user.reset();
  h.administrators = s.administrator_count;
  set_actions(h.actions, all_actions(kind));
  h.role.reset();
  h.via.assign(1, PathView{"administrator", std::nullopt, std::nullopt});
}

// Every member set: a writer hands the same delta again (its strings' memory kept).
SHAREPOLICY_SMALL void fill_delta(AccessDelta& d, const Section& s, Index user, ActionSet actions) {
  set_user(d.user, s.users[user].id, s.users[user].username);
  set_actions(d.actions, actions);
  d.from.reset();
  d.to.reset();
}

// The users whose own share or whose group's share the changes set, in user order.
std::vector<Index> users_touched(const Section& s, const std::vector<Share>& principals) {
  std::vector<Index> users;
  for (const Share& p : principals) {
    if (p.type == ShareType::kUser) users.push_back(p.principal);
    else users.insert(users.end(), s.users_of_group[p.principal].begin(), s.users_of_group[p.principal].end());
  }
  std::sort(users.begin(), users.end());
  return users;
}

// Every reached user's actions come from a ShareIndex (its groups, not every share), and only the
// holders the window lists are built: linear in what the asset reaches, output bounded. A user the
// changes (`touched`: the principals whose shares they set) do not reach holds the same grants
// before and after: its holder is made once (most of a share's preview: on M, ~100 holders listed
// on each side for one user gaining access).
AssetAccess compare_access(const Section& s, AssetKind kind, const Asset& before, const Asset& after,
                           const std::vector<Share>& touched, const AccessWindow& window, AccessWords* words) {
  AssetAccess out;
  out.system = "hmp";
  out.kind = asset_kind_name(kind);
  out.id = before.id;
  WindowedAccess lists(out, window, words);
  if (s.administrator_count) {
    lists.add_before([&](HolderView& h) { fill_administrators(h, s, kind); });
    lists.add_after([&](HolderView& h) { fill_administrators(h, s, kind); });
  }
  ShareIndex was_index(before), will_index(after);
  const std::vector<Index> moved = users_touched(s, touched);
  auto next_moved = moved.begin();  // users come in order: one walk through `moved`
  for (const ReachedUser& reached : reached_users(s, kind, before, after)) {
    const Index u = reached.user;
    const ActionSet was = reached.was, will = reached.will;
    while (next_moved != moved.end() && *next_moved < u) ++next_moved;
    if (was && was == will && (next_moved == moved.end() || *next_moved != u)) {
      lists.add_unchanged([&](HolderView& h) { fill_holder(h, s, u, was_index.rights(s, u, kind)); });
      continue;
    }
    if (was) lists.add_before([&](HolderView& h) { fill_holder(h, s, u, was_index.rights(s, u, kind)); });
    if (will) lists.add_after([&](HolderView& h) { fill_holder(h, s, u, will_index.rights(s, u, kind)); });
    if (const ActionSet gained = will & ~was) lists.add_gained([&](AccessDelta& d) { fill_delta(d, s, u, gained); });
    if (const ActionSet lost = was & ~will) lists.add_lost([&](AccessDelta& d) { fill_delta(d, s, u, lost); });
  }
  lists.finish();
  return out;
}

}  // namespace

SHAREPOLICY_SMALL void describe_access(const Section& s, Result& result, const AccessWindow& window,
                                       AccessWords* words) {
  if (result.changes.empty()) return;
  if (words) words->start();
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
    std::vector<Share> touched;
    for (const Change& c : result.changes) {
      if (c.type == "share.set" && c.asset_kind == first.asset_kind &&
          text_util::equals_ignore_case(c.asset_id, first.asset_id)) {
        touched.push_back(state::apply_hmp_share_change(s, after, c));  // the rule an apply uses
      }
    }
    AssetAccess asset = compare_access(s, kind, before, after, touched, window, words);
    if (!words) access.assets.push_back(std::move(asset));
  }
  result.access = std::move(access);
}

}  // namespace sharepolicy::hmp
