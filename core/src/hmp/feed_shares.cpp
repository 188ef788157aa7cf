// hmp.md "REST: feed shares": create (seed 001), and the siblings list / update / delete.
#include "common/text_util.h"
#include "engine/vendor_calls.h"
#include "engine/vendor_run.h"
#include "hmp/access.h"
#include "hmp/fix.h"

namespace sharepolicy::hmp {
namespace {

struct RestError {
  int status;
  const char* code;
  const char* name;
};

constexpr RestError kCannotShare{403, "030003", "CannotShare"};
constexpr RestError kInputValidation{400, "010001", "InputValidation"};
constexpr RestError kFindUser{500, "070008", "FindUser"};
constexpr RestError kFindGroup{500, "070009", "FindGroup"};
constexpr RestError kAssetNotFound{404, "040002", "AssetNotFound"};
constexpr RestError kUserNotFound{404, "040004", "UserNotFound"};
constexpr RestError kGroupNotFound{404, "040005", "GroupNotFound"};
constexpr RestError kUserHasNoRoles{409, "060001", "UserHasNoRoles"};
constexpr RestError kGroupHasNoRoles{409, "060002", "GroupHasNoRoles"};
constexpr RestError kPermissionNotFound{404, "040025", "SharePermissionNotFound"};
constexpr RestError kNoResults{404, "040012", "NoResults"};
constexpr RestError kUserGroupNotFound{404, "040021", "UserGroupNotFound"};

class RestRun : public VendorRun {
 public:
  using VendorRun::VendorRun;

