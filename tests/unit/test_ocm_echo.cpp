// OCM's answer echoes userID and role as sent (ocm.md). A large container there is kept as its
// compact text, not a DOM (issue 16 item 4, docs/LIMITS.md "Requests"), and written as that text:
// the answer must be byte for byte what the DOM gave. The DOM is the oracle here: the same request
// read whole (request_from_json of a parsed document, as every request was read before) must
// answer the same text.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "common/json_reader.h"
#include "fixture_support.h"
#include "sharepolicy/engine.h"
#include "sharepolicy/limits.h"
#include "sharepolicy/request.h"
#include "test_support.h"

using namespace sharepolicy;

namespace {

// Values whose dump() differs from their text: white space, escapes nlohmann writes otherwise or
// not at all, numbers it writes back otherwise (-0, fractions, exponents, past 64 bits).
const std::vector<std::string> kScalars = {R"("viewer")",
                                           R"("")",
                                           R"("a, b ,,c")",
                                           "\"\xC3\xA9\xF0\x9F\x98\x80\"",
                                           R"("\u00e9\ud83d\ude00")",
                                           R"("a\/b")",
                                           R"("\"\\")",
                                           R"("\u0001\u001f\b\t\n\f\r")",
                                           R"("\u007f\u0041\u005C")",
                                           "0",
                                           "-0",
                                           "7",
                                           "-12",
                                           "1.0",
                                           "1.50",
                                           "1e2",
                                           "1E+2",
                                           "-1.5e-3",
                                           "0e0",
                                           "-0.0",
                                           "123456789012345678",
                                           "-123456789012345678",
                                           "1234567890123456789",
                                           "18446744073709551615",
                                           "18446744073709551616",
                                           "-9223372036854775808",
                                           "-9223372036854775809",
                                           "5e-324",
                                           "1e308",
                                           "true",
                                           "false",
                                           "null",
                                           R"("\u0000\uD83D\uDE00\u00E9\u20ac\u0800\u07ff\u0080")",
                                           "9223372036854775807",
                                           "-9223372036854775807",
                                           "18446744073709551614",
                                           "0.0",
                                           "1e-400",
                                           "123456789012345678901234567890",
                                           "-0e-0"};

const std::vector<std::string> kContainers = {"[]",
                                              "{ }",
                                              "[ 1 , 2 ,3 ]",
                                              "{\"a\" : 1 , \"b\":[ {\"c\" : \"\\u00e9\"} ]}",
                                              "{\"\\u00e9\\\"k\": \"v\", \"x\": -0, \"y\": 1.50e1}",
                                              "[\n\t\"x\" ,\r\n true , null,false, {\"k\":[ ]} ]",
                                              std::string(200, '[') + std::string(200, ']')};

// Every scalar and container once in a list, and each repeated in a list past kCompactAbove.
std::vector<std::string> values_to_echo() {
  std::vector<std::string> out;
  std::string all = "[ ";
  for (const auto* list : {&kScalars, &kContainers}) {
    for (const std::string& v : *list) {
      out.push_back(v);
      all += v + " ,\n ";
      std::string repeated = "[" + v;
      while (repeated.size() <= json_reader::Shape::kCompactAbove) repeated += " ,\n\t" + v;
      out.push_back(repeated + " ]");
    }
  }
  out.push_back(all + "{} ]");
  std::string object = "{";
  for (std::size_t i = 0; object.size() <= json_reader::Shape::kCompactAbove; ++i) {
    object += (i ? " , \"k" : " \"k") + std::to_string(i) + "\" : " + kScalars[i % kScalars.size()];
  }
  out.push_back(object + "}");
  return out;
}

Json read_member(const std::string& value) {
  static const json_reader::Shape kCompact{json_reader::Shape::kCompact};
  static const json_reader::Shape::Member kMembers[] = {{"v", &kCompact}, {nullptr, nullptr}};
  static const json_reader::Shape kObject{json_reader::Shape::kMembers, kMembers};
  return json_reader::parse_kept("{\"v\" :\n " + value + " }", {error_code::kRequestInvalid, 1 << 20, "request"},
                                 kObject)["v"];
}

constexpr const char* kPath = "/documents/api/1.2/shares/F1321DC48E3B123D02DBEE88T0000000000100000001";
constexpr const char* kActor = "U7ECC74059E0FEDFEC66BF5AT00000000002";

}  // namespace

TEST_CASE("a kCompact container past kCompactAbove is its compact text, as dump() writes it", "[ocm][echo]") {
  for (const std::string& value : values_to_echo()) {
    INFO(value.substr(0, 200));
    const Json kept = read_member(value);
    const Json dom = Json::parse(value);
    const auto text = json_reader::json_text(kept);
    if (dom.is_primitive()) {
      CHECK(kept == dom);  // a scalar as it is
    } else if (value.size() > json_reader::Shape::kCompactAbove) {
      REQUIRE(text.has_value());
      CHECK(*text == dom.dump());
    } else {
      CHECK_FALSE(text.has_value());
      CHECK(kept == dom);
    }
  }
}

TEST_CASE("kCompactAbove bytes of text are a DOM, one more its text", "[ocm][echo]") {
  std::string at_limit = "[\"";
  at_limit += std::string(json_reader::Shape::kCompactAbove - 4, 'x') + "\"]";
  REQUIRE(at_limit.size() == json_reader::Shape::kCompactAbove);
  CHECK(read_member(at_limit).is_array());
  const Json past = read_member(at_limit.substr(0, 1) + " " + at_limit.substr(1));
  REQUIRE(json_reader::json_text(past).has_value());
  CHECK(*json_reader::json_text(past) == at_limit);
}

TEST_CASE("OCM echoes a large userID or role as the DOM did, byte for byte", "[ocm][echo]") {
  const State state = test_support::load(fixtures::sample("ocm.json"));
  std::size_t as_text = 0;
  for (const std::string& value : values_to_echo()) {
    const std::vector<std::string> bodies = {"{\"userID\": " + value + ", \"role\": \"viewer\"}",
                                             "{\"userID\": \"U7ECC74059E0FEDFEC66BF5AT00000000001\", \"role\" :" +
                                                 value + "}",
                                             "{\"userID\": " + value + "}",
                                             "{\"role\": " + value + ", \"userID\": " + value + "}"};
    for (const std::string& body : bodies) {
      for (const std::string& method : {"PUT", "POST"}) {
        const std::string path = std::string(kPath) + (method == "PUT" ? "/role" : "");
        const std::string http = "{\"method\":\"" + method + "\",\"path\":\"" + path + "\",\"body\":";
        const std::string actor = std::string("{\"actor\":\"") + kActor + "\",\"http\":";
        // The body as a JSON value, and as raw text (a string the vendor parses).
        for (const std::string& text : {actor + http + body + "}}", actor + http + Json(body).dump() + "}}"}) {
          INFO(text.substr(0, 300));
          const Request kept = test_support::request(text);
          const Request whole = test_support::required(request_from_json(Json::parse(text)), "DOM request");
          const Result a = test_support::required(can_share(state, kept), "kept");
          const Result b = test_support::required(can_share(state, whole), "whole");
          CHECK(result_to_text(a) == result_to_text(b));
          const Json& echoed = a.response.at("body");
          if (echoed.contains("role") && json_reader::json_text(echoed["role"])) ++as_text;
          if (echoed.contains("user") && json_reader::json_text(echoed["user"]["id"])) ++as_text;
        }
      }
    }
  }
  CHECK(as_text > 100);  // the large values did take the text's path
}
