// "Who can / what can" (docs/ACCESS.md): the users an asset reaches with their actions or role and
// paths, and the assets a principal reaches; windows; errors with pointers; and, on a generated
// state, agreement with rights_on for every (user, asset) pair and between the two questions.
#include <catch2/catch.hpp>

#include <cstdio>
#include <map>
#include <random>
#include <set>

#include "hmp/access.h"
#include "sharepolicy/explore.h"
#include "sharepolicy/scenario.h"
#include "sharepolicy/text_api.h"
#include "state/model.h"
#include "test_support.h"

using namespace sharepolicy;

namespace {

const char* kRec = "11111111-1111-4111-8111-111111111111";
const char* kRec2 = "22222222-2222-4222-8222-222222222222";

// Engineering (carol) holds EDIT on the first recording, carol OWN directly; owner owns it; admin
// and ops (through IT) are administrators; alice and bob (Sales) reach nothing until shared.
const char* const kHmpState = R"({
  "hmp": {
    "roles": [ { "name": "Admin", "administrator": true }, { "name": "Viewer", "administrator": false } ],
    "groups": [
      { "id": "g-sales", "groupname": "Sales", "roles": ["Viewer"] },
      { "id": "g-eng", "groupname": "Engineering", "roles": ["Viewer"] },
      { "id": "g-it", "groupname": "IT", "roles": ["Admin"] }
    ],
    "users": [
      { "id": "u-admin", "username": "admin", "roles": ["Admin"], "groups": [] },
      { "id": "u-owner", "username": "owner", "roles": ["Viewer"], "groups": [] },
      { "id": "u-alice", "username": "alice", "roles": [], "groups": ["g-sales"] },
      { "id": "u-bob", "username": "bob", "roles": [], "groups": ["g-sales"] },
      { "id": "u-carol", "username": "carol", "roles": [], "groups": ["g-eng"] },
      { "id": "u-ops", "username": "ops", "roles": [], "groups": ["g-it", "g-sales"] }
    ],
    "recordings": [
      { "id": "11111111-1111-4111-8111-111111111111", "name": "Town hall", "owner": "u-owner",
        "shares": [ { "id": "u-carol", "shareType": "USER", "permission": "OWN" },
                    { "id": "g-eng", "shareType": "GROUP", "permission": "EDIT" } ] },
      { "id": "22222222-2222-4222-8222-222222222222",
        "shares": [ { "id": "g-eng", "shareType": "GROUP", "permission": "WATCH" } ] }
    ]
  },
  "ocm": {
    "users": [ { "id": "UA", "loginName": "userAA", "displayName": "User AA", "provisioningStatus": "active" },
               { "id": "UB", "loginName": "userBB", "displayName": "User BB", "provisioningStatus": "active" },
               { "id": "UC", "loginName": "userCC", "displayName": "User CC", "provisioningStatus": "active" } ],
    "groups": [ { "id": "GS", "displayName": "Sales Group", "members": ["UB", "UC"] } ],
    "folders": [ { "id": "F1", "name": "Campaign", "ownedBy": "UA",
                   "members": [ { "id": "UC", "type": "user", "role": "manager" },
                                { "id": "GS", "type": "group", "role": "downloader" } ] },
                 { "id": "F2", "ownedBy": "UA", "members": [] } ]
  },
  "webex": {
    "people": [ { "id": "P1", "email": "a@example.com", "type": "user" }, { "id": "P2", "email": "b@example.com", "type": "user" } ],
    "recordings": [ { "id": "R1", "topic": "One", "ownerId": "P1" }, { "id": "R2", "ownerId": "P1" }, { "id": "R3", "ownerId": "P2" } ]
  }
})";

Json parsed(const std::string& envelope) { return Json::parse(envelope); }

Json who(const text::LoadedState& s, const Json& query) {
  const Json out = parsed(s.who_can(query.dump()));
  if (!out.contains("result")) FAIL("who_can failed: " << out.dump());
  return out["result"];
}

Json what(const text::LoadedState& s, const Json& query) {
  const Json out = parsed(s.what_can(query.dump()));
  if (!out.contains("result")) FAIL("what_can failed: " << out.dump());
  return out["result"];
}

text::LoadedState loaded(const std::string& state) {
  text::LoadedState s;
  const std::string envelope = s.load(state);
  REQUIRE_FALSE(parsed(envelope).contains("error"));
  return s;
}

Json error_of(const std::string& envelope) {
  const Json out = parsed(envelope);
  REQUIRE(out.contains("error"));
  return out["error"];
}

}  // namespace

