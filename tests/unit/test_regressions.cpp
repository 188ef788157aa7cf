// Regressions found by the hostile-input catalog and the fuzzers (tests/hostile/, fuzz/). Each test
// holds its input inline (or the few lines that generate it) and names what was wrong.
#include <catch2/catch.hpp>
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "sharepolicy/engine.h"
#include "sharepolicy/request.h"
#include "test_support.h"

using namespace sharepolicy;

namespace {

// The time to load `text`, which must load. Linear work here takes well under a second even under
// ASan; the quadratic versions took minutes.
double load_seconds(const std::string& text) {
  const auto start = std::chrono::steady_clock::now();
  auto s = load_state(text);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!s.ok()) FAIL("state did not load: " << s.error().to_json());
  return seconds;
}

std::string unknown_members(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += ",\"k" + std::to_string(i) + "\":" + std::to_string(i);
  return out;
}

constexpr int kManyKeys = 100000;
constexpr double kBoundSeconds = 30;  // quadratic: 100k keys took minutes (20k: 5–70 s)

}  // namespace

// Found by the hostile catalog ("100k unknown keys"): unknown keys were added to ordered_json with
// operator[], a linear search per key, and a section's extras were copied whole for every unknown
// member: a 2 MB state took minutes to load (CPU denial of service).
TEST_CASE("regression: 100k unknown top-level keys load in linear time", "[regression]") {
  const std::string text = "{\"schema\":\"share-policy/state@1\"" + unknown_members(kManyKeys) + "}";
  CHECK(load_seconds(text) < kBoundSeconds);
  // And they survive the round trip, in order.
  auto s = load_state(text);
  REQUIRE(s.ok());
  // Checked with nlohmann::json (a std::map): ordered_json's own inserts are linear per key.
  const std::string written = write_state(s.value());
  const nlohmann::json back = nlohmann::json::parse(written);
  CHECK(back.size() == kManyKeys + 1);
  CHECK(written.rfind("{\"schema\":", 0) == 0);
  const std::string last = ",\"k" + std::to_string(kManyKeys - 1) + "\":" + std::to_string(kManyKeys - 1) + "}";
  CHECK(written.substr(written.size() - last.size()) == last);
}

TEST_CASE("regression: 100k unknown keys in a section load in linear time", "[regression]") {
  for (const char* section : {"hmp", "webex", "ocm"}) {
    INFO(section);
    const std::string text = std::string("{\"") + section + "\":{\"first\":true" + unknown_members(kManyKeys) + "}}";
    CHECK(load_seconds(text) < kBoundSeconds);
    auto s = load_state(text);
    REQUIRE(s.ok());
    const nlohmann::json back = nlohmann::json::parse(write_state(s.value()));
    CHECK(back[section].size() == kManyKeys + 1);
  }
}

TEST_CASE("regression: 100k unknown keys in an element load in linear time", "[regression]") {
  const std::string text =
      R"({"ocm":{"users":[{"id":"U1","loginName":"a","displayName":"A","provisioningStatus":"active")" +
      unknown_members(kManyKeys) + "}]}}";
  CHECK(load_seconds(text) < kBoundSeconds);
  auto s = load_state(text);
  REQUIRE(s.ok());
  const nlohmann::json back = nlohmann::json::parse(write_state(s.value()));
  CHECK(back["ocm"]["users"][0].size() == kManyKeys + 4);
}

TEST_CASE("regression: duplicate unknown keys are still rejected after the linear-time change", "[regression]") {
  for (const char* text :
       {R"({"x":1,"x":2})", R"({"hmp":{"x":1,"x":2}})", R"({"ocm":{"users":[{"id":"U","x":1,"x":2}]}})"}) {
    INFO(text);
    auto s = load_state(text);
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().code == "STATE_INVALID");
  }
}

