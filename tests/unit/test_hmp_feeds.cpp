// hmp.md "REST: feed shares": one test per check row of createFeedShare, and the siblings.
#include <catch2/catch.hpp>

#include "fixture_support.h"
#include "test_support.h"

using namespace sharepolicy;
using test_support::check;

namespace {

const char* kFeed = "0b6d2c1e-3f4a-4b5c-8d6e-7f8091a2b3c4";

State sample() { return test_support::load(fixtures::sample("hmp.json")); }

std::string call(const std::string& actor, const std::string& method, const std::string& path, const Json& body) {
  Json http = Json{{"method", method}, {"path", path}};
  if (!body.is_null()) http["body"] = body;
  return Json{{"actor", actor}, {"http", http}}.dump();
}

std::string create(const std::string& actor, const Json& body, const std::string& feed = kFeed) {
  return call(actor, "POST", "/apis/sections/" + feed + "/shares", body);
}

std::string body_of(const Result& r) { return r.response.at("body").dump(); }

}  // namespace

TEST_CASE("createFeedShare: each check row", "[hmp][rest]") {
  const State s = sample();
  const Json good = {{"name", "viewer"}, {"shareType", "USER"}, {"permission", "WATCH"}};
  SECTION("check 1: the actor must be an administrator (403, code inferred)") {
    const Result r = check(s, create("jdoe", good));
    CHECK(r.response.at("status") == 403);
    CHECK(body_of(r) == R"({"code":"030003","name":"CannotShare","message":"Cannot share","httpStatusCode":403})");
    CHECK(r.inferred);
  }
  SECTION("check 2: body validation (400, messages inferred)") {
    auto expect_400 = [&](const Json& body, const std::string& message) {
      const Result r = check(s, create("admin", body));
      CHECK(r.response.at("status") == 400);
      CHECK(
          body_of(r) ==
          Json{{"code", "010001"}, {"name", "InputValidation"}, {"message", message}, {"httpStatusCode", 400}}.dump());
      CHECK(r.inferred);
    };
    expect_400({{"name", "viewer"}, {"shareType", "user"}, {"permission", "WATCH"}},
               "Validation failed on 'shareType'. Must be one of: USER, GROUP");
    expect_400({{"name", "viewer"}, {"shareType", "USER"}, {"permission", "watch"}},
               "Permission must be one of: WATCH, EDIT, OWN");
    expect_400({{"name", "viewer"}, {"shareType", "USER"}, {"permission", 3}},
               "Permission must be one of: WATCH, EDIT, OWN");
    expect_400({{"shareType", "USER"}, {"permission", "WATCH"}}, "Either id or name must be present");
    expect_400({{"id", ""}, {"name", ""}, {"shareType", "USER"}, {"permission", "WATCH"}},
               "Either id or name must be present");
    expect_400({{"id", 7}, {"shareType", "USER"}, {"permission", "WATCH"}},
               "Validation failed on 'id'. Must be a string");
    expect_400(Json::array(), "Validation failed on 'body'. Must be a JSON object");
    // A raw body that is not JSON fails here too.
    expect_400(Json("{not json"), "Validation failed on 'body'. Must be a JSON object");
  }
  SECTION("check 3: the directory, and an ambiguous name (500)") {
    std::string text = fixtures::sample("hmp.json");
    text.replace(text.find("\"available\": true"), 17, "\"available\": false");
    const State down = test_support::load(text);
    const Result r = check(down, create("admin", good));
    CHECK(r.response.at("status") == 500);
    CHECK(body_of(r) ==
          R"({"code":"070008","name":"FindUser","message":"Error searching for a user","httpStatusCode":500})");
    const Result g = check(down, create("admin", {{"name", "Sales"}, {"shareType", "GROUP"}, {"permission", "WATCH"}}));
    CHECK(body_of(g) ==
          R"({"code":"070009","name":"FindGroup","message":"Error searching for a group","httpStatusCode":500})");
  }
  SECTION("check 4: the feed exists; a sectionId that is not a UUID names no feed") {
    for (const std::string feed : {"00000000-0000-4000-8000-000000000000", "not-a-uuid"}) {
      const Result r = check(s, create("admin", good, feed));
      CHECK(body_of(r) ==
            R"({"code":"040002","name":"AssetNotFound","message":"Video not found","httpStatusCode":404})");
    }
  }
  SECTION("check 5: the principal exists, by id if present, else by name") {
    const Result u = check(s, create("admin", {{"id", "00000000-0000-4000-8000-000000000000"},
                                               {"name", "viewer"},
                                               {"shareType", "USER"},
                                               {"permission", "WATCH"}}));
    CHECK(body_of(u) == R"({"code":"040004","name":"UserNotFound","message":"User not found","httpStatusCode":404})");
    const Result g = check(s, create("admin", {{"name", "nobody"}, {"shareType", "GROUP"}, {"permission", "WATCH"}}));
    CHECK(body_of(g) == R"({"code":"040005","name":"GroupNotFound","message":"Group not found","httpStatusCode":404})");
  }
  SECTION("check 6: the principal has a role (409)") {
    const Result u = check(s,
                           create("admin", {{"name", "contractor"}, {"shareType", "USER"}, {"permission", "WATCH"}}));
    CHECK(body_of(u) ==
          R"({"code":"060001","name":"UserHasNoRoles","message":"User has no roles assigned","httpStatusCode":409})");
    const Result g = check(s,
                           create("admin", {{"name", "Contractors"}, {"shareType", "GROUP"}, {"permission", "WATCH"}}));
    CHECK(body_of(g) ==
          R"({"code":"060002","name":"GroupHasNoRoles","message":"Group has no roles assigned","httpStatusCode":409})");
  }
  SECTION("check 7: a UUID permission names an access permission (404)") {
    const Result r = check(s, create("admin", {{"name", "viewer"},
                                               {"shareType", "USER"},
                                               {"permission", "99999999-9018-42c2-9dfb-3f7707a09829"}}));
    CHECK(
        body_of(r) ==
        R"({"code":"040025","name":"SharePermissionNotFound","message":"Share permission not found","httpStatusCode":404})");
  }
  SECTION("success: 200 with the name and email as the directory stores them") {
    const Result r = check(s, create("admin", {{"name", "JDOE"},
                                               {"shareType", "USER"},
                                               {"permission", "12B0CC54-9018-42C2-9DFB-3F7707A09829"}}));
    CHECK(r.response.at("status") == 200);
    CHECK(
        body_of(r) ==
        R"({"data":{"id":"3c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e7f","shareType":"USER","permission":"12b0cc54-9018-42c2-9dfb-3f7707a09829","name":"jdoe","email":"jdoe@example.com"}})");
    REQUIRE(r.changes.size() == 1);
    CHECK(r.changes[0].asset_kind == "feed");
    CHECK(r.inferred);  // the success status is inferred
  }
}

