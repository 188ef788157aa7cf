// docs/ACCESS.md "access": who can do what before and after, per touched asset, with the paths
// and the net gains and losses (users resolved through groups).
#include <catch2/catch.hpp>

#include "state_builders.h"
#include "test_support.h"

using namespace sharepolicy;
using test_support::check;

namespace {

const char* kRec = "11111111-1111-4111-8111-111111111111";

// Sales (alice, bob) and Engineering (carol); carol also holds OWN directly; two administrators
// (one directly, one through the IT group), whom the access lists count but never enumerate.
State hmp_state() {
  using namespace state_builders::hmp;
  Json j = state({role("Admin", true), role("Viewer", false)},
                 {group("g-sales", "Sales", {"Viewer"}), group("g-eng", "Engineering", {"Viewer"}),
                  group("g-it", "IT", {"Admin"})},
                 {user("u-admin", "admin", {"Admin"}, {}), user("u-owner", "owner", {"Viewer"}, {}),
                  user("u-alice", "alice", {}, {"g-sales"}), user("u-bob", "bob", {}, {"g-sales"}),
                  user("u-carol", "carol", {}, {"g-eng"}), user("u-ops", "ops", {}, {"g-it", "g-sales"})});
  j["hmp"]["recordings"] = Json::array(
      {recording(kRec, "u-owner", {share("u-carol", "USER", "OWN"), share("g-eng", "GROUP", "EDIT")})});
  return state_builders::load(j);
}

std::string cli(const std::string& line) { return Json{{"actor", "admin"}, {"cli", line}}.dump(); }

Json access_of(const Result& r) {
  REQUIRE(r.access);
  return result_to_json(r)["access"];
}

}  // namespace

TEST_CASE("hmp access: users reached through a group gain access", "[access][hmp]") {
  const State s = hmp_state();
  const Result r = check(s, cli(std::string("shareRecordingWithGroup Sales EDIT ") + kRec));
  REQUIRE(r.ok);
  const Json a = access_of(r)["assets"][0];
  CHECK(a["system"] == "hmp");
  CHECK(a["kind"] == "recording");
  CHECK(a["id"] == kRec);
  // alice and bob gain watch and edit through Sales; ops is an administrator (counted, not listed).
  CHECK(a["gained"].dump() == R"([{"user":{"id":"u-alice","name":"alice"},"actions":["watch","edit"]},)"
                              R"({"user":{"id":"u-bob","name":"bob"},"actions":["watch","edit"]}])");
  CHECK(a["lost"].dump() == "[]");
  CHECK(a["before"][0].dump() ==
        R"({"administrators":2,"actions":["watch","edit","share","download","trim","restream","delete"],)"
        R"("via":[{"type":"administrator"}]})");
  CHECK(a["before"].size() == 3);  // administrators, owner, carol
  CHECK(
      a["before"][1].dump() ==
      R"({"user":{"id":"u-owner","name":"owner"},"actions":["watch","edit","share","download","trim","restream","delete"],)"
      R"("via":[{"type":"owner"}]})");
  CHECK(a["after"].size() == 5);  // administrators, owner, alice, bob, carol
  CHECK(a["after"][2].dump() ==
        R"({"user":{"id":"u-alice","name":"alice"},"actions":["watch","edit"],)"
        R"("via":[{"type":"group","group":{"id":"g-sales","name":"Sales"},"permission":"EDIT"}]})");
}

TEST_CASE("hmp access: a downgrade loses actions, keeping what a group still gives", "[access][hmp]") {
  const State s = hmp_state();
  const Result r = check(s, cli(std::string("shareRecordingWithUser carol WATCH ") + kRec));
  REQUIRE(r.ok);
  const Json a = access_of(r)["assets"][0];
  CHECK(a["gained"].dump() == "[]");
  // carol keeps watch and edit (EDIT through Engineering) and loses the rest of OWN.
  CHECK(a["lost"].dump() ==
        R"([{"user":{"id":"u-carol","name":"carol"},"actions":["share","download","trim","restream","delete"]}])");
  CHECK(
      a["before"][2]["via"].dump() ==
      R"([{"type":"direct","permission":"OWN"},{"type":"group","group":{"id":"g-eng","name":"Engineering"},"permission":"EDIT"}])");
  CHECK(
      a["after"][2].dump() ==
      R"({"user":{"id":"u-carol","name":"carol"},"actions":["watch","edit"],)"
      R"("via":[{"type":"direct","permission":"WATCH"},{"type":"group","group":{"id":"g-eng","name":"Engineering"},"permission":"EDIT"}]})");
}

