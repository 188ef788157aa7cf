// `run` and `test` keep each step's result as its compact text, not as a DOM (issue 16 item 4: a
// DOM costs up to 100 times an OCM echo of a large userID or role), and compare a step's `expect`
// with that text member by member, with the verdicts a DOM gave (nlohmann's ==); a large member of
// `expect` is text too (ScenarioStep::expect).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sharepolicy/scenario.h"

namespace sharepolicy::cli {

// scenario.h's Difference with the values as compact text (what dump() writes).
struct TextDifference {
  std::string pointer;                  // RFC 6901 pointer of the first difference
  std::string member;                   // the top-level member of `expect` it lies in
  std::optional<std::string> expected;  // nullopt: `expect` has nothing there
  std::optional<std::string> actual;    // nullopt: the result has nothing there
};

// One per member of `expect` that differs from the result's, in `expect`'s order, each at its first
// difference (as scenario.h first_differences on the result's DOM). `state_warnings`: the text of
// the load's warnings, compared with an `expect` that names stateWarnings when the result has none
// (a later step's; nullopt: none).
std::vector<TextDifference> text_differences(std::string_view result, const Json& expect,
                                             std::optional<std::string_view> state_warnings);

// `expect` with each differing member replaced by the result's (or removed when the result lacks
// it), as compact text.
std::string updated_expect(const Json& expect, std::string_view result, const std::vector<TextDifference>& differences);

struct StepText {
  std::string result;                       // when kept (run)
  std::vector<TextDifference> differences;  // against the step's expect
  std::optional<std::string> new_expect;    // test --update: a failing step's expect, updated
};

// Runs' visitor: each step's text, its differences and (for --update) its new expect.
class StepTexts final : public StepVisitor {
 public:
  StepTexts(bool keep_results, bool keep_updates) : keep_results_(keep_results), keep_updates_(keep_updates) {}
  void visit(std::size_t index, const ScenarioStep& step, Result& result, const State& state) override;
  std::vector<StepText> steps;

 private:
  bool keep_results_, keep_updates_;
};

}  // namespace sharepolicy::cli
