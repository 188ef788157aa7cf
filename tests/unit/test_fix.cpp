// docs/ACCESS.md "fix": every denial of the four seed operations says the smallest change that
// would make it succeed; where the fix is a state change, applying it and re-running succeeds.
#include <catch2/catch.hpp>

#include "common/text_util.h"
#include "fixture_support.h"
#include "state_builders.h"
#include "test_support.h"

using namespace sharepolicy;
using test_support::check;

namespace {

const std::string kRec = "f678f415-0665-48cd-b141-1e95283469f1";
const std::string kFeed = "0b6d2c1e-3f4a-4b5c-8d6e-7f8091a2b3c4";

Json hmp_sample_json() { return Json::parse(fixtures::sample("hmp.json")); }
State hmp_sample() { return test_support::load(fixtures::sample("hmp.json")); }

std::string cli(const std::string& actor, const std::string& line) {
  return Json{{"actor", actor}, {"cli", line}}.dump();
}
std::string http(const std::string& actor, const std::string& method, const std::string& path, const Json& body) {
  Json h = {{"method", method}, {"path", path}};
  if (!body.is_null()) h["body"] = body;
  return Json{{"actor", actor}, {"http", h}}.dump();
}
std::string create_feed_share(const std::string& actor, const Json& body) {
  return http(actor, "POST", "/apis/sections/" + kFeed + "/shares", body);
}

// The denial's fix; fails the test when the result is not a denial with a fix.
Fix fix_of(const Result& r, const std::string& code) {
  INFO(result_to_text(r));
  REQUIRE_FALSE(r.ok);
  REQUIRE(r.error);
  CHECK(r.error->code == code);
  REQUIRE(r.fix);
  CHECK_FALSE(r.fix->sentence.empty());
  return *r.fix;
}

Json changes_json(const Fix& f) {
  Result r;
  r.fix = f;
  return result_to_json(r)["fix"]["changes"];
}

Json& find_by_id(Json& list, const std::string& id) {
  for (Json& e : list) {
    if (text_util::lower_ascii(e["id"].get<std::string>()) == text_util::lower_ascii(id)) return e;
  }
  FAIL("no element with the id " << id);
  throw;
}

// Applies a fix's changes to the state through its JSON (the fix-only types included).
State apply_fix(const State& state, const Fix& fix) {
  Json j = Json::parse(write_state(state));
  for (const Change& c : fix.changes) {
    if (c.type == "directory.set") {
      j["hmp"]["directory"]["available"] = *c.after == "true";
    } else if (c.type == "role.grant") {
      Json& principal = find_by_id(j["hmp"][c.principal->type == "user" ? "users" : "groups"], c.principal->id);
      principal["roles"].push_back(*c.after);
    } else if (c.type == "share.set" && c.system == "hmp") {
      Json& asset = find_by_id(j["hmp"][c.asset_kind + "s"], c.asset_id);
      const std::string type = c.principal->type == "user" ? "USER" : "GROUP";
      Json kept = Json::array();
      for (const Json& sh : asset["shares"]) {
        if (!(sh["shareType"] == type &&
              text_util::lower_ascii(sh["id"].get<std::string>()) == text_util::lower_ascii(c.principal->id)))
          kept.push_back(sh);
      }
      if (c.after) kept.push_back({{"id", c.principal->id}, {"shareType", type}, {"permission", *c.after}});
      asset["shares"] = kept;
    } else if (c.type == "share.set" && c.system == "ocm") {
      Json& folder = find_by_id(j["ocm"]["folders"], c.asset_id);
      Json kept = Json::array();
      for (const Json& m : folder["members"]) {
        if (!(m["type"] == c.principal->type && m["id"] == c.principal->id)) kept.push_back(m);
      }
      if (c.after) kept.push_back({{"id", c.principal->id}, {"type", c.principal->type}, {"role", *c.after}});
      folder["members"] = kept;
    } else {
      FAIL("unexpected fix change " << c.type);
    }
  }
  return test_support::load(j.dump());
}

}  // namespace

// ---------------------------------------------------------------- HMP command line (hmp.md)