TEST_CASE("hmp access: a feed share removed loses the group's users", "[access][hmp]") {
  using namespace state_builders::hmp;
  Json j = state({role("Admin", true), role("V", false)}, {group("g1", "Sales", {"V"})},
                 {user("u0", "admin", {"Admin"}, {}), user("u1", "ann", {}, {"g1"}), user("u2", "ben", {}, {"g1"})});
  j["hmp"]["feeds"] = Json::array({feed("22222222-2222-4222-8222-222222222222", {share("g1", "GROUP", "WATCH")})});
  const State s = state_builders::load(j);
  const Result r = check(
      s,
      Json{{"actor", "admin"},
           {"http", {{"method", "DELETE"}, {"path", "/apis/sections/22222222-2222-4222-8222-222222222222/shares/g1"}}}}
          .dump());
  REQUIRE(r.ok);
  const Json a = access_of(r)["assets"][0];
  CHECK(a["kind"] == "feed");
  CHECK(
      a["lost"].dump() ==
      R"([{"user":{"id":"u1","name":"ann"},"actions":["watch"]},{"user":{"id":"u2","name":"ben"},"actions":["watch"]}])");
  CHECK(
      a["after"].dump() ==
      R"([{"administrators":1,"actions":["watch","edit","share","download","trim","restream","delete"],"via":[{"type":"administrator"}]}])");
}

// The after side is computed for the users a change touches only (hmp/access_delta.cpp
// users_changed): a share removed before others moves theirs up one place, which must leave the
// other users' paths, and their order, as they were.
TEST_CASE("hmp access: a share removed before others changes its users alone", "[access][hmp]") {
  using namespace state_builders::hmp;
  Json j = state({role("Admin", true), role("V", false)}, {group("g1", "Sales", {"V"}), group("g2", "Eng", {"V"})},
                 {user("u0", "admin", {"Admin"}, {}), user("u1", "ann", {}, {"g1", "g2"}),
                  user("u2", "ben", {}, {"g1"}), user("u3", "cy", {}, {"g2"})});
  j["hmp"]["feeds"] = Json::array(
      {feed("22222222-2222-4222-8222-222222222222",
            {share("g2", "GROUP", "EDIT"), share("u1", "USER", "WATCH"), share("g1", "GROUP", "WATCH")})});
  const State s = state_builders::load(j);
  const Result r = check(
      s,
      Json{{"actor", "admin"},
           {"http", {{"method", "DELETE"}, {"path", "/apis/sections/22222222-2222-4222-8222-222222222222/shares/g2"}}}}
          .dump());
  REQUIRE(r.ok);
  const Json a = access_of(r)["assets"][0];
  // ann keeps watch (her own share, then Sales); cy loses all; ben is unchanged.
  CHECK(a["lost"].dump() == R"([{"user":{"id":"u1","name":"ann"},"actions":["edit"]},)"
                            R"({"user":{"id":"u3","name":"cy"},"actions":["watch","edit"]}])");
  CHECK(a["gained"].dump() == "[]");
  REQUIRE(a["after"].size() == 3);  // administrators, ann, ben
  CHECK(a["after"][1].dump() ==
        R"({"user":{"id":"u1","name":"ann"},"actions":["watch"],"via":[{"type":"direct","permission":"WATCH"},)"
        R"({"type":"group","group":{"id":"g1","name":"Sales"},"permission":"WATCH"}]})");
  CHECK(a["after"][2].dump() == a["before"][2].dump());
  CHECK(a["before"][2].dump() ==
        R"({"user":{"id":"u2","name":"ben"},"actions":["watch"],)"
        R"("via":[{"type":"group","group":{"id":"g1","name":"Sales"},"permission":"WATCH"}]})");
}

TEST_CASE("access is absent when nothing changes, and is the last key otherwise", "[access]") {
  const State s = hmp_state();
  SECTION("a denial") {
    const Result r = check(s, cli(std::string("shareRecordingWithUser nobody OWN ") + kRec));
    CHECK_FALSE(r.access);
    CHECK_FALSE(result_to_json(r).contains("access"));
  }
  SECTION("a share that is already set (NO_CHANGE)") {
    const Result r = check(s, cli(std::string("shareRecordingWithUser carol OWN ") + kRec));
    REQUIRE(r.ok);
    CHECK_FALSE(r.access);
  }
  SECTION("a change: access follows every other key") {
    const Json j = result_to_json(check(s, cli(std::string("shareRecordingWithUser alice WATCH ") + kRec)));
    std::vector<std::string> keys;
    for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
    CHECK(keys == std::vector<std::string>{"operation", "ok", "response", "error", "explanation", "changes", "warnings",
                                           "fidelity", "access"});
  }
}

namespace {

// Group G has three users; userCC also holds manager directly, and userOWN owns the folder.
State ocm_state() {
  using namespace state_builders::ocm;
  return state_builders::load(state({user("U_OWN", "userOWN", "Owner"), user("U_A", "userA", "A"),
                                     user("U_B", "userB", "B"), user("U_C", "userC", "C"), user("U_D", "userD", "D")},
                                    {group("G", "Team", {"U_A", "U_B", "U_C"})},
                                    {folder("F1", "U_OWN",
                                            {member("G", "group", "viewer"), member("U_C", "user", "manager"),
                                             member("U_D", "user", "downloader")})}));
}

std::string ocm_call(const std::string& method, const std::string& path, const Json& body) {
  Json http = {{"method", method}, {"path", path}};
  if (!body.is_null()) http["body"] = body;
  return Json{{"actor", "U_OWN"}, {"http", http}}.dump();
}

}  // namespace

