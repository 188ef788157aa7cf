// ocm.md: PUT /documents/api/1.2/shares/{folderId}/role — seed 003's examples verbatim, one case
// per check row and per member row, warnings, fidelity, the partial failure, and the siblings.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

#include "sharepolicy/engine.h"
#include "sharepolicy/request.h"
#include "sharepolicy/result.h"
#include "sharepolicy/state.h"
#include "state_builders.h"
#include "test_support.h"

using namespace sharepolicy;

namespace {

constexpr const char* kFolder = "F1321DC48E3B123D02DBEE88T0000000000100000001";
constexpr const char* kUserBB = "U7ECC74059E0FEDFEC66BF5AT00000000001";
constexpr const char* kProblem = "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html";

// User AA owns the folder; User BB is a contributor; the Sales Group (Carol, BB) downloads; Mia
// is a manager through the Managers group; Vic is a viewer; Nora is in no membership; two users
// share a login name apart from case.
State ocm_state() {
  using namespace state_builders::ocm;
  return state_builders::load(
      state({user(kUserBB, "userBBLoginName", "User BB"), user("UAA", "userAALoginName", "User AA"),
             user("UCAROL", "carol", "Carol", "inactive"), user("UMIA", "mia", "Mia"),
             user("UVIC", "vic", "Vic", "pending"), user("UNORA", "nora", "Nora"), user("UT1", "twin", "Twin 1"),
             user("UT2", "TWIN", "Twin 2")},
            {group("GS18003", "Sales Group", {"UCAROL", kUserBB}), group("GMGR", "Managers", {"UMIA"}),
             group("GEMPTY", "Nobody Yet", {"UNORA"})},
            {folder(kFolder, "UAA",
                    {member(kUserBB, "user", "contributor"), member("GS18003", "group", "downloader"),
                     member("GMGR", "group", "manager"), member("UVIC", "user", "viewer")},
                    "Shared")}));
}

// A call on a folder's shares: `tail` follows the folder id in the path; `body` and `actor` are JSON
// text, and an empty body is no body.
std::string shares_call(const std::string& method, const std::string& folder, const std::string& tail,
                        const std::string& body = "", const std::string& actor = "\"UAA\"") {
  std::string http = R"("method": ")" + method + R"(", "path": "/documents/api/1.2/shares/)" + folder + tail + "\"";
  if (!body.empty()) http += R"(, "body": )" + body;
  return R"({ "actor": )" + actor + R"(, "http": { )" + http + " } }";
}

std::string put_role(const std::string& folder, const std::string& body, const std::string& actor = "\"UAA\"") {
  return shares_call("PUT", folder, "/role", body, actor);
}

Result evaluate(const std::string& request_text) { return test_support::apply(ocm_state(), request_text).result; }

InputError input_error(const std::string& request_text) {
  auto request = parse_request(request_text);
  REQUIRE(request.ok());
  auto result = can_share(ocm_state(), request.value());
  REQUIRE_FALSE(result.ok());
  return result.error();
}

// The error shape of ocm.md, keys in the seed's order.
std::string error_body(const std::string& code, const std::string& key, const std::string& message,
                       const std::string& folder, const std::string& role_echo, const std::string& user_echo) {
  std::string out = R"({"errorCode":")" + code + R"(","errorKey":")" + key + R"(","errorMessage":")" + message +
                    R"(","errorType":"share","id":")" + folder + "\"";
  if (!role_echo.empty()) out += R"(,"role":)" + role_echo;
  out += R"(,"title":")" + message + R"(","type":")" + kProblem + "\"";
  if (!user_echo.empty()) out += R"(,"user":{"id":)" + user_echo + R"(,"type":"user"})";
  return out + "}";
}

void require_error(const Result& r, int status, const std::string& code, const std::string& message,
                   const std::string& body, bool inferred) {
  CHECK(r.operation == "ocm.editShareRole");
  CHECK_FALSE(r.ok);
  CHECK(r.response["status"] == status);
  CHECK(r.response["body"].dump() == body);
  REQUIRE(r.error);
  CHECK(r.error->code == code);
  CHECK_FALSE(r.error->name);  // OCM has errorKey, not a name
  CHECK(r.error->message == message);
  CHECK(r.changes.empty());
  CHECK(r.inferred == inferred);
  CHECK_FALSE(r.reassign);
}