TEST_CASE("fix: hmp command line, malformed input asks to correct the request", "[fix][hmp]") {
  const State s = hmp_sample();
  SECTION("Command not found: the closest command") {
    const Fix f = fix_of(check(s, cli("admin", "sharerecordingwithuser creator OWN " + kRec)), "");
    CHECK(f.kind == "request");
    CHECK(f.changes.empty());
    CHECK(f.sentence.find("did you mean shareRecordingWithUser?") != std::string::npos);
  }
  SECTION("010001 unterminated quote") {
    const Fix f = fix_of(check(s, cli("admin", "shareRecordingWithUser \"creator OWN " + kRec)), "010001");
    CHECK(f.kind == "request");
    CHECK(f.sentence.rfind("correct the request: close the quoted token", 0) == 0);
  }
  SECTION("010003 arity") {
    const Fix f = fix_of(check(s, cli("admin", "shareRecordingWithUser creator OWN")), "010003");
    CHECK(f.kind == "request");
    CHECK(f.sentence ==
          "correct the request: give exactly 3 parameters: shareRecordingWithUser username permissionId "
          "recordingId (quote a value that holds white space)");
  }
  SECTION("010003 arity: seed 000's example as printed splits the recording id") {
    const Fix f = fix_of(check(s, cli("admin",
                                      "shareRecordingWithUser creator OWN f678f415-0665-48cd-b141- 1e95283469f1")),
                         "010003");
    CHECK(f.kind == "request");
    CHECK(f.sentence == "correct the request: the UUID " + kRec +
                            " was split by white space into 2 parameters; write it "
                            "as one: shareRecordingWithUser creator OWN " +
                            kRec);
    CHECK(check(s, cli("admin", "shareRecordingWithUser creator OWN " + kRec)).ok);
  }
  SECTION("010001 not a UUID") {
    const Fix f = fix_of(check(s, cli("admin", "shareRecordingWithUser creator OWN nope")), "010001");
    CHECK(f.kind == "request");
    CHECK(f.sentence.find("must be a UUID") != std::string::npos);
  }
  SECTION("010001 permission: a case slip is pointed out") {
    const Fix f = fix_of(check(s, cli("admin", "shareRecordingWithUser creator own " + kRec)), "010001");
    CHECK(f.kind == "request");
    CHECK(f.sentence ==
          "correct the request: the permission must be one of WATCH, EDIT, OWN (exact case) or an access "
          "permission's id; did you mean OWN?");
  }
  SECTION("040004: the closest usernames") {
    const Fix f = fix_of(check(s, cli("admin", "shareRecordingWithUser jdoo WATCH " + kRec)), "040004");
    CHECK(f.kind == "request");
    CHECK(f.sentence == "no user named 'jdoo': check the spelling (closest: 'jdoe')");
  }
  SECTION("040005: the closest groupnames") {
    const Fix f = fix_of(check(s, cli("admin", "shareRecordingWithGroup Sale WATCH " + kRec)), "040005");
    CHECK(f.sentence == "no group named 'Sale': check the spelling (closest: 'Sales')");
  }
  SECTION("040002: check the id") {
    const Fix f = fix_of(check(s,
                               cli("admin", "shareRecordingWithUser creator OWN 00000000-0000-4000-8000-000000000000")),
                         "040002");
    CHECK(f.kind == "request");
    CHECK(f.sentence == "no recording has the id '00000000-0000-4000-8000-000000000000': check the id");
  }
  SECTION("040025: the access permissions are listed") {
    const Fix f = fix_of(check(s, cli("admin",
                                      "shareRecordingWithUser creator 99999999-9018-42c2-9dfb-3f7707a09829 " + kRec)),
                         "040025");
    CHECK(f.kind == "request");
    CHECK(f.sentence.find("'Watch and download' (12b0cc54-9018-42c2-9dfb-3f7707a09829)") != std::string::npos);
  }
}