TEST_CASE("who can: an HMP recording's users, paths, groups and administrators", "[explore][hmp]") {
  const auto s = loaded(kHmpState);
  const Json a = who(s, {{"system", "hmp"}, {"asset", {{"kind", "recording"}, {"id", kRec}}}});
  CHECK(a["asset"].dump() == std::string(R"({"kind":"recording","id":")") + kRec + R"(","name":"Town hall"})");
  CHECK(a["administrators"] == 2);  // admin and ops (through IT): counted, never listed
  CHECK(
      a["users"].dump() ==
      R"({"total":2,"items":[)"
      R"({"user":{"id":"u-owner","name":"owner"},"actions":["watch","edit","share","download","trim","restream","delete"],)"
      R"("via":[{"type":"owner"}]},)"
      R"({"user":{"id":"u-carol","name":"carol"},"actions":["watch","edit","share","download","trim","restream","delete"],)"
      R"("via":[{"type":"direct","permission":"OWN"},{"type":"group","group":{"id":"g-eng","name":"Engineering"},"permission":"EDIT"}]}]})");
  CHECK(
      a["groups"].dump() ==
      R"({"total":1,"items":[{"group":{"id":"g-eng","name":"Engineering"},"permission":"EDIT","actions":["watch","edit"],"users":1}]})");
  CHECK(a["offset"] == 0);
  CHECK(a["limit"] == 100);
}

TEST_CASE("what can: an HMP user's assets through its own share and its groups, ids case-insensitive",
          "[explore][hmp]") {
  const auto s = loaded(kHmpState);
  const Json a = what(s, {{"system", "hmp"}, {"principal", {{"type", "user"}, {"id", "CAROL"}}}});
  CHECK(a["principal"].dump() == R"({"type":"user","id":"u-carol","name":"carol"})");
  CHECK_FALSE(a.contains("administrator"));
  REQUIRE(a["assets"]["total"] == 2);
  CHECK(a["assets"]["items"][0]["id"] == kRec);
  CHECK(a["assets"]["items"][0]["via"].size() == 2);
  CHECK(
      a["assets"]["items"][1].dump() ==
      std::string(R"({"kind":"recording","id":")") + kRec2 +
          R"(","actions":["watch"],"via":[{"type":"group","group":{"id":"g-eng","name":"Engineering"},"permission":"WATCH"}]})");
  // alice reaches nothing; the answer says so rather than failing.
  const Json alice = what(s, {{"system", "hmp"}, {"principal", {{"type", "user"}, {"id", "U-ALICE"}}}});
  CHECK(alice["assets"].dump() == R"({"total":0,"items":[]})");
}

TEST_CASE("what can: an HMP administrator reaches every asset, listed from the window only", "[explore][hmp]") {
  const auto s = loaded(kHmpState);
  const Json a =
      what(s, {{"system", "hmp"}, {"principal", {{"type", "user"}, {"id", "ops"}}}, {"offset", 1}, {"limit", 5}});
  CHECK(a["administrator"].dump() == R"({"role":"Admin","group":{"id":"g-it","name":"IT"}})");
  CHECK(a["assets"]["total"] == 2);
  REQUIRE(a["assets"]["items"].size() == 1);
  CHECK(a["assets"]["items"][0]["id"] == kRec2);
  CHECK(a["assets"]["items"][0]["via"].dump() == R"([{"type":"administrator"}])");
  // A group holding an administrator role makes its members administrators.
  const Json it = what(s, {{"system", "hmp"}, {"principal", {{"type", "group"}, {"id", "IT"}}}});
  CHECK(it["administrator"]["role"] == "Admin");
  CHECK(it["principal"]["members"] == 1);
}

TEST_CASE("what can: an HMP group's own shares", "[explore][hmp]") {
  const auto s = loaded(kHmpState);
  const Json a = what(s, {{"system", "hmp"}, {"principal", {{"type", "group"}, {"id", "g-eng"}}}});
  CHECK(a["principal"].dump() == R"({"type":"group","id":"g-eng","name":"Engineering","members":1})");
  CHECK(a["assets"]["total"] == 2);
  CHECK(a["assets"]["items"][0]["via"].dump() == R"([{"type":"direct","permission":"EDIT"}])");
  CHECK(a["assets"]["items"][1]["actions"].dump() == R"(["watch"])");
}

