// Invariants of the engine, checked on seeded random states and requests (fixed seeds: the same
// cases on every run and every machine). A failure prints the seed, the state and the request.
//   - canShare never changes the state;
//   - after a successful HMP share, no principal gains an action the actor lacked (administrators aside);
//   - applying the same request twice: the second time changes nothing;
//   - a reassignment moves exactly the recordings it lists as moved, to the destination, and keeps
//     the number of recordings;
//   - results are deterministic.
#include <catch2/catch.hpp>
#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "hmp/access.h"
#include "sharepolicy/engine.h"
#include "state/model.h"

using namespace sharepolicy;

namespace {

// A small deterministic generator of states and requests for the three systems.
class Gen {
 public:
  explicit Gen(std::uint32_t seed) : rng_(seed) {}

  int range(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool chance(int percent) { return range(1, 100) <= percent; }
  template <class T>
  const T& pick(const std::vector<T>& v) {
    return v[static_cast<std::size_t>(range(0, static_cast<int>(v.size()) - 1))];
  }

  static std::string uuid(int kind, int n) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08d-0000-4000-8000-%012d", kind, n);
    return buf;
  }

  // ---- HMP
  Json hmp_state() {
    hmp_users_ = range(2, 7);
    hmp_groups_ = range(1, 4);
    hmp_perms_ = range(0, 3);
    hmp_recordings_ = range(1, 5);
    hmp_feeds_ = range(1, 3);
    const std::vector<std::string> roles = {"Admin", "Creator", "Viewer"};
    Json s = {{"roles", Json::array({{{"name", "Admin"}, {"administrator", true}},
                                     {{"name", "Creator"}, {"administrator", false}},
                                     {{"name", "Viewer"}, {"administrator", false}}})}};
    Json groups = Json::array();
    for (int g = 0; g < hmp_groups_; ++g) {
      Json gr = Json::array();
      if (chance(70)) gr.push_back(pick(roles) == "Admin" && chance(70) ? "Viewer" : pick(roles));
      groups.push_back({{"id", uuid(2, g)}, {"groupname", "group" + std::to_string(g)}, {"roles", gr}});
    }
    Json users = Json::array();
    for (int u = 0; u < hmp_users_; ++u) {
      Json ur = Json::array();
      if (u == 0) ur.push_back("Admin");
      else if (chance(60)) ur.push_back(chance(15) ? "Admin" : pick(std::vector<std::string>{"Creator", "Viewer"}));
      Json ug = Json::array();
      for (int g = 0; g < hmp_groups_; ++g)
        if (chance(35)) ug.push_back(uuid(2, g));
      users.push_back({{"id", uuid(1, u)}, {"username", "user" + std::to_string(u)}, {"roles", ur}, {"groups", ug}});
    }
    const std::vector<std::string> actions = {"watch", "edit", "share", "download", "trim", "restream", "delete"};
    Json perms = Json::array();
    for (int p = 0; p < hmp_perms_; ++p) {
      Json a = Json::array();
      for (const auto& name : actions)
        if (chance(45)) a.push_back(name);
      perms.push_back({{"id", uuid(3, p)}, {"name", "perm" + std::to_string(p)}, {"actions", a}});
    }
    auto assets = [&](int count, int kind, bool owned) {
      Json out = Json::array();
      for (int r = 0; r < count; ++r) {
        Json a = {{"id", uuid(kind, r)}};
        if (owned && chance(60)) a["owner"] = uuid(1, range(0, hmp_users_ - 1));
        Json shares = Json::array();
        std::set<std::string> seen;
        for (int k = range(0, 4); k > 0; --k) {
          const bool user = chance(60);
          const std::string id = user ? uuid(1, range(0, hmp_users_ - 1)) : uuid(2, range(0, hmp_groups_ - 1));
          if (!seen.insert(id).second) continue;
          shares.push_back({{"id", id}, {"shareType", user ? "USER" : "GROUP"}, {"permission", hmp_permission(true)}});
        }
        a["shares"] = shares;
        out.push_back(a);
      }
      return out;
    };
    s["groups"] = groups;
    s["users"] = users;
    s["accessPermissions"] = perms;
    s["recordings"] = assets(hmp_recordings_, 4, true);
    s["feeds"] = assets(hmp_feeds_, 5, false);
    if (chance(10)) s["directory"] = {{"available", false}};
    return s;
  }