std::string members_of(const std::string& state_text_after) {
  const Json j = Json::parse(state_text_after);
  return j["ocm"]["folders"][0]["members"].dump();
}

const std::string kFailRole = "Failed to change shared user role.";

}  // namespace

TEST_CASE("ocm seed 003: one user set to viewer (verbatim)", "[ocm][seed]") {
  const Applied a = test_support::apply(ocm_state(), put_role(kFolder, R"({
      "userID":"U7ECC74059E0FEDFEC66BF5AT00000000001",
      "role":"viewer",
      "message":"Changing your shared access rights to viewer." })"));
  const Result& r = a.result;
  CHECK(r.operation == "ocm.editShareRole");
  CHECK(r.ok);
  CHECK(r.response["status"] == 200);
  CHECK(
      r.response["body"].dump() ==
      R"({"errorCode":"0","id":"F1321DC48E3B123D02DBEE88T0000000000100000001","members":[{"id":"U7ECC74059E0FEDFEC66BF5AT00000000001","displayName":"User BB","type":"user","isSuccessful":"1","provisioningStatus":"active"}],"role":"viewer","type":"share","user":{"id":"U7ECC74059E0FEDFEC66BF5AT00000000001","displayName":"User BB","type":"user"}})");
  CHECK_FALSE(r.error);
  CHECK_FALSE(r.inferred);  // success with every member succeeding is documented
  REQUIRE(r.changes.size() == 1);
  CHECK(
      result_to_json(r)["changes"][0].dump() ==
      R"({"type":"share.set","system":"ocm","asset":{"kind":"folder","id":"F1321DC48E3B123D02DBEE88T0000000000100000001"},"principal":{"type":"user","id":"U7ECC74059E0FEDFEC66BF5AT00000000001"},"before":"contributor","after":"viewer"})");
  CHECK(r.explanation.front() == "actor 'userAALoginName' owns folder F1321DC48E3B123D02DBEE88T0000000000100000001");
  // The new state has the role; the old one is untouched.
  CHECK(members_of(write_state(a.state))
            .find(R"({"id":"U7ECC74059E0FEDFEC66BF5AT00000000001","type":"user","role":"viewer"})") !=
        std::string::npos);
  CHECK(members_of(write_state(ocm_state())).find(R"("role":"contributor")") != std::string::npos);
}

TEST_CASE("ocm seed 003: a user and a group", "[ocm][seed]") {
  // The seed's response shows the member id "U6A0B35B0548F250914D18FDB5D17B95F470" and the same
  // id in user.id although the request sent "U7ECC…001": a slip of the vendor's documentation
  // (vendor-facts §4.4). The member schema says the id is "as supplied in the request body's userID
  // parameter", so our response echoes the id as sent; everything else is the seed's body.
  const Result r = evaluate(put_role(kFolder, R"({
      "userID": "U7ECC74059E0FEDFEC66BF5AT00000000001,GS18003",
      "role": "viewer",
      "message": "Changing your shared access rights to viewer" })"));
  CHECK(r.ok);
  CHECK(r.response["status"] == 200);
  CHECK(
      r.response["body"].dump() ==
      R"({"errorCode":"0","id":"F1321DC48E3B123D02DBEE88T0000000000100000001","members":[)"
      R"({"id":"U7ECC74059E0FEDFEC66BF5AT00000000001","displayName":"User BB","type":"user","isSuccessful":"1","provisioningStatus":"active"},)"
      R"({"id":"GS18003","displayName":"Sales Group","type":"group","isSuccessful":"1","provisioningStatus":"active"}],)"
      R"("role":"viewer","type":"share","user":{"id":"U7ECC74059E0FEDFEC66BF5AT00000000001,GS18003","type":"user"}})");
  CHECK_FALSE(r.inferred);
  REQUIRE(r.changes.size() == 2);
  CHECK(r.changes[1].principal->type == "group");
  CHECK(r.changes[1].principal->id == "GS18003");
  CHECK(*r.changes[1].before == "downloader");
  // The explanation counts the group's users whose effective role moves (BB was just set to
  // viewer, so through the group both drop from downloader to viewer).
  CHECK(std::find(r.explanation.begin(), r.explanation.end(),
                  "group 'Sales Group' has 2 users: 0 gain access, 0 lose access, 0 get a higher effective role, 2 a "
                  "lower one, 0 keep theirs") != r.explanation.end());
}

