#include "hmp/fix.h"

#include <algorithm>
#include <cctype>
#include <cstddef>

#include "common/closest_names.h"
#include "common/text_util.h"
#include "engine/vendor_run.h"

namespace sharepolicy::hmp {
namespace {

std::string joined(const std::vector<std::string>& items, std::size_t limit = 5) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < limit; ++i) out += (i ? ", " : "") + items[i];
  if (items.size() > limit) out += ", … (" + std::to_string(items.size()) + " in all)";
  return out;
}

PrincipalRef principal_ref(const Section& s, ShareType type, Index principal) {
  return type == ShareType::kUser ? PrincipalRef{"user", s.users[principal].id}
                                  : PrincipalRef{"group", s.groups[principal].id};
}

Change role_grant(const Section& s, ShareType type, Index principal, Index role) {
  Change c;
  c.type = "role.grant";
  c.system = "hmp";
  c.principal = principal_ref(s, type, principal);
  c.after = s.roles[role].name;
  return c;
}

// The role to suggest: the first non-administrator role (the least a share target needs).
Index least_role(const Section& s) {
  for (Index r = 0; r < s.roles.size(); ++r) {
    if (!s.roles[r].administrator) return r;
  }
  return s.roles.empty() ? kNoIndex : 0;
}

Index first_administrator_role(const Section& s) {
  for (Index r = 0; r < s.roles.size(); ++r) {
    if (s.roles[r].administrator) return r;
  }
  return kNoIndex;
}

int action_count(ActionSet a) {
  int n = 0;
  for (; a; a &= static_cast<ActionSet>(a - 1)) ++n;
  return n;
}

// Calls `visit` with every permission that can be set on the kind: the built-ins, then the access
// permissions. (Not a list: a denial asks it once, and building one grew a vector in four steps.)
template <class Visit>
void for_each_settable_permission(const Section& s, AssetKind kind, Visit&& visit) {
  visit(Permission{Permission::kWatchP, kNoIndex});
  visit(Permission{Permission::kEditP, kNoIndex});
  if (kind == AssetKind::kSession) visit(Permission{Permission::kRecordP, kNoIndex});
  visit(Permission{Permission::kOwnP, kNoIndex});
  for (Index i = 0; i < s.access_permissions.size(); ++i) visit(Permission{Permission::kCustom, i});
}

}  // namespace

Fix request_fix(const std::string& what) { return make_fix("request", "correct the request: " + what); }

Fix nothing_to_fix(const std::string& why) { return make_fix("none", why); }

namespace {

// Tokens i..j-1 joined without the white space between them, when that forms a UUID (at most 36
// characters, so a long line costs little).
std::string split_uuid(const std::vector<std::string>& tokens, std::size_t i, std::size_t* end) {
  std::string joined = tokens[i];
  for (std::size_t j = i + 1; j < tokens.size() && joined.size() < 36; ++j) {
    joined += tokens[j];
    if (text_util::is_uuid(joined)) {
      *end = j + 1;
      return joined;
    }
  }
  return {};
}

}  // namespace

Fix arity_fix(const std::string& usage, const std::vector<std::string>& tokens) {
  // The vendor's own example prints a recording id with a space inside it (seed 000): say so.
  for (std::size_t i = 1; i < tokens.size(); ++i) {
    std::size_t end = 0;
    const std::string uuid = split_uuid(tokens, i, &end);
    if (uuid.empty()) continue;
    std::vector<std::string> line(tokens.begin(), tokens.begin() + static_cast<std::ptrdiff_t>(i));
    line.push_back(uuid);
    line.insert(line.end(), tokens.begin() + static_cast<std::ptrdiff_t>(end), tokens.end());
    std::string fixed;
    for (const auto& t : line) fixed += (fixed.empty() ? "" : " ") + text_util::one_line(t);
    return request_fix("the UUID " + uuid + " was split by white space into " + std::to_string(end - i) +
                       " parameters; write it as one: " + fixed);
  }
  return request_fix("give exactly 3 parameters: " + usage + " (quote a value that holds white space)");
}