  std::string hmp_permission(bool valid) {
    const int k = range(0, valid ? 3 : 5);
    if (k == 3 && hmp_perms_ > 0) return uuid(3, range(0, hmp_perms_ - 1));
    if (k == 4) return uuid(3, 9);  // names no access permission
    if (k == 5) return "own";
    return std::vector<std::string>{"WATCH", "EDIT", "OWN", "WATCH"}[static_cast<std::size_t>(k)];
  }

  std::string hmp_actor() {
    const int u = range(0, hmp_users_ - 1);
    return chance(50) ? uuid(1, u) : "user" + std::to_string(u);
  }

  Json hmp_request() {
    if (chance(65)) {
      const bool user = chance(65);
      std::string name = user ? "user" + std::to_string(range(0, hmp_users_))
                              : "group" + std::to_string(range(0, hmp_groups_));
      if (chance(10)) name = "USER" + name.substr(4);
      const std::string rec = chance(90) ? uuid(4, range(0, hmp_recordings_)) : "not-a-uuid";
      std::string line = std::string(user ? "shareRecordingWithUser " : "shareRecordingWithGroup ") + name + " " +
                         hmp_permission(chance(90)) + " " + rec;
      return {{"actor", hmp_actor()}, {"cli", line}};
    }
    const std::string feed = uuid(5, range(0, hmp_feeds_));
    const bool user = chance(60);
    const std::string principal = user ? uuid(1, range(0, hmp_users_ - 1)) : uuid(2, range(0, hmp_groups_ - 1));
    const int kind = range(0, 3);
    Json http;
    if (kind == 0) {
      Json body = {{"shareType", user ? "USER" : "GROUP"}, {"permission", hmp_permission(chance(90))}};
      if (chance(50)) body["id"] = principal;
      else
        body["name"] = user ? "user" + std::to_string(range(0, hmp_users_ - 1))
                            : "group" + std::to_string(range(0, hmp_groups_ - 1));
      http = {{"method", "POST"}, {"path", "/apis/sections/" + feed + "/shares"}, {"body", body}};
    } else if (kind == 1) {
      http = {{"method", "PUT"},
              {"path", "/apis/sections/" + feed + "/shares/" + principal},
              {"body", {{"shareType", user ? "USER" : "GROUP"}, {"permission", hmp_permission(true)}}}};
    } else if (kind == 2) {
      http = {{"method", "DELETE"}, {"path", "/apis/sections/" + feed + "/shares/" + principal}};
    } else {
      http = {{"method", "GET"}, {"path", "/apis/sections/" + feed + "/shares"}};
    }
    return {{"actor", hmp_actor()}, {"http", http}};
  }