TEST_CASE("ocm access: a group's role change moves each of its users", "[access][ocm]") {
  const State s = ocm_state();
  SECTION("raised: userA and userB gain, userC keeps manager through its own membership") {
    const Result r = check(s, ocm_call("PUT", "/documents/api/1.2/shares/F1/role",
                                       {{"userID", "G"}, {"role", "contributor"}}));
    REQUIRE(r.ok);
    const Json a = access_of(r)["assets"][0];
    CHECK(a["system"] == "ocm");
    CHECK(a["kind"] == "folder");
    CHECK(a["gained"].dump() == R"([{"user":{"id":"U_A","name":"userA"},"from":"viewer","to":"contributor"},)"
                                R"({"user":{"id":"U_B","name":"userB"},"from":"viewer","to":"contributor"}])");
    CHECK(a["lost"].dump() == "[]");
    CHECK(a["before"][0].dump() ==
          R"({"user":{"id":"U_OWN","name":"userOWN"},"role":"owner","via":[{"type":"owner"}]})");
    CHECK(a["after"][3].dump() ==
          R"({"user":{"id":"U_C","name":"userC"},"role":"manager","via":[{"type":"direct","role":"manager"},)"
          R"({"type":"group","group":{"id":"G","name":"Team"},"role":"contributor"}]})");
  }
  SECTION("revoked: userA and userB lose access") {
    const Result r = check(s, ocm_call("DELETE", "/documents/api/1.2/shares/F1/user?userID=G", nullptr));
    REQUIRE(r.ok);
    const Json a = access_of(r)["assets"][0];
    CHECK(a["gained"].dump() == "[]");
    CHECK(a["lost"].dump() == R"([{"user":{"id":"U_A","name":"userA"},"from":"viewer","to":null},)"
                              R"({"user":{"id":"U_B","name":"userB"},"from":"viewer","to":null}])");
    CHECK(a["after"].size() == 3);  // owner, userC, userD
  }
  SECTION("several members in one call: one asset entry, every change applied") {
    const Result r = check(s, ocm_call("PUT", "/documents/api/1.2/shares/F1/role",
                                       {{"userID", "G,U_D"}, {"role", "viewer"}}));
    REQUIRE(r.ok);
    const Json access = access_of(r);
    CHECK(access["assets"].size() == 1);
    CHECK(access["assets"][0]["lost"].dump() ==
          R"([{"user":{"id":"U_D","name":"userD"},"from":"downloader","to":"viewer"}])");
  }
}

namespace {

State webex_state() {
  using namespace state_builders::webex;
  return state_builders::load(
      state({person("P_ADMIN", "admin@example.com"), person("P_A", "a@example.com"), person("P_B", "b@example.com"),
             person("P_C", "c@example.com")},
            {recording("R1", "P_A"), recording("R2", "P_C"), recording("R3", "P_A"), recording("R4", "P_B")}));
}

Result reassign(const State& s, const Json& body) {
  return test_support::reassign(s, test_support::reassign_request(body)).result;
}

}  // namespace

TEST_CASE("webex access: each moved recording's owner from and to, and totals per person", "[access][webex]") {
  const State s = webex_state();
  const Result r = reassign(s, {{"recordingIds", {"R1", "R2", "R3", "R4"}}, {"reassignOwnerEmail", "b@example.com"}});
  REQUIRE(r.ok);
  const Json access = access_of(r);
  CHECK(access["assets"].dump() ==
        R"([{"system":"webex","kind":"recording","id":"R1","owner":{"from":"P_A","to":"P_B"}},)"
        R"({"system":"webex","kind":"recording","id":"R2","owner":{"from":"P_C","to":"P_B"}},)"
        R"({"system":"webex","kind":"recording","id":"R3","owner":{"from":"P_A","to":"P_B"}}])");
  CHECK(access["owners"].dump() == R"([{"user":{"id":"P_A","name":"a@example.com"},"gained":0,"lost":2},)"
                                   R"({"user":{"id":"P_B","name":"b@example.com"},"gained":3,"lost":0},)"
                                   R"({"user":{"id":"P_C","name":"c@example.com"},"gained":0,"lost":1}])");
  // access comes after reassign
  const Json j = result_to_json(r);
  CHECK(std::prev(j.end()).key() == "access");
}

TEST_CASE("webex access stays one entry per move for a big reassignment", "[access][webex]") {
  using namespace state_builders::webex;
  Json recordings = Json::array();
  for (int i = 0; i < 20000; ++i) recordings.push_back(recording("R" + std::to_string(i), "P_A"));
  const State s = state_builders::load(
      state({person("P_ADMIN", "admin@example.com"), person("P_A", "a@example.com"), person("P_B", "b@example.com")},
            recordings));
  const Result r = reassign(s, {{"ownerEmail", "a@example.com"}, {"reassignOwnerEmail", "b@example.com"}});
  REQUIRE(r.access);
  CHECK(r.access->assets.size() == 20000);
  REQUIRE(r.access->owners.size() == 2);
  CHECK(r.access->owners[0].lost == 20000);
  CHECK(r.access->owners[1].gained == 20000);
}