TEST_CASE("who can / what can: windows give the first N with the total", "[explore]") {
  const auto s = loaded(kHmpState);
  const Json first = who(s, {{"system", "hmp"}, {"asset", {{"kind", "recording"}, {"id", kRec}}}, {"limit", 1}});
  CHECK(first["users"]["total"] == 2);
  REQUIRE(first["users"]["items"].size() == 1);
  CHECK(first["users"]["items"][0]["user"]["name"] == "owner");
  const Json second =
      who(s, {{"system", "hmp"}, {"asset", {{"kind", "recording"}, {"id", kRec}}}, {"offset", 1}, {"limit", 1}});
  REQUIRE(second["users"]["items"].size() == 1);
  CHECK(second["users"]["items"][0]["user"]["name"] == "carol");
  const Json past = who(s, {{"system", "hmp"}, {"asset", {{"kind", "recording"}, {"id", kRec}}}, {"offset", 9}});
  CHECK(past["users"].dump() == R"({"total":2,"items":[]})");
}

TEST_CASE("who can / what can: OCM roles through membership, groups and ownership", "[explore][ocm]") {
  const auto s = loaded(kHmpState);
  const Json f = who(s, {{"system", "ocm"}, {"asset", {{"kind", "folder"}, {"id", "F1"}}}});
  CHECK(
      f["users"].dump() ==
      R"({"total":3,"items":[{"user":{"id":"UA","name":"userAA"},"role":"owner","via":[{"type":"owner"}]},)"
      R"({"user":{"id":"UB","name":"userBB"},"role":"downloader","via":[{"type":"group","group":{"id":"GS","name":"Sales Group"},"role":"downloader"}]},)"
      R"({"user":{"id":"UC","name":"userCC"},"role":"manager","via":[{"type":"direct","role":"manager"},)"
      R"({"type":"group","group":{"id":"GS","name":"Sales Group"},"role":"downloader"}]}]})");
  CHECK(f["groups"].dump() ==
        R"({"total":1,"items":[{"group":{"id":"GS","name":"Sales Group"},"role":"downloader","users":2}]})");
  CHECK_FALSE(f.contains("administrators"));
  const Json owner = what(s, {{"system", "ocm"}, {"principal", {{"type", "user"}, {"id", "useraa"}}}});
  CHECK(owner["assets"]["total"] == 2);
  CHECK(owner["assets"]["items"][1].dump() == R"({"kind":"folder","id":"F2","role":"owner","via":[{"type":"owner"}]})");
  const Json group = what(s, {{"system", "ocm"}, {"principal", {{"type", "group"}, {"id", "GS"}}}});
  CHECK(group["assets"]["items"][0]["role"] == "downloader");
}

TEST_CASE("who can / what can: Webex owners and their recordings", "[explore][webex]") {
  const auto s = loaded(kHmpState);
  const Json r = who(s, {{"system", "webex"}, {"asset", {{"kind", "recording"}, {"id", "R3"}}}});
  CHECK(r["users"].dump() ==
        R"({"total":1,"items":[{"user":{"id":"P2","name":"b@example.com"},"role":"owner","via":[{"type":"owner"}]}]})");
  const Json p =
      what(s, {{"system", "webex"}, {"principal", {{"type", "person"}, {"id", "A@example.com"}}}, {"limit", 1}});
  CHECK(p["assets"]["total"] == 2);
  CHECK(p["assets"]["items"].dump() ==
        R"([{"kind":"recording","id":"R1","name":"One","role":"owner","via":[{"type":"owner"}]}])");
}

TEST_CASE("who can / what can: bad queries are input errors with pointers", "[explore][errors]") {
  const auto s = loaded(kHmpState);
  auto check_error = [](const std::string& envelope, const char* code, const char* pointer) {
    const Json e = error_of(envelope);
    CHECK(e["code"] == code);
    CHECK(e["pointer"] == pointer);
  };
  check_error(s.who_can("not json"), "REQUEST_INVALID", "");
  check_error(s.who_can(R"({"system":"box","asset":{"kind":"folder","id":"x"}})"), "REQUEST_INVALID", "/system");
  check_error(s.who_can(R"({"system":"hmp"})"), "REQUEST_INVALID", "/asset");
  check_error(s.who_can(R"({"system":"hmp","asset":{"kind":"recording","id":"nope"}})"), "REQUEST_INVALID",
              "/asset/id");
  check_error(s.who_can(R"({"system":"hmp","asset":{"kind":"folder","id":"x"}})"), "REQUEST_INVALID", "/asset/kind");
  check_error(s.who_can(R"({"system":"ocm","asset":{"kind":"folder","id":"F1"},"limit":1001})"), "REQUEST_INVALID",
              "/limit");
  check_error(s.who_can(R"({"system":"ocm","asset":{"kind":"folder","id":"F1"},"offset":-1})"), "REQUEST_INVALID",
              "/offset");
  check_error(s.what_can(R"({"system":"hmp","principal":{"type":"user","id":"nobody"}})"), "REQUEST_INVALID",
              "/principal/id");
  check_error(s.what_can(R"({"system":"webex","principal":{"type":"user","id":"P1"}})"), "REQUEST_INVALID",
              "/principal/type");
  text::LoadedState only_ocm = loaded(R"({"ocm":{"users":[],"groups":[],"folders":[]}})");
  check_error(only_ocm.what_can(R"({"system":"hmp","principal":{"type":"user","id":"x"}})"), "REQUEST_INVALID",
              "/system");
}