  // ---- OCM
  Json ocm_state() {
    ocm_users_ = range(2, 7);
    ocm_groups_ = range(0, 3);
    ocm_folders_ = range(1, 4);
    const std::vector<std::string> status = {"active", "active", "active", "inactive", "deleted", "pending"};
    Json users = Json::array();
    for (int u = 0; u < ocm_users_; ++u) {
      users.push_back({{"id", "U" + std::to_string(u)},
                       {"loginName", "login" + std::to_string(u)},
                       {"displayName", "User " + std::to_string(u)},
                       {"provisioningStatus", pick(status)}});
    }
    Json groups = Json::array();
    for (int g = 0; g < ocm_groups_; ++g) {
      Json m = Json::array();
      for (int u = 0; u < ocm_users_; ++u)
        if (chance(40)) m.push_back("U" + std::to_string(u));
      groups.push_back(
          {{"id", "G" + std::to_string(g)}, {"displayName", "Group " + std::to_string(g)}, {"members", m}});
    }
    Json folders = Json::array();
    for (int f = 0; f < ocm_folders_; ++f) {
      const int owner = range(0, ocm_users_ - 1);
      Json m = Json::array();
      for (int u = 0; u < ocm_users_; ++u) {
        if (u != owner && chance(45))
          m.push_back({{"id", "U" + std::to_string(u)}, {"type", "user"}, {"role", ocm_role()}});
      }
      for (int g = 0; g < ocm_groups_; ++g) {
        if (chance(40)) m.push_back({{"id", "G" + std::to_string(g)}, {"type", "group"}, {"role", ocm_role()}});
      }
      folders.push_back({{"id", "F" + std::to_string(f)}, {"ownedBy", "U" + std::to_string(owner)}, {"members", m}});
    }
    return {{"users", users}, {"groups", groups}, {"folders", folders}};
  }

  std::string ocm_role() { return pick(std::vector<std::string>{"viewer", "downloader", "contributor", "manager"}); }

  std::string ocm_ids() {
    std::string ids;
    for (int k = range(1, 4); k > 0; --k) {
      std::string id;
      const int which = range(0, 9);
      if (which < 5) id = "U" + std::to_string(range(0, ocm_users_));
      else if (which < 7) id = "login" + std::to_string(range(0, ocm_users_ - 1));
      else id = "G" + std::to_string(range(0, ocm_groups_));
      ids += (ids.empty() ? "" : (chance(20) ? " , " : ",")) + id;
    }
    return ids;
  }

  Json ocm_request() {
    const std::string folder = "F" + std::to_string(range(0, ocm_folders_));
    const std::string actor = chance(70) ? "U" + std::to_string(range(0, ocm_users_ - 1))
                                         : "LOGIN" + std::to_string(range(0, ocm_users_ - 1));
    const std::string base = "/documents/api/1.2/shares/" + folder;
    const int kind = range(0, 3);
    Json http;
    if (kind == 0) {
      http = {{"method", "PUT"}, {"path", base + "/role"}, {"body", {{"userID", ocm_ids()}, {"role", ocm_role()}}}};
    } else if (kind == 1) {
      http = {{"method", "POST"}, {"path", base}, {"body", {{"userID", ocm_ids()}, {"role", ocm_role()}}}};
    } else if (kind == 2) {
      http = {{"method", "DELETE"}, {"path", base + "/user?userID=" + ocm_ids()}};
    } else {
      http = {{"method", "GET"}, {"path", base + "/items"}};
    }
    return {{"actor", actor}, {"http", http}};
  }

  // ---- Webex
  Json webex_state() {
    wx_people_ = range(2, 6);
    wx_recordings_ = range(2, 12);
    const std::vector<std::string> types = {"user", "user", "user", "user", "virtualLine", "workspace"};
    Json people = Json::array();
    for (int p = 0; p < wx_people_; ++p) {
      people.push_back({{"id", "P" + std::to_string(p)},
                        {"email", "p" + std::to_string(p) + "@example.com"},
                        {"type", p == 0 ? "user" : pick(types)},
                        {"status", p == 0 || chance(85) ? "active" : "inactive"}});
    }
    Json recs = Json::array();
    const std::vector<std::string> status = {"available", "available", "available", "deleted", "purged"};
    for (int r = 0; r < wx_recordings_; ++r) {
      recs.push_back({{"id", "R" + std::to_string(r)},
                      {"ownerId", "P" + std::to_string(range(0, wx_people_ - 1))},
                      {"status", pick(status)}});
    }
    return {{"people", people}, {"recordings", recs}};
  }

