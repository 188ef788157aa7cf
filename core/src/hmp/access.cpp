#include "hmp/access.h"

#include <algorithm>

#include "common/text_util.h"
#include "state/vocabulary.h"

namespace sharepolicy::hmp {

const char* asset_kind_name(AssetKind kind) {
  switch (kind) {
    case AssetKind::kFeed: return "feed";
    case AssetKind::kSession: return "session";
    default: return "recording";
  }
}

const char* builtin_permission_list(AssetKind kind) {
  // vendor-facts §1.3: session permissions add RECORD.
  return kind == AssetKind::kSession ? "WATCH, EDIT, RECORD, OWN" : "WATCH, EDIT, OWN";
}

bool parse_builtin_permission(std::string_view text, AssetKind kind, Permission& out) {
  const auto builtin = vocabulary::parse_builtin_permission(text, kind == AssetKind::kSession);
  if (!builtin) return false;
  out.kind = *builtin;
  out.custom = kNoIndex;
  return true;
}

ActionSet all_actions(AssetKind kind) {
  return kind == AssetKind::kSession ? kAllSessionActions : kAllRecordingActions;
}

ActionSet permission_actions(const Section& s, const Permission& p, AssetKind kind) {
  switch (p.kind) {
    case Permission::kWatchP: return kWatch;
    case Permission::kEditP: return kWatch | kEdit;
    case Permission::kRecordP: return kWatch | kRecord;
    case Permission::kOwnP: return all_actions(kind);
    default: return s.access_permissions[p.custom].actions;
  }
}

std::string_view permission_spelling(const Section& s, const Permission& p) {
  if (const char* builtin = vocabulary::builtin_permission_name(p.kind)) return builtin;
  return s.access_permissions[p.custom].id;
}

std::string permission_text(const Section& s, const Permission& p) { return std::string(permission_spelling(s, p)); }

std::string permission_label(const Section& s, const Permission& p) {
  if (p.kind != Permission::kCustom) return permission_text(s, p);
  const AccessPermission& a = s.access_permissions[p.custom];
  return text_util::concat({"access permission ", text_util::quoted(a.name), " (", a.id, ")"});
}

std::string action_names(ActionSet actions) {
  std::string out;
  out.reserve(64);  // every action's name and its comma: one allocation
  for (int bit = 0; bit < 8; ++bit) {
    if (actions >> bit & 1) {
      if (!out.empty()) out += ", ";
      out += kActionNames[bit];
    }
  }
  return out.empty() ? "no action" : out;
}

const Share* find_share(const Asset& asset, ShareType type, Index principal) {
  for (const Share& sh : asset.shares) {
    if (sh.type == type && sh.principal == principal) return &sh;
  }
  return nullptr;
}

Rights rights_on(const Section& s, Index user, const Asset& asset, AssetKind kind) {
  Rights r;
  r.administrator = s.user_is_admin[user];
  r.admin_role = s.user_admin_role[user];
  r.admin_group = s.user_admin_group[user];
  r.owner = asset.owner == user;
  const User& u = s.users[user];
  for (const Share& sh : asset.shares) {
    if (sh.type == ShareType::kUser && sh.principal == user) {
      r.grants.insert(r.grants.begin(), Grant{Grant::kDirect, kNoIndex, sh.permission});
    } else if (sh.type == ShareType::kGroup && std::binary_search(u.groups.begin(), u.groups.end(), sh.principal)) {
      r.grants.push_back(Grant{Grant::kGroup, sh.principal, sh.permission});
    }
  }
  for (const Grant& g : r.grants) r.actions |= permission_actions(s, g.permission, kind);
  if (r.administrator || r.owner) r.actions = all_actions(kind);
  return r;
}

std::string describe_rights(const Section& s, const std::string& who, Index user, const Rights& r, AssetKind kind,
                            const std::string& asset_id) {
  using text_util::concat;
  const std::string name = text_util::quoted(s.users[user].username);
  const std::string_view asset_kind = asset_kind_name(kind);
  if (r.administrator) {
    const std::string role = text_util::quoted(s.roles[r.admin_role].name);
    if (r.admin_group == kNoIndex) {
      return concat({who, " ", name, " holds role ", role, " (administrator), which gives every right on every asset"});
    }
    return concat({who, " ", name, " holds role ", role, " (administrator) through group ",
                   text_util::quoted(s.groups[r.admin_group].groupname), ", which gives every right on every asset"});
  }
  if (r.owner) return concat({who, " ", name, " owns ", asset_kind, " ", asset_id, ", which gives every action on it"});
  if (r.grants.empty()) {
    return concat({who, " ", name, " holds no share on ", asset_kind, " ", asset_id, ", directly or through a group"});
  }
  std::string line = concat({who, " ", name, " holds "});
  for (std::size_t i = 0; i < r.grants.size(); ++i) {
    const Grant& g = r.grants[i];
    if (i) line += i + 1 == r.grants.size() ? " and " : ", ";
    line += permission_label(s, g.permission);
    line += g.source == Grant::kDirect ? " directly" : " via group " + text_util::quoted(s.groups[g.group].groupname);
  }
  line += concat({" on ", asset_kind, " ", asset_id, " (actions: ", action_names(r.actions), ")"});
  return line;
}

}  // namespace sharepolicy::hmp

