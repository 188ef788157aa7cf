// The CLI's text-only JSON (core/cli/compact_json, step_texts): re-indenting compact text must give
// dump(2)'s bytes, and comparing text with a DOM must give nlohmann's == and scenario.h's
// first_differences, with the DOM as the oracle (issue 16 item 4: the CLI builds no DOM of a result).
#include <catch2/catch.hpp>

#include <random>
#include <sstream>

#include "compact_json.h"
#include "fixture_support.h"
#include "sharepolicy/engine.h"
#include "sharepolicy/scenario.h"
#include "step_texts.h"

using namespace sharepolicy;
using sharepolicy::cli::equal;
using sharepolicy::cli::pretty;

namespace {

// Random JSON that dump() writes in every way it can: nested and empty containers, keys and
// strings with quotes, backslashes, control characters and non-ASCII text, numbers of each kind.
class RandomJson {
 public:
  explicit RandomJson(unsigned seed) : rng_(seed) {}

  Json value(int depth) {
    switch (pick(depth > 0 ? 9 : 6)) {
      case 0: return nullptr;
      case 1: return pick(2) == 0;
      case 2: return static_cast<std::int64_t>(pick(2001)) - 1000;
      case 3: return static_cast<double>(static_cast<std::int64_t>(pick(2001)) - 1000) / (1 + pick(8));
      case 4: return pick(2) ? Json(std::uint64_t{18446744073709551615u} - pick(10)) : Json(-0.0);
      case 5: return text();
      case 6:
      case 7: {
        Json o = Json::object();
        for (std::size_t i = 0, n = pick(5); i < n; ++i) o[text()] = value(depth - 1);
        return o;
      }
      default: {
        Json a = Json::array();
        for (std::size_t i = 0, n = pick(5); i < n; ++i) a.push_back(value(depth - 1));
        return a;
      }
    }
  }

  // A value like `v` that may differ in small ways: a number of the other kind, a member dropped or
  // moved, an element added, a string changed.
  Json mutated(const Json& v) {
    if (pick(4) != 0) {
      if (v.is_object()) {
        Json o = Json::object();
        for (const auto& m : v.items()) o[m.key()] = mutated(m.value());
        if (!o.empty() && pick(6) == 0) o.erase(o.begin());
        if (o.size() > 1 && pick(6) == 0) {  // the first member moved last: equal as a set, not in order
          const std::string k = o.begin().key();
          Json first = o.begin().value();
          o.erase(o.begin());
          o[k] = first;
        }
        if (pick(8) == 0) o[text()] = value(1);
        return o;
      }
      if (v.is_array()) {
        Json a = Json::array();
        for (const Json& e : v) a.push_back(mutated(e));
        if (pick(8) == 0) a.push_back(value(1));
        if (!a.empty() && pick(8) == 0) a.erase(a.size() - 1);
        return a;
      }
    }
    if (v.is_number_integer() && pick(3) == 0) return static_cast<double>(v.get<std::int64_t>());
    if (v.is_number_float() && pick(3) == 0 &&
        v.get<double>() == static_cast<double>(static_cast<std::int64_t>(v.get<double>())))
      return static_cast<std::int64_t>(v.get<double>());
    if (pick(12) == 0) return value(1);
    return v;
  }

 private:
  std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_); }
  std::string text() {
    static const char* const kPieces[] = {"a", "b", "\"", "\\", "\\\"", "\n", "\x01", "\x1f", "é",    "€",
                                          "/", "{", "}",  "[",  "]",    ",",  ":",    " ",    "\"\\", "\\\\\""};
    std::string s;
    for (std::size_t i = 0, n = pick(5); i < n; ++i) s += kPieces[pick(sizeof kPieces / sizeof *kPieces)];
    return s;
  }
  std::mt19937 rng_;
};

Expected<Result> evaluate(const Json& fx) {
  auto state = load_state(fixtures::state_text(fx));
  if (!state.ok()) return state.error();
  auto request = request_from_json(fx.at("request"));
  if (!request.ok()) return request.error();
  const std::string entry = fx.at("entry");
  if (entry == "canShare") return can_share(state.value(), request.value());
  auto applied = entry == "applyShare" ? apply_share(state.value(), request.value())
                                       : resolve_reassign(state.value(), request.value());
  if (!applied.ok()) return applied.error();
  return applied.value().result;
}

std::string through_json_out(const std::vector<std::string>& pieces, bool pretty_output) {
  std::ostringstream out;
  cli::JsonOut writer(out, pretty_output);
  for (const std::string& piece : pieces) writer.write(piece);
  return out.str();
}

}  // namespace

TEST_CASE("pretty() gives dump(2)'s bytes for every golden fixture and its result", "[cli][pretty]") {
  const auto files = fixtures::all();
  REQUIRE(files.size() >= 10);
  std::size_t results = 0;
  for (const auto& file : files) {
    const Json fx = Json::parse(fixtures::read_file(file));
    CHECK(pretty(fx.dump()) == fx.dump(2));
    auto result = evaluate(fx);
    if (!result.ok()) continue;
    ++results;
    INFO(file.filename().string());
    CHECK(pretty(result_to_text(result.value())) == result_to_json(result.value()).dump(2));
  }
  CHECK(results >= 10);
}