  // The envelope {"code","name","message","httpStatusCode"} with the status equal to httpStatusCode.
  Result error(const RestError& e, const std::string& message) {
    Json body = Json::object();
    body["code"] = e.code;
    body["name"] = e.name;
    body["message"] = message;
    body["httpStatusCode"] = e.status;
    result_.ok = false;
    result_.response = Json{{"status", e.status}, {"body", std::move(body)}};
    result_.error = VendorError{e.code, std::string(e.name), message};
    return std::move(result_);
  }
  Result success(Json body) {
    result_.ok = true;
    result_.response = Json{{"status", 200}, {"body", std::move(body)}};
    return std::move(result_);
  }
};

// The share object of the vendor: {"id","shareType","permission","name","email"}, with the name
// and email as the directory stores them.
Json share_object(const Section& s, ShareType type, Index principal, const Permission& permission) {
  Json j = Json::object();
  const bool is_user = type == ShareType::kUser;
  j["id"] = is_user ? s.users[principal].id : s.groups[principal].id;
  j["shareType"] = is_user ? "USER" : "GROUP";
  j["permission"] = permission_text(s, permission);
  j["name"] = is_user ? s.users[principal].username : s.groups[principal].groupname;
  j["email"] = is_user && s.users[principal].email ? Json(*s.users[principal].email) : Json(nullptr);
  return j;
}

// Check 1 of every write (documented authorization "Administrator"; code inferred).
bool require_administrator(const Section& s, Index actor, RestRun& run) {
  if (s.user_is_admin[actor]) {
    std::string line = "actor " + text_util::quoted(s.users[actor].username) + " holds role " +
                       text_util::quoted(s.roles[s.user_admin_role[actor]].name) + " (administrator)";
    if (s.user_admin_group[actor] != kNoIndex)
      line += " through group " + text_util::quoted(s.groups[s.user_admin_group[actor]].groupname);
    run.explain(line);
    return true;
  }
  run.mark_inferred();
  run.explain(
      "actor " + text_util::quoted(s.users[actor].username) +
      " holds no administrator role, and feed shares need the Administrator authorization (code 030003 inferred)");
  run.suggest([&] { return not_administrator_fix(s, actor); });
  return false;
}

const Asset* find_feed(const Section& s, const std::string& section_id) {
  // A sectionId that is not a UUID names no feed (hmp.md check 4).
  if (!text_util::is_uuid(section_id)) return nullptr;
  const Index feed = s.feed_by_id.find(section_id);
  return feed == kNoIndex ? nullptr : &s.feeds[feed];
}

Result feed_not_found(RestRun& run, const std::string& section_id) {
  run.explain("no feed has the id " + text_util::quoted(section_id) + " (the vendor's message says 'Video not found')");
  run.suggest([&] { return asset_not_found_fix(AssetKind::kFeed, section_id); });
  return run.error(kAssetNotFound, "Video not found");
}

// Check 2 of create: the body's shape. Messages are inferred.
struct CreateBody {
  ShareType type;
  std::string permission;
  std::string id, name;  // empty = absent
};

std::optional<std::string> validate_create_body(const BodyJson& body, CreateBody& out) {
  if (!body || !body->is_object()) return std::string("Validation failed on 'body'. Must be a JSON object");
  auto type = body->find("shareType");
  if (type == body->end() || !type->is_string() || (*type != "USER" && *type != "GROUP")) {
    return std::string("Validation failed on 'shareType'. Must be one of: USER, GROUP");
  }
  out.type = *type == "USER" ? ShareType::kUser : ShareType::kGroup;
  auto permission = body->find("permission");
  Permission ignored;
  if (permission == body->end() || !permission->is_string() ||
      (!parse_builtin_permission(permission->get<std::string>(), AssetKind::kFeed, ignored) &&
       !text_util::is_uuid(permission->get<std::string>()))) {
    return std::string("Permission must be one of: WATCH, EDIT, OWN");
  }
  out.permission = permission->get<std::string>();
  for (const char* key : {"id", "name"}) {
    auto v = body->find(key);
    if (v == body->end() || v->is_null()) continue;  // a null counts as absent
    if (!v->is_string()) return std::string("Validation failed on '") + key + "'. Must be a string";
    (std::string(key) == "id" ? out.id : out.name) = v->get<std::string>();
  }
  if (out.id.empty() && out.name.empty()) return std::string("Either id or name must be present");
  return std::nullopt;
}

Result create_feed_share(const Section& s, Index actor, const HttpRoute& route, const HttpCall& call, Detail detail) {
  RestRun run(route.operation, detail);
  if (!require_administrator(s, actor, run)) return run.error(kCannotShare, "Cannot share");
  CreateBody body;
  if (auto problem = validate_create_body(body_as_json(call), body)) {
    run.mark_inferred();
    run.explain("the body is not valid: " + *problem + " (message inferred)");
    run.suggest([&] { return request_fix(*problem); });
    return run.error(kInputValidation, *problem);
  }
  const bool is_user = body.type == ShareType::kUser;
  const bool by_id = !body.id.empty();  // "If both are provided, id is used."
  const auto& names = is_user ? s.users_by_name : s.groups_by_name;
  const IndexSpan named = by_id ? IndexSpan() : names.find_all(body.name);
  // Check 3: the directory search.
  if (!s.directory_is_available() || named.size() > 1) {
    run.explain(!s.directory_is_available() ? "the directory cannot be searched (hmp.directory.available is false)"
                                            : "name " + text_util::quoted(body.name) + " matches " +
                                                  std::to_string(named.size()) + " entries that differ only in case");
    run.suggest([&] { return directory_fix(s, body.type, body.name, true); });
    return is_user ? run.error(kFindUser, "Error searching for a user")
                   : run.error(kFindGroup, "Error searching for a group");
  }
  // Check 4: the feed.
  const Asset* feed = find_feed(s, route.params[0]);
  if (!feed) return feed_not_found(run, route.params[0]);
  // Check 5: the principal.
  Index principal = kNoIndex;
  if (by_id) {
    const auto& ids = is_user ? s.user_by_id : s.group_by_id;
    principal = ids.find(body.id);
  } else if (!named.empty()) {
    principal = named.front();
  }
  if (principal == kNoIndex) {
    run.explain(std::string("no ") + (is_user ? "user" : "group") + " has the " + (by_id ? "id " : "name ") +
                text_util::quoted(by_id ? body.id : body.name) + (by_id ? "" : " (compared ignoring case)"));
    run.suggest([&] { return principal_not_found_fix(s, body.type, by_id ? body.id : body.name, by_id); });
    return is_user ? run.error(kUserNotFound, "User not found") : run.error(kGroupNotFound, "Group not found");
  }
  // Check 6: the principal has a role.
  if (is_user ? !user_has_role(s, principal) : s.groups[principal].roles.empty()) {
    run.explain(principal_label(s, body.type, principal) +
                (is_user ? " has no role, and none of its groups has one" : " has no role"));
    run.suggest([&] { return no_roles_fix(s, body.type, principal); });
    return is_user ? run.error(kUserHasNoRoles, "User has no roles assigned")
                   : run.error(kGroupHasNoRoles, "Group has no roles assigned");
  }
  // Check 7: a UUID permission names an access permission.
  Permission permission;
  if (!parse_builtin_permission(body.permission, AssetKind::kFeed, permission)) {
    const Index custom = s.permission_by_id.find(body.permission);
    if (custom == kNoIndex) {
      run.explain("no access permission has the id " + body.permission);
      run.suggest([&] { return permission_not_found_fix(s, body.permission, AssetKind::kFeed); });
      return run.error(kPermissionNotFound, "Share permission not found");
    }
    permission = Permission{Permission::kCustom, custom};
  }
  ShareOutcome outcome = set_share_outcome(s, AssetKind::kFeed, *feed, body.type, principal, permission);
  run.explain(outcome.sentence);
  run.mark_inferred();  // hmp.md: the success status (200) and the echoed name/email are inferred
  run.result().changes = std::move(outcome.changes);
  run.result().warnings = std::move(outcome.warnings);
  return run.success(Json{{"data", share_object(s, body.type, principal, permission)}});
}

Result list_feed_shares(const Section& s, Index actor, const HttpRoute& route, Detail detail) {
  RestRun run(route.operation, detail);
  (void)actor;
  const Asset* feed = find_feed(s, route.params[0]);
  if (!feed) return feed_not_found(run, route.params[0]);
  if (feed->shares.empty()) {
    run.explain("feed " + feed->id + " is shared with nobody; the vendor answers 404 rather than an empty list");
    run.suggest([&] {
      return nothing_to_fix("feed " + feed->id +
                            " is shared with nobody, so there is nothing to list: the 404 "
                            "stands for an empty list");
    });
    return run.error(kNoResults, "No results");
  }
  Json data = Json::array();
  for (const Share& sh : feed->shares) data.push_back(share_object(s, sh.type, sh.principal, sh.permission));
  run.explain("feed " + feed->id + " has " + std::to_string(feed->shares.size()) + " share(s)");
  run.mark_inferred();  // the status 200 and one page holding every share are inferred
  const std::size_t n = data.size();
  return run.success(Json{{"data", std::move(data)}, {"paging", Json{{"results", n}, {"pageSize", 15}}}});
}

// Update and delete address the share by the principal's id (vendor-facts §2.3).
const Share* find_share_by_principal_id(const Section& s, const Asset& feed, const std::string& id) {
  for (const Share& sh : feed.shares) {
    const std::string& pid = sh.type == ShareType::kUser ? s.users[sh.principal].id : s.groups[sh.principal].id;
    if (text_util::equals_ignore_case(pid, id)) return &sh;
  }
  return nullptr;
}

Result update_or_delete_feed_share(const Section& s, Index actor, const HttpRoute& route, const HttpCall& call,
                                   Detail detail) {
  const bool is_delete = route.operation == "hmp.deleteFeedShare";
  RestRun run(route.operation, detail);
  if (!require_administrator(s, actor, run)) return run.error(kCannotShare, "Cannot share");
  Permission permission;
  std::string permission_token;
  bool builtin = false;
  if (!is_delete) {
    const BodyJson body = body_as_json(call);
    const Json* p = nullptr;
    if (body && body->is_object()) {
      if (auto it = body->find("permission"); it != body->end() && it->is_string()) p = &*it;
    }
    builtin = p && parse_builtin_permission(p->get<std::string>(), AssetKind::kFeed, permission);
    const bool valid = builtin || (p && text_util::is_uuid(p->get<std::string>()));
    if (!valid) {
      run.mark_inferred();
      run.explain("the body must be an object whose 'permission' is WATCH, EDIT, OWN or a UUID (message inferred)");
      run.suggest([&] {
        return request_fix("send a JSON object whose \"permission\" is WATCH, EDIT, OWN or an access permission's id");
      });
      return run.error(kInputValidation, "Permission must be one of: WATCH, EDIT, OWN");
    }
    permission_token = p->get<std::string>();
  }
  const Asset* feed = find_feed(s, route.params[0]);
  if (!feed) return feed_not_found(run, route.params[0]);
  const Share* share = find_share_by_principal_id(s, *feed, route.params[1]);
  if (!share) {
    run.explain("feed " + feed->id + " has no share for the user or group id " + text_util::quoted(route.params[1]));
    run.suggest([&] {
      return request_fix("feed " + feed->id + " has no share for " + text_util::quoted(route.params[1]) +
                         ": create it with POST /apis/sections/" + feed->id + "/shares, or check the id");
    });
    return run.error(kUserGroupNotFound, "User or Group not found");
  }
  if (!is_delete && !builtin) {
    const Index custom = s.permission_by_id.find(permission_token);
    if (custom == kNoIndex) {
      run.explain("no access permission has the id " + permission_token);
      run.suggest([&] { return permission_not_found_fix(s, permission_token, AssetKind::kFeed); });
      return run.error(kPermissionNotFound, "Share permission not found");
    }
    permission = Permission{Permission::kCustom, custom};
  }
  run.mark_inferred();  // success statuses and bodies of the siblings are inferred
  if (is_delete) {
    Change c;
    c.type = "share.set";
    c.system = "hmp";
    c.asset_kind = "feed";
    c.asset_id = feed->id;
    const bool is_user = share->type == ShareType::kUser;
    c.principal = PrincipalRef{is_user ? "user" : "group",
                               is_user ? s.users[share->principal].id : s.groups[share->principal].id};
    c.before = permission_text(s, share->permission);
    run.explain(principal_label(s, share->type, share->principal) + " would lose its " +
                permission_label(s, share->permission) + " share on feed " + feed->id);
    run.result().changes.push_back(std::move(c));
    return run.success(Json(nullptr));
  }
  ShareOutcome outcome = set_share_outcome(s, AssetKind::kFeed, *feed, share->type, share->principal, permission);
  run.explain(outcome.sentence);
  run.result().changes = std::move(outcome.changes);
  run.result().warnings = std::move(outcome.warnings);
  return run.success(Json{{"data", share_object(s, share->type, share->principal, permission)}});
}

}  // namespace

Result run_feed_share_call(const Section& s, Index actor, const HttpRoute& route, const HttpCall& call, Detail detail) {
  if (route.operation == "hmp.createFeedShare") return create_feed_share(s, actor, route, call, detail);
  if (route.operation == "hmp.listFeedShares") return list_feed_shares(s, actor, route, detail);
  return update_or_delete_feed_share(s, actor, route, call, detail);
}

}  // namespace sharepolicy::hmp
