// state.md "hmp": reading, resolving and indexing the HMP section.
#include <algorithm>
#include <unordered_set>

#include "common/input_failure.h"
#include "common/size_hint.h"
#include "common/text_util.h"
#include "state/reading.h"
#include "state/section_builders.h"
#include "state/vocabulary.h"

namespace sharepolicy::state {

using text_util::pointer_append;

namespace {

using vocabulary::kShareTypes;
using namespace vocabulary::hmp_collection;

// References as written (views into the text, copies when it streams), resolved once the whole section is read.
struct ShareRefs {
  std::string_view principal_id;
  std::string_view permission;
};

[[noreturn]] void fail(const std::string& pointer, const std::string& message) {
  throw InputFailure(error_code::kStateInvalid, message, pointer);
}

std::string in_quotes(std::string_view s) { return "'" + text_util::excerpt(s) + "'"; }

}  // namespace

struct HmpBuilder::Pending {
  explicit Pending(Scanner& s) : scanner(s), element(s), share(s) {}
  Scanner& scanner;
  ObjectReader element, share;
  // Per user / group: where its references start in the flat lists (one more entry at the end).
  std::vector<std::uint32_t> user_roles_at{0}, user_groups_at{0}, group_roles_at{0};
  std::vector<std::string_view> user_roles, user_groups, group_roles;
  // Per asset collection: owners (data() null when absent), shares in file order.
  std::vector<std::string_view> owners[3];
  std::vector<ShareRefs> shares[3];
  std::vector<hmp::Share> scratch_shares;
};

HmpBuilder::HmpBuilder(Scanner& s)
    : section_(std::make_shared<hmp::Section>()), pending_(std::make_unique<Pending>(s)) {
  hmp::Section& sec = *section_;
  bind(kNames, kCount, sec.present_collections, sec.extras_text, sec.extras);
}
HmpBuilder::~HmpBuilder() = default;

bool HmpBuilder::read_member(std::string_view key) {
  if (!is_key(key, "directory")) return false;
  read_directory();
  return true;
}

void HmpBuilder::read_directory() {
  ObjectReader& r = pending_->element;
  hmp::Section& s = *section_;
  r.begin("directory");
  std::string_view key;
  while (r.next(key)) {
    if (is_key(key, "available")) {
      r.known(1);
      s.directory_available = r.optional_bool();
    } else {
      r.keep();
    }
  }
  s.has_directory = true;
  s.directory_extras = r.end(s.extras_text);
}

void HmpBuilder::read_element(int bit) {
  Pending& p = *pending_;
  Scanner& sc = p.scanner;
  hmp::Section& s = *section_;
  ObjectReader& r = p.element;
  std::string_view key, v;
  switch (bit) {
    case 0: {  // users
      r.begin("user");
      hmp::User u;
      while (r.next(key)) {
        if (is_key(key, "id")) {
          r.known(1);
          u.id = r.string();
        } else if (is_key(key, "username")) {
          r.known(2);
          u.username = r.string();
        } else if (is_key(key, "email")) {
          r.known(4);
          if (r.optional_string(v)) u.email = std::string(v);
        } else if (is_key(key, "roles")) {
          r.known(8);
          u.present |= hmp::kHasRoles;
          r.string_list([&](std::string_view x) { p.user_roles.push_back(sc.stable(x)); });
        } else if (is_key(key, "groups")) {
          r.known(16);
          u.present |= hmp::kHasGroups;
          r.string_list([&](std::string_view x) { p.user_groups.push_back(sc.stable(x)); });
        } else {
          r.keep();
        }
      }
      u.extras = r.end(s.extras_text);
      r.require(1, "id");
      r.require(2, "username");
      p.user_roles_at.push_back(static_cast<std::uint32_t>(p.user_roles.size()));
      p.user_groups_at.push_back(static_cast<std::uint32_t>(p.user_groups.size()));
      s.users.push_back(std::move(u));
      break;
    }
    case 1: {  // groups
      r.begin("group");
      hmp::Group g;
      while (r.next(key)) {
        if (is_key(key, "id")) {
          r.known(1);
          g.id = r.string();
        } else if (is_key(key, "groupname")) {
          r.known(2);
          g.groupname = r.string();
        } else if (is_key(key, "roles")) {
          r.known(4);
          g.present |= hmp::kHasRoles;
          r.string_list([&](std::string_view x) { p.group_roles.push_back(sc.stable(x)); });
        } else {
          r.keep();
        }
      }
      g.extras = r.end(s.extras_text);
      r.require(1, "id");
      r.require(2, "groupname");
      p.group_roles_at.push_back(static_cast<std::uint32_t>(p.group_roles.size()));
      s.groups.push_back(std::move(g));
      break;
    }
    case 2: {  // roles
      r.begin("role");
      hmp::Role role;
      while (r.next(key)) {
        if (is_key(key, "name")) {
          r.known(1);
          role.name = r.string();
        } else if (is_key(key, "administrator")) {
          r.known(2);
          role.administrator = r.boolean();
        } else {
          r.keep();
        }
      }
      role.extras = r.end(s.extras_text);
      r.require(1, "name");
      r.require(2, "administrator");
      s.roles.push_back(std::move(role));
      break;
    }
    case 3: {  // accessPermissions
      r.begin("access permission");
      hmp::AccessPermission ap;
      while (r.next(key)) {
        if (is_key(key, "id")) {
          r.known(1);
          ap.id = r.string();
        } else if (is_key(key, "name")) {
          r.known(2);
          ap.name = r.string();
        } else if (is_key(key, "actions")) {
          r.known(4);
          r.string_list([&](std::string_view a) {
            int action = -1;
            // "record" exists for sessions only (vendor-facts §1.3); the recording vocabulary has seven.
            for (int k = 0; k < 8; ++k) {
              if (a == hmp::kActionNames[k]) action = k;
            }
            if (action < 0) {
              sc.fail_at("unknown action " + in_quotes(a) +
                         "; actions are watch, edit, share, download, trim, restream, delete, record");
            }
            ap.actions |= static_cast<hmp::ActionSet>(1u << action);
            ap.action_names.emplace_back(a);
          });
        } else {
          r.keep();
        }
      }
      ap.extras = r.end(s.extras_text);
      r.require(1, "id");
      r.require(2, "name");
      s.access_permissions.push_back(std::move(ap));
      break;
    }
    default: read_asset(bit);
  }
}

void HmpBuilder::read_asset(int bit) {
  Pending& p = *pending_;
  Scanner& sc = p.scanner;
  hmp::Section& s = *section_;
  ObjectReader& r = p.element;
  const int c = bit - kRecordings;
  const bool has_owner = bit != kFeeds;
  const char* word = bit == kFeeds ? "feed" : bit == kSessions ? "session" : "recording";
  r.begin(word);
  hmp::Asset a;
  std::string_view key, v, owner;
  p.scratch_shares.clear();
  while (r.next(key)) {
    if (is_key(key, "id")) {
      r.known(1);
      a.id = r.string();
    } else if (is_key(key, "name")) {
      r.known(2);
      if (r.optional_string(v)) a.name = std::string(v);
    } else if (is_key(key, "owner") && has_owner) {
      r.known(4);
      if (r.optional_string(v)) owner = sc.stable(v);
    } else if (is_key(key, "shares")) {
      r.known(8);
      a.present |= hmp::kHasShares;
      if (sc.peek() != ValueKind::kArray)
        sc.fail_at(std::string("'shares' must be an array, not ") + kind_name(sc.peek()));
      sc.enter_array();
      while (sc.next_element()) read_share(c);
    } else {
      r.keep();
    }
  }
  a.extras = r.end(s.extras_text);
  r.require(1, "id");
  a.shares.assign(p.scratch_shares.begin(), p.scratch_shares.end());
  auto& assets = bit == kFeeds ? s.feeds : bit == kSessions ? s.sessions : s.recordings;
  assets.push_back(std::move(a));
  p.owners[c].push_back(owner.data() ? owner : std::string_view());
}

void HmpBuilder::read_share(int c) {
  Pending& p = *pending_;
  Scanner& sc = p.scanner;
  ObjectReader& r = p.share;
  r.begin("share");
  hmp::Share share;
  ShareRefs refs;
  std::string_view key;
  while (r.next(key)) {
    if (is_key(key, "id")) {
      r.known(1);
      refs.principal_id = sc.stable(r.string());
    } else if (is_key(key, "shareType")) {
      r.known(2);
      share.type = r.enumeration(kShareTypes) == 0 ? hmp::ShareType::kUser : hmp::ShareType::kGroup;
    } else if (is_key(key, "permission")) {
      r.known(4);
      refs.permission = sc.stable(r.string());
    } else {
      r.keep();
    }
  }
  if (const Extras extras = r.end(section_->extras_text)) section_->details_for(share).extras = extras;
  r.require(1, "id");
  r.require(2, "shareType");
  r.require(4, "permission");
  p.scratch_shares.push_back(share);
  p.shares[c].push_back(refs);
}

namespace {

// Indexes a collection by id (the index folds case); two ids that differ only in case are duplicates.
template <class Items, class IdOf>
void index_ids(const Items& items, UniqueIndex& index, const char* collection, IdOf id_of) {
  reserve_index(index, items.size(), [&](std::size_t i) -> const std::string& { return id_of(items[i]); });
  for (Index i = 0; i < items.size(); ++i) {
    const std::string& id = id_of(items[i]);
    if (!index.insert_unique(id, i)) {
      fail(pointer_append(pointer_append(pointer_append("/hmp", collection), i), "id"),
           "duplicate id " + in_quotes(id) + " in /hmp/" + collection + " (HMP ids compare case-insensitively)");
    }
  }
}

template <class Items, class NameOf>
void index_names(const Items& items, MultiIndex& index, const char* collection, const char* key,
                 const char* warning_code, std::vector<StateWarning>& warnings, NameOf name_of) {
  reserve_index(index, items.size(), [&](std::size_t i) -> const std::string& { return name_of(items[i]); });
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

// A reference spelt otherwise than the id it names is kept as written (issue 16, item 9).
Index spelling_of(hmp::Section& s, std::string_view written, const std::string& id) {
  if (written == id) return kNoIndex;
  s.spellings.emplace_back(written);
  return static_cast<Index>(s.spellings.size() - 1);
}
// The same for a reference the index found: the id itself is read only when the index cannot tell
// (reading it for every share was a cache miss each, a fifth of loading M natively).
template <class IdOf>
Index spelling_of(hmp::Section& s, std::string_view written, NameIndex::Found found, IdOf id_of) {
  return found.as_stored ? kNoIndex : spelling_of(s, written, id_of());
}

// `base` gives the list's pointer: built only for an error.
template <class Pointer>
std::vector<Index> resolve_roles(const hmp::Section& s, const std::string_view* names, std::size_t n, Pointer base) {
  std::vector<Index> out;
  out.reserve(n);
  for (std::size_t k = 0; k < n; ++k) {
    const Index r = s.role_by_name.find(names[k]);
    if (r == kNoIndex) fail(pointer_append(base(), k), "role " + in_quotes(names[k]) + " is not in /hmp/roles");
    out.push_back(r);
  }
  return out;
}

// `pointer` gives the member's pointer: built only for an error (built for every share, it was a
// fifth of loading M in wasm).
template <class Pointer>
hmp::Permission resolve_permission(const hmp::Section& s, std::string_view text, bool is_session, Pointer pointer) {
  hmp::Permission p;
  if (auto builtin = vocabulary::parse_builtin_permission(text, is_session)) {
    p.kind = *builtin;
  } else {
    const Index found = s.permission_by_id.find(text);
    if (found == kNoIndex) {
      fail(pointer(), "permission " + in_quotes(text) + " is neither " +
                          (is_session ? "WATCH, EDIT, RECORD, OWN" : "WATCH, EDIT, OWN") +
                          " nor the id of an entry of /hmp/accessPermissions");
    }
    p.kind = hmp::Permission::kCustom;
    p.custom = found;
  }
  return p;
}

std::uint64_t share_pair(const hmp::Share& share) {
  return (std::uint64_t{share.type == hmp::ShareType::kGroup} << 32) | share.principal;
}

void resolve_assets(hmp::Section& s, CowVector<hmp::Asset>& assets, const std::vector<std::string_view>& owners,
                    const std::vector<ShareRefs>& share_refs, const char* collection, bool is_session) {
  std::unordered_set<std::uint64_t> seen;  // (type, principal) of the shares of one asset
  std::size_t next_share = 0;
  for (Index i = 0; i < assets.size(); ++i) {
    auto base = [&] { return pointer_append(pointer_append("/hmp", collection), i); };
    hmp::Asset& asset = assets[i];
    if (owners[i].data() != nullptr) {
      const NameIndex::Found u = s.user_by_id.find_spelt(owners[i]);
      if (u.at == kNoIndex) fail(base() + "/owner", "owner " + in_quotes(owners[i]) + " is not in /hmp/users");
      asset.owner = u.at;
      asset.owner_spelling = spelling_of(s, owners[i], u, [&]() -> const std::string& { return s.users[u.at].id; });
    }
    const bool check_pairs = asset.shares.size() > 1;
    for (std::size_t k = 0; k < asset.shares.size(); ++k) {
      hmp::Share& share = asset.shares[k];
      const ShareRefs& refs = share_refs[next_share++];
      auto share_ptr = [&] { return pointer_append(base() + "/shares", k); };
      const bool is_user = share.type == hmp::ShareType::kUser;
      const NameIndex::Found found = (is_user ? s.user_by_id : s.group_by_id).find_spelt(refs.principal_id);
      if (found.at == kNoIndex) {
        fail(share_ptr() + "/id", std::string("a ") + (is_user ? "USER" : "GROUP") + " share names " +
                                      in_quotes(refs.principal_id) + ", which is not in /hmp/" +
                                      (is_user ? "users" : "groups"));
      }
      share.principal = found.at;
      const Index principal_spelling = spelling_of(s, refs.principal_id, found, [&]() -> const std::string& {
        return is_user ? s.users[found.at].id : s.groups[found.at].id;
      });
      share.permission = resolve_permission(s, refs.permission, is_session,
                                            [&] { return share_ptr() + "/permission"; });
      Index permission_spelling = kNoIndex;
      if (share.permission.kind == hmp::Permission::kCustom) {
        permission_spelling = spelling_of(s, refs.permission, s.access_permissions[share.permission.custom].id);
      }
      if (principal_spelling != kNoIndex || permission_spelling != kNoIndex) {
        hmp::ShareDetails& details = s.details_for(share);
        details.principal_spelling = principal_spelling;
        details.permission_spelling = permission_spelling;
      }
      if (check_pairs && !first_with_pair(asset.shares, k, seen, share_pair)) {
        fail(share_ptr(), "a second share for " + in_quotes(refs.principal_id) + " on the same " +
                              (is_session ? "session" : "asset") + "; a principal has at most one share per asset");
      }
    }
    if (check_pairs) seen.clear();
  }
}

void derive_user_facts(hmp::Section& s) {
  const std::size_t n = s.users.size();
  s.user_is_admin.assign(n, false);
  s.user_holds_a_role.assign(n, false);
  s.user_admin_role.assign(n, kNoIndex);
  s.user_admin_group.assign(n, kNoIndex);
  for (Index u = 0; u < n; ++u) {
    const hmp::User& user = s.users[u];
    s.user_holds_a_role[u] = !user.roles.empty() || std::any_of(user.groups.begin(), user.groups.end(),
                                                                [&](Index g) { return !s.groups[g].roles.empty(); });
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

// Once per load, in linear passes: compiled for size in the package (0.85 KB gzip less, load
// times the same within noise, measured; docs/DECISIONS.md "A preview's head as words").
SHAREPOLICY_SMALL std::shared_ptr<hmp::Section> HmpBuilder::finish(std::vector<StateWarning>& warnings) {
  hmp::Section& s = *section_;
  Pending& p = *pending_;
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
    auto base = [&] { return pointer_append("/hmp/users", u); };
    const std::uint32_t r0 = p.user_roles_at[u], r1 = p.user_roles_at[u + 1];
    s.users[u].roles = resolve_roles(s, p.user_roles.data() + r0, r1 - r0, [&] { return base() + "/roles"; });
    const std::uint32_t g0 = p.user_groups_at[u], g1 = p.user_groups_at[u + 1];
    hmp::User& user = s.users[u];
    bool spelt_otherwise = false;
    for (std::uint32_t k = g0; k < g1; ++k) {
      const std::string_view ref = p.user_groups[k];
      const NameIndex::Found g = s.group_by_id.find_spelt(ref);
      if (g.at == kNoIndex)
        fail(pointer_append(base() + "/groups", k - g0), "group " + in_quotes(ref) + " is not in /hmp/groups");
      user.groups_in_order.push_back(g.at);
      spelt_otherwise |= !g.as_stored && ref != s.groups[g.at].id;
    }
    if (spelt_otherwise) {  // rare: only then a spelling per group
      for (std::uint32_t k = g0; k < g1; ++k) {
        user.group_spellings.push_back(spelling_of(s, p.user_groups[k], s.groups[user.groups_in_order[k - g0]].id));
      }
    }
    auto& sorted = user.groups;
    sorted = user.groups_in_order;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  }
  for (Index g = 0; g < s.groups.size(); ++g) {
    const std::uint32_t r0 = p.group_roles_at[g], r1 = p.group_roles_at[g + 1];
    s.groups[g].roles = resolve_roles(s, p.group_roles.data() + r0, r1 - r0,
                                      [&] { return pointer_append("/hmp/groups", g) + "/roles"; });
  }
  resolve_assets(s, s.recordings, p.owners[0], p.shares[0], "recordings", false);
  resolve_assets(s, s.feeds, p.owners[1], p.shares[1], "feeds", false);
  resolve_assets(s, s.sessions, p.owners[2], p.shares[2], "sessions", true);
  derive_user_facts(s);
  pending_.reset();
  // Growing by doubling left up to half of each collection unused: the model is kept for long.
  s.users.shrink_to_fit();
  s.groups.shrink_to_fit();
  s.recordings.shrink_to_fit();
  s.feeds.shrink_to_fit();
  s.sessions.shrink_to_fit();
  s.extras_text.shrink_to_fit();
  s.share_details.shrink_to_fit();
  return std::move(section_);
}

}  // namespace sharepolicy::state