TEST_CASE("what can follows applied changes on a loaded state", "[explore][hmp]") {
  auto s = loaded(kHmpState);
  const Json query = {{"system", "hmp"}, {"principal", {{"type", "user"}, {"id", "alice"}}}};
  CHECK(what(s, query)["assets"]["total"] == 0);  // builds the index
  const Json applied = parsed(s.apply_share(
      Json{{"actor", "admin"}, {"cli", std::string("shareRecordingWithGroup Sales EDIT ") + kRec2}}.dump()));
  REQUIRE(applied["result"]["ok"] == true);
  const Json after = what(s, query);
  REQUIRE(after["assets"]["total"] == 1);
  CHECK(after["assets"]["items"][0]["id"] == kRec2);
  const Json reassigned = parsed(
      s.resolve_reassign(Json{{"actor", "a@example.com"},
                              {"scopes", {"spark-admin:recordings_write"}},
                              {"http",
                               {{"method", "POST"},
                                {"path", "/v1/convergedRecordings/reassign"},
                                {"body", {{"ownerEmail", "a@example.com"}, {"reassignOwnerEmail", "b@example.com"}}}}}}
                             .dump()));
  REQUIRE(reassigned["result"]["ok"] == true);
  CHECK(what(s, {{"system", "webex"}, {"principal", {{"type", "person"}, {"id", "P2"}}}})["assets"]["total"] == 3);
}

namespace {

// A random HMP state: users in random groups, some roles administrators, recordings and feeds
// with random owners and user and group shares (built-ins and custom permissions, one empty).
std::string random_hmp_state(unsigned seed) {
  std::mt19937 rng(seed);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  const int users = 30, groups = 6, assets = 40;
  Json hmp = Json::object();
  hmp["roles"] = Json::array(
      {Json{{"name", "Admin"}, {"administrator", true}}, Json{{"name", "User"}, {"administrator", false}}});
  hmp["accessPermissions"] = Json::array(
      {Json{{"id", "aaaaaaaa-0000-4000-8000-000000000001"}, {"name", "dl"}, {"actions", {"download", "watch"}}},
       Json{{"id", "aaaaaaaa-0000-4000-8000-000000000002"}, {"name", "none"}, {"actions", Json::array()}}});
  const std::vector<std::string> permissions = {"WATCH", "EDIT", "OWN", "aaaaaaaa-0000-4000-8000-000000000001",
                                                "aaaaaaaa-0000-4000-8000-000000000002"};
  hmp["groups"] = Json::array();
  for (int g = 0; g < groups; ++g) {
    hmp["groups"].push_back(Json{{"id", "g" + std::to_string(g)},
                                 {"groupname", "G" + std::to_string(g)},
                                 {"roles", {g == 0 ? "Admin" : "User"}}});
  }
  hmp["users"] = Json::array();
  for (int u = 0; u < users; ++u) {
    Json member_of = Json::array();
    std::set<int> chosen;
    for (int k = pick(3); k > 0; --k) chosen.insert(pick(groups));
    for (int g : chosen) member_of.push_back("g" + std::to_string(g));
    hmp["users"].push_back(Json{{"id", "u" + std::to_string(u)},
                                {"username", "user" + std::to_string(u)},
                                {"roles", pick(15) == 0 ? Json::array({"Admin"}) : Json::array({"User"})},
                                {"groups", member_of}});
  }
  for (const char* collection : {"recordings", "feeds"}) {
    hmp[collection] = Json::array();
    for (int a = 0; a < assets; ++a) {
      char id[40];
      std::snprintf(id, sizeof id, "%08d-0000-4000-8000-%012d", a, collection[0] == 'r' ? 1 : 2);
      Json asset = {{"id", id}, {"shares", Json::array()}};
      if (collection[0] == 'r' && pick(2)) asset["owner"] = "u" + std::to_string(pick(users));
      std::set<std::string> shared;
      for (int k = pick(5); k > 0; --k) {
        const bool group = pick(3) == 0;
        const std::string principal = (group ? "g" : "u") + std::to_string(pick(group ? groups : users));
        if (!shared.insert(principal).second) continue;
        asset["shares"].push_back(Json{{"id", principal},
                                       {"shareType", group ? "GROUP" : "USER"},
                                       {"permission", permissions[pick(static_cast<int>(permissions.size()))]}});
      }
      hmp[collection].push_back(asset);
    }
  }
  return Json{{"hmp", hmp}}.dump();
}

}  // namespace

