// The golden fixtures through the C++ API (the CLI and the WebAssembly package run the same files).
#include <catch2/catch.hpp>

#include "fixture_support.h"
#include "sharepolicy/engine.h"
#include "sharepolicy/scenario.h"

using namespace sharepolicy;

namespace {

// Evaluates a fixture; returns the result JSON, or the input error as {"code","pointer"}.
Json evaluate_fixture(const Json& fx, bool& is_error) {
  is_error = false;
  auto state = load_state(fixtures::state_text(fx));
  if (!state.ok()) {
    is_error = true;
    return Json{{"code", state.error().code}, {"pointer", state.error().pointer}};
  }
  auto request = request_from_json(fx.at("request"));
  if (!request.ok()) {
    is_error = true;
    return Json{{"code", request.error().code}, {"pointer", request.error().pointer}};
  }
  const std::string entry = fx.at("entry");
  Expected<Result> result = InputError{};
  if (entry == "canShare") {
    result = can_share(state.value(), request.value());
  } else {
    auto applied = entry == "applyShare" ? apply_share(state.value(), request.value())
                                         : resolve_reassign(state.value(), request.value());
    if (applied.ok()) {
      result = applied.value().result;
    } else {
      result = applied.error();
    }
  }
  if (!result.ok()) {
    is_error = true;
    return Json{{"code", result.error().code}, {"pointer", result.error().pointer}};
  }
  return result_to_json(result.value());
}

}  // namespace

TEST_CASE("golden fixtures give their expected results through the C++ API", "[fixtures]") {
  const auto files = fixtures::all();
  REQUIRE(files.size() >= 10);
  for (const auto& file : files) {
    DYNAMIC_SECTION(file.filename().string()) {
      const Json fx = Json::parse(fixtures::read_file(file));
      bool is_error = false;
      const Json got = evaluate_fixture(fx, is_error);
      if (fx.contains("expectError")) {
        INFO("got " << got.dump());
        REQUIRE(is_error);
        CHECK(compare_expectation(got, fx.at("expectError")).empty());
      } else {
        INFO("got " << got.dump());
        REQUIRE_FALSE(is_error);
        const auto mismatches = compare_expectation(got, fx.at("expect"));
        for (const auto& m : mismatches) UNSCOPED_INFO(m);
        CHECK(mismatches.empty());
      }
    }
  }
}

TEST_CASE("results are deterministic: the same input gives the same bytes", "[fixtures]") {
  for (const auto& file : fixtures::all()) {
    const Json fx = Json::parse(fixtures::read_file(file));
    bool e1 = false, e2 = false;
    CHECK(evaluate_fixture(fx, e1).dump() == evaluate_fixture(fx, e2).dump());
  }
}