TEST_CASE("pretty() gives dump(2)'s bytes for random JSON", "[cli][pretty]") {
  RandomJson random(20261129);
  for (int i = 0; i < 3000; ++i) {
    const Json v = random.value(4);
    INFO(v.dump());
    REQUIRE(pretty(v.dump()) == v.dump(2));
  }
  for (const char* text :
       {"{}", "[]", "[{}]", "{\"\":[]}", "[[],{},[[]],{\"a\":{}}]", "\"\\\\\"", "\"a\\\"b\"", "0", "null"}) {
    CHECK(pretty(text) == Json::parse(text).dump(2));
  }
}

TEST_CASE("JsonOut writes pieces as dump() and dump(2) write their array, cut in 64 KiB pieces", "[cli][pretty]") {
  RandomJson random(7);
  Json all = Json::array();
  std::vector<std::string> pieces{"["};
  std::size_t compact_bytes = 2;  // all.dump().size(), counted as it grows (dumping it each time was most of the test)
  while (compact_bytes < 300 * 1024) {
    const Json v = random.value(4);
    if (all.size() > 0) pieces.push_back(",");
    pieces.push_back(v.dump());
    compact_bytes += pieces.back().size() + (all.size() > 0 ? 1 : 0);
    all.push_back(v);
  }
  REQUIRE(all.dump().size() == compact_bytes);
  pieces.push_back("]\n");
  CHECK(through_json_out(pieces, false) == all.dump() + "\n");
  CHECK(through_json_out(pieces, true) == all.dump(2) + "\n");
  CHECK(through_json_out({"[", "]\n"}, true) == "[]\n");
}

TEST_CASE("equal() on text is nlohmann's == on the DOM", "[cli][compare]") {
  RandomJson random(42);
  std::size_t same = 0, different = 0;
  for (int i = 0; i < 5000; ++i) {
    const Json actual = random.value(4);
    const Json expected = random.mutated(actual);
    INFO(actual.dump() << " vs " << expected.dump());
    const bool oracle = actual == expected;
    REQUIRE(equal(actual.dump(), expected) == oracle);
    (oracle ? same : different) += 1;
  }
  CHECK(same > 500);
  CHECK(different > 500);
  CHECK(equal("1", Json(1.0)));
  CHECK(equal("-0.0", Json(0)));
  CHECK_FALSE(equal("{\"a\":1,\"b\":2}", Json::parse("{\"b\":2,\"a\":1}")));  // ordered_json: order counts
}

namespace {
// The CLI's differences and updated expect, from the result's text and `expect_read` (the expect
// as a scenario is read), against the DOM's: first_differences on `expect` itself.
void check_text_against_dom(const Json& result, const Json& expect_read, const Json& expect) {
  const auto dom = first_differences(result, expect);
  const auto text = cli::text_differences(result.dump(), expect_read, std::nullopt);
  REQUIRE(text.size() == dom.size());
  Json updated = expect;
  for (std::size_t k = 0; k < dom.size(); ++k) {
    CHECK(text[k].pointer == dom[k].pointer);
    CHECK(text[k].member == dom[k].member);
    CHECK(text[k].expected == (dom[k].expected ? std::optional<std::string>(dom[k].expected->dump()) : std::nullopt));
    CHECK(text[k].actual == (dom[k].actual ? std::optional<std::string>(dom[k].actual->dump()) : std::nullopt));
    auto got = result.find(dom[k].member);
    if (got == result.end()) updated.erase(dom[k].member);
    else updated[dom[k].member] = *got;
  }
  CHECK(cli::updated_expect(expect_read, result.dump(), text) == updated.dump());
}
}  // namespace

TEST_CASE("text_differences and updated_expect agree with the DOM's", "[cli][compare]") {
  RandomJson random(99);
  for (int i = 0; i < 3000; ++i) {
    Json result = random.value(4);
    if (!result.is_object()) result = Json{{"ok", result}};
    Json expect = random.mutated(result);
    if (!expect.is_object()) expect = Json{{"ok", expect}};
    INFO(result.dump() << " vs " << expect.dump());
    check_text_against_dom(result, expect, expect);
  }
}

// A step's expect read from a scenario keeps each member of more than 4096 bytes of text as that
// text (issue 16 item 4): the CLI compares it as text, with the same differences and updated expect.
TEST_CASE("text_differences and updated_expect with expect members kept as text agree with the DOM's",
          "[cli][compare]") {
  RandomJson random(2024);
  std::size_t kept_as_text = 0;
  for (int i = 0; i < 300; ++i) {
    Json result = Json::object();
    Json big = Json::array();
    while (big.dump().size() < 5000) big.push_back(random.value(3));
    result["big"] = big;
    result["small"] = random.value(3);
    const Json expect = Json{{"big", random.mutated(big)}, {"small", random.mutated(result["small"])}};
    INFO(expect.dump().substr(0, 300));
    auto steps = parse_steps(R"([{"request":{"actor":"a","cli":"x"},"expect":)" + expect.dump() + "}]");
    REQUIRE(steps.ok());
    const Json& read = *steps.value()[0].expect;
    for (const auto& m : read.items()) kept_as_text += expected_text(m.value()).has_value();
    check_text_against_dom(result, read, expect);
  }
  CHECK(kept_as_text > 250);  // most: a mutation may make one smaller
}

TEST_CASE("equal_json_texts on two texts is nlohmann's == on their DOMs", "[cli][compare]") {
  RandomJson random(4242);
  for (int i = 0; i < 5000; ++i) {
    const Json actual = random.value(4);
    const Json expected = random.mutated(actual);
    INFO(actual.dump() << " vs " << expected.dump());
    REQUIRE(equal_json_texts(expected.dump(), actual.dump()) == (actual == expected));
  }
}