TEST_CASE("fix: hmp 070008 / 070009", "[fix][hmp]") {
  SECTION("directory unavailable: directory.set, and the re-run succeeds") {
    Json j = hmp_sample_json();
    j["hmp"]["directory"]["available"] = false;
    const State s = test_support::load(j.dump());
    const std::string req = cli("admin", "shareRecordingWithUser creator OWN " + kRec);
    const Fix f = fix_of(check(s, req), "070008");
    CHECK(f.kind == "state");
    CHECK(changes_json(f).dump() == R"([{"type":"directory.set","system":"hmp","before":"false","after":"true"}])");
    CHECK(check(apply_fix(s, f), req).ok);
    CHECK(fix_of(check(s, cli("admin", "shareRecordingWithGroup Sales WATCH " + kRec)), "070009").kind == "state");
  }
  SECTION("two usernames that differ in case: rename (CLI) or use the id (REST)") {
    Json j = hmp_sample_json();
    j["hmp"]["users"].push_back({{"id", "00000000-0000-4000-8000-000000000009"},
                                 {"username", "JDOE"},
                                 {"roles", {"Viewer"}},
                                 {"groups", Json::array()}});
    const State s = test_support::load(j.dump());
    const Fix f = fix_of(check(s, cli("admin", "shareRecordingWithUser jdoe WATCH " + kRec)), "070008");
    CHECK(f.kind == "state");
    CHECK(f.changes.empty());
    CHECK(f.sentence.rfind("usernames 'jdoe', 'JDOE' differ only in case", 0) == 0);
    const Fix rest =
        fix_of(check(s, create_feed_share("admin", {{"name", "jdoe"}, {"shareType", "USER"}, {"permission", "WATCH"}})),
               "070008");
    CHECK(rest.kind == "request");
    CHECK(rest.sentence.find("by its \"id\"") != std::string::npos);
  }
}

TEST_CASE("fix: hmp 060001 / 060002 grant a role, and the re-run succeeds", "[fix][hmp]") {
  const State s = hmp_sample();
  SECTION("060001: the user or one of its groups") {
    const std::string req = cli("admin", "shareRecordingWithUser contractor WATCH " + kRec);
    const Fix f = fix_of(check(s, req), "060001");
    CHECK(f.kind == "state");
    CHECK(f.sentence ==
          "give a role to user 'contractor' or to one of its groups (Contractors), e.g. role 'Content Creator'");
    CHECK(
        changes_json(f).dump() ==
        R"([{"type":"role.grant","system":"hmp","principal":{"type":"user","id":"5e6f7a8b-9c0d-4e1f-8a3b-4c5d6e7f8091"},"before":null,"after":"Content Creator"}])");
    CHECK(check(apply_fix(s, f), req).ok);
  }
  SECTION("060002: the group") {
    const std::string req = cli("admin", "shareRecordingWithGroup Contractors WATCH " + kRec);
    const Fix f = fix_of(check(s, req), "060002");
    CHECK(changes_json(f)[0]["principal"].dump() == R"({"type":"group","id":"8c3f5e74-af63-4e60-9c8d-2e4f7a9b1c32"})");
    CHECK(check(apply_fix(s, f), req).ok);
  }
}

TEST_CASE("fix: hmp 030003 the actor's share, and the re-run succeeds", "[fix][hmp]") {
  const State s = hmp_sample();
  SECTION("a WATCH holder sharing OWN needs OWN") {
    const std::string req = cli("jdoe", "shareRecordingWithUser creator OWN " + kRec);
    const Fix f = fix_of(check(s, req), "030003");
    CHECK(f.kind == "state");
    CHECK(f.sentence ==
          "the actor 'jdoe' needs share and every action of OWN on this recording, and lacks share, "
          "download, trim, restream, delete: its owner 'producer' or an administrator can grant it OWN");
    CHECK(
        changes_json(f).dump() ==
        R"([{"type":"share.set","system":"hmp","asset":{"kind":"recording","id":"f678f415-0665-48cd-b141-1e95283469f1"},)"
        R"("principal":{"type":"user","id":"3c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e7f"},"before":"WATCH","after":"OWN"}])");
    CHECK(check(apply_fix(s, f), req).ok);
  }
  SECTION("the smallest permission that covers share and keeps what the actor holds") {
    const std::string req = cli("jdoe", "shareRecordingWithUser viewer WATCH " + kRec);
    const Fix f = fix_of(check(s, req), "030003");
    // Curator (watch, edit, share, trim) is smaller than OWN and keeps jdoe's watch.
    CHECK(*f.changes.at(0).after == "23c1dd65-a129-43d3-8e0c-4f8818b1a93a");
    CHECK(check(apply_fix(s, f), req).ok);
  }
  SECTION("an actor without any share on a recording without shares") {
    const std::string req = cli("viewer", "shareRecordingWithUser jdoe WATCH 0a9b8c7d-6e5f-4a3b-9c1d-0e9f8a7b6c5d");
    const Fix f = fix_of(check(s, req), "030003");
    CHECK_FALSE(f.changes.at(0).before);
    CHECK(check(apply_fix(s, f), req).ok);
  }
}

