#include "step_texts.h"

#include <algorithm>

#include "compact_json.h"

namespace sharepolicy::cli {

namespace {

std::string dumped(const Json& value) { return value.dump(-1, ' ', false, Json::error_handler_t::replace); }

// The text of a member of `expect`: kept as text when large (ScenarioStep::expect), else dumped
// into `storage`.
std::string_view text_of(const Json& value, std::string& storage) {
  if (const auto kept = expected_text(value)) return *kept;
  return storage = dumped(value);
}

using Text = std::optional<std::string_view>;

// scenario.cpp's find_first_difference with both values as text: the same walk, the same verdicts
// (equal_json_texts is nlohmann's ==), without a DOM of a large expected member either.
bool find_first_difference(Text expected, Text actual, const std::string& pointer, TextDifference& out) {
  if (expected && actual && equal_json_texts(*expected, *actual)) return false;
  if (expected && actual && expected->front() == '{' && actual->front() == '{') {
    Members members(*expected);
    std::string_view key, value;
    while (members.next(key, value)) {
      const std::string name = Json::parse(key).get<std::string>();
      if (find_first_difference(value, member(*actual, name), pointer + "/" + pointer_token(name), out)) return true;
    }
    Members got(*actual);
    while (got.next(key, value)) {
      const std::string name = Json::parse(key).get<std::string>();
      if (!member(*expected, name))
        return find_first_difference(std::nullopt, value, pointer + "/" + pointer_token(name), out);
    }
    return false;
  }
  if (expected && actual && expected->front() == '[' && actual->front() == '[') {
    Members wanted(*expected), got(*actual);
    std::string_view unused, e, a;
    for (std::size_t i = 0;; ++i) {
      const bool more_wanted = wanted.next(unused, e), more_got = got.next(unused, a);
      if (!more_wanted && !more_got) return false;
      if (find_first_difference(more_wanted ? Text(e) : std::nullopt, more_got ? Text(a) : std::nullopt,
                                pointer + "/" + std::to_string(i), out)) {
        return true;
      }
    }
  }
  out.pointer = pointer;
  out.expected = expected ? std::optional<std::string>(*expected) : std::nullopt;
  out.actual = actual ? std::optional<std::string>(*actual) : std::nullopt;
  return true;
}

}  // namespace

std::vector<TextDifference> text_differences(std::string_view result, const Json& expect,
                                             std::optional<std::string_view> state_warnings) {
  std::vector<TextDifference> out;
  for (const auto& m : expect.items()) {
    std::optional<std::string_view> got = member(result, m.key());
    if (!got && state_warnings && m.key() == "stateWarnings") got = state_warnings;
    TextDifference d;
    std::string storage;
    if (find_first_difference(text_of(m.value(), storage), got, "/" + pointer_token(m.key()), d)) {
      d.member = m.key();
      out.push_back(std::move(d));
    }
  }
  return out;
}

std::string updated_expect(const Json& expect, std::string_view result,
                           const std::vector<TextDifference>& differences) {
  std::string out = "{";
  for (const auto& m : expect.items()) {
    const bool differs = std::any_of(differences.begin(), differences.end(),
                                     [&](const TextDifference& d) { return d.member == m.key(); });
    const std::optional<std::string_view> got = differs ? member(result, m.key()) : std::nullopt;
    if (differs && !got) continue;  // the result lacks it: removed
    if (out.size() > 1) out += ',';
    out += key_text(m.key());
    out += ':';
    std::string storage;
    out += got ? *got : text_of(m.value(), storage);
  }
  return out + "}";
}

void StepTexts::visit(std::size_t index, const ScenarioStep& step, Result& result, const State& state) {
  StepText kept;
  if (!step.expect && !keep_results_) return steps.push_back(std::move(kept));
  std::string text = result_to_text(result);
  if (step.expect) {
    // A later step's result leaves out stateWarnings; an expect that names them is compared with
    // the load's warnings all the same.
    const bool names_warnings = index > 0 && step.expect->contains("stateWarnings");
    const std::optional<std::string> warnings = names_warnings ? state_warnings_text(state) : std::nullopt;
    kept.differences = text_differences(text, *step.expect,
                                        warnings ? std::optional<std::string_view>(*warnings) : std::nullopt);
    if (keep_updates_ && !kept.differences.empty())
      kept.new_expect = updated_expect(*step.expect, text, kept.differences);
  }
  if (keep_results_) kept.result = std::move(text);
  steps.push_back(std::move(kept));
}

}  // namespace sharepolicy::cli
