// state.md "hmp": reading, resolving and indexing the HMP section.
#include <algorithm>
#include <unordered_set>

#include "common/input_failure.h"
#include "common/text_util.h"
#include "state/element_reader.h"
#include "state/section_builders.h"

namespace sharepolicy::state {

using text_util::pointer_append;

namespace {

const char* const kCollections[] = {"users", "groups", "roles", "accessPermissions", "recordings", "feeds", "sessions"};
const char* const kShareTypes[] = {"USER", "GROUP"};

int collection_bit(const std::string& key) {
  for (int i = 0; i < 7; ++i) {
    if (key == kCollections[i]) return i;
  }
  return -1;
}

// References as written, resolved once the whole section is read.
struct ShareRefs {
  std::string principal_id;
  std::string permission;
};
struct AssetRefs {
  std::optional<std::string> owner;
  std::vector<ShareRefs> shares;
};

[[noreturn]] void fail(const std::string& pointer, const std::string& message) {
  throw InputFailure(error_code::kStateInvalid, message, pointer);
}

std::string in_quotes(const std::string& s) { return "'" + text_util::excerpt(s) + "'"; }

}  // namespace

struct HmpBuilder::Pending {
  std::vector<std::vector<std::string>> user_roles, user_groups, group_roles;
  std::vector<AssetRefs> recordings, feeds, sessions;
  Json extras = Json::object();  // the section's unknown members
};

// The asset being streamed: its fields so far, which known keys were seen, its unknown keys.
struct HmpBuilder::StreamedAsset {
  std::string collection;
  std::size_t index = 0;
  std::string pointer;  // of the asset, built once per asset (errors and nothing else use it)
  hmp::Asset asset;
  AssetRefs refs;
  unsigned seen = 0;
  Json extras;
  std::unordered_set<std::string> extra_keys;
  bool has_id = false;
  // The share being streamed.
  std::size_t share_index = 0;
  hmp::Share share;
  ShareRefs share_refs;
  unsigned share_seen = 0;
  Json share_extras;
  std::unordered_set<std::string> share_extra_keys;
};

HmpBuilder::HmpBuilder()
    : pending_(std::make_unique<Pending>()), streamed_(std::make_unique<StreamedAsset>()),
      section_(std::make_shared<hmp::Section>()) {}
HmpBuilder::~HmpBuilder() = default;

bool HmpBuilder::is_asset_collection(const std::string& key) {
  return key == "recordings" || key == "feeds" || key == "sessions";
}

namespace {

// A member that share-policy does not know goes to the element's extras (round trip); a repeated
// key is an error, as anywhere else.
// `pointer` is a callable giving the element's pointer: built only for an error message.
template <class Pointer>
void keep_unknown(Json& extras, std::unordered_set<std::string>& keys, const std::string& key, Json&& value,
                  Pointer pointer) {
  if (extras.is_null()) {
    extras = Json::object();
    keys.clear();
  }
  // The reader leaves duplicate detection to us here (checks_own_keys): a set, not a scan of the
  // object, so that an element with 100k unknown keys stays linear.
  if (!keys.insert(key).second) {
    fail(pointer_append(pointer(), key), "duplicate key '" + text_util::excerpt(key) + "' in the state");
  }
  extras.get_ref<Json::object_t&>().emplace_back(key, std::move(value));
}

template <class Pointer>
void mark_seen(unsigned& seen, unsigned bit, Pointer pointer, const std::string& key) {
  if (seen & bit) fail(pointer_append(pointer(), key), "duplicate key '" + key + "' in the state");
  seen |= bit;
}

template <class Pointer>
std::string take_string(Json&& value, Pointer pointer, const std::string& key) {
  if (!value.is_string()) {
    fail(pointer_append(pointer(), key), "'" + key + "' must be a string, not " + json_type_name(value));
  }
  return std::move(value.get_ref<std::string&>());
}

const char* asset_word(const std::string& collection) {
  return collection == "feeds" ? "feed" : collection == "sessions" ? "session" : "recording";
}

}  // namespace

void HmpBuilder::begin_asset(const std::string& collection, std::size_t index) {
  StreamedAsset& a = *streamed_;
  a.collection = collection;
  a.index = index;
  a.pointer = pointer_append(pointer_append("/hmp", collection), index);
  a.asset = hmp::Asset();
  a.refs = AssetRefs();
  a.seen = 0;
  a.extras = Json();
}

void HmpBuilder::asset_member(const std::string& key, Json&& value) {
  StreamedAsset& a = *streamed_;
  auto asset_pointer = [&a] { return a.pointer; };
  const bool has_owner = a.collection != "feeds";
  if (key == "id") {
    mark_seen(a.seen, 1, asset_pointer, key);
    a.asset.id = take_string(std::move(value), asset_pointer, key);
  } else if (key == "name" || (key == "owner" && has_owner)) {
    mark_seen(a.seen, key == "name" ? 2 : 4, asset_pointer, key);
    if (value.is_null()) {
      keep_unknown(a.extras, a.extra_keys, key, std::move(value), asset_pointer);  // a null reads as absent, and round-trips
    } else if (key == "name") {
      a.asset.name = take_string(std::move(value), asset_pointer, key);
    } else {
      a.refs.owner = take_string(std::move(value), asset_pointer, key);
    }
  } else if (key == "shares") {
    fail(pointer_append(a.pointer, key), "'shares' must be an array, not " + std::string(json_type_name(value)));
  } else {
    keep_unknown(a.extras, a.extra_keys, key, std::move(value), asset_pointer);
  }
}

void HmpBuilder::begin_shares() {
  StreamedAsset& a = *streamed_;
  mark_seen(a.seen, 8, [&a] { return a.pointer; }, "shares");
  a.asset.present |= hmp::kHasShares;
}

void HmpBuilder::begin_share(std::size_t index) {
  StreamedAsset& a = *streamed_;
  a.share_index = index;
  a.share = hmp::Share();
  a.share_refs = ShareRefs();
  a.share_seen = 0;
  a.share_extras = Json();
}

void HmpBuilder::share_member(const std::string& key, Json&& value) {
  StreamedAsset& a = *streamed_;
  auto share_pointer = [&a] { return pointer_append(a.pointer + "/shares", a.share_index); };
  if (key == "id") {
    mark_seen(a.share_seen, 1, share_pointer, key);
    a.share_refs.principal_id = take_string(std::move(value), share_pointer, key);
  } else if (key == "shareType") {
    mark_seen(a.share_seen, 2, share_pointer, key);
    const std::string type = take_string(std::move(value), share_pointer, key);
    if (type != "USER" && type != "GROUP") {
      fail(share_pointer() + "/shareType", "'shareType' is '" + text_util::excerpt(type) + "'; it must be one of: USER, GROUP");
    }
    a.share.type = type == "USER" ? hmp::ShareType::kUser : hmp::ShareType::kGroup;
  } else if (key == "permission") {
    mark_seen(a.share_seen, 4, share_pointer, key);
    a.share_refs.permission = take_string(std::move(value), share_pointer, key);
  } else {
    keep_unknown(a.share_extras, a.share_extra_keys, key, std::move(value), share_pointer);
  }
}

void HmpBuilder::end_share() {
  StreamedAsset& a = *streamed_;
  static const char* const required[] = {"id", "shareType", "permission"};
  for (unsigned bit = 0; bit < 3; ++bit) {
    if (!(a.share_seen >> bit & 1)) {
      fail(pointer_append(a.pointer + "/shares", a.share_index), std::string("a share needs '") + required[bit] + "'");
    }
  }
  if (!a.share_extras.is_null()) a.share.extras = std::make_shared<const Json>(std::move(a.share_extras));
  a.asset.shares.push_back(std::move(a.share));
  a.refs.shares.push_back(std::move(a.share_refs));
}

void HmpBuilder::end_asset() {
  StreamedAsset& a = *streamed_;
  if (!(a.seen & 1)) fail(a.pointer, std::string("a ") + asset_word(a.collection) + " needs 'id'");
  if (!a.extras.is_null()) a.asset.extras = std::make_shared<const Json>(std::move(a.extras));
  hmp::Section& s = *section_;
  auto& assets = a.collection == "feeds" ? s.feeds : a.collection == "sessions" ? s.sessions : s.recordings;
  auto& pending = a.collection == "feeds" ? pending_->feeds : a.collection == "sessions" ? pending_->sessions : pending_->recordings;
  assets.push_back(std::move(a.asset));
  pending.push_back(std::move(a.refs));
}

bool HmpBuilder::is_collection(const std::string& key) const { return collection_bit(key) >= 0; }

void HmpBuilder::mark_collection_present(const std::string& key) {
  section_->present_collections |= static_cast<std::uint16_t>(1u << collection_bit(key));
}

static AssetRefs read_asset(ElementReader& r, hmp::Asset& asset, bool has_owner) {
  AssetRefs refs;
  asset.id = r.required_string("id");
  asset.name = r.optional_string("name");
  if (has_owner) refs.owner = r.optional_string("owner");
  if (auto shares = r.optional_array("shares")) {
    asset.present |= hmp::kHasShares;
    asset.shares.reserve(shares->size());
    refs.shares.reserve(shares->size());
    for (std::size_t i = 0; i < shares->size(); ++i) {
      ElementReader sr(std::move((*shares)[i]), pointer_append(r.member_pointer("shares"), i), "share");
      hmp::Share share;
      ShareRefs sref;
      sref.principal_id = sr.required_string("id");
      share.type = sr.required_enum("shareType", kShareTypes) == 0 ? hmp::ShareType::kUser : hmp::ShareType::kGroup;
      sref.permission = sr.required_string("permission");
      share.extras = sr.take_extras();
      asset.shares.push_back(std::move(share));
      refs.shares.push_back(std::move(sref));
    }
  }
  asset.extras = r.take_extras();
  return refs;
}

void HmpBuilder::add_element(const std::string& collection, std::size_t index, Json&& element) {
  const std::string pointer = pointer_append(pointer_append("/hmp", collection), index);
  hmp::Section& s = *section_;
  if (collection == "users") {
    ElementReader r(std::move(element), pointer, "user");
    hmp::User u;
    u.id = r.required_string("id");
    u.username = r.required_string("username");
    u.email = r.optional_string("email");
    auto roles = r.optional_string_list("roles");
    auto groups = r.optional_string_list("groups");
    if (roles) u.present |= hmp::kHasRoles;
    if (groups) u.present |= hmp::kHasGroups;
    u.extras = r.take_extras();
    pending_->user_roles.push_back(roles.value_or(std::vector<std::string>{}));
    pending_->user_groups.push_back(groups.value_or(std::vector<std::string>{}));
    s.users.push_back(std::move(u));
  } else if (collection == "groups") {
    ElementReader r(std::move(element), pointer, "group");
    hmp::Group g;
    g.id = r.required_string("id");
    g.groupname = r.required_string("groupname");
    auto roles = r.optional_string_list("roles");
    if (roles) g.present |= hmp::kHasRoles;
    g.extras = r.take_extras();
    pending_->group_roles.push_back(roles.value_or(std::vector<std::string>{}));
    s.groups.push_back(std::move(g));
  } else if (collection == "roles") {
    ElementReader r(std::move(element), pointer, "role");
    hmp::Role role;
    role.name = r.required_string("name");
    role.administrator = r.required_bool("administrator");
    role.extras = r.take_extras();
    s.roles.push_back(std::move(role));
  } else if (collection == "accessPermissions") {
    ElementReader r(std::move(element), pointer, "access permission");
    hmp::AccessPermission p;
    p.id = r.required_string("id");
    p.name = r.required_string("name");
    auto actions = r.optional_string_list("actions");
    if (actions) {
      for (std::size_t i = 0; i < actions->size(); ++i) {
        const std::string& a = (*actions)[i];
        int bit = -1;
        // "record" exists for sessions only (vendor-facts §1.3); the recording vocabulary has seven.
        for (int k = 0; k < 8; ++k) {
          if (a == hmp::kActionNames[k]) bit = k;
        }
        if (bit < 0) {
          fail(pointer_append(r.member_pointer("actions"), i),
               "unknown action " + in_quotes(a) + "; actions are watch, edit, share, download, trim, restream, delete, record");
        }
        p.actions |= static_cast<hmp::ActionSet>(1u << bit);
      }
      p.action_names = std::move(*actions);
    }
    p.extras = r.take_extras();
    s.access_permissions.push_back(std::move(p));
  } else {
    const bool is_feed = collection == "feeds";
    ElementReader r(std::move(element), pointer, is_feed ? "feed" : collection == "sessions" ? "session" : "recording");
    hmp::Asset asset;
    AssetRefs refs = read_asset(r, asset, !is_feed);
    auto& assets = is_feed ? s.feeds : collection == "sessions" ? s.sessions : s.recordings;
    auto& pending = is_feed ? pending_->feeds : collection == "sessions" ? pending_->sessions : pending_->recordings;
    assets.push_back(std::move(asset));
    pending.push_back(std::move(refs));
  }
}

void HmpBuilder::add_member(const std::string& key, Json&& value) {
  hmp::Section& s = *section_;
  if (key == "directory") {
    ElementReader r(std::move(value), "/hmp/directory", "directory");
    s.has_directory = true;
    s.directory_available = r.optional_bool("available");
    s.directory_extras = r.take_extras();
    return;
  }
  // Collected in pending_ and published by finish(): copying the extras for every member was
  // quadratic for a section with many unknown keys. The reader has rejected duplicate keys.
  pending_->extras.get_ref<Json::object_t&>().emplace_back(key, std::move(value));
}

namespace {

// Indexes a collection by id (the index folds case); two ids that differ only in case are duplicates.
template <class T, class IdOf>
void index_ids(const std::vector<T>& items, UniqueIndex& index, const char* collection, IdOf id_of) {
  index.reserve(items.size());
  for (Index i = 0; i < items.size(); ++i) {
    const std::string& id = id_of(items[i]);
    if (!index.insert_unique(id, i)) {
      fail(pointer_append(pointer_append(pointer_append("/hmp", collection), i), "id"),
           "duplicate id " + in_quotes(id) + " in /hmp/" + collection + " (HMP ids compare case-insensitively)");
    }
  }
}

template <class T, class NameOf>
void index_names(const std::vector<T>& items, MultiIndex& index, const char* collection, const char* key,
                 const char* warning_code, std::vector<StateWarning>& warnings, NameOf name_of) {
  index.reserve(items.size());
  for (Index i = 0; i < items.size(); ++i) {
    if (index.add(name_of(items[i]), i) == 2) {
      warnings.push_back({warning_code,
                          std::string("two entries of /hmp/") + collection + " have the " + key + " " +
                              in_quotes(name_of(items[i])) + " apart from case; a command naming it fails with " +
                              (std::string(collection) == "users" ? "070008" : "070009"),
                          pointer_append(pointer_append(pointer_append("/hmp", collection), i), key)});
    }
  }
}

std::vector<Index> resolve_roles(const hmp::Section& s, const std::vector<std::string>& names, const std::string& base) {
  std::vector<Index> out;
  out.reserve(names.size());
  for (std::size_t k = 0; k < names.size(); ++k) {
    const Index role = s.role_by_name.find(names[k]);
    if (role == kNoIndex) fail(pointer_append(base, k), "role " + in_quotes(names[k]) + " is not in /hmp/roles");
    out.push_back(role);
  }
  return out;
}

hmp::Permission resolve_permission(const hmp::Section& s, const std::string& text, bool is_session,
                                   const std::string& pointer) {
  hmp::Permission p;
  if (text == "WATCH") {
    p.kind = hmp::Permission::kWatchP;
  } else if (text == "EDIT") {
    p.kind = hmp::Permission::kEditP;
  } else if (text == "OWN") {
    p.kind = hmp::Permission::kOwnP;
  } else if (text == "RECORD" && is_session) {
    p.kind = hmp::Permission::kRecordP;
  } else {
    const Index custom = s.permission_by_id.find(text);
    if (custom == kNoIndex) {
      fail(pointer, "permission " + in_quotes(text) + " is neither " + (is_session ? "WATCH, EDIT, RECORD, OWN" : "WATCH, EDIT, OWN") +
                        " nor the id of an entry of /hmp/accessPermissions");
    }
    p.kind = hmp::Permission::kCustom;
    p.custom = custom;
  }
  return p;
}

void resolve_assets(hmp::Section& s, std::vector<hmp::Asset>& assets, std::vector<AssetRefs>& refs,
                    const char* collection, bool is_session) {
  std::unordered_set<std::uint64_t> seen;  // (type, principal) of the shares of one asset
  for (Index i = 0; i < assets.size(); ++i) {
    const std::string base = pointer_append(pointer_append("/hmp", collection), i);
    hmp::Asset& asset = assets[i];
    if (refs[i].owner) {
      asset.owner = s.user_by_id.find(*refs[i].owner);
      if (asset.owner == kNoIndex) fail(base + "/owner", "owner " + in_quotes(*refs[i].owner) + " is not in /hmp/users");
    }
    for (std::size_t k = 0; k < asset.shares.size(); ++k) {
      hmp::Share& share = asset.shares[k];
      const std::string share_ptr = pointer_append(base + "/shares", k);
      const std::string& pid = refs[i].shares[k].principal_id;
      const bool is_user = share.type == hmp::ShareType::kUser;
      const auto& index = is_user ? s.user_by_id : s.group_by_id;
      share.principal = index.find(pid);
      if (share.principal == kNoIndex) {
        fail(share_ptr + "/id", std::string("a ") + (is_user ? "USER" : "GROUP") + " share names " + in_quotes(pid) +
                                    ", which is not in /hmp/" + (is_user ? "users" : "groups"));
      }
      share.permission = resolve_permission(s, refs[i].shares[k].permission, is_session, share_ptr + "/permission");
      const std::uint64_t key = (std::uint64_t{share.type == hmp::ShareType::kGroup} << 32) | share.principal;
      if (!seen.insert(key).second) {
        fail(share_ptr, "a second share for " + in_quotes(pid) + " on the same " + (is_session ? "session" : "asset") +
                            "; a principal has at most one share per asset");
      }
    }
    seen.clear();
    refs[i] = AssetRefs();  // free the strings early: big states hold hundreds of thousands
  }
}

void derive_user_facts(hmp::Section& s) {
  const std::size_t n = s.users.size();
  s.user_is_admin.assign(n, false);
  s.user_admin_role.assign(n, kNoIndex);
  s.user_admin_group.assign(n, kNoIndex);
  for (Index u = 0; u < n; ++u) {
    for (Index r : s.users[u].roles) {
      if (s.roles[r].administrator) {
        s.user_is_admin[u] = true;
        s.user_admin_role[u] = r;
        break;
      }
    }
    if (s.user_is_admin[u]) continue;
    for (Index g : s.users[u].groups_in_order) {
      for (Index r : s.groups[g].roles) {
        if (s.roles[r].administrator) {
          s.user_is_admin[u] = true;
          s.user_admin_role[u] = r;
          s.user_admin_group[u] = g;
          break;
        }
      }
      if (s.user_is_admin[u]) break;
    }
  }
  s.users_of_group.assign(s.groups.size(), {});
  for (Index u = 0; u < n; ++u) {
    for (Index g : s.users[u].groups) s.users_of_group[g].push_back(u);
    if (s.user_is_admin[u]) ++s.administrator_count;
  }
}

}  // namespace

std::shared_ptr<hmp::Section> HmpBuilder::finish(std::vector<StateWarning>& warnings) {
  hmp::Section& s = *section_;
  Pending& p = *pending_;
  if (!p.extras.empty()) s.extras = std::make_shared<const Json>(std::move(p.extras));
  for (Index i = 0; i < s.roles.size(); ++i) {
    if (!s.role_by_name.insert_unique(s.roles[i].name, i)) {
      fail(pointer_append("/hmp/roles", i) + "/name", "duplicate role name " + in_quotes(s.roles[i].name));
    }
  }
  index_ids(s.users, s.user_by_id, "users", [](const hmp::User& u) -> const std::string& { return u.id; });
  index_ids(s.groups, s.group_by_id, "groups", [](const hmp::Group& g) -> const std::string& { return g.id; });
  index_ids(s.access_permissions, s.permission_by_id, "accessPermissions",
            [](const hmp::AccessPermission& a) -> const std::string& { return a.id; });
  auto asset_id = [](const hmp::Asset& a) -> const std::string& { return a.id; };
  index_ids(s.recordings, s.recording_by_id, "recordings", asset_id);
  index_ids(s.feeds, s.feed_by_id, "feeds", asset_id);
  index_ids(s.sessions, s.session_by_id, "sessions", asset_id);
  index_names(s.users, s.users_by_name, "users", "username", "AMBIGUOUS_USERNAME", warnings,
              [](const hmp::User& u) -> const std::string& { return u.username; });
  index_names(s.groups, s.groups_by_name, "groups", "groupname", "AMBIGUOUS_GROUPNAME", warnings,
              [](const hmp::Group& g) -> const std::string& { return g.groupname; });
  s.username_order.build(s.users.size(), [&](std::size_t i) -> const std::string& { return s.users[i].username; });
  s.groupname_order.build(s.groups.size(), [&](std::size_t i) -> const std::string& { return s.groups[i].groupname; });

  for (Index u = 0; u < s.users.size(); ++u) {
    const std::string base = pointer_append("/hmp/users", u);
    s.users[u].roles = resolve_roles(s, p.user_roles[u], base + "/roles");
    for (std::size_t k = 0; k < p.user_groups[u].size(); ++k) {
      const Index group = s.group_by_id.find(p.user_groups[u][k]);
      if (group == kNoIndex) {
        fail(pointer_append(base + "/groups", k), "group " + in_quotes(p.user_groups[u][k]) + " is not in /hmp/groups");
      }
      s.users[u].groups_in_order.push_back(group);
    }
    auto& sorted = s.users[u].groups;
    sorted = s.users[u].groups_in_order;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  }
  for (Index g = 0; g < s.groups.size(); ++g) {
    s.groups[g].roles = resolve_roles(s, p.group_roles[g], pointer_append("/hmp/groups", g) + "/roles");
  }
  resolve_assets(s, s.recordings, p.recordings, "recordings", false);
  resolve_assets(s, s.feeds, p.feeds, "feeds", false);
  resolve_assets(s, s.sessions, p.sessions, "sessions", true);
  derive_user_facts(s);
  pending_.reset();
  return std::move(section_);
}

}  // namespace sharepolicy::state