TEST_CASE("ocm check 1: userID missing (seed 003, verbatim)", "[ocm][seed]") {
  const std::string folder = "F2CD745706AEC8BD04260B2F45B3E9DD64907CA0D19F";
  const std::string message = kFailRole + " Parameter 'dUserID' required by service EDIT_SHARING_ROLE is missing.";
  // The -97 body on kFolder, echoing the role and user as sent ("" for absent).
  const auto missing_user_body = [&](const std::string& role_echo, const std::string& user_echo) {
    return error_body("-97", "!csUnableToEditSharingRole!csRequiredServiceParameterMissing,dUserID,EDIT_SHARING_ROLE",
                      message, kFolder, role_echo, user_echo);
  };
  SECTION("the seed's request") {
    const Result r = evaluate(put_role(folder, R"({ "role": "viewer", "message": "granting you shared access" })"));
    require_error(
        r, 400, "-97", message,
        R"({"errorCode":"-97","errorKey":"!csUnableToEditSharingRole!csRequiredServiceParameterMissing,dUserID,EDIT_SHARING_ROLE","errorMessage":"Failed to change shared user role. Parameter 'dUserID' required by service EDIT_SHARING_ROLE is missing.","errorType":"share","id":"F2CD745706AEC8BD04260B2F45B3E9DD64907CA0D19F","role":"viewer","title":"Failed to change shared user role. Parameter 'dUserID' required by service EDIT_SHARING_ROLE is missing.","type":"https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html"})",
        false);
  }
  SECTION("a userID of only commas and blanks counts as missing; it is echoed") {
    const Result r = evaluate(put_role(kFolder, R"({ "userID": " , ,", "role": "viewer" })"));
    require_error(r, 400, "-97", message, missing_user_body("\"viewer\"", "\" , ,\""), false);
  }
  SECTION("a null body counts as no body") {
    const Result r = evaluate(put_role(kFolder, "null"));
    require_error(r, 400, "-97", message, missing_user_body("", ""), false);
  }
  SECTION("no body at all: no role, no user") {
    const Result r = evaluate(shares_call("PUT", kFolder, "/role"));
    require_error(r, 400, "-97", message, missing_user_body("", ""), false);
  }
}

TEST_CASE("ocm check 2: role missing (inferred)", "[ocm]") {
  const std::string message = kFailRole + " Parameter 'dRoleName' required by service EDIT_SHARING_ROLE is missing.";
  const Result r = evaluate(put_role(kFolder, R"({ "userID": "UVIC" })"));
  require_error(r, 400, "-97", message,
                error_body("-97",
                           "!csUnableToEditSharingRole!csRequiredServiceParameterMissing,dRoleName,EDIT_SHARING_ROLE",
                           message, kFolder, "", "\"UVIC\""),
                true);
}

