// docs/ACCESS.md "Bounded lists" (issue 16 item 6): an asset shared with thousands of groups gives a
// preview whose access lists hold the window's holders (50 by default) with exact counts, and the
// rest on request. Before, every holder was listed (39 MB for 100k groups) and each user's rights
// walked every share (quadratic).
#include <catch2/catch.hpp>

#include <map>
#include <tuple>

#include "fixture_support.h"
#include "hmp/access.h"
#include "sharepolicy/engine.h"
#include "state/model.h"
#include "state_builders.h"
#include "test_support.h"

using namespace sharepolicy;

namespace {

const char* kRec = "11111111-1111-4111-8111-111111111111";
constexpr int kGroups = 2000, kPerGroup = 3;  // 6000 users through groups, 2000 of them also directly

std::string n(const char* prefix, int i) { return prefix + std::to_string(i); }

// One recording shared with every group (WATCH) and with the first user of each group (EDIT).
State hmp_fanout() {
  using namespace state_builders::hmp;
  state_builders::Rows groups, users, shares;
  users.push_back(user("u-admin", "admin", {"Admin"}, {}));
  users.push_back(user("u-owner", "owner", {"Viewer"}, {}));
  users.push_back(user("u-new", "newbie", {"Viewer"}, {}));
  for (int g = 0; g < kGroups; ++g) {
    groups.push_back(group(n("g-", g), n("G", g), {"Viewer"}));
    for (int k = 0; k < kPerGroup; ++k)
      users.push_back(user(n("u-", g * kPerGroup + k), n("u", g * kPerGroup + k), {}, {n("g-", g)}));
    shares.push_back(share(n("g-", g), "GROUP", "WATCH"));
  }
  for (int g = 0; g < kGroups; ++g) shares.push_back(share(n("u-", g * kPerGroup), "USER", "EDIT"));
  Json j = state({role("Admin", true), role("Viewer", false)}, groups, users);
  j["hmp"]["recordings"] = Json::array({recording(kRec, "u-owner", shares)});
  return state_builders::load(j);
}

State ocm_fanout() {
  using namespace state_builders::ocm;
  state_builders::Rows users, groups, members;
  users.push_back(user("U_OWN", "owner", "Owner"));
  users.push_back(user("U_NEW", "newbie", "Newbie"));
  for (int g = 0; g < kGroups; ++g) {
    state_builders::Names ids;
    for (int k = 0; k < kPerGroup; ++k) {
      users.push_back(user(n("U", g * kPerGroup + k), n("u", g * kPerGroup + k), "U"));
      ids.push_back(n("U", g * kPerGroup + k));
    }
    groups.push_back(group(n("G", g), n("Group ", g), ids));
    members.push_back(member(n("G", g), "group", "viewer"));
  }
  for (int g = 0; g < kGroups; ++g) members.push_back(member(n("U", g * kPerGroup), "user", "downloader"));
  return state_builders::load(state(users, groups, {folder("F1", "U_OWN", members)}));
}

const std::string kHmpShare =
    Json{{"actor", "admin"}, {"cli", std::string("shareRecordingWithUser newbie WATCH ") + kRec}}.dump();
const std::string kOcmShare = Json{{"actor", "U_OWN"},
                                   {"http",
                                    {{"method", "POST"},
                                     {"path", "/documents/api/1.2/shares/F1"},
                                     {"body", {{"userID", "U_NEW"}, {"role", "viewer"}}}}}}
                                  .dump();

Json asset_access(const State& s, const std::string& request, const AccessWindow& window) {
  const Expected<Result> r = can_share(s, test_support::request(request), window);
  REQUIRE(r.ok());
  REQUIRE(r.value().ok);
  return result_to_json(r.value())["access"]["assets"][0];
}

}  // namespace

TEST_CASE("access fan-out: the default lists hold 50 holders and exact counts", "[access][fanout]") {
  const State hmp = hmp_fanout(), ocm = ocm_fanout();
  for (const auto& [state, request, before] :
       {std::tuple{&hmp, kHmpShare, 1 + 1 + kGroups * kPerGroup},  // admins, owner, users
        std::tuple{&ocm, kOcmShare, 1 + kGroups * kPerGroup}}) {
    const Result r = test_support::check(*state, request);  // the default entry point
    const Json a = result_to_json(r)["access"]["assets"][0];
    CHECK(a["before"].size() == limits::kAccessHolders);
    CHECK(a["after"].size() == limits::kAccessHolders);
    CHECK(a["gained"].size() == 1);
    CHECK(a["lost"].size() == 0);
    CHECK(a["counts"] == Json{{"before", before}, {"after", before + 1}, {"gained", 1}, {"lost", 0}});
    CHECK(result_to_text(r).size() < 40000);  // was megabytes
  }
}