#include "common/input_failure.h"
#include "engine/vendor_calls.h"
#include "hmp/decide_line.h"

namespace sharepolicy::hmp {

std::string principal_label(const Section& s, ShareType type, Index principal) {
  return type == ShareType::kUser ? "user " + text_util::quoted(s.users[principal].username)
                                  : "group " + text_util::quoted(s.groups[principal].groupname);
}

ShareOutcome set_share_outcome(const Section& s, AssetKind kind, const Asset& asset, ShareType type, Index principal,
                               const Permission& permission, bool with_sentence) {
  ShareOutcome out;
  const Share* current = find_share(asset, type, principal);
  const std::string who = principal_label(s, type, principal);
  const std::string after = permission_text(s, permission);
  if (type == ShareType::kUser && asset.owner == principal) {
    out.warnings.push_back({"OWNER_TARGET", who + " owns this " + asset_kind_name(kind) +
                                                "; the share is set, and its ownership is unaffected"});
  }
  if (current && current->permission == permission) {
    out.warnings.push_back({"NO_CHANGE", who + " already holds " + permission_label(s, permission) + " on this " +
                                             asset_kind_name(kind) + "; nothing changes"});
    if (with_sentence)
      out.sentence = who + " already holds " + permission_label(s, permission) + ": nothing would change";
    return out;
  }
  if (current) {
    const ActionSet lost = permission_actions(s, current->permission, kind) & ~permission_actions(s, permission, kind);
    if (lost) {
      out.warnings.push_back({"DOWNGRADE", who + " goes from " + permission_label(s, current->permission) + " to " +
                                               permission_label(s, permission) + " and loses " + action_names(lost)});
    }
  }
  Change c;
  c.type = "share.set";
  c.system = "hmp";
  c.asset_kind = asset_kind_name(kind);
  c.asset_id = asset.id;
  c.principal = PrincipalRef{type == ShareType::kUser ? "user" : "group",
                             type == ShareType::kUser ? s.users[principal].id : s.groups[principal].id};
  if (current) c.before = permission_text(s, current->permission);
  c.after = after;
  if (with_sentence) {
    out.sentence = "the share of " + who + " on " + asset_kind_name(kind) + " " + asset.id + " would go from " +
                   (current ? permission_label(s, current->permission) : std::string("none")) + " to " +
                   permission_label(s, permission);
  }
  out.changes.push_back(std::move(c));
  return out;
}

IndexSpan actor_candidates(const Section& s, std::string_view actor) {
  return actor_candidates(s, actor, s.user_by_id.hash(actor));
}

IndexSpan actor_candidates(const Section& s, std::string_view actor, std::uint64_t id_hash) {
  const IndexSpan by_id = s.user_by_id.find_all(actor, id_hash);
  return by_id.empty() ? s.users_by_name.find_all(actor) : by_id;
}

Index resolve_actor(const Section& s, const std::optional<std::string>& actor) {
  if (!actor) {
    throw InputFailure(error_code::kRequestInvalid,
                       "an HMP request needs an actor: the id or username of the HMP user who sends it", "/actor");
  }
  const IndexSpan found = actor_candidates(s, *actor);
  if (found.empty()) {
    throw InputFailure(error_code::kRequestInvalid,
                       "actor " + text_util::quoted(*actor) +
                           " names no HMP user (by id, or by username ignoring case)",
                       "/actor");
  }
  if (found.size() > 1) {
    throw InputFailure(error_code::kRequestInvalid,
                       "actor " + text_util::quoted(*actor) + " matches " + std::to_string(found.size()) +
                           " HMP usernames that differ only in case; give the user's id instead",
                       "/actor");
  }
  return found.front();
}

Index resolve_actor_view(const Section& s, std::string_view actor) {
  const IndexSpan found = actor_candidates(s, actor);
  return found.size() == 1 ? found.front() : kNoIndex;
}

}  // namespace sharepolicy::hmp
