// A step's `expect` keeps each member compact: one of more than 4096 bytes of text as that text, not
// as a DOM (issue 16 item 4: an expect of 3 000 000 {} was a DOM of about 40 times its text), and the
// package compares expect with the result's text without a DOM of either. The verdicts and the lines
// must be those of nlohmann's == on DOMs: each case is compared with compare_expectation on the
// result's DOM and the whole expect parsed as a DOM.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "fixture_support.h"
#include "sharepolicy/scenario.h"
#include "sharepolicy/text_api.h"

using namespace sharepolicy;

namespace {

// An OCM role edit whose answer echoes userID: `ids` (JSON text).
std::string edit_role(const std::string& ids) {
  return R"({"actor":"U7ECC74059E0FEDFEC66BF5AT00000000002","http":{"method":"PUT",)"
         R"("path":"/documents/api/1.2/shares/F1321DC48E3B123D02DBEE88T0000000000100000001/role",)"
         R"("body":{"userID":)" +
         ids + R"(,"role":"viewer"}}})";
}

std::string numbers(std::size_t n, const char* suffix) {
  std::string out = "[";
  for (std::size_t i = 0; i < n; ++i) out += (i ? "," : "") + std::to_string(i) + suffix;
  return out + "]";
}

}  // namespace

TEST_CASE("expect kept as text: the package's lines are compare_expectation's on DOMs", "[scenario][expect]") {
  const std::string ids = numbers(2000, ".0");  // 12 KB: kept as text in the request and the expect
  const std::string scenario_head = "{\"state\":" + fixtures::sample("ocm.json") +
                                    ",\"steps\":[{\"request\":" + edit_role(ids);
  const Json first = Json::parse(text::run_scenario(scenario_head + "}]}"));
  const Json result = first.at("result").at(0).at("result");
  const Json response = result.at("response");
  REQUIRE(response.at("body").at("user").at("id").size() == 2000);

  Json changed = response;
  changed["body"]["user"]["id"][1500] = "x";
  Json as_integers = response;
  as_integers["body"]["user"]["id"] = Json::parse(numbers(2000, ""));  // 1 equals 1.0
  Json reordered = Json::object();
  for (auto it = response.rbegin(); it != response.rend(); ++it) reordered[it.key()] = it.value();
  const std::vector<Json> expects = {
      Json{{"ok", false}},
      Json{{"response", response}},
      Json{{"response", changed}},
      Json{{"response", as_integers}},
      Json{{"response", reordered}},  // ordered: not equal
      Json{{"response", Json{{"status", 400}}}},
      Json{{"x", Json::parse(ids)}, {"ok", true}},
      Json{{"error", response}},
  };
  for (const Json& expect : expects) {
    const std::string text = scenario_head + ",\"expect\":" + expect.dump() + "}]}";
    INFO(expect.dump().substr(0, 200));
    auto parsed = parse_scenario(text);
    REQUIRE(parsed.ok());
    for (const auto& member : parsed.value().steps[0].expect->items())
      CHECK(expected_text(member.value()).has_value() == (member.value().dump().size() > 4096));
    const Json answer = Json::parse(text::run_scenario(text));
    const Json got = answer.at("result").at(0);
    CHECK(got.at("mismatches") == Json(compare_expectation(got.at("result"), expect)));
    // The C++ API reads the same scenario: its lines are the same.
    auto outcomes = run_scenario(parsed.value());
    REQUIRE(outcomes.ok());
    CHECK(Json(outcomes.value()[0].mismatches) == got.at("mismatches"));
    const auto differences = first_differences(got.at("result"), expect);
    const auto kept = first_differences(got.at("result"), parse_scenario(text).value().steps[0].expect);
    REQUIRE(kept.size() == differences.size());
    for (std::size_t i = 0; i < kept.size(); ++i) {
      CHECK(kept[i].pointer == differences[i].pointer);
      CHECK(kept[i].expected == differences[i].expected);
      CHECK(kept[i].actual == differences[i].actual);
    }
  }
}

TEST_CASE("equal_json_texts is nlohmann's == on the values the texts hold", "[scenario][expect]") {
  const std::vector<std::pair<std::string, std::string>> pairs = {
      {"1", "1.0"},
      {"-0.0", "0"},
      {"[1,2]", "[1.0,2.0]"},
      {"{\"a\":1}", "{\"a\":1.0}"},
      {"[1,2]", "[2,1]"},
      {"{\"a\":1,\"b\":2}", "{\"b\":2,\"a\":1}"},
      {"\"1\"", "1"},
      {"[]", "[[]]"},
      {"[1]", "[1,2]"},
      {"18446744073709551615", "1.8446744073709552e19"},
      {"\"a\\\"b\"", "\"a\\\"b\""},
      {"null", "false"},
      {"{\"a\":[]}", "{\"a\":{}}"},
      {"1e2", "100"},
  };
  for (const auto& [a, b] : pairs) {
    INFO(a << " vs " << b);
    const Json x = Json::parse(a), y = Json::parse(b);
    CHECK(equal_json_texts(x.dump(), y.dump()) == (x == y));
  }
}