TEST_CASE("ocm check 3: invalid parameters (inferred)", "[ocm]") {
  const std::string bad_role = kFailRole + " Invalid value for parameter 'dRoleName'.";
  const std::string bad_user = kFailRole + " Invalid value for parameter 'dUserID'.";
  const std::string role_key = "!csUnableToEditSharingRole!csInvalidParameter,dRoleName";
  const std::string user_key = "!csUnableToEditSharingRole!csInvalidParameter,dUserID";
  // The -1 body for a bad role sent to kFolder for UVIC, echoing the role as sent.
  const auto bad_role_body = [&](const std::string& role_echo) {
    return error_body("-1", role_key, bad_role, kFolder, role_echo, "\"UVIC\"");
  };
  SECTION("role in the wrong case") {
    require_error(evaluate(put_role(kFolder, R"({ "userID": "UVIC", "role": "Viewer" })")), 400, "-1", bad_role,
                  bad_role_body("\"Viewer\""), true);
  }
  SECTION("role unknown") {
    require_error(evaluate(put_role(kFolder, R"({ "userID": "UVIC", "role": "owner" })")), 400, "-1", bad_role,
                  bad_role_body("\"owner\""), true);
  }
  SECTION("role not a string: echoed as sent") {
    require_error(evaluate(put_role(kFolder, R"({ "userID": "UVIC", "role": 4 })")), 400, "-1", bad_role,
                  bad_role_body("4"), true);
  }
  SECTION("userID not a string") {
    require_error(evaluate(put_role(kFolder, R"({ "userID": ["UVIC"], "role": "viewer" })")), 400, "-1", bad_user,
                  error_body("-1", user_key, bad_user, kFolder, "\"viewer\"", "[\"UVIC\"]"), true);
  }
  SECTION("a raw body that is not a JSON object names dUserID") {
    require_error(evaluate(put_role(kFolder, R"("userID=UVIC&role=viewer")")), 400, "-1", bad_user,
                  error_body("-1", user_key, bad_user, kFolder, "", ""), true);
  }
  SECTION("more than 1000 ids") {
    std::string ids;
    for (int i = 0; i < 1001; ++i) ids += (i ? "," : "") + std::string("U") + std::to_string(i);
    const Result r = evaluate(put_role(kFolder, R"({ "userID": ")" + ids + R"(", "role": "viewer" })"));
    require_error(r, 400, "-1", bad_user,
                  error_body("-1", user_key, bad_user, kFolder, "\"viewer\"", "\"" + ids + "\""), true);
  }
  SECTION("exactly 1000 ids pass check 3") {
    std::string ids;
    for (int i = 0; i < 1000; ++i) ids += (i ? "," : "") + std::string("U") + std::to_string(i);
    CHECK(evaluate(put_role(kFolder, R"({ "userID": ")" + ids + R"(", "role": "viewer" })")).response["status"] == 403);
  }
}

TEST_CASE("ocm check 4: the folder must exist (seed 003, verbatim)", "[ocm][seed]") {
  const std::string folder = "F2CCCC5706AEC8BD04260B2F45B3E9DD64907CA0D19F";
  const Result r = evaluate(
      put_role(folder, R"({ "userID": "U5C4D5FCE14F2B44946FA74745B3E9DD6490", "role": "manager" })"));
  require_error(
      r, 404, "-16",
      "Failed to change shared user role. Security validation failed. 'F2CCCC5706AEC8BD04260B2F45B3E9DD64907CA0D19F' "
      "does not exist. The error was caused by an internally generated issue. The error has been logged.",
      R"({"errorCode":"-16","errorKey":"!csUnableToEditSharingRole!csSecurityValidationFailed!csFldDoesNotExist,F2CCCC5706AEC8BD04260B2F45B3E9DD64907CA0D19F!csUnprivilegedSystemError","errorMessage":"Failed to change shared user role. Security validation failed. 'F2CCCC5706AEC8BD04260B2F45B3E9DD64907CA0D19F' does not exist. The error was caused by an internally generated issue. The error has been logged.","errorType":"share","id":"F2CCCC5706AEC8BD04260B2F45B3E9DD64907CA0D19F","role":"manager","title":"Failed to change shared user role. Security validation failed. 'F2CCCC5706AEC8BD04260B2F45B3E9DD64907CA0D19F' does not exist. The error was caused by an internally generated issue. The error has been logged.","type":"https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html","user":{"id":"U5C4D5FCE14F2B44946FA74745B3E9DD6490","type":"user"}})",
      false);
}

