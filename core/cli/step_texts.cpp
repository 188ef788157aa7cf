#include "step_texts.h"

#include <algorithm>

#include "compact_json.h"

namespace sharepolicy::cli {

namespace {

std::string dumped(const Json& value) { return value.dump(-1, ' ', false, Json::error_handler_t::replace); }

// scenario.cpp's find_first_difference with the actual value as text: the same walk, the same
// verdicts (equal() is nlohmann's ==).
bool find_first_difference(const Json* expected, std::optional<std::string_view> actual, const std::string& pointer,
                           TextDifference& out) {
  if (expected && actual && equal(*actual, *expected)) return false;
  if (expected && actual && expected->is_object() && actual->front() == '{') {
    for (const auto& m : expected->items()) {
      if (find_first_difference(&m.value(), member(*actual, m.key()), pointer + "/" + pointer_token(m.key()), out)) {
        return true;
      }
    }
    Members members(*actual);
    std::string_view key, value;
    while (members.next(key, value)) {
      const std::string name = Json::parse(key).get<std::string>();
      if (!expected->contains(name))
        return find_first_difference(nullptr, value, pointer + "/" + pointer_token(name), out);
    }
    return false;
  }
  if (expected && actual && expected->is_array() && actual->front() == '[') {
    Members elements(*actual);
    std::string_view unused, value;
    for (std::size_t i = 0;; ++i) {
      const Json* e = i < expected->size() ? &(*expected)[i] : nullptr;
      const bool more = elements.next(unused, value);
      if (!e && !more) return false;
      if (find_first_difference(e, more ? std::optional<std::string_view>(value) : std::nullopt,
                                pointer + "/" + std::to_string(i), out)) {
        return true;
      }
    }
  }
  out.pointer = pointer;
  out.expected = expected ? std::optional<std::string>(dumped(*expected)) : std::nullopt;
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
    if (find_first_difference(&m.value(), got, "/" + pointer_token(m.key()), d)) {
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
    if (got) out += *got;
    else out += dumped(m.value());
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
