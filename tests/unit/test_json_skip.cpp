// json_reader::parse_kept checks a container that nothing reads inside (an unknown member, a kKind,
// kText or kCompact one) with the state scanner instead of nlohmann's lexer, whose token buffer kept
// every character of `[{},{},…]` (issue 16 item 4). It must accept exactly what the lexer accepts
// and fail with exactly its error (code, message with its line, column and last token, pointer):
// each text here is compared with parse_document, which keeps everything and so skips nothing.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "common/input_failure.h"
#include "common/json_reader.h"
#include "sharepolicy/limits.h"

using namespace sharepolicy;
using json_reader::Shape;

namespace {

const json_reader::Options kRequest{error_code::kRequestInvalid, limits::kMaxRequestBytes, "request"};

const Shape kWhole{Shape::kWhole}, kKind{Shape::kKind}, kText{Shape::kText}, kCompact{Shape::kCompact};
// "a" whole, "k" by its kind, "t" as text, "c" compact; any other member is not kept.
const Shape::Member kMembers[] = {{"a", &kWhole}, {"k", &kKind}, {"t", &kText}, {"c", &kCompact}, {nullptr, nullptr}};
const Shape kObject{Shape::kMembers, kMembers};

std::string outcome(std::string_view text, const json_reader::Options& options, const Shape* shape) {
  try {
    const Json v = shape ? json_reader::parse_kept(text, options, *shape) : json_reader::parse_document(text, options);
    return "ok";
  } catch (const InputFailure& f) {
    return f.error().to_json();
  }
}

// The same verdict as the whole-document reader, for every member name the container may be under.
void check_same_verdict(const std::string& text_with_X, const json_reader::Options& options = kRequest) {
  for (const char* name : {"x", "k", "t", "c"}) {
    std::string text = text_with_X;
    for (std::size_t at; (at = text.find("\"X\"")) != std::string::npos;)
      text.replace(at, 3, std::string("\"") + name + "\"");
    INFO(text.substr(0, 300));
    CHECK(outcome(text, options, &kObject) == outcome(text, options, nullptr));
  }
}

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

TEST_CASE("a skipped container: valid text reads as the lexer reads it", "[json_skip]") {
  for (const std::string text : std::vector<std::string>{
           R"({"X":[{},{},{}],"a":1})",
           "{\"X\" : [ {} ,\n{ \"p\" : [1, -0, 2.5e-3, 1E+2, true, false, null] } ] ,\n\"a\":[{}]}",
           R"({"X":{"\u0061":1,"b":{"c":[]}},"a":"z"})",
           R"({"X":["\ud83d\ude00","\"\\\/\b\f\n\r\t","é€😀"],"a":0})",
           R"({"X":[1e308,-1e308,1.5e-400,123456789012345678901234567890,-9223372036854775809]})",
           R"({"X":[[[[[]]]]],"X2":{"X":1}})",
           // Key sets of the levels a skip used are not the reader's: the same keys at those depths later.
           R"({"X":{"p":{"k":1,"\u006d":2}},"a":{"q":{"k":1,"m":2}}})",
       }) {
    check_same_verdict(text);
  }
}

TEST_CASE("a skipped container: an error inside it is the lexer's error", "[json_skip]") {
  for (const std::string text : std::vector<std::string>{
           R"({"X":[{},{},1e400],"a":1})",
           R"({"X":[{},{},-1e400]})",
           "{\"X\":[{},{},1" + std::string(400, '0') + "]}",
           R"({"X":[{},{}},"a":1})",
           R"({"X":[{"k":1,"k":2}]})",
           R"({"X":{"\u006b":1,"k":2}})",
           R"({"X":[01]})",
           R"({"X":[-]})",
           R"({"X":[1.]})",
           R"({"X":["\ud800"]})",
           R"({"X":["\udc00x"]})",
           R"({"X":["\x"]})",
           "{\"X\":[\"a\x01\"]}",
           "{\"X\":[\"\xff\"]}",
           "{\"X\":[\"\xed\xa0\x80\"]}",
           std::string("{\"X\":[{},\0{}]}", 14),
           R"({"X":[tru]})",
           R"({"X":[{},{})",
           R"({"X":[{},{}]            )",
           "{\"X\":[{},\n{},\n{]\n}",
           R"({"X":[{"a" 1}]})",
           R"({"X":{"a":1,}})",
           R"({"X":[1,]})",
       }) {
    check_same_verdict(text);
  }
}

TEST_CASE("a skipped container: an error after it is the lexer's error", "[json_skip]") {
  for (const std::string text : std::vector<std::string>{
           R"({"X":[{},{}],"a":tru})",
           "{\"X\":[{},\n{}],\n\"a\":[{},{}}",
           R"({"X":[{},{}]} x)",
           R"({"X":[{},{}]}])",
           R"({"X":[{},{}],"X":1})",
           std::string("{\"X\":[{},{}]}\0junk", 18),
           R"({"X":[{},{}],"a":[1,2)",
           R"({"X":[{},{}] "a":1})",
       }) {
    check_same_verdict(text);
  }
}

TEST_CASE("a skipped container: depth and string limits as the lexer's reader applies them", "[json_skip]") {
  const std::size_t limit = limits::kMaxNestingDepth;
  // The root object is one level: a member may open limit - 1 more.
  check_same_verdict("{\"X\":" + std::string(limit - 1, '[') + std::string(limit - 1, ']') + "}");
  check_same_verdict("{\"X\":" + std::string(limit, '[') + std::string(limit, ']') + "}");
  check_same_verdict("{\"a\":[{\"X\":" + std::string(limit - 3, '[') + std::string(limit - 3, ']') + "}]}");
  check_same_verdict("{\"a\":[{\"X\":" + std::string(limit - 2, '[') + std::string(limit - 2, ']') + "}]}");
  // Text this program wrote has no limits: deeper containers and longer strings are read.
  check_same_verdict("{\"X\":" + std::string(limit + 10, '[') + std::string(limit + 10, ']') + "}",
                     json_reader::kWrittenText);
  const std::string long_string = "[\"" + std::string(limits::kMaxStringBytes + 1, 'a') + "\"]";
  check_same_verdict("{\"X\":" + long_string + "}");
  check_same_verdict("{\"X\":" + long_string + "}", json_reader::kWrittenText);
}

TEST_CASE("a skipped container keeps what its shape asks for", "[json_skip]") {
  const std::string large = "[" + repeat("{},", 2000) + "{\"p\" : 1.50, \"q\":\"\\u0041\"}]";
  const std::string text = "{\"t\": " + large + " ,\"c\" :\n" + large + ",\"k\":" + large + ",\"x\":" + large +
                           ",\"a\":[1]}";
  const Json kept = json_reader::parse_kept(text, kRequest, kObject);
  const Json whole = json_reader::parse_document(text, kRequest);
  CHECK(json_reader::text_range(kept["t"], text) == std::optional<std::string_view>(large));
  CHECK(json_reader::json_text(kept["c"]) == std::optional<std::string_view>(whole["c"].dump()));
  CHECK(kept["k"] == Json::array());
  CHECK(kept["a"] == Json::array({1}));
  CHECK_FALSE(kept.contains("x"));
  const Json small = json_reader::parse_kept(R"({"c":[{"p":1.50}],"k":{"z":[]}})", kRequest, kObject);
  CHECK(small["c"] == Json::parse(R"([{"p":1.5}])"));
  CHECK(small["k"] == Json::object());
}