// ---------------------------------------------------------------- HMP feed create (hmp.md)

TEST_CASE("fix: hmp createFeedShare, every check row", "[fix][hmp][feed]") {
  const State s = hmp_sample();
  const Json ok_body = {{"name", "creator"}, {"shareType", "USER"}, {"permission", "WATCH"}};
  SECTION("403 030003: an administrator role for the actor, and the re-run succeeds") {
    const std::string req = create_feed_share("jdoe", ok_body);
    const Fix f = fix_of(check(s, req), "030003");
    CHECK(f.kind == "state");
    CHECK(
        changes_json(f).dump() ==
        R"([{"type":"role.grant","system":"hmp","principal":{"type":"user","id":"3c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e7f"},"before":null,"after":"Administrator"}])");
    CHECK(check(apply_fix(s, f), req).ok);
  }
  SECTION("400 010001: correct the field") {
    const Fix f = fix_of(
        check(s, create_feed_share("admin", {{"name", "creator"}, {"shareType", "user"}, {"permission", "WATCH"}})),
        "010001");
    CHECK(f.kind == "request");
    CHECK(f.sentence == "correct the request: Validation failed on 'shareType'. Must be one of: USER, GROUP");
  }
  SECTION("500 070008 / 070009: the directory") {
    Json j = hmp_sample_json();
    j["hmp"]["directory"]["available"] = false;
    const State down = test_support::load(j.dump());
    const std::string req = create_feed_share("admin", ok_body);
    const Fix f = fix_of(check(down, req), "070008");
    CHECK(f.changes.at(0).type == "directory.set");
    CHECK(check(apply_fix(down, f), req).ok);
    CHECK(fix_of(check(down, create_feed_share("admin",
                                               {{"name", "Sales"}, {"shareType", "GROUP"}, {"permission", "WATCH"}})),
                 "070009")
              .kind == "state");
  }
  SECTION("404 040002: the feed id") {
    const Fix f = fix_of(check(s, http("admin", "POST", "/apis/sections/00000000-0000-4000-8000-000000000000/shares",
                                       ok_body)),
                         "040002");
    CHECK(f.sentence == "no feed has the id '00000000-0000-4000-8000-000000000000': check the id");
  }
  SECTION("404 040004 / 040005: spelling, or the id") {
    const Fix by_name = fix_of(
        check(s, create_feed_share("admin", {{"name", "creater"}, {"shareType", "USER"}, {"permission", "WATCH"}})),
        "040004");
    CHECK(by_name.sentence == "no user named 'creater': check the spelling (closest: 'creator')");
    const Fix by_id =
        fix_of(check(s, create_feed_share("admin", {{"id", "nope"}, {"shareType", "GROUP"}, {"permission", "WATCH"}})),
               "040005");
    CHECK(by_id.sentence == "no group has the id 'nope': check the id, or name the principal by \"name\"");
  }
  SECTION("409 060001 / 060002: a role, and the re-run succeeds") {
    const std::string user_req =
        create_feed_share("admin", {{"name", "contractor"}, {"shareType", "USER"}, {"permission", "WATCH"}});
    const Fix u = fix_of(check(s, user_req), "060001");
    CHECK(u.changes.at(0).type == "role.grant");
    CHECK(check(apply_fix(s, u), user_req).ok);
    const std::string group_req =
        create_feed_share("admin", {{"name", "Contractors"}, {"shareType", "GROUP"}, {"permission", "WATCH"}});
    const Fix g = fix_of(check(s, group_req), "060002");
    CHECK(check(apply_fix(s, g), group_req).ok);
  }
  SECTION("404 040025: the access permissions") {
    const Fix f = fix_of(check(s, create_feed_share("admin", {{"name", "creator"},
                                                              {"shareType", "USER"},
                                                              {"permission", "99999999-9018-42c2-9dfb-3f7707a09829"}})),
                         "040025");
    CHECK(f.kind == "request");
    CHECK(f.sentence.find("use WATCH, EDIT, OWN, or one of") != std::string::npos);
  }
}

// ---------------------------------------------------------------- Webex (webex.md)