  Json webex_request() {
    Json body = {{"reassignOwnerEmail", "p" + std::to_string(range(0, wx_people_)) + "@example.com"}};
    const int who = range(0, 3);
    if (who == 0 || who == 2) body["ownerEmail"] = "P" + std::to_string(range(0, wx_people_ - 1)) + "@EXAMPLE.com";
    if (who == 1) body["ownerID"] = "P" + std::to_string(range(0, wx_people_));
    if (who >= 2 || chance(30)) {
      Json ids = Json::array();
      for (int k = range(0, 5); k > 0; --k) ids.push_back("R" + std::to_string(range(0, wx_recordings_)));
      body["recordingIds"] = ids;
    }
    Json req = {{"actor", "P0"},
                {"http", {{"method", "POST"}, {"path", "/v1/convergedRecordings/reassign"}, {"body", body}}}};
    if (chance(90)) req["scopes"] = Json::array({"spark-admin:recordings_write"});
    return req;
  }

 private:
  std::mt19937 rng_;
  int hmp_users_ = 0, hmp_groups_ = 0, hmp_perms_ = 0, hmp_recordings_ = 0, hmp_feeds_ = 0;
  int ocm_users_ = 0, ocm_groups_ = 0, ocm_folders_ = 0;
  int wx_people_ = 0, wx_recordings_ = 0;
};

State load_or_fail(const Json& state_json) {
  auto s = load_state(state_json.dump());
  if (!s.ok()) FAIL("generated state did not load: " << s.error().to_json() << "\n" << state_json.dump());
  return s.value();
}

Request request_or_fail(const Json& j) {
  auto r = request_from_json(j);
  if (!r.ok()) FAIL("generated request did not parse: " << r.error().to_json());
  return r.value();
}

constexpr std::uint32_t kSeeds = 300;  // states per system
constexpr int kRequestsPerState = 12;

// The codes a result's response and error carry, read from its JSON (api.md), not from `wire`.
std::pair<int, std::string> wire_of_json(const Json& decision) {
  const Json& response = decision["response"];
  const int status = response.contains("status") ? response["status"].get<int>() : 0;
  const Json& error = decision["error"];
  return {status, error.is_object() ? error["code"].get<std::string>() : std::string()};
}

// Detail::kDecision answers `ok` and the response's status and error code, as the full result
// has them; kFull's `wire` says what its response and error say.
void check_wire_matches(const State& state, const Request& req, const Result& full) {
  const auto expected = wire_of_json(decision_to_json(full));
  CHECK(full.wire.status == expected.first);
  CHECK(std::string(full.wire.code_text()) == expected.second);
  auto coded = can_share(state, req, Detail::kDecision);
  REQUIRE(coded.ok());
  CHECK(coded.value().ok == full.ok);
  CHECK(coded.value().wire.status == expected.first);
  CHECK(std::string(coded.value().wire.code_text()) == expected.second);
  // decide_share answers the same, without a Result.
  auto decided = decide_share(state, req);
  REQUIRE(decided.ok());
  CHECK(decided.value().ok == full.ok);
  CHECK(decided.value().wire.status == expected.first);
  CHECK(std::string(decided.value().wire.code_text()) == expected.second);
}

// Detail::kResponse (canShareBatch) computes the full result minus fix, access, stateWarnings and
// the explanation, and every member it does compute is the full result's, byte for byte.
void check_decision_matches(const State& state, const Request& req, const Result& full) {
  check_wire_matches(state, req, full);
  auto decided = can_share(state, req, Detail::kResponse);
  REQUIRE(decided.ok());
  CHECK(!decided.value().fix.has_value());
  CHECK(!decided.value().access.has_value());
  CHECK(decided.value().explanation.empty());
  Json expected = result_to_json(full);
  expected.erase("fix");
  expected.erase("access");
  expected.erase("stateWarnings");
  expected["explanation"] = Json::array();
  CHECK(result_to_json(decided.value()) == expected);
  CHECK(decision_to_json(decided.value()) == decision_to_json(full));
  // Detail::kOutcome (canShareBatchCodes) answers the same `ok`.
  auto outcome = can_share(state, req, Detail::kOutcome);
  REQUIRE(outcome.ok());
  CHECK(outcome.value().ok == full.ok);
}

// canShare leaves the state alone, is deterministic; apply twice changes nothing the second time.
void check_share_invariants(const State& state, const Request& req, const std::string& context) {
  INFO(context);
  const std::string before = write_state(state);
  auto checked = can_share(state, req);
  CHECK(write_state(state) == before);
  auto again = can_share(state, req);
  REQUIRE(checked.ok() == again.ok());
  if (!checked.ok()) {
    CHECK(checked.error().to_json() == again.error().to_json());
    for (const Detail detail : {Detail::kResponse, Detail::kDecision}) {
      auto decided = can_share(state, req, detail);
      REQUIRE(!decided.ok());
      CHECK(decided.error().to_json() == checked.error().to_json());
    }
    auto outcome = can_share(state, req, Detail::kOutcome);
    REQUIRE(!outcome.ok());
    CHECK(outcome.error().to_json() == checked.error().to_json());
    auto decision = decide_share(state, req);
    REQUIRE(!decision.ok());
    CHECK(decision.error().to_json() == checked.error().to_json());
    return;
  }
  const std::string text = result_to_text(checked.value());
  CHECK(text == result_to_text(again.value()));
  check_decision_matches(state, req, checked.value());
  auto applied = apply_share(state, req);
  REQUIRE(applied.ok());
  CHECK(result_to_text(applied.value().result) == text);
  CHECK(write_state(state) == before);  // apply_share leaves its input alone too
  if (checked.value().changes.empty()) CHECK(write_state(applied.value().state) == before);
  auto twice = apply_share(applied.value().state, req);
  REQUIRE(twice.ok());
  INFO("second result: " << result_to_text(twice.value().result));
  CHECK(twice.value().result.changes.empty());
}

}  // namespace