TEST_CASE("feed share siblings: list, update, delete", "[hmp][rest][siblings]") {
  const State s = sample();
  const std::string base = std::string("/apis/sections/") + kFeed + "/shares";
  const std::string sales = "6a1f3c52-8d41-4c4e-9a6b-0c2f5e7d9a10";
  SECTION("list: the shares with paging; read-only") {
    const Result r = check(s, call("jdoe", "GET", base, nullptr));
    CHECK(
        body_of(r) ==
        R"({"data":[{"id":"6a1f3c52-8d41-4c4e-9a6b-0c2f5e7d9a10","shareType":"GROUP","permission":"WATCH","name":"Sales","email":null}],"paging":{"results":1,"pageSize":15}})");
    CHECK(r.changes.empty());
  }
  SECTION("list: no shares is 404 NoResults") {
    const Applied removed = test_support::apply(s, call("admin", "DELETE", base + "/" + sales, nullptr));
    const Result r = check(removed.state, call("admin", "GET", base, nullptr));
    CHECK(body_of(r) == R"({"code":"040012","name":"NoResults","message":"No results","httpStatusCode":404})");
  }
  SECTION("update: administrator only, 040021 for a missing share, echoes the share") {
    CHECK(check(s, call("jdoe", "PUT", base + "/" + sales, {{"permission", "EDIT"}})).response.at("status") == 403);
    CHECK(body_of(check(s, call("admin", "PUT", base + "/00000000-0000-4000-8000-000000000000",
                                {{"permission", "EDIT"}}))) ==
          R"({"code":"040021","name":"UserGroupNotFound","message":"User or Group not found","httpStatusCode":404})");
    const Result r = check(s, call("admin", "PUT", base + "/" + sales, {{"permission", "EDIT"}}));
    CHECK(
        body_of(r) ==
        R"({"data":{"id":"6a1f3c52-8d41-4c4e-9a6b-0c2f5e7d9a10","shareType":"GROUP","permission":"EDIT","name":"Sales","email":null}})");
    CHECK(r.changes.at(0).before == std::optional<std::string>("WATCH"));
  }
  SECTION("delete: 200 with a null body and a share.set to null") {
    const Applied a = test_support::apply(s, call("admin", "DELETE", base + "/" + sales, nullptr));
    CHECK(a.result.response.dump() == R"({"status":200,"body":null})");
    REQUIRE(a.result.changes.size() == 1);
    CHECK(a.result.changes[0].after == std::nullopt);
    CHECK(write_state(a.state).find("\"feeds\":[{\"id\":\"0b6d2c1e-3f4a-4b5c-8d6e-7f8091a2b3c4\",\"name\":\"Town hall "
                                    "channel\",\"shares\":[]}]") != std::string::npos);
  }
}