TEST_CASE("ocm check 5: only the owner or a manager (inferred body)", "[ocm]") {
  const std::string message = kFailRole + " The user does not have sufficient privileges.";
  const std::string body = R"({ "userID": "UVIC", "role": "downloader" })";
  SECTION("a contributor is refused") {
    require_error(evaluate(put_role(kFolder, body, "\"userbbloginname\"")), 403, "-20", message,
                  error_body("-20", "!csUnableToEditSharingRole!csInsufficientPrivileges", message, kFolder,
                             "\"downloader\"", "\"UVIC\""),
                  true);
  }
  SECTION("a user with no access is refused") {
    CHECK(evaluate(put_role(kFolder, body, "\"nora\"")).response["status"] == 403);
  }
  SECTION("a manager through a group passes, and the explanation says how") {
    const Result r = evaluate(put_role(kFolder, body, "\"UMIA\""));
    CHECK(r.ok);
    CHECK(r.explanation.front() ==
          "actor 'mia' has effective role manager on folder F1321DC48E3B123D02DBEE88T0000000000100000001 through group "
          "'Managers'");
  }
}

TEST_CASE("ocm member rows", "[ocm]") {
  SECTION("a login name (any case) names the user; provisioningStatus is the user's") {
    const Result r = evaluate(put_role(kFolder, R"({ "userID": "VIC", "role": "manager" })"));
    CHECK(r.response["body"]["members"].dump() ==
          R"([{"id":"VIC","displayName":"Vic","type":"user","isSuccessful":"1","provisioningStatus":"pending"}])");
    CHECK(r.response["body"]["user"].dump() == R"({"id":"VIC","displayName":"Vic","type":"user"})");
    REQUIRE(r.changes.size() == 1);
    CHECK(r.changes[0].principal->id == "UVIC");  // the id as the state stores it
  }
  SECTION("the folder's owner fails") {
    const Result r = evaluate(put_role(kFolder, R"({ "userID": "UAA", "role": "viewer" })"));
    CHECK(r.response["status"] == 403);
    CHECK(r.response["body"]["members"].dump() ==
          R"([{"id":"UAA","displayName":"User AA","type":"user","isSuccessful":"0","provisioningStatus":"active"}])");
    CHECK(r.changes.empty());
  }
  SECTION("a user or group that is not a member fails") {
    const Result r = evaluate(put_role(kFolder, R"({ "userID": "UNORA,GEMPTY", "role": "viewer" })"));
    CHECK(
        r.response["body"]["members"].dump() ==
        R"([{"id":"UNORA","displayName":"Nora","type":"user","isSuccessful":"0","provisioningStatus":"active"},)"
        R"({"id":"GEMPTY","displayName":"Nobody Yet","type":"group","isSuccessful":"0","provisioningStatus":"active"}])");
  }
  SECTION("an id that names nobody: type user, no displayName, no provisioningStatus") {
    const Result r = evaluate(put_role(kFolder, R"({ "userID": "GHOST", "role": "viewer" })"));
    CHECK(r.response["body"]["members"].dump() == R"([{"id":"GHOST","type":"user","isSuccessful":"0"}])");
    CHECK(r.response["body"]["user"].dump() == R"({"id":"GHOST","type":"user"})");
  }
  SECTION("a login name two users share names nobody") {
    const Result r = evaluate(put_role(kFolder, R"({ "userID": "Twin", "role": "viewer" })"));
    CHECK(r.response["body"]["members"].dump() == R"([{"id":"Twin","type":"user","isSuccessful":"0"}])");
  }
}

