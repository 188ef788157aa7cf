// Scenarios (api.md `share-policy run`): a state and steps applied one after another. A step may
// carry `expect`, a partial result: every member it gives must equal the result's (issue 7's
// `share-policy test`). The state is embedded ("state": {…}) or named by a path relative to the
// scenario file ("stateFile": "../org.json", docs/DECISIONS.md): the core reads no files, so the
// host resolves the path, loads the state once and puts it in Scenario::state.
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
  // A member of more than 4096 bytes of text is kept as its compact text (expected_text below), not
  // as a DOM: a DOM costs up to 100 times its text (issue 16 item 4). Smaller members are DOMs.
  std::optional<Json> expect;
  // "apply": false makes the step a check: evaluated on the state the steps before it left
  // (canShare, or previewReassign for a reassignment) without changing it. Pinned checks export
  // as such steps (docs/DECISIONS.md "Pinned checks").
  bool apply = true;
};

struct Scenario {
  State state;                            // the embedded state, or the one the host loaded for state_file
  std::optional<std::string> state_file;  // "stateFile" as written; the host must fill `state`
  std::vector<ScenarioStep> steps;
};

// Errors point into the scenario: /state/…, /stateFile, /steps/N/request/….
Expected<Scenario> parse_scenario(std::string_view json_text);

// Steps alone, a JSON array of { "request", "expect"?, "name"? } (the package's
// loaded.runScenario(steps)); errors point into the array: /N/request/….
Expected<std::vector<ScenarioStep>> parse_steps(std::string_view json_text);

// One line per member of `expect` that differs from `result` ("changes: expected […], got […]").
std::vector<std::string> compare_expectation(const Json& result, const std::optional<Json>& expect);

// The text of a member of a step's `expect` kept as text (ScenarioStep::expect), byte for byte what
// dump() writes of its value; nullopt for a member kept as a DOM.
std::optional<std::string_view> expected_text(const Json& member);

// Whether two texts as dump() writes them hold values that nlohmann's == finds equal (members in
// order, 1 equal to 1.0): how a member kept as text is compared.
bool equal_json_texts(std::string_view a, std::string_view b);

// The load's warnings as a result writes its "stateWarnings" (compact JSON), nullopt when there are
// none: a later step's result leaves them out, and an `expect` that names them is compared with these.
std::optional<std::string> state_warnings_text(const State& state);

// RFC 6901 escaping of one reference token ("~" → "~0", "/" → "~1"), as Difference pointers use it.
std::string pointer_token(std::string_view token);

// Where an expected member and the result first differ, for failure diffs and --update.
struct Difference {
  std::string pointer;           // RFC 6901 pointer into the result (and into `expect`) of the first difference
  std::string member;            // the top-level member of `expect` it lies in
  std::optional<Json> expected;  // nullopt: `expect` has nothing there
  std::optional<Json> actual;    // nullopt: the result has nothing there
};
// One per member of `expect` that differs, in `expect`'s order.
std::vector<Difference> first_differences(const Json& result, const std::optional<Json>& expect);

struct StepOutcome {
  Json result;                          // the step's result (api.md "Result")
  std::vector<std::string> mismatches;  // against the step's `expect`; empty when none or all equal
  std::vector<Difference> differences;  // the same mismatches, each at its first differing pointer
};

// Applies each step to the state the steps before it left (`share-policy run`). A step whose
// request is an input error stops the run: its error, with the pointer prefixed by /steps/N/request.
// The load's warnings (`stateWarnings`) are the same for every step: only the first step's result
// carries them (issue 16 item 7: 1 000 steps must not repeat 5 000 warnings 1 000 times); a later
// step's `expect` may still name stateWarnings and is compared with them.
// `scenario.state` is replaced by the final state; copies of the handle the caller holds elsewhere
// keep the old data (copy-on-write; see run_steps for threads).
Expected<std::vector<StepOutcome>> run_scenario(Scenario& scenario);

// The same for steps alone on `state`, which ends as the state the last step left.
// Thread safety: several threads may run steps on copies of one State handle at once provided a
// handle on the original stays alive (and unused for writes) until they all finish — as the CLI's
// state cache does: then every copy sees a use count above one and copies before its first write,
// and no thread ever relies on another thread's release of its handle (docs/DECISIONS.md).
Expected<std::vector<StepOutcome>> run_steps(State& state, const std::vector<ScenarioStep>& steps,
                                             const std::string& pointer_prefix = "/steps/");

// run_steps's outcomes as text appended to `out` as the steps run, for a host that answers text
// (the package): [{"result":…,"mismatches":[…]},…], byte for byte the dump() of the StepOutcomes'
// result and mismatches, with no DOM of a result (each `expect` is compared with the members it
// names: issue 16 item 4). Each step's request is released once it has run. nullopt when every
// step ran, else the input error (and `out` is partial).
std::optional<InputError> append_steps_text(std::string& out, State& state, std::vector<ScenarioStep>& steps,
                                            const std::string& pointer_prefix = "/steps/");

// For a host that keeps each step's result otherwise than as a DOM (the CLI keeps its text: a DOM
// costs up to 100 times an OCM echo of a large userID or role, issue 16 item 4). visit() gets each
// step's result as run_steps computes it (stateWarnings cleared after the first step), and the
// state as the step left it.
class StepVisitor {
 public:
  virtual void visit(std::size_t index, const ScenarioStep& step, Result& result, const State& state) = 0;

 protected:
  ~StepVisitor() = default;
};

// run_steps, handing each step's result to `visitor` instead of making StepOutcomes: nullopt when
// every step ran, else the input error that stopped the run (pointer as run_steps gives it).
std::optional<InputError> run_steps(State& state, const std::vector<ScenarioStep>& steps, StepVisitor& visitor,
                                    const std::string& pointer_prefix = "/steps/");

// Many scenarios from one state on one thread (the CLI's `test` over many files that name one
// stateFile). Copy-on-write would copy a whole section (100 MB in a large state) on each run's first
// change and free it at its end; a workspace instead deep-copies the state once and, after each
// run, puts back from the original exactly the assets the run changed (HMP assets, OCM folders,
// Webex recordings and their owners' lists), so a run costs what it touches. Results are those
// run_steps gives on a fresh copy of `original`. Not shared between threads: one per thread; the
// original is only read (several workspaces may read it at once).
class ScenarioWorkspace {
 public:
  explicit ScenarioWorkspace(State original);
  // run_steps(copy of the original, steps); the workspace is ready for the next run afterwards.
  Expected<std::vector<StepOutcome>> run(const std::vector<ScenarioStep>& steps);
  std::optional<InputError> run(const std::vector<ScenarioStep>& steps, StepVisitor& visitor);

 private:
  State original_;
  std::optional<State> working_;  // nullopt: to be copied before the next run
};

}  // namespace sharepolicy
