// ocm.md: folder shares of Oracle Content Management (seed 003, vendor-facts §4).
// PUT …/shares/{folderId}/role (ocm.editShareRole) and its siblings ocm.shareFolder (POST),
// ocm.revokeUser (DELETE …/user?userID=…) and ocm.listShares (GET …/items). The three writes
// share one pipeline: checks 1–5, then one member of the response per id of `userID`.
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "common/input_failure.h"
#include "common/text_util.h"
#include "engine/vendor_calls.h"
#include "engine/vendor_run.h"
#include "ocm/fix.h"
#include "ocm/roles.h"
#include "sharepolicy/limits.h"

namespace sharepolicy::ocm {
namespace {

constexpr const char* kProblemType = "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html";

// The wording of each operation. Only editShareRole's is the vendor's own (seed 003); the
// siblings' keys and messages follow the same pattern and are inferred.
struct OperationText {
  const char* operation;
  const char* key_prefix;      // "!csUnableToEditSharingRole"
  const char* message_prefix;  // "Failed to change shared user role."
  const char* service;         // "EDIT_SHARING_ROLE"
  const char* partial_message;
};

constexpr OperationText kEditRole{"ocm.editShareRole", "!csUnableToEditSharingRole",
                                  "Failed to change shared user role.", "EDIT_SHARING_ROLE",
                                  "Failed to change shared user role for one or more users or groups."};
constexpr OperationText kShareFolder{"ocm.shareFolder", "!csUnableToShareFolder", "Failed to share folder.",
                                     "SHARE_FOLDER", "Failed to share folder with one or more users or groups."};
constexpr OperationText kRevokeUser{"ocm.revokeUser", "!csUnableToRevokeSharedUser", "Failed to remove shared user.",
                                    "UNSHARE_FOLDER_USER",
                                    "Failed to remove shared access for one or more users or groups."};
constexpr OperationText kListShares{"ocm.listShares", "!csUnableToGetSharedFolderUsers",
                                    "Failed to get shared folder users.", "GET_SHARED_FOLDER_USERS", ""};

enum class Mode { kSetRole, kAdd, kRemove };

const char* status_name(ProvisioningStatus p) { return vocabulary::provisioning_name(p); }

std::string count_of(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

struct Principal {
  PrincipalType type = PrincipalType::kUser;
  Index index = kNoIndex;
  bool found() const { return index != kNoIndex; }
  std::uint64_t key() const { return (static_cast<std::uint64_t>(type) << 32) | index; }
};

// ocm.md: an item is a user id, then a group id, then a user loginName (case-insensitive; a
// name two users share names nobody).
Principal look_up(const Section& s, const std::string& item) {
  if (const Index user = s.user_by_id.find(item); user != kNoIndex) return {PrincipalType::kUser, user};
  if (const Index group = s.group_by_id.find(item); group != kNoIndex) return {PrincipalType::kGroup, group};
  const IndexSpan by_login = s.users_by_login.find_all(item);
  if (by_login.size() == 1) return {PrincipalType::kUser, by_login.front()};
  return {};
}

std::string describe(const Section& s, const Principal& p) {
  if (p.type == PrincipalType::kUser) {
    const User& u = s.users[p.index];
    return "user " + text_util::quoted(u.login_name) + " (" + u.id + ")";
  }
  return "group " + text_util::quoted(s.groups[p.index].display_name) + " (" + s.groups[p.index].id + ")";
}

// The folder's memberships while a request is processed: earlier items of the same request are
// seen by later ones (a user's effective role through a group changed a moment ago).
class Memberships {
 public:
  explicit Memberships(const Folder& f) : folder_(f) {
    for (const Member& m : f.members) roles_[Principal{m.type, m.principal}.key()] = m.role;
  }
  std::optional<Role> role_of(const Principal& p) const {
    auto it = roles_.find(p.key());
    return it == roles_.end() ? std::nullopt : std::optional<Role>(it->second);
  }
  void set(const Principal& p, std::optional<Role> r) {
    if (r) {
      roles_[p.key()] = *r;
    } else {
      roles_.erase(p.key());
    }
  }
  // state.md: owner, else the highest of the user's own membership and its groups'.
  Level effective(const Section& s, Index user, Index* via_group = nullptr) const {
    if (folder_.owned_by == user) return kOwnerLevel;
    Level best = kNoAccess;
    if (auto own = role_of({PrincipalType::kUser, user})) best = static_cast<Level>(*own);
    if (via_group) *via_group = kNoIndex;
    for (Index g : s.groups_of_user[user]) {
      if (auto r = role_of({PrincipalType::kGroup, g}); r && static_cast<Level>(*r) > best) {
        best = static_cast<Level>(*r);
        if (via_group) *via_group = g;
      }
    }
    return best;
  }

 private:
  const Folder& folder_;
  std::unordered_map<std::uint64_t, Role> roles_;
};

// {"status": N, "body": …}, the REST envelope.
Json status_and_body(int status, Json body) {
  Json response = Json::object();
  response["status"] = status;
  response["body"] = std::move(body);
  return response;
}

class ShareRun : public VendorRun {
 public:
  ShareRun(const OperationText& text, std::string folder_id, Detail detail)
      : VendorRun(text.operation, detail), text_(text), folder_id_(std::move(folder_id)) {}

  // What the error shape echoes from the request (ocm.md: `role` when the request had one, `user`
  // when it had a userID). Choice: a member whose value is JSON null counts as absent.
  // They point into `body` or `query_user`, or are nullptr: a large container is copied once, into
  // the response (issue 16 item 4: it used to be copied three times, as DOMs).
  const Json* echo_role = nullptr;
  const Json* echo_user = nullptr;
  BodyJson body;    // a write's body
  Json query_user;  // a DELETE's userID

  // The error shape of seed 003, keys in the seed's order.
  Result error(int status, const std::string& code, const std::string& key_suffix, const std::string& message_suffix) {
    const std::string message = std::string(text_.message_prefix) + " " + message_suffix;
    Json body = Json::object();
    body["errorCode"] = code;
    body["errorKey"] = std::string(text_.key_prefix) + key_suffix;
    body["errorMessage"] = message;
    body["errorType"] = "share";
    body["id"] = folder_id_;
    if (echo_role) body["role"] = nullptr;
    body["title"] = message;
    body["type"] = kProblemType;
    if (echo_user) {
      Json user = Json::object();
      user["id"] = nullptr;
      user["type"] = "user";
      body["user"] = std::move(user);
    }
    // The echoes go in last, into members that exist: an ordered_map that grows copies its values
    // (their keys are const), and a large echo would be copied again with them.
    if (echo_role) body["role"] = *echo_role;
    if (echo_user) body["user"]["id"] = *echo_user;
    result_.ok = false;
    result_.response = status_and_body(status, std::move(body));
    result_.error = VendorError{code, std::nullopt, message};
    result_.changes.clear();
    result_.warnings.clear();
    return std::move(result_);
  }
  Result missing_parameter(const char* parameter) {
    return error(400, "-97", std::string("!csRequiredServiceParameterMissing,") + parameter + "," + text_.service,
                 std::string("Parameter '") + parameter + "' required by service " + text_.service + " is missing.");
  }
  Result invalid_parameter(const char* parameter) {
    return error(400, "-1", std::string("!csInvalidParameter,") + parameter,
                 std::string("Invalid value for parameter '") + parameter + "'.");
  }
  Result folder_missing() {
    return error(
        404, "-16", "!csSecurityValidationFailed!csFldDoesNotExist," + folder_id_ + "!csUnprivilegedSystemError",
        "Security validation failed. '" + folder_id_ +
            "' does not exist. The error was caused by an internally generated issue. The error has been logged.");
  }
  Result insufficient_privileges() {
    return error(403, "-20", "!csInsufficientPrivileges", "The user does not have sufficient privileges.");
  }

  Result respond(int status, Json body, bool ok) {
    result_.ok = ok;
    result_.response = status_and_body(status, std::move(body));
    return std::move(result_);
  }
  Result fail_partially(Json body) {
    result_.error = VendorError{"-1", std::nullopt, text_.partial_message};
    return respond(403, std::move(body), false);
  }

  const OperationText& text() const { return text_; }
  const std::string& folder_id() const { return folder_id_; }

 private:
  const OperationText& text_;
  std::string folder_id_;
};

// Check 5: the actor's grant on the folder, explained; its effective level.
Level actor_level(const Section& s, const Folder& folder, Index actor, ShareRun& run) {
  const Memberships current(folder);
  Index via = kNoIndex;
  const Level level = current.effective(s, actor, &via);
  const std::string who = "actor " + text_util::quoted(s.users[actor].login_name);
  if (level == kOwnerLevel) {
    run.explain(who + " owns folder " + folder.id);
  } else if (level == kNoAccess) {
    run.explain(who + " has no access to folder " + folder.id);
  } else if (via != kNoIndex) {
    run.explain(who + " has effective role " + level_name(level) + " on folder " + folder.id + " through group " +
                text_util::quoted(s.groups[via].display_name));
  } else {
    run.explain(who + " has effective role " + level_name(level) + " on folder " + folder.id + " as a direct member");
  }
  return level;
}

// For a group whose membership changes: how its users' effective roles move.
std::string group_impact(const Section& s, const Group& g, const std::vector<Level>& before,
                         const std::vector<Level>& after) {
  std::size_t gain = 0, lose = 0, up = 0, down = 0, same = 0;
  for (std::size_t i = 0; i < before.size(); ++i) {
    if (before[i] == after[i]) ++same;
    else if (before[i] == kNoAccess) ++gain;
    else if (after[i] == kNoAccess) ++lose;
    else if (after[i] > before[i]) ++up;
    else ++down;
  }
  (void)s;
  return "group " + text_util::quoted(g.display_name) + " has " + count_of(before.size(), "user", "users") + ": " +
         std::to_string(gain) + " gain access, " + std::to_string(lose) + " lose access, " + std::to_string(up) +
         " get a higher effective role, " + std::to_string(down) + " a lower one, " + std::to_string(same) +
         " keep theirs";
}

std::vector<Level> levels_of(const Section& s, const Group& g, const Memberships& m) {
  std::vector<Level> out;
  out.reserve(g.members.size());
  for (Index u : g.members) out.push_back(m.effective(s, u));
  return out;
}

// ocm.md: split on ',', trim, drop empty items.
std::vector<std::string> split_ids(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    const auto item = text_util::trim(std::string_view(text).substr(start, comma - start));
    if (!item.empty()) out.emplace_back(item);
    start = comma + 1;
  }
  return out;
}

// The request's parameters after checks 1–3.
struct ShareRequest {
  std::string user_id;  // as sent
  std::vector<std::string> items;
  Role role = Role::kViewer;
};

// Where a write's userID and role come from: the query of a DELETE, else the JSON body. Sets
// run.echo_user and run.echo_role (nullptr: absent). Fails (check 3, inferred) when a body is sent
// that is not a JSON object.
std::optional<Result> raw_parameters(ShareRun& run, Mode mode, const HttpRoute& route, const HttpCall& call) {
  if (mode == Mode::kRemove) {
    // vendor-facts §4.1: DELETE …/user?userID=…&message=… (the first userID counts).
    for (const auto& [key, value] : route.query) {
      if (key == "userID") {
        run.query_user = value;
        run.echo_user = &run.query_user;
        break;
      }
    }
    return std::nullopt;
  }
  // Choice: no body, or a JSON null body, reads as an empty object (check 1 then answers).
  run.body = body_as_json(call);
  const BodyJson& body = run.body;
  if (!call.has_body || (body && body->is_null())) return std::nullopt;  // no userID, no role
  if (!body || !body->is_object()) {
    // ocm.md check 3: a raw body that is not a JSON object fails naming dUserID.
    run.mark_inferred();
    run.explain("the body is not a JSON object");
    run.suggest(
        [&] { return request_fix("send a JSON object body such as {\"userID\": \"<ids>\", \"role\": \"viewer\"}"); });
    return run.invalid_parameter("dUserID");
  }
  if (auto it = body->find("userID"); it != body->end() && !it->is_null()) run.echo_user = &*it;
  if (auto it = body->find("role"); it != body->end() && !it->is_null()) run.echo_role = &*it;
  return std::nullopt;
}

// A role that is not a string as messages quote it: its dump(), of which text_util::quoted shows
// at most the first 80 bytes. A large container is kept as that text (json_reader::json_text),
// longer than 80 bytes: its first 96 give the same quote without copying the rest.
std::string quotable_text(const Json& value) {
  const auto text = json_reader::json_text(value);
  return text ? std::string(text->substr(0, 96)) : value.dump();
}

// Checks 2 and 3 of a write that sets a role (both inferred): present, and one of the four roles.
std::optional<Result> read_role(ShareRun& run, const Json* role_value, Role& out) {
  if (!role_value) {
    run.mark_inferred();
    run.explain("the body has no role");
    run.suggest([&] { return request_fix("give role: viewer, downloader, contributor or manager"); });
    return run.missing_parameter("dRoleName");
  }
  // Exact case.
  std::optional<Role> role = role_value->is_string() ? parse_role(role_value->get<std::string>()) : std::nullopt;
  if (!role) {
    // A value that is not a string is no role in any case, so its cut text suggests what its whole would.
    const std::string sent = role_value->is_string() ? role_value->get<std::string>() : quotable_text(*role_value);
    run.mark_inferred();
    run.explain("role " + text_util::quoted(sent) +
                " is not one of viewer, downloader, contributor, manager (exact case)");
    run.suggest([&] { return role_value_fix(sent); });
    return run.invalid_parameter("dRoleName");
  }
  out = *role;
  return std::nullopt;
}

// Checks 1–3 of a write; returns the error result, or nullopt with `out` filled.
std::optional<Result> read_parameters(ShareRun& run, Mode mode, const HttpRoute& route, const HttpCall& call,
                                      ShareRequest& out) {
  if (auto failed = raw_parameters(run, mode, route, call)) return failed;
  const Json* user_value = run.echo_user;
  // Check 1 (documented): userID present and non-empty.
  if (user_value && user_value->is_string()) out.items = split_ids(user_value->get<std::string>());
  if (!user_value || (user_value->is_string() && out.items.empty())) {
    run.explain(!user_value ? "the request has no userID" : "userID holds no id (only commas and blanks)");
    run.suggest([&] { return request_fix("give userID: user ids, login names or group ids, comma-separated"); });
    return run.missing_parameter("dUserID");
  }
  if (mode != Mode::kRemove) {
    if (auto failed = read_role(run, run.echo_role, out.role)) return failed;
  }
  if (!user_value->is_string()) {
    run.mark_inferred();
    run.explain("userID is not a string");
    run.suggest([&] { return request_fix("userID must be one string of comma-separated ids"); });
    return run.invalid_parameter("dUserID");
  }
  // Check 3: the documented limit of 1000 ids (answer inferred).
  if (out.items.size() > limits::kMaxOcmUserIds) {
    run.mark_inferred();
    run.explain("userID lists " + std::to_string(out.items.size()) + " ids; the vendor allows at most 1000");
    run.suggest([&] {
      return request_fix("split userID into calls of at most 1000 ids (" + std::to_string(out.items.size()) +
                         " ids: " + std::to_string((out.items.size() + 999) / 1000) + " calls)");
    });
    return run.invalid_parameter("dUserID");
  }
  out.user_id = user_value->get<std::string>();
  return std::nullopt;
}

// Checks 4 (documented) and 5 (documented rule, inferred body): the folder exists, and the actor
// owns it or manages it. Sets `folder` when both hold.
std::optional<Result> check_folder_and_actor(const Section& s, Index actor, ShareRun& run, const Folder*& folder) {
  const Index folder_index = s.folder_by_id.find(run.folder_id());
  if (folder_index == kNoIndex) {
    run.explain("no folder has the id " + text_util::quoted(run.folder_id()));
    run.suggest([&] { return folder_not_found_fix(run.folder_id()); });
    return run.folder_missing();
  }
  folder = &s.folders[folder_index];
  const Level level = actor_level(s, *folder, actor, run);
  if (level < static_cast<Level>(Role::kManager)) {
    run.mark_inferred();
    run.explain("changing the folder's members needs the manager role or ownership");
    run.suggest([&] { return privilege_fix(s, *folder, actor, Role::kManager); });
    return run.insufficient_privileges();
  }
  run.explain("the owner or a manager may change the folder's members");
  return std::nullopt;
}

// What the members of a write come to, for the response and the fix.
struct WriteTally {
  Json members = Json::array();
  std::vector<std::string> repeated;
  std::vector<FailedMember> failures;  // for the fix of a partial failure
  std::size_t failed = 0, distinct = 0;
  Principal single;  // the principal when userID names exactly one
};

// The member of the response for one item, before its outcome: the id as sent (vendor-facts
// §4.4), not the principal's stored id.
Json member_entry(const Section& s, const std::string& item, const Principal& p) {
  Json member = Json::object();
  member["id"] = item;
  if (p.found()) {
    const bool is_user = p.type == PrincipalType::kUser;
    member["displayName"] = is_user ? s.users[p.index].display_name : s.groups[p.index].display_name;
    member["type"] = is_user ? "user" : "group";
  } else {
    member["type"] = "user";
  }
  return member;
}

Change member_change(const Section& s, const Folder& folder, const Principal& p, std::optional<Role> old_role,
                     std::optional<Role> new_role) {
  Change c;
  c.type = "share.set";
  c.system = "ocm";
  c.asset_kind = "folder";
  c.asset_id = folder.id;
  c.principal = PrincipalRef{p.type == PrincipalType::kUser ? "user" : "group",
                             p.type == PrincipalType::kUser ? s.users[p.index].id : s.groups[p.index].id};
  if (old_role) c.before = role_name(*old_role);
  if (new_role) c.after = role_name(*new_role);
  return c;
}

// A member whose role moves: the change, explained (a group's users' effective roles included).
// Later items of the request see it through `current`.
void change_member(const Section& s, const Folder& folder, Index actor, const Principal& p,
                   std::optional<Role> old_role, std::optional<Role> new_role, Memberships& current, ShareRun& run) {
  run.explain(describe(s, p) + ": " + (old_role ? role_name(*old_role) : "not a member") + " -> " +
              (new_role ? role_name(*new_role) : "removed"));
  std::vector<Level> before;
  if (p.type == PrincipalType::kGroup) before = levels_of(s, s.groups[p.index], current);
  current.set(p, new_role);
  if (p.type == PrincipalType::kGroup) {
    run.explain(group_impact(s, s.groups[p.index], before, levels_of(s, s.groups[p.index], current)));
  }
  run.result().changes.push_back(member_change(s, folder, p, old_role, new_role));
  if (p.type == PrincipalType::kUser && p.index == actor) {
    run.warn("SELF_CHANGE", "the actor changes its own membership of folder " + folder.id);
  }
}

// One distinct item of userID (ocm.md, failures inferred): whether it succeeds. A failure is
// recorded in `failures` for the fix.
bool write_member(const Section& s, const Folder& folder, Index actor, Mode mode, const ShareRequest& req,
                  const std::string& item, const Principal& p, Memberships& current,
                  std::vector<FailedMember>& failures, ShareRun& run) {
  if (!p.found()) {
    run.explain(text_util::quoted(item) + " names no user or group (fails; inferred)");
    failures.push_back(FailedMember{FailedMember::kNamesNobody, item});
    return false;
  }
  if (p.type == PrincipalType::kUser && p.index == folder.owned_by) {
    run.explain(text_util::quoted(item) + " is the folder's owner, who is not a member (fails; inferred)");
    failures.push_back(FailedMember{FailedMember::kOwner, item, p.type, p.index});
    return false;
  }
  const std::optional<Role> old_role = current.role_of(p);
  const std::optional<Role> new_role = mode == Mode::kRemove ? std::nullopt : std::optional<Role>(req.role);
  if (mode != Mode::kAdd && !old_role) {
    run.explain(describe(s, p) + " is not a member of the folder (fails; inferred)");
    failures.push_back(FailedMember{FailedMember::kNotMember, item, p.type, p.index});
    return false;
  }
  if (mode == Mode::kAdd && old_role) {
    run.explain(describe(s, p) + " is already a member, as " + role_name(*old_role) + " (fails; inferred)");
    failures.push_back(FailedMember{FailedMember::kAlreadyMember, item, p.type, p.index});
    return false;
  }
  if (old_role == new_role) {
    run.explain(describe(s, p) + " already has the role " + role_name(*new_role));
    run.warn("NO_CHANGE", describe(s, p) + " already has the role " + role_name(*new_role) + " on folder " + folder.id);
  } else {
    change_member(s, folder, actor, p, old_role, new_role, current, run);
  }
  return true;
}

// One member per distinct id, in request order.
WriteTally write_members(const Section& s, const Folder& folder, Index actor, Mode mode, const ShareRequest& req,
                         ShareRun& run) {
  WriteTally tally;
  Memberships current(folder);
  std::unordered_set<std::string> seen_items;
  std::unordered_set<std::uint64_t> seen_principals;
  for (const std::string& item : req.items) {
    const Principal p = look_up(s, item);
    // ocm.md: a repeated item is processed once, at its first place. Choice: an item that names a
    // principal an earlier item named (an id and a login name of one user) is a repeat too.
    if (!seen_items.insert(item).second || (p.found() && !seen_principals.insert(p.key()).second)) {
      tally.repeated.push_back(item);
      continue;
    }
    ++tally.distinct;
    tally.single = p;
    Json member = member_entry(s, item, p);
    const bool ok = write_member(s, folder, actor, mode, req, item, p, current, tally.failures, run);
    if (!ok) ++tally.failed;
    member["isSuccessful"] = ok ? "1" : "0";
    if (p.found()) {
      member["provisioningStatus"] = p.type == PrincipalType::kUser ? status_name(s.users[p.index].provisioning_status)
                                                                    : "active";
    }
    tally.members.push_back(std::move(member));
  }
  return tally;
}

// user: {id as sent, displayName only when userID named a single user, type "user"}.
Json user_echo(const Section& s, const ShareRequest& req, const WriteTally& tally) {
  Json user = Json::object();
  user["id"] = req.user_id;
  if (tally.distinct == 1 && tally.single.found() && tally.single.type == PrincipalType::kUser) {
    user["displayName"] = s.users[tally.single.index].display_name;
  }
  user["type"] = "user";
  return user;
}

Result answer_success(const Folder& folder, Mode mode, const ShareRequest& req, Json user, WriteTally& tally,
                      ShareRun& run) {
  run.explain(std::string("every member succeeded: 200, errorCode 0"));
  Json body = Json::object();
  body["errorCode"] = "0";
  body["id"] = folder.id;
  body["members"] = std::move(tally.members);
  if (mode != Mode::kRemove) body["role"] = role_name(req.role);
  body["type"] = "share";
  body["user"] = std::move(user);
  return run.respond(200, std::move(body), true);
}

// ocm.md (inferred): one or more members failed → 403; the others are still changed.
Result answer_partial_failure(const Section& s, const Folder& folder, Mode mode, const ShareRequest& req, Json user,
                              WriteTally& tally, ShareRun& run) {
  const OperationText& text = run.text();
  run.mark_inferred();
  run.explain(count_of(tally.failed, "member", "members") + " of " + std::to_string(tally.distinct) +
              " failed: 403 partial failure (inferred); the " +
              count_of(run.result().changes.size(), "change", "changes") +
              " of the members that succeeded still apply");
  Json body = Json::object();
  body["errorCode"] = "-1";
  body["errorKey"] = std::string(text.key_prefix) + "!csPartialFailure";
  body["errorMessage"] = text.partial_message;
  body["errorType"] = "share";
  body["id"] = folder.id;
  body["members"] = std::move(tally.members);
  if (mode != Mode::kRemove) body["role"] = role_name(req.role);
  body["title"] = text.partial_message;
  body["type"] = kProblemType;
  body["user"] = std::move(user);
  run.suggest([&] {
    return failed_members_fix(s, folder, tally.failures,
                              mode == Mode::kSetRole ? std::optional<Role>(req.role) : std::nullopt);
  });
  return run.fail_partially(std::move(body));
}

Result run_write(const Section& s, Index actor, const OperationText& text, Mode mode, const HttpRoute& route,
                 const HttpCall& call, Detail detail) {
  ShareRun run(text, route.params.empty() ? std::string() : route.params.front(), detail);
  // Only editShareRole's answers come from the seed; the siblings' are inferred throughout.
  if (mode != Mode::kSetRole) run.mark_inferred();
  ShareRequest req;
  if (auto failed = read_parameters(run, mode, route, call, req)) return std::move(*failed);
  const Folder* folder = nullptr;
  if (auto failed = check_folder_and_actor(s, actor, run, folder)) return std::move(*failed);
  WriteTally tally = write_members(s, *folder, actor, mode, req, run);
  if (!tally.repeated.empty()) {
    std::string list;
    for (const auto& r : tally.repeated) list += (list.empty() ? "" : ", ") + text_util::quoted(r);
    run.warn("DUPLICATE_IDS", "userID repeats " + list + "; each is processed once, at its first place");
  }
  Json user = user_echo(s, req, tally);
  if (tally.failed == 0) return answer_success(*folder, mode, req, std::move(user), tally, run);
  return answer_partial_failure(s, *folder, mode, req, std::move(user), tally, run);
}

// ocm.listShares (vendor-facts §4.4 "Get Shared Folder Users"): read-only.
Result list_shares(const Section& s, Index actor, const HttpRoute& route, Detail detail) {
  const std::string folder_id = route.params.empty() ? std::string() : route.params.front();
  ShareRun run(kListShares, folder_id, detail);
  // The error answers are inferred (no seed); the 200 shape is the vendor's example.
  const Index folder_index = s.folder_by_id.find(folder_id);
  if (folder_index == kNoIndex) {
    run.mark_inferred();
    run.explain("no folder has the id " + text_util::quoted(folder_id));
    run.suggest([&] { return folder_not_found_fix(folder_id); });
    return run.folder_missing();
  }
  const Folder& folder = s.folders[folder_index];
  // vendor-facts §4.2: 403 "if the user does not have read permission" (any role, or the owner).
  if (actor_level(s, folder, actor, run) == kNoAccess) {
    run.mark_inferred();
    run.explain("listing the members needs read permission (any role) on the folder");
    run.suggest([&] { return privilege_fix(s, folder, actor, Role::kViewer); });
    return run.insufficient_privileges();
  }
  Json items = Json::array();
  for (const Member& m : folder.members) {
    Json user = Json::object();
    if (m.type == PrincipalType::kUser) {
      const User& u = s.users[m.principal];
      user["id"] = u.id;
      user["displayName"] = u.display_name;
      user["loginName"] = u.login_name;
      user["provisioningStatus"] = status_name(u.provisioning_status);
      user["type"] = "user";
    } else {
      const Group& g = s.groups[m.principal];
      user["id"] = g.id;
      user["displayName"] = g.display_name;
      user["type"] = "group";
    }
    Json item = Json::object();
    item["type"] = "share";
    item["role"] = role_name(m.role);
    item["user"] = std::move(user);
    items.push_back(std::move(item));
  }
  const User& owner = s.users[folder.owned_by];
  Json owned_by = Json::object();
  owned_by["id"] = owner.id;
  owned_by["displayName"] = owner.display_name;
  owned_by["loginName"] = owner.login_name;
  owned_by["type"] = "user";
  run.explain("folder " + folder.id + " has " + count_of(folder.members.size(), "member", "members") +
              "; its owner is listed apart, as ownedBy");
  Json body = Json::object();
  body["count"] = std::to_string(folder.members.size());
  body["errorCode"] = "0";
  body["id"] = folder.id;
  body["type"] = "share";
  body["items"] = std::move(items);
  body["ownedBy"] = std::move(owned_by);
  return run.respond(200, std::move(body), true);
}

}  // namespace

Index resolve_actor(const Section& s, const std::optional<std::string>& actor) {
  if (!actor) {
    throw InputFailure(error_code::kRequestInvalid, "an OCM call needs an actor (a user id or loginName)", "/actor");
  }
  if (const Index by_id = s.user_by_id.find(*actor); by_id != kNoIndex) return by_id;
  const IndexSpan by_login = s.users_by_login.find_all(*actor);
  if (by_login.empty()) {
    throw InputFailure(error_code::kRequestInvalid,
                       "actor " + text_util::quoted(*actor) + " names no user of /ocm/users (by id or loginName)",
                       "/actor");
  }
  if (by_login.size() > 1) {
    throw InputFailure(error_code::kRequestInvalid,
                       "actor " + text_util::quoted(*actor) + " matches " + std::to_string(by_login.size()) +
                           " users of /ocm/users by loginName (login names compare case-insensitively)",
                       "/actor");
  }
  return by_login.front();
}

Result run_share_call(const Section& s, Index actor, const HttpRoute& route, const HttpCall& call, Detail detail) {
  if (route.operation == kEditRole.operation)
    return run_write(s, actor, kEditRole, Mode::kSetRole, route, call, detail);
  if (route.operation == kShareFolder.operation)
    return run_write(s, actor, kShareFolder, Mode::kAdd, route, call, detail);
  if (route.operation == kRevokeUser.operation)
    return run_write(s, actor, kRevokeUser, Mode::kRemove, route, call, detail);
  if (route.operation == kListShares.operation) return list_shares(s, actor, route, detail);
  throw std::logic_error("ocm: unrouted operation " + route.operation);
}

}  // namespace sharepolicy::ocm