Fix unknown_command_fix(const std::string& command) {
  static const std::vector<std::string> commands = {"shareRecordingWithUser", "shareRecordingWithGroup",
                                                    "shareSessionWithUser", "shareSessionWithGroup"};
  text_util::ClosestNames closest(command, 1);
  for (const auto& c : commands) closest.consider(c);
  std::string sentence = command.empty()
                             ? "correct the request: the line holds no command; "
                             : "correct the request: HMP has no command " + text_util::quoted(command) + "; ";
  const auto best = closest.best();
  if (!best.empty()) sentence += "did you mean " + best.front() + "? ";
  return make_fix("request", sentence + "the commands are " + joined(commands) + " (names are case-sensitive)");
}

Fix permission_syntax_fix(const std::string& token, AssetKind kind) {
  std::string sentence = std::string("correct the request: the permission must be one of ") +
                         builtin_permission_list(kind) + " (exact case) or an access permission's id";
  Permission ignored;
  std::string upper = token;
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
  if (parse_builtin_permission(upper, kind, ignored)) sentence += "; did you mean " + upper + "?";
  return make_fix("request", sentence);
}

Fix directory_fix(const Section& s, ShareType type, const std::string& name, bool rest) {
  if (!s.directory_is_available()) {
    Change c;
    c.type = "directory.set";
    c.system = "hmp";
    c.before = "false";
    c.after = "true";
    return make_fix("state",
                    "the directory search failed (hmp.directory.available is false): once the LDAP/AD "
                    "directory answers again, the same request goes through",
                    {std::move(c)});
  }
  const auto& names = type == ShareType::kUser ? s.users_by_name : s.groups_by_name;
  std::vector<std::string> spellings;
  for (Index i : names.find_all(name)) {
    spellings.push_back(type == ShareType::kUser ? s.users[i].username : s.groups[i].groupname);
  }
  const char* what = type == ShareType::kUser ? "usernames " : "groupnames ";
  if (rest) {
    return make_fix("request", std::string(what) + text_util::quoted_list(spellings) +
                                   " differ only in case: name the principal by its \"id\" instead of \"name\"");
  }
  return make_fix("state", std::string(what) + text_util::quoted_list(spellings) +
                               " differ only in case and the command line matches names ignoring case: rename all "
                               "but one of them, or share through the REST API, which takes an id");
}

Fix principal_not_found_fix(const Section& s, ShareType type, const std::string& wanted, bool by_id) {
  const bool user = type == ShareType::kUser;
  if (by_id) {
    return make_fix("request", std::string("no ") + (user ? "user" : "group") + " has the id " +
                                   text_util::quoted(wanted) + ": check the id, or name the principal by \"name\"");
  }
  text_util::ClosestNames closest(wanted);
  if (user) {
    auto name = [&](std::size_t i) -> const std::string& { return s.users[i].username; };
    for (auto i : s.username_order.candidates(wanted, name)) closest.consider(name(i));
  } else {
    auto name = [&](std::size_t i) -> const std::string& { return s.groups[i].groupname; };
    for (auto i : s.groupname_order.candidates(wanted, name)) closest.consider(name(i));
  }
  const auto best = closest.best();
  std::string sentence = std::string("no ") + (user ? "user" : "group") + " named " + text_util::quoted(wanted) +
                         ": check the spelling";
  sentence += best.empty() ? " (no name is close)" : " (closest: " + text_util::quoted_list(best) + ")";
  return make_fix("request", sentence);
}

