#include "state/apply_changes.h"

#include "state/vocabulary.h"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "common/text_util.h"

namespace sharepolicy::state {

namespace {

Index lookup(const UniqueIndex& index, const std::string& key) {
  const Index found = index.find(key);
  // The vendor modules only describe changes to things they found in this very state.
  if (found == kNoIndex) throw std::logic_error("change names an unknown id: " + key);
  return found;
}

hmp::Permission hmp_permission(const hmp::Section& s, const std::string& text) {
  hmp::Permission p;
  if (auto builtin = vocabulary::parse_builtin_permission(text, true)) {
    p.kind = *builtin;
  } else {
    p.kind = hmp::Permission::kCustom;
    p.custom = lookup(s.permission_by_id, text);
  }
  return p;
}

hmp::Asset& hmp_asset(hmp::Section& s, const Change& c) {
  const std::string& id = c.asset_id;
  return c.asset_kind == "feed"      ? s.feeds[lookup(s.feed_by_id, id)]
         : c.asset_kind == "session" ? s.sessions[lookup(s.session_by_id, id)]
                                     : s.recordings[lookup(s.recording_by_id, id)];
}

// Ownership moves as (recording, new owner) index pairs, from a result's changes.
void apply_webex_owners(webex::Section& s, const std::vector<const Change*>& moves) {
  std::vector<std::pair<Index, Index>> pairs;
  pairs.reserve(moves.size());
  const std::string* last_to = nullptr;  // a reassignment has one destination: look it up once
  Index to = kNoIndex;
  for (const Change* c : moves) {
    if (!last_to || *last_to != *c->after) to = lookup(s.person_by_id, *c->after);
    last_to = &*c->after;
    pairs.emplace_back(lookup(s.recording_by_id, c->asset_id), to);
  }
  set_recording_owners(s, pairs);
}

}  // namespace

// Batched so that reassign-all of an owner's 100k recordings stays linear: each touched owner's
// list is filtered once, and a new owner's list, sorted before, gets its (sorted) arrivals merged.
void set_recording_owners(webex::Section& s, const std::vector<std::pair<Index, Index>>& moves) {
  constexpr std::size_t kNoKept = static_cast<std::size_t>(-1);
  std::vector<Index> moved;  // each recording once, in the order of its first move
  moved.reserve(moves.size());
  std::vector<bool> seen(s.recordings.size(), false), touched(s.people.size(), false);
  std::vector<Index> old_owners, new_owners;
  for (const auto& [r, to] : moves) {
    const Index from = s.recordings[r].owner;
    if (!touched[from]) old_owners.push_back(from);
    touched[from] = true;
    s.recordings[r].owner = to;
    if (!seen[r]) {
      seen[r] = true;
      moved.push_back(r);
    }
  }
  const webex::Section& read = s;  // reads through const: only the chunks written above are copied
  for (Index owner : old_owners) {
    auto& list = s.recordings_by_owner[owner];
    list.erase(std::remove_if(list.begin(), list.end(), [&](Index r) { return read.recordings[r].owner != owner; }),
               list.end());
  }
  std::vector<std::size_t> kept(s.people.size(), kNoKept);  // a new owner's list length before the arrivals
  for (Index r : moved) {
    const Index owner = read.recordings[r].owner;
    if (kept[owner] == kNoKept) {
      new_owners.push_back(owner);
      kept[owner] = s.recordings_by_owner[owner].size();
    }
    s.recordings_by_owner[owner].push_back(r);
  }
  for (Index owner : new_owners) {
    auto& list = s.recordings_by_owner[owner];
    const auto middle = list.begin() + static_cast<std::ptrdiff_t>(kept[owner]);
    if (std::is_sorted(middle, list.end())) {
      std::vector<Index> merged(list.size());
      std::merge(list.begin(), middle, middle, list.end(), merged.begin());
      list.swap(merged);
    } else {
      std::sort(list.begin(), list.end());
    }
    list.erase(std::unique(list.begin(), list.end()), list.end());
  }
}

namespace {

// apply_hmp_share_change, answering the share whose permission it changed in place (else null).
hmp::Share* change_hmp_share(const hmp::Section& s, hmp::Asset& asset, const Change& c) {
  const bool is_user = c.principal->type == "user";
  const Index principal = lookup(is_user ? s.user_by_id : s.group_by_id, c.principal->id);
  const auto type = is_user ? hmp::ShareType::kUser : hmp::ShareType::kGroup;
  auto it = std::find_if(asset.shares.begin(), asset.shares.end(),
                         [&](const hmp::Share& sh) { return sh.type == type && sh.principal == principal; });
  if (!c.after) {
    if (it != asset.shares.end()) asset.shares.erase(it);
    return nullptr;
  }
  const hmp::Permission permission = hmp_permission(s, *c.after);
  if (it != asset.shares.end()) {
    it->permission = permission;
    return &*it;
  }
  asset.shares.push_back(hmp::Share{principal, type, permission});
  return nullptr;
}

}  // namespace

void apply_hmp_share_change(const hmp::Section& s, hmp::Asset& asset, const Change& c) {
  change_hmp_share(s, asset, c);
}

void apply_ocm_member_change(const ocm::Section& s, std::vector<ocm::Member>& members, const Change& c) {
  const bool is_user = c.principal->type == "user";
  const Index principal = lookup(is_user ? s.user_by_id : s.group_by_id, c.principal->id);
  const auto type = is_user ? ocm::PrincipalType::kUser : ocm::PrincipalType::kGroup;
  auto it = std::find_if(members.begin(), members.end(),
                         [&](const ocm::Member& m) { return m.type == type && m.principal == principal; });
  if (!c.after) {
    if (it != members.end()) members.erase(it);
    return;
  }
  const auto role = vocabulary::parse_ocm_role(*c.after);
  if (!role) throw std::logic_error("change names an unknown role: " + *c.after);
  if (it != members.end()) {
    it->role = *role;
  } else {
    members.push_back(ocm::Member{principal, type, *role, nullptr});
  }
}

void apply_changes(detail::StateData& data, const std::vector<Change>& changes) {
  std::vector<const Change*> owner_moves;
  for (const Change& c : changes) {
    if (c.system == "hmp") {
      hmp::Section& s = data.hmp.exclusive();
      hmp::Share* changed = change_hmp_share(s, hmp_asset(s, c), c);
      // The change writes the permission as the result names it. (`s` is this state's own copy,
      // and a share's details record is its own.)
      if (changed && changed->details != kNoIndex) s.share_details[changed->details].permission_spelling = kNoIndex;
    } else if (c.system == "ocm") {
      ocm::Section& s = data.ocm.exclusive();
      apply_ocm_member_change(s, s.folders[lookup(s.folder_by_id, c.asset_id)].members, c);
    } else if (c.system == "webex" && c.type == "owner.set") {
      owner_moves.push_back(&c);
    }
  }
  if (!owner_moves.empty()) apply_webex_owners(data.webex.exclusive(), owner_moves);
}

}  // namespace sharepolicy::state