TEST_CASE("properties: HMP shares", "[properties]") {
  std::size_t evaluated = 0, successes = 0;
  for (std::uint32_t seed = 1; seed <= kSeeds; ++seed) {
    Gen gen(seed);
    const Json section = gen.hmp_state();
    const State state = load_or_fail(Json{{"hmp", section}});
    const hmp::Section& s = *state.data().hmp;
    for (int i = 0; i < kRequestsPerState; ++i) {
      const Json rj = gen.hmp_request();
      const std::string context = "seed " + std::to_string(seed) + "\nstate " + section.dump() + "\nrequest " +
                                  rj.dump();
      const Request req = request_or_fail(rj);
      check_share_invariants(state, req, context);
      ++evaluated;

      // No principal gains an action the actor lacked (hmp.md check 9), administrators aside.
      if (!req.cli) continue;
      auto applied = apply_share(state, req);
      if (!applied.ok() || !applied.value().result.ok || applied.value().result.changes.empty()) continue;
      ++successes;
      Index actor = kNoIndex;
      for (Index u = 0; u < s.users.size(); ++u) {
        if (s.users[u].id == *req.actor || s.users[u].username == *req.actor) actor = u;
      }
      REQUIRE(actor != kNoIndex);
      if (s.user_is_admin[actor]) continue;
      const Change& change = applied.value().result.changes.front();
      const Index rec = s.recording_by_id.find(change.asset_id);
      REQUIRE(rec != kNoIndex);
      const hmp::Asset& before_asset = s.recordings[rec];
      const hmp::ActionSet actor_actions = hmp::rights_on(s, actor, before_asset, hmp::AssetKind::kRecording).actions;
      const hmp::Section& after = *applied.value().state.data().hmp;
      const hmp::Asset& after_asset = after.recordings[rec];
      for (Index u = 0; u < s.users.size(); ++u) {
        const auto was = hmp::rights_on(s, u, before_asset, hmp::AssetKind::kRecording).actions;
        const auto now = hmp::rights_on(after, u, after_asset, hmp::AssetKind::kRecording).actions;
        INFO(context << "\nuser " << s.users[u].username << " before " << int(was) << " now " << int(now) << " actor "
                     << int(actor_actions));
        CHECK((now & ~was & ~actor_actions) == 0);
      }
    }
  }
  CHECK(evaluated == kSeeds * kRequestsPerState);
  CHECK(successes > 20);  // the generator does reach successful shares by non-administrators and others
}

