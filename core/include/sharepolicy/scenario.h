// Scenarios (api.md `share-policy run`): a state and steps applied one after another. A step may
// carry `expect`, a partial result: every member it gives must equal the result's (issue 7's
// `share-policy test`).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sharepolicy/request.h"
#include "sharepolicy/state.h"

namespace sharepolicy {

struct ScenarioStep {
  std::string name;  // optional "name" of the step, for reports
  Request request;
  std::optional<Json> expect;
  // "apply": false makes the step a check: evaluated on the state the steps before it left
  // (canShare, or previewReassign for a reassignment) without changing it. Pinned checks export
  // as such steps (docs/DECISIONS.md "Pinned checks").
  bool apply = true;
};

struct Scenario {
  State state;
  std::vector<ScenarioStep> steps;
};

// Errors point into the scenario: /state/…, /steps/N/request/….
Expected<Scenario> parse_scenario(std::string_view json_text);

// One line per member of `expect` that differs from `result` ("changes: expected […], got […]").
std::vector<std::string> compare_expectation(const Json& result, const std::optional<Json>& expect);

struct StepOutcome {
  Json result;                          // the step's result (api.md "Result")
  std::vector<std::string> mismatches;  // against the step's `expect`; empty when none or all equal
};

// Applies each step to the state the steps before it left (`share-policy run`). A step whose
// request is an input error stops the run: its error, with the pointer prefixed by /steps/N/request.
Expected<std::vector<StepOutcome>> run_scenario(Scenario& scenario);

}  // namespace sharepolicy