TEST_CASE("ocm partial failure: 403, and the members that succeeded still change", "[ocm]") {
  const Applied a = test_support::apply(ocm_state(),
                                        put_role(kFolder,
                                                 R"({ "userID": " UVIC , GHOST,UNORA ", "role": "contributor" })"));
  const Result& r = a.result;
  CHECK_FALSE(r.ok);
  CHECK(r.inferred);
  CHECK(r.response["status"] == 403);
  CHECK(r.response["body"].dump() ==
        R"({"errorCode":"-1","errorKey":"!csUnableToEditSharingRole!csPartialFailure",)"
        R"("errorMessage":"Failed to change shared user role for one or more users or groups.","errorType":"share",)"
        R"("id":"F1321DC48E3B123D02DBEE88T0000000000100000001","members":[)"
        R"({"id":"UVIC","displayName":"Vic","type":"user","isSuccessful":"1","provisioningStatus":"pending"},)"
        R"({"id":"GHOST","type":"user","isSuccessful":"0"},)"
        R"({"id":"UNORA","displayName":"Nora","type":"user","isSuccessful":"0","provisioningStatus":"active"}],)"
        R"("role":"contributor","title":"Failed to change shared user role for one or more users or groups.",)"
        R"("type":"https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html",)"
        R"("user":{"id":" UVIC , GHOST,UNORA ","type":"user"}})");
  REQUIRE(r.error);
  CHECK(r.error->code == "-1");
  CHECK(r.error->message == "Failed to change shared user role for one or more users or groups.");
  REQUIRE(r.changes.size() == 1);
  CHECK(*r.changes[0].before == "viewer");
  CHECK(*r.changes[0].after == "contributor");
  CHECK(members_of(write_state(a.state)).find(R"({"id":"UVIC","type":"user","role":"contributor"})") !=
        std::string::npos);
}

TEST_CASE("ocm warnings", "[ocm]") {
  SECTION("NO_CHANGE: the same role again succeeds, documented, with no change") {
    const Applied a = test_support::apply(ocm_state(), put_role(kFolder, R"({ "userID": "UVIC", "role": "viewer" })"));
    CHECK(a.result.ok);
    CHECK_FALSE(a.result.inferred);
    CHECK(a.result.changes.empty());
    REQUIRE(a.result.warnings.size() == 1);
    CHECK(a.result.warnings[0].code == "NO_CHANGE");
    CHECK(write_state(a.state) == write_state(ocm_state()));  // nothing to apply
  }
  SECTION("SELF_CHANGE: a manager demotes itself") {
    const State state =
        test_support::apply(ocm_state(), put_role(kFolder, R"({ "userID": "UVIC", "role": "manager" })")).state;
    const Result r =
        test_support::apply(state, put_role(kFolder, R"({ "userID": "vic", "role": "viewer" })", "\"vic\"")).result;
    CHECK(r.ok);
    REQUIRE(r.warnings.size() == 1);
    CHECK(r.warnings[0].code == "SELF_CHANGE");
    CHECK(*r.changes[0].before == "manager");
  }
  SECTION("DUPLICATE_IDS: a repeated item is processed once, at its first place") {
    const Result r = evaluate(put_role(kFolder, R"({ "userID": "UVIC,GS18003,UVIC,vic", "role": "downloader" })"));
    CHECK(r.ok);
    CHECK(r.response["body"]["members"].size() == 2);
    CHECK(r.changes.size() == 1);  // the group already downloads: NO_CHANGE
    std::string codes;
    for (const auto& w : r.warnings) codes += w.code + " ";
    CHECK(codes == "NO_CHANGE DUPLICATE_IDS ");
  }
}

TEST_CASE("ocm actor resolution", "[ocm]") {
  const std::string body = R"({ "userID": "UVIC", "role": "viewer" })";
  for (const char* actor : {"null", "\"GHOST\"", "\"twin\""}) {
    const InputError e = input_error(put_role(kFolder, body, actor));
    CHECK(e.code == "REQUEST_INVALID");
    CHECK(e.pointer == "/actor");
  }
  CHECK(evaluate(put_role(kFolder, body, "\"USERAALOGINNAME\"")).ok);
}