// Found by fuzz_pipeline (long run): a path parameter whose %XX escapes decode to bytes that are not
// UTF-8 ("%E9") was echoed into the OCM 404 body, and serializing the result threw. The parameter
// is now kept as written when its escapes do not decode to UTF-8.
TEST_CASE("regression: a percent-escape that decodes to invalid UTF-8 stays as written", "[regression]") {
  const State s = test_support::load(
      R"({"ocm":{"users":[{"id":"U1","loginName":"userAA","displayName":"A","provisioningStatus":"active"}]}})");
  const Result r = test_support::check(
      s,
      R"({"actor":"userAA","http":{"method":"PUT","path":"/documents/api/1.2/shares/F2CCC%E9DD/role","body":{"userID":"U1","role":"manager"}}})");
  CHECK(r.response.at("status") == 404);
  CHECK(r.response.at("body").at("id") == "F2CCC%E9DD");
  CHECK_NOTHROW(result_to_text(r));
  // A valid escape still decodes.
  const Result decoded = test_support::check(
      s,
      R"({"actor":"userAA","http":{"method":"PUT","path":"/documents/api/1.2/shares/F%C3%A9/role","body":{"userID":"U1","role":"manager"}}})");
  CHECK(decoded.response.at("body").at("id") == "F\xC3\xA9");
}

// Issue 16 item 4: the key sets became 4-byte offsets into the text (state) and an index of the
// members (request). A duplicate must still be found wherever it falls in a big object: before and
// after the table's first growth, written with or without escapes, in every reader of the state.
TEST_CASE("regression: duplicates in big objects, escaped or not, past every table growth", "[regression]") {
  for (const int n : {15, 16, 17, 40, 97, 5000}) {
    for (const int dup : {0, n / 2, n - 1}) {
      std::string plain;
      std::string escaped;  // the same names with their first letter as \u006b ('k')
      for (int i = 0; i < n; ++i) {
        plain += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":0";
        escaped += (i ? ",\"\\u006b" : "\"\\u006b") + std::to_string(i) + "\":0";
      }
      const std::string again = ",\"k" + std::to_string(dup) + "\":1";
      const std::string again_escaped = ",\"\\u006b" + std::to_string(dup) + "\":1";
      const std::string element =
          R"({"ocm":{"users":[{"id":"U","loginName":"a","displayName":"A","provisioningStatus":"active",)";
      for (const auto& [text, pointer] : std::vector<std::pair<std::string, std::string>>{
               {"{\"x\":{" + plain + again + "}}", "/x/k" + std::to_string(dup)},
               {"{\"x\":{" + escaped + again + "}}", "/x/k" + std::to_string(dup)},
               {"{\"x\":{" + plain + again_escaped + "}}", "/x/k" + std::to_string(dup)},
               {"{" + plain + again + "}", "/k" + std::to_string(dup)},
               {"{\"hmp\":{" + plain + again + "}}", "/hmp/k" + std::to_string(dup)},
               {element + escaped + again + "}]}}", "/ocm/users/0/k" + std::to_string(dup)},
           }) {
        INFO(n << " keys, duplicate of " << dup << ": " << text.substr(0, 120));
        auto s = load_state(text);
        REQUIRE_FALSE(s.ok());
        CHECK(s.error().code == "STATE_INVALID");
        CHECK(s.error().pointer == pointer);
      }
      CHECK(load_state("{\"x\":{" + plain + "},\"y\":{" + escaped + "}}").ok());
      CHECK(load_state(element + escaped + "}]}}").ok());
      // A request's DOM: the same object in an unknown member and in a body.
      auto dup_request = parse_request("{\"cli\":\"x\",\"x\":{" + escaped + again + "}}");
      REQUIRE_FALSE(dup_request.ok());
      CHECK(dup_request.error().pointer == "/x/k" + std::to_string(dup));
      CHECK(parse_request("{\"cli\":\"x\",\"x\":{" + plain + "}}").ok());
    }
  }
}
