// LoadedState::can_share_batch (the package's canShareBatch): every item equals what can_share
// answers for the same request — the decision members of its result, or its input error — and a
// batch that is not an array of requests is one error.
#include <catch2/catch.hpp>
#include <string>

#include "fixture_support.h"
#include "sharepolicy/limits.h"
#include "sharepolicy/text_api.h"

using sharepolicy::Json;
using sharepolicy::text::LoadedState;

namespace {

// What a batch item must be, derived from can_share's envelope for the same request.
Json expected_item(const LoadedState& loaded, const Json& request) {
  const Json envelope = Json::parse(loaded.can_share(request.dump()));
  if (envelope.contains("error")) return Json{{"ok", false}, {"inputError", envelope["error"]}};
  const Json& r = envelope["result"];
  return Json{{"ok", r["ok"]}, {"response", r["response"]}, {"error", r["error"]}};
}

Json batch(const LoadedState& loaded, const std::string& text) { return Json::parse(loaded.can_share_batch(text)); }

LoadedState loaded_from(const std::string& state_text) {
  LoadedState loaded;
  REQUIRE(loaded.load(state_text) == R"({"result":null})");
  return loaded;
}

}  // namespace

TEST_CASE("batch: every golden fixture's request decides as can_share does", "[batch]") {
  std::size_t checked = 0;
  for (const auto& path : fixtures::all()) {
    const Json fixture = Json::parse(fixtures::read_file(path));
    LoadedState loaded;
    if (loaded.load(fixtures::state_text(fixture)) != R"({"result":null})") continue;  // the state-error fixtures
    INFO(path.filename().string());
    const Json& request = fixture.at("request");
    // The same request three times (a batch answers each in order, independently), plus one that
    // is not an object, so that an input error sits between decisions.
    const Json requests = Json::array({request, 42, request, request});
    const Json got = batch(loaded, requests.dump());
    REQUIRE(got.contains("result"));
    REQUIRE(got["result"].size() == 4);
    const Json want = expected_item(loaded, request);
    CHECK(got["result"][0] == want);
    CHECK(got["result"][2] == want);
    CHECK(got["result"][3] == want);
    CHECK(got["result"][1] == expected_item(loaded, 42));
    ++checked;
  }
  CHECK(checked >= 15);
}

TEST_CASE("batch: the item of a denied share carries the vendor error and nothing else", "[batch]") {
  const LoadedState loaded = loaded_from(fixtures::sample("hmp.json"));
  const Json unknown_user = {{"actor", "admin"},
                             {"cli",
                              "shareRecordingWithUser nobody-at-all WATCH f678f415-0665-48cd-b141-1e95283469f1"}};
  const Json got = batch(loaded, Json::array({unknown_user}).dump());
  const Json& item = got["result"][0];
  // The full call suggests a fix (a "did you mean" over every username); the batch does not compute it.
  const Json full = Json::parse(loaded.can_share(unknown_user.dump()));
  REQUIRE(full["result"]["error"]["code"] == "040004");
  CHECK(full["result"].contains("fix"));
  CHECK(item == Json{{"ok", false},
                     {"response", {{"line", "ERROR|040004|User not found"}}},
                     {"error", {{"code", "040004"}, {"name", "UserNotFound"}, {"message", "User not found"}}}});
  CHECK(item == expected_item(loaded, unknown_user));
}

TEST_CASE("batch: a reassignment in a batch is WRONG_ENTRY_POINT for that item only", "[batch]") {
  const LoadedState loaded = loaded_from(fixtures::sample("combined.json"));
  const Json reassign = {
      {"actor", "nobody"},
      {"scopes", Json::array({"spark-admin:recordings_write"})},
      {"http", {{"method", "POST"}, {"path", "/v1/convergedRecordings/reassign"}, {"body", Json::object()}}}};
  const Json got = batch(loaded, Json::array({reassign}).dump());
  const Json& item = got["result"][0];
  CHECK(item["ok"] == false);
  CHECK(item["inputError"]["code"] == "WRONG_ENTRY_POINT");
  CHECK(item == expected_item(loaded, reassign));
}

TEST_CASE("batch: an empty batch answers an empty list", "[batch]") {
  const LoadedState loaded = loaded_from(fixtures::sample("hmp.json"));
  CHECK(batch(loaded, "[]") == Json{{"result", Json::array()}});
}