Fix no_roles_fix(const Section& s, ShareType type, Index principal) {
  const Index role = least_role(s);
  std::string sentence = "give a role to " + principal_label(s, type, principal);
  if (type == ShareType::kUser) {
    std::vector<std::string> groups;
    for (Index g : s.users[principal].groups_in_order) groups.push_back(s.groups[g].groupname);
    sentence += groups.empty() ? " (it belongs to no group)" : " or to one of its groups (" + joined(groups) + ")";
  }
  if (role == kNoIndex) return make_fix("state", sentence + "; the state defines no role yet: define one first");
  return make_fix("state", sentence + ", e.g. role " + text_util::quoted(s.roles[role].name),
                  {role_grant(s, type, principal, role)});
}

Fix asset_not_found_fix(AssetKind kind, const std::string& id) {
  return make_fix("request", std::string("no ") + asset_kind_name(kind) + " has the id " + text_util::quoted(id) +
                                 ": check the id");
}

Fix permission_not_found_fix(const Section& s, const std::string& token, AssetKind kind) {
  std::vector<std::string> known;
  for (const AccessPermission& a : s.access_permissions) known.push_back(text_util::quoted(a.name) + " (" + a.id + ")");
  std::string sentence = "no access permission has the id " + text_util::quoted(token) + ": use " +
                         builtin_permission_list(kind);
  sentence += known.empty() ? " (the state defines no access permission)" : ", or one of " + joined(known);
  return make_fix("request", sentence);
}

Fix cannot_share_fix(const Section& s, AssetKind kind, const Asset& asset, Index actor, const Permission& wanted,
                     const Rights& rights) {
  const ActionSet needed = static_cast<ActionSet>(permission_actions(s, wanted, kind) | kShare);
  ActionSet through_groups = 0, direct = 0;
  const Share* own = find_share(asset, ShareType::kUser, actor);
  for (const Grant& g : rights.grants) {
    (g.source == Grant::kDirect ? direct : through_groups) |= permission_actions(s, g.permission, kind);
  }
  // The permission with the fewest actions that, as the actor's own share, covers what is needed
  // and keeps what its own share already gives (OWN always does).
  Permission best{Permission::kOwnP, kNoIndex};
  int best_count = action_count(all_actions(kind)) + 1;
  for_each_settable_permission(s, kind, [&](const Permission& p) {
    const ActionSet a = permission_actions(s, p, kind);
    if (((a | through_groups) & needed) == needed && (a & direct) == direct && action_count(a) < best_count) {
      best = p;
      best_count = action_count(a);
    }
  });
  Change c;
  c.type = "share.set";
  c.system = "hmp";
  c.asset_kind = asset_kind_name(kind);
  c.asset_id = asset.id;
  c.principal = PrincipalRef{"user", s.users[actor].id};
  if (own) c.before = permission_text(s, own->permission);
  c.after = permission_text(s, best);
  const ActionSet missing = static_cast<ActionSet>(needed & ~rights.actions);
  const std::string granters = asset.owner == kNoIndex
                                   ? "an administrator"
                                   : text_util::concat({"its owner ", text_util::quoted(s.users[asset.owner].username),
                                                        " or an administrator"});
  return make_fix("state",
                  text_util::concat({"the actor ", text_util::quoted(s.users[actor].username),
                                     " needs share and every action of ", permission_label(s, wanted), " on this ",
                                     asset_kind_name(kind), ", and lacks ", action_names(missing), ": ", granters,
                                     " can grant it ", permission_label(s, best)}),
                  {std::move(c)});
}

Fix not_administrator_fix(const Section& s, Index actor) {
  const Index role = first_administrator_role(s);
  const std::string who = "user " + text_util::quoted(s.users[actor].username);
  if (role == kNoIndex) {
    return make_fix("state",
                    "feed shares need an administrator, and the state defines no administrator role: define "
                    "one and give it to " +
                        who);
  }
  return make_fix("state",
                  "feed shares need an administrator: give " + who + " the role " +
                      text_util::quoted(s.roles[role].name) + " (or make it a member of a group that has it)",
                  {role_grant(s, ShareType::kUser, actor, role)});
}

}  // namespace sharepolicy::hmp