namespace {

State webex_state() {
  using namespace state_builders::webex;
  return state_builders::load(
      state({person("P_ADMIN", "admin@example.com"), person("P_A", "ann@example.com"), person("P_B", "bob@example.com"),
             person("P_OFF", "off@example.com", "user", "inactive"), person("P_WS", "room@example.com", "workspace")},
            {recording("R1", "P_A")}));
}

Result reassign(const State& s, const Json& body, const Json& actor = "admin@example.com",
                const Json& scopes = {"spark-admin:recordings_write"}) {
  return test_support::reassign(s, test_support::reassign_request(body, actor, scopes)).result;
}

}  // namespace

TEST_CASE("fix: webex reassign, every check row", "[fix][webex]") {
  const State s = webex_state();
  const Json body = {{"recordingIds", {"R1"}}, {"reassignOwnerEmail", "bob@example.com"}};
  SECTION("401: authenticate") {
    CHECK(fix_of(reassign(s, body, nullptr), "401").sentence.rfind("authenticate", 0) == 0);
  }
  SECTION("403: the scope") {
    const Fix f = fix_of(reassign(s, body, "admin@example.com", {"spark:kms"}), "403");
    CHECK(f.kind == "request");
    CHECK(f.sentence.rfind("add the scope spark-admin:recordings_write to the token", 0) == 0);
  }
  SECTION("400: the body") {
    const Fix f = fix_of(reassign(s, {{"recordingIds", {"R1"}}}), "400");
    CHECK(f.sentence == "correct the request: reassignOwnerEmail must be a non-empty string.");
  }
  SECTION("400: nothing selected") {
    const Fix f = fix_of(reassign(s, {{"reassignOwnerEmail", "bob@example.com"}}), "400");
    CHECK(f.sentence.find("give ownerEmail (or ownerID), recordingIds, or both") != std::string::npos);
  }
  SECTION("400: more than 100 ids: batches") {
    Json ids = Json::array();
    for (int i = 0; i < 150; ++i) ids.push_back("X" + std::to_string(i));
    const Fix f = fix_of(reassign(s, {{"recordingIds", ids}, {"reassignOwnerEmail", "bob@example.com"}}), "400");
    CHECK(f.sentence == "split recordingIds into calls of at most 100 ids (150 ids: 2 calls)");
  }
  SECTION("404 reassignOwnerEmail: the closest emails") {
    const Fix f = fix_of(reassign(s, {{"recordingIds", {"R1"}}, {"reassignOwnerEmail", "bobb@example.com"}}), "404");
    CHECK(f.sentence ==
          "no person has the reassignOwnerEmail 'bobb@example.com': check the spelling (closest: 'bob@example.com')");
  }
  SECTION("400 not a valid org user: an active user") {
    const Fix inactive = fix_of(reassign(s, {{"recordingIds", {"R1"}}, {"reassignOwnerEmail", "off@example.com"}}),
                                "400");
    CHECK(inactive.kind == "request");
    CHECK(inactive.sentence.rfind("choose an active user as reassignOwnerEmail: 'off@example.com' is an inactive user",
                                  0) == 0);
    const Fix room = fix_of(reassign(s, {{"recordingIds", {"R1"}}, {"reassignOwnerEmail", "room@example.com"}}), "400");
    CHECK(room.sentence.find("'room@example.com' is not a user") != std::string::npos);
  }
  SECTION("404 ownerEmail / ownerID") {
    const Fix e = fix_of(reassign(s, {{"ownerEmail", "an@example.com"}, {"reassignOwnerEmail", "bob@example.com"}}),
                         "404");
    CHECK(e.sentence ==
          "no person has the ownerEmail 'an@example.com': check the spelling (closest: 'ann@example.com')");
    const Fix id = fix_of(reassign(s, {{"ownerID", "P_X"}, {"reassignOwnerEmail", "bob@example.com"}}), "404");
    CHECK(id.sentence == "no person has the ownerID 'P_X': check the id, or select by ownerEmail");
  }
  SECTION("404 recording not found: drop the ids") {
    const Fix f = fix_of(reassign(s, {{"recordingIds", {"R1", "R9", "R8"}}, {"reassignOwnerEmail", "bob@example.com"}}),
                         "404");
    CHECK(f.sentence == "drop the ids that name no recording from recordingIds: 'R9', 'R8'");
  }
  SECTION("a success carries no fix") { CHECK_FALSE(reassign(s, body).fix); }
}