TEST_CASE("properties: OCM share calls", "[properties]") {
  std::size_t ok = 0;
  for (std::uint32_t seed = 1; seed <= kSeeds; ++seed) {
    Gen gen(1000 + seed);
    const Json section = gen.ocm_state();
    const State state = load_or_fail(Json{{"ocm", section}});
    for (int i = 0; i < kRequestsPerState; ++i) {
      const Json rj = gen.ocm_request();
      const std::string context = "seed " + std::to_string(1000 + seed) + "\nstate " + section.dump() + "\nrequest " +
                                  rj.dump();
      auto req = request_from_json(rj);
      REQUIRE(req.ok());
      auto r = can_share(state, req.value());
      if (r.ok() && !r.value().changes.empty()) ++ok;
      check_share_invariants(state, req.value(), context);
    }
  }
  CHECK(ok > 20);
}

TEST_CASE("properties: Webex reassignments", "[properties]") {
  std::size_t moved_total = 0;
  for (std::uint32_t seed = 1; seed <= kSeeds; ++seed) {
    Gen gen(2000 + seed);
    const Json section = gen.webex_state();
    const State state = load_or_fail(Json{{"webex", section}});
    const std::string before = write_state(state);
    for (int i = 0; i < kRequestsPerState; ++i) {
      const Json rj = gen.webex_request();
      INFO("seed " << 2000 + seed << "\nstate " << section.dump() << "\nrequest " << rj.dump());
      const Request req = request_or_fail(rj);
      auto a = resolve_reassign(state, req);
      REQUIRE(a.ok());
      CHECK(write_state(state) == before);
      auto b = resolve_reassign(state, req);
      REQUIRE(b.ok());
      CHECK(result_to_text(a.value().result) == result_to_text(b.value().result));

      // Owners before and after, by recording id.
      const Json old_state = Json::parse(before), new_state = Json::parse(write_state(a.value().state));
      const Json& old_recs = old_state["webex"]["recordings"];
      const Json& new_recs = new_state["webex"]["recordings"];
      REQUIRE(old_recs.size() == new_recs.size());
      std::map<std::string, std::string> changed;  // id → new owner
      for (std::size_t k = 0; k < old_recs.size(); ++k) {
        REQUIRE(old_recs[k]["id"] == new_recs[k]["id"]);
        if (old_recs[k]["ownerId"] != new_recs[k]["ownerId"]) {
          changed[old_recs[k]["id"].get<std::string>()] = new_recs[k]["ownerId"].get<std::string>();
        }
      }
      const Result& result = a.value().result;
      REQUIRE(result.reassign.has_value());
      const auto& moved = result.reassign->moved;
      if (!result.ok) CHECK(moved.empty());
      CHECK(moved.size() == changed.size());
      CHECK(result.changes.size() == moved.size());
      std::set<std::string> moved_ids;
      for (const auto& m : moved) {
        CHECK(moved_ids.insert(m.id).second);  // each recording moves once
        REQUIRE(changed.count(m.id) == 1);
        CHECK(changed[m.id] == m.to);
        CHECK(m.from != m.to);
      }
      moved_total += moved.size();
      // Twice: everything chosen is now the destination's, so nothing moves the second time.
      auto twice = resolve_reassign(a.value().state, req);
      REQUIRE(twice.ok());
      CHECK(twice.value().result.changes.empty());
    }
  }
  CHECK(moved_total > 50);
}
