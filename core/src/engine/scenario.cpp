#include "sharepolicy/scenario.h"

#include "common/input_failure.h"
#include "common/json_reader.h"
#include "common/text_util.h"
#include "sharepolicy/engine.h"
#include "sharepolicy/limits.h"

namespace sharepolicy {
namespace {

[[noreturn]] void invalid(const std::string& pointer, const std::string& message) {
  throw InputFailure(error_code::kRequestInvalid, message, pointer);
}

Scenario read_scenario(const Json& doc) {
  if (!doc.is_object()) invalid("", "a scenario must be a JSON object { \"state\": {…}, \"steps\": [ { \"request\": {…} } … ] }");
  auto state = doc.find("state");
  if (state == doc.end()) invalid("", "a scenario needs 'state'");
  auto loaded = load_state(state->dump());
  if (!loaded.ok()) {
    InputError e = loaded.error();
    e.pointer = "/state" + e.pointer;
    throw InputFailure(std::move(e));
  }
  Scenario scenario{loaded.value(), {}};
  auto steps = doc.find("steps");
  if (steps == doc.end() || !steps->is_array()) invalid("/steps", "a scenario needs 'steps', an array of { \"request\": {…} }");
  if (steps->size() > limits::kMaxScenarioSteps) {
    throw InputFailure(error_code::kLimitExceeded,
                       "a scenario may hold at most " + std::to_string(limits::kMaxScenarioSteps) + " steps", "/steps");
  }
  for (std::size_t i = 0; i < steps->size(); ++i) {
    const std::string base = "/steps/" + std::to_string(i);
    const Json& step = (*steps)[i];
    if (!step.is_object()) invalid(base, "a step must be an object { \"request\": {…} }");
    auto request = step.find("request");
    if (request == step.end()) invalid(base, "a step needs 'request'");
    auto parsed = request_from_json(*request);
    if (!parsed.ok()) {
      InputError e = parsed.error();
      e.pointer = base + "/request" + e.pointer;
      throw InputFailure(std::move(e));
    }
    ScenarioStep s{"", parsed.value(), std::nullopt};
    if (auto name = step.find("name"); name != step.end()) {
      if (!name->is_string()) invalid(base + "/name", "a step's 'name' must be a string");
      s.name = name->get<std::string>();
    }
    if (auto apply = step.find("apply"); apply != step.end()) {
      if (!apply->is_boolean()) invalid(base + "/apply", "a step's 'apply' must be true or false");
      s.apply = apply->get<bool>();
    }
    if (auto expect = step.find("expect"); expect != step.end()) {
      if (!expect->is_object()) invalid(base + "/expect", "'expect' must be an object: a partial result");
      s.expect = *expect;
    }
    scenario.steps.push_back(std::move(s));
  }
  return scenario;
}

// A step with "apply": false: the result the entry point would give, the state left as it is.
Expected<Result> check_only(const State& state, const Request& request) {
  auto entry = entry_point_for(state, request);
  if (!entry.ok()) return entry.error();
  return entry.value() == EntryPoint::kReassign ? preview_reassign(state, request) : can_share(state, request);
}

}  // namespace

Expected<Scenario> parse_scenario(std::string_view json_text) {
  try {
    return read_scenario(
        json_reader::parse_document(json_text, {error_code::kRequestInvalid, limits::kMaxStateBytes, "scenario"}));
  } catch (const InputFailure& f) {
    return f.error();
  }
}

std::vector<std::string> compare_expectation(const Json& result, const std::optional<Json>& expect) {
  std::vector<std::string> out;
  if (!expect) return out;
  for (const auto& member : expect->items()) {
    auto got = result.find(member.key());
    const std::string got_text = got == result.end() ? std::string("(absent)") : got->dump();
    if (got == result.end() || *got != member.value()) {
      out.push_back(member.key() + ": expected " + text_util::excerpt(member.value().dump(), 400) + ", got " +
                    text_util::excerpt(got_text, 400));
    }
  }
  return out;
}

Expected<std::vector<StepOutcome>> run_scenario(Scenario& scenario) {
  std::vector<StepOutcome> outcomes;
  outcomes.reserve(scenario.steps.size());
  for (std::size_t i = 0; i < scenario.steps.size(); ++i) {
    const ScenarioStep& step = scenario.steps[i];
    auto result = step.apply ? apply_any_in_place(scenario.state, step.request) : check_only(scenario.state, step.request);
    if (!result.ok()) {
      InputError e = result.error();
      e.pointer = "/steps/" + std::to_string(i) + "/request" + e.pointer;
      return e;
    }
    Json json = result_to_json(result.value());
    std::vector<std::string> mismatches = compare_expectation(json, step.expect);
    outcomes.push_back(StepOutcome{std::move(json), std::move(mismatches)});
  }
  return outcomes;
}

}  // namespace sharepolicy