// ---------------------------------------------------------------- OCM (ocm.md)

namespace {

const char* const kFolder = "F1321DC48E3B123D02DBEE88T0000000000100000001";
std::string role_call(const std::string& actor, const Json& body, const std::string& folder = kFolder) {
  return http(actor, "PUT", "/documents/api/1.2/shares/" + folder + "/role", body);
}
State ocm_sample() { return test_support::load(fixtures::sample("ocm.json")); }

}  // namespace

TEST_CASE("fix: ocm editShareRole, every check row", "[fix][ocm]") {
  const State s = ocm_sample();
  SECTION("-97 dUserID") {
    const Fix f = fix_of(check(s, role_call("userAA", {{"role", "viewer"}})), "-97");
    CHECK(f.sentence == "correct the request: give userID: user ids, login names or group ids, comma-separated");
  }
  SECTION("-97 dRoleName") {
    CHECK(fix_of(check(s, role_call("userAA", {{"userID", "GS18003"}})), "-97").sentence ==
          "correct the request: give role: viewer, downloader, contributor or manager");
  }
  SECTION("-1 role value: a case slip") {
    CHECK(fix_of(check(s, role_call("userAA", {{"userID", "GS18003"}, {"role", "Viewer"}})), "-1").sentence ==
          "correct the request: role must be viewer, downloader, contributor or manager (exact case); did you mean "
          "viewer?");
  }
  SECTION("-1 too many ids") {
    std::string ids;
    for (int i = 0; i < 1001; ++i) ids += "u" + std::to_string(i) + ",";
    CHECK(fix_of(check(s, role_call("userAA", {{"userID", ids}, {"role", "viewer"}})), "-1").sentence ==
          "correct the request: split userID into calls of at most 1000 ids (1001 ids: 2 calls)");
  }
  SECTION("-16 folder") {
    CHECK(fix_of(check(s, role_call("userAA", {{"userID", "GS18003"}, {"role", "viewer"}}, "FNOPE")), "-16").sentence ==
          "no folder has the id 'FNOPE': check the folderId in the path");
  }
  SECTION("-20: the owner can make the actor a manager, and the re-run succeeds") {
    const std::string req = role_call("userBB", {{"userID", "GS18003"}, {"role", "viewer"}});
    const Fix f = fix_of(check(s, req), "-20");
    CHECK(f.kind == "state");
    CHECK(f.sentence ==
          "the actor 'userBB' needs the manager role on folder F1321DC48E3B123D02DBEE88T0000000000100000001: "
          "its owner 'userAA' (or a manager) can make it a manager");
    CHECK(
        changes_json(f).dump() ==
        R"([{"type":"share.set","system":"ocm","asset":{"kind":"folder","id":"F1321DC48E3B123D02DBEE88T0000000000100000001"},)"
        R"("principal":{"type":"user","id":"U7ECC74059E0FEDFEC66BF5AT00000000001"},"before":"contributor","after":"manager"}])");
    CHECK(check(apply_fix(s, f), req).ok);
  }
  SECTION("-1 partial failure: non-members added first, and the re-run succeeds") {
    const std::string req = role_call("userAA",
                                      {{"userID", "U7ECC74059E0FEDFEC66BF5AT00000000001,userDD"}, {"role", "viewer"}},
                                      "F2CD745706AEC8BD04260B2F45B3E9DD64907CA0D19F");
    const Result r = check(s, req);
    const Fix f = fix_of(r, "-1");
    CHECK(f.kind == "state");
    CHECK(f.changes.size() == 2);
    CHECK(f.sentence.find("are not yet members: share the folder with them first") != std::string::npos);
    CHECK(check(apply_fix(s, f), req).ok);
  }
  SECTION("-1 partial failure with an unknown id and the owner: change the request") {
    const Fix f = fix_of(check(s, role_call("userAA", {{"userID", "GHOST,userAA,GS18003"}, {"role", "viewer"}})), "-1");
    CHECK(f.kind == "request");
    CHECK(f.changes.empty());
    CHECK(f.sentence ==
          "'GHOST' names nobody: check the id or drop it from userID; 'userAA' is the folder's owner, who "
          "needs no role: drop it from userID");
  }
}