TEST_CASE("who can and what can agree with rights_on for every user and asset", "[explore][hmp][property]") {
  for (unsigned seed = 1; seed <= 5; ++seed) {
    const std::string text = random_hmp_state(seed);
    const State state = test_support::load(text);
    const hmp::Section& s = *state.data().hmp;
    const Explorer explorer(state);
    // (user id, asset id) → actions, three ways.
    std::map<std::pair<std::string, std::string>, std::vector<std::string>> by_rights, by_who, by_what;
    std::size_t admins = 0;
    for (Index u = 0; u < s.users.size(); ++u) {
      if (s.user_is_admin[u]) {
        ++admins;
        continue;
      }
      for (const auto& [kind, list] :
           {std::pair{hmp::AssetKind::kRecording, &s.recordings}, std::pair{hmp::AssetKind::kFeed, &s.feeds}}) {
        for (const hmp::Asset& a : *list) {
          const hmp::Rights r = hmp::rights_on(s, u, a, kind);
          if (r.actions) by_rights[{s.users[u].id, a.id}] = hmp::action_list(r.actions);
        }
      }
      auto answer = explorer.what_can(WhatCanQuery{"hmp", "user", s.users[u].id, Window{0, kMaxExploreLimit}});
      REQUIRE(answer.ok());
      CHECK(answer.value().assets.total == answer.value().assets.items.size());
      for (const ReachedAsset& r : answer.value().assets.items) by_what[{s.users[u].id, r.id}] = r.actions;
    }
    for (const auto& [kind, list] : {std::pair{"recording", &s.recordings}, std::pair{"feed", &s.feeds}}) {
      for (const hmp::Asset& a : *list) {
        auto answer = explorer.who_can(WhoCanQuery{"hmp", kind, a.id, Window{0, kMaxExploreLimit}});
        REQUIRE(answer.ok());
        CHECK(answer.value().administrators == admins);
        for (const AccessHolder& h : answer.value().users.items) by_who[{h.user->id, a.id}] = h.actions;
      }
    }
    CHECK(by_rights.size() > 50);  // the generated state reaches something
    CHECK(by_who == by_rights);
    CHECK(by_what == by_rights);
  }
}

TEST_CASE("scenario steps with apply false are checks that leave the state as it is", "[explore][scenario]") {
  // The same share twice as checks: both see the state without it (OK, then OK with a change),
  // where two applied steps would see NO_CHANGE the second time.
  const Json step = {{"apply", false},
                     {"request",
                      {{"actor", "admin"}, {"cli", std::string("shareRecordingWithGroup Sales EDIT ") + kRec2}}},
                     {"expect", {{"ok", true}, {"response", {{"line", "OK"}}}}}};
  const Json doc = {{"state", Json::parse(kHmpState)}, {"steps", {step, step}}};
  auto scenario = parse_scenario(doc.dump());
  REQUIRE(scenario.ok());
  CHECK_FALSE(scenario.value().steps[0].apply);
  auto outcomes = run_scenario(scenario.value());
  REQUIRE(outcomes.ok());
  for (const StepOutcome& o : outcomes.value()) {
    CHECK(o.mismatches.empty());
    CHECK(o.result["changes"].size() == 1);
  }
  // A reassignment check previews it: the recordings stay with their owner.
  const Json reassign = {{"apply", false},
                         {"request",
                          {{"actor", "a@example.com"},
                           {"scopes", {"spark-admin:recordings_write"}},
                           {"http",
                            {{"method", "POST"},
                             {"path", "/v1/convergedRecordings/reassign"},
                             {"body", {{"ownerEmail", "a@example.com"}, {"reassignOwnerEmail", "b@example.com"}}}}}}}};
  auto twice = parse_scenario(Json{{"state", Json::parse(kHmpState)}, {"steps", {reassign, reassign}}}.dump());
  REQUIRE(twice.ok());
  auto moved = run_scenario(twice.value());
  REQUIRE(moved.ok());
  CHECK(moved.value()[1].result["reassign"]["moved"].size() == 2);
  auto bad = parse_scenario(
      Json{{"state", Json::parse(kHmpState)}, {"steps", {Json{{"apply", "no"}, {"request", step["request"]}}}}}.dump());
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().pointer == "/steps/0/apply");
}