TEST_CASE("access fan-out: a window lists exactly the slice of every holder", "[access][fanout]") {
  for (const State& s : {hmp_fanout(), ocm_fanout()}) {
    const std::string& request = s.data().hmp ? kHmpShare : kOcmShare;
    const Json all = asset_access(s, request, {0, kAllHolders});
    CHECK_FALSE(all.contains("counts"));  // nothing cut: the former shape
    const Json window = asset_access(s, request, {4000, 7});
    REQUIRE(window["before"].size() == 7);
    for (std::size_t i = 0; i < 7; ++i) {
      CHECK(window["before"][i] == all["before"][4000 + i]);
      CHECK(window["after"][i] == all["after"][4000 + i]);
    }
    CHECK(window["gained"].empty());  // the one gain is before the window
    CHECK(window["counts"]["before"] == all["before"].size());
    CHECK(window["counts"]["after"] == all["after"].size());
    const Json none = asset_access(s, request, {0, 0});
    CHECK(none["before"].empty());
    CHECK(none["counts"]["gained"] == 1);
  }
}

TEST_CASE("access: small lists keep their former shape, without counts", "[access][fanout]") {
  const State s = test_support::load(fixtures::sample("hmp.json"));
  const Result r = test_support::check(
      s, R"({"actor":"admin","cli":"shareRecordingWithUser jdoe OWN f678f415-0665-48cd-b141-1e95283469f1"})");
  REQUIRE(r.access);
  CHECK_FALSE(r.access->assets[0].counts);
  CHECK(result_to_text(r).find("\"counts\"") == std::string::npos);
}

namespace {
// A holder as one line: its actions and every path, with the group and grant of each.
std::string holder_line(const AccessHolder& h) {
  std::string line;
  for (const std::string& a : h.actions) line += a + ",";
  for (const AccessPath& p : h.via) {
    line += " " + p.type;
    if (p.group) line += ":" + p.group->name;
    if (p.grant) line += "=" + *p.grant;
  }
  return line;
}
}  // namespace

// compare_access gathers each reached user's actions by sorting what every path gives (owner, own
// share, each group's share) rather asking per user, and makes the holder of a user the changes do
// not touch once for both lists: every listed user, before and after, must hold exactly rights_on's
// actions and paths on that side, and every user rights_on gives an action is listed.
TEST_CASE("access lists exactly the users rights_on gives actions, with rights_on's actions", "[access][fanout]") {
  using namespace state_builders::hmp;
  // u1 reaches the recording directly and through two groups; u2 directly and as a member; u3 only
  // through a group; u4 through nothing; the owner also through a group; the admin through all.
  Json j = state({role("Admin", true), role("Viewer", false)},
                 {group("g1", "One", {"Viewer"}), group("g2", "Two", {"Viewer"}), group("g3", "Three", {"Viewer"})},
                 {user("u0", "owner", {"Viewer"}, {"g1"}), user("u1", "one", {}, {"g2", "g1"}),
                  user("u2", "two", {}, {"g3"}), user("u3", "three", {}, {"g2"}), user("u4", "four", {"Viewer"}, {}),
                  user("ua", "admin", {"Admin"}, {"g1", "g2", "g3"})});
  j["hmp"]["recordings"] = Json::array({recording(kRec, "u0",
                                                  {share("g2", "GROUP", "EDIT"), share("u1", "USER", "WATCH"),
                                                   share("g1", "GROUP", "WATCH"), share("u2", "USER", "OWN")})});
  const State loaded = state_builders::load(j);
  const hmp::Section& s = *loaded.data().hmp;
  // "One EDIT": u1's actions stay (g2 gives EDIT) but its path through g1 changes grant.
  for (const char* cli : {"shareRecordingWithGroup Three EDIT ", "shareRecordingWithUser two WATCH ",
                          "shareRecordingWithGroup Two WATCH ", "shareRecordingWithUser four OWN ",
                          "shareRecordingWithGroup One EDIT ", "shareRecordingWithUser one EDIT "}) {
    INFO(cli);
    const Expected<Result> r =
        can_share(loaded, test_support::request(Json{{"actor", "admin"}, {"cli", cli + std::string(kRec)}}.dump()),
                  AccessWindow{0, kAllHolders});
    REQUIRE(r.ok());
    REQUIRE(r.value().access);
    const AssetAccess& access = r.value().access->assets[0];
    State applied = loaded;
    REQUIRE(apply_share_in_place(applied, test_support::request(
                                              Json{{"actor", "admin"}, {"cli", cli + std::string(kRec)}}.dump()))
                .ok());
    const hmp::Asset& after = applied.data().hmp->recordings[0];
    for (const auto& [list, asset] : {std::pair{&access.before, &s.recordings[0]}, std::pair{&access.after, &after}}) {
      std::map<std::string, std::string> listed, expected;
      for (const AccessHolder& h : *list) {
        if (h.user) listed[h.user->name] = holder_line(h);
      }
      for (Index u = 0; u < s.users.size(); ++u) {
        if (s.user_is_admin[u]) continue;
        const hmp::Rights rights = hmp::rights_on(s, u, *asset, hmp::AssetKind::kRecording);
        if (rights.actions) expected[s.users[u].username] = holder_line(hmp::holder_for(s, u, rights));
      }
      CHECK(listed == expected);
    }
  }
}