TEST_CASE("batch: a batch that is not an array of requests is one error with a pointer", "[batch]") {
  const LoadedState loaded = loaded_from(fixtures::sample("hmp.json"));
  SECTION("an object") {
    const Json got = batch(loaded, R"({"actor":"admin","cli":"x"})");
    CHECK(got["error"]["code"] == "REQUEST_INVALID");
    CHECK(got["error"]["pointer"] == "");
  }
  SECTION("malformed JSON inside the third request") {
    const Json got = batch(loaded, R"([{}, {}, {"actor": tru}])");
    CHECK(got["error"]["code"] == "REQUEST_INVALID");
    CHECK(got["error"]["pointer"] == "/2/actor");
  }
  SECTION("empty text") {
    const Json got = batch(loaded, "");
    CHECK(got["error"]["code"] == "REQUEST_INVALID");
  }
  SECTION("more requests than kMaxBatchRequests") {
    std::string text = "[";
    for (std::size_t i = 0; i <= sharepolicy::limits::kMaxBatchRequests; ++i) text += i ? ",{}" : "{}";
    text += "]";
    const Json got = batch(loaded, text);
    CHECK(got["error"]["code"] == "LIMIT_EXCEEDED");
    CHECK(got["error"]["pointer"] == "/" + std::to_string(sharepolicy::limits::kMaxBatchRequests));
  }
}

namespace {

// The outcome code decide_rows must give a request, from can_share_batch's item for it.
std::int32_t expected_code(const LoadedState& loaded, const Json& request) {
  const Json item = batch(loaded, Json::array({request}).dump())["result"][0];
  if (item.contains("inputError")) return sharepolicy::text::kBatchInputError;
  return item["ok"].get<bool>() ? sharepolicy::text::kBatchAllowed : sharepolicy::text::kBatchDenied;
}

// A request as a fast row: {"actor"?,"cli"} objects without JSON, everything else as its text.
sharepolicy::text::BatchRow row_of(const Json& request, std::vector<std::string>& keep) {
  sharepolicy::text::BatchRow row;
  const bool cli_only = request.is_object() && request.contains("cli") && request["cli"].is_string() &&
                        request.size() == (request.contains("actor") ? 2u : 1u) &&
                        (!request.contains("actor") || request["actor"].is_string() || request["actor"].is_null());
  if (!cli_only) {
    keep.push_back(request.dump());
    row.text = keep.back();
    row.is_json = true;
    return row;
  }
  keep.push_back(request["cli"].get<std::string>());
  row.text = keep.back();
  if (request.contains("actor") && request["actor"].is_string()) {
    keep.push_back(request["actor"].get<std::string>());
    row.actor = keep.back();
  }
  return row;
}

}  // namespace

TEST_CASE("batch: decide_rows gives each row the outcome of its can_share_batch item", "[batch]") {
  std::size_t checked = 0;
  for (const auto& path : fixtures::all()) {
    const Json fixture = Json::parse(fixtures::read_file(path));
    LoadedState loaded;
    if (loaded.load(fixtures::state_text(fixture)) != R"({"result":null})") continue;
    INFO(path.filename().string());
    const Json& request = fixture.at("request");
    Json without_actor = request;
    if (without_actor.is_object()) without_actor.erase("actor");
    const Json long_line = {{"actor", "admin"}, {"cli", std::string(sharepolicy::limits::kMaxCliLineBytes + 1, 'x')}};
    const std::vector<Json> requests = {request, 42, without_actor, long_line, Json{{"cli", 7}}};
    std::vector<std::string> keep;
    keep.reserve(16);  // the rows view these strings
    std::vector<sharepolicy::text::BatchRow> rows;
    for (const Json& r : requests) rows.push_back(row_of(r, keep));
    std::vector<std::int32_t> codes;
    REQUIRE(loaded.decide_rows(rows, codes) == R"({"result":5})");
    REQUIRE(codes.size() == requests.size());
    for (std::size_t i = 0; i < requests.size(); ++i) {
      INFO("row " << i);
      CHECK(codes[i] == expected_code(loaded, requests[i]));
    }
    ++checked;
  }
  CHECK(checked >= 15);
  const LoadedState loaded = loaded_from(fixtures::sample("hmp.json"));
  std::vector<std::int32_t> codes;
  const std::vector<sharepolicy::text::BatchRow> too_many(sharepolicy::limits::kMaxBatchRequests + 1);
  CHECK(Json::parse(loaded.decide_rows(too_many, codes))["error"]["code"] == "LIMIT_EXCEEDED");
}