TEST_CASE("ocm siblings: shareFolder, revokeUser, listShares", "[ocm]") {
  SECTION("shareFolder adds a member who is not yet one; an existing member fails") {
    const std::string req = shares_call("POST", kFolder, "", R"({ "userID": "GEMPTY,UVIC", "role": "viewer" })");
    const Result r = evaluate(req);
    CHECK(r.operation == "ocm.shareFolder");
    CHECK(r.response["status"] == 403);
    CHECK(r.inferred);
    CHECK(r.response["body"]["errorKey"] == "!csUnableToShareFolder!csPartialFailure");
    REQUIRE(r.changes.size() == 1);
    CHECK(r.changes[0].principal->id == "GEMPTY");
    CHECK_FALSE(r.changes[0].before);
    CHECK(*r.changes[0].after == "viewer");
    CHECK(std::find(r.explanation.begin(), r.explanation.end(),
                    "group 'Nobody Yet' has 1 user: 1 gain access, 0 lose access, 0 get a higher effective role, 0 a "
                    "lower one, 0 keep theirs") != r.explanation.end());
  }
  SECTION("revokeUser removes members named in the query") {
    const std::string req = shares_call("DELETE", kFolder, "/user?userID=GS18003%2CUVIC&message=bye", "", "\"UMIA\"");
    const Applied a = test_support::apply(ocm_state(), req);
    const Result& r = a.result;
    CHECK(r.operation == "ocm.revokeUser");
    CHECK(r.ok);
    CHECK(
        r.response["body"].dump() ==
        R"({"errorCode":"0","id":"F1321DC48E3B123D02DBEE88T0000000000100000001","members":[)"
        R"({"id":"GS18003","displayName":"Sales Group","type":"group","isSuccessful":"1","provisioningStatus":"active"},)"
        R"({"id":"UVIC","displayName":"Vic","type":"user","isSuccessful":"1","provisioningStatus":"pending"}],)"
        R"("type":"share","user":{"id":"GS18003,UVIC","type":"user"}})");
    REQUIRE(r.changes.size() == 2);
    CHECK_FALSE(r.changes[0].after);
    // Carol loses access; BB keeps contributor as a direct member.
    CHECK(std::find(r.explanation.begin(), r.explanation.end(),
                    "group 'Sales Group' has 2 users: 0 gain access, 1 lose access, 0 get a higher effective role, 0 a "
                    "lower one, 1 keep theirs") != r.explanation.end());
    CHECK(
        members_of(write_state(a.state)) ==
        R"([{"id":"U7ECC74059E0FEDFEC66BF5AT00000000001","type":"user","role":"contributor"},{"id":"GMGR","type":"group","role":"manager"}])");
  }
  SECTION("revokeUser without userID is the -97 for dUserID") {
    const std::string req = shares_call("DELETE", kFolder, "/user");
    const Result r = evaluate(req);
    CHECK(r.response["status"] == 400);
    CHECK(r.response["body"]["errorCode"] == "-97");
  }
  SECTION("listShares lists the members, the owner apart") {
    const std::string req = shares_call("GET", kFolder, "/items", "", "\"vic\"");
    const Result r = evaluate(req);
    CHECK(r.operation == "ocm.listShares");
    CHECK(r.ok);
    CHECK_FALSE(r.inferred);
    CHECK(r.changes.empty());
    CHECK(
        r.response["body"].dump() ==
        R"({"count":"4","errorCode":"0","id":"F1321DC48E3B123D02DBEE88T0000000000100000001","type":"share","items":[)"
        R"({"type":"share","role":"contributor","user":{"id":"U7ECC74059E0FEDFEC66BF5AT00000000001","displayName":"User BB","loginName":"userBBLoginName","provisioningStatus":"active","type":"user"}},)"
        R"({"type":"share","role":"downloader","user":{"id":"GS18003","displayName":"Sales Group","type":"group"}},)"
        R"({"type":"share","role":"manager","user":{"id":"GMGR","displayName":"Managers","type":"group"}},)"
        R"({"type":"share","role":"viewer","user":{"id":"UVIC","displayName":"Vic","loginName":"vic","provisioningStatus":"pending","type":"user"}}],)"
        R"("ownedBy":{"id":"UAA","displayName":"User AA","loginName":"userAALoginName","type":"user"}})");
  }
  SECTION("listShares needs read permission") {
    const std::string req = shares_call("GET", kFolder, "/items", "", "\"nora\"");
    const Result r = evaluate(req);
    CHECK(r.response["status"] == 403);
    CHECK(r.response["body"]["errorCode"] == "-20");
  }
}
