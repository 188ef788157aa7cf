#include "sharepolicy/scenario.h"

#include <algorithm>

#include "common/input_failure.h"
#include "common/json_reader.h"
#include "common/text_util.h"
#include "engine/json_writer.h"
#include "engine/result_writers.h"
#include "engine/vendor_calls.h"
#include "sharepolicy/engine.h"
#include "sharepolicy/limits.h"
#include "state/model.h"

namespace sharepolicy {
namespace {

[[noreturn]] void invalid(const std::string& pointer, const std::string& message) {
  throw InputFailure(error_code::kRequestInvalid, message, pointer);
}

ScenarioStep read_step(const Json& step, const std::string& base) {
  if (!step.is_object()) invalid(base, "a step must be an object { \"request\": {…} }");
  auto request = step.find("request");
  if (request == step.end()) invalid(base, "a step needs 'request'");
  // Moved out of the document: parse_scenario's or parse_steps' own, dropped once read. (Its
  // const view keeps nlohmann's const accessors, the ones the package holds already.)
  auto parsed = request_from_document(const_cast<Json&>(*request));
  if (!parsed.ok()) {
    InputError e = parsed.error();
    e.pointer = base + "/request" + e.pointer;
    throw InputFailure(std::move(e));
  }
  ScenarioStep s{"", std::move(parsed.value()), std::nullopt};
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
  return s;
}

// `prefix` is the pointer of the array ("/steps" in a scenario, "" for steps alone).
std::vector<ScenarioStep> read_steps(const Json& steps, const std::string& prefix) {
  if (!steps.is_array()) invalid(prefix, "'steps' must be an array of { \"request\": {…} }");
  std::vector<ScenarioStep> out;
  out.reserve(steps.size());
  for (std::size_t i = 0; i < steps.size(); ++i) out.push_back(read_step(steps[i], prefix + "/" + std::to_string(i)));
  return out;
}

// `state` is where its text is (json_reader::text_range) when it is an object or an array; a
// scalar is written out, as before, for the loader to refuse.
State read_embedded_state(const Json& state, std::string_view scenario_text) {
  const auto text = json_reader::text_range(state, scenario_text);
  auto loaded = text ? load_state(*text) : load_state(state.dump());
  if (!loaded.ok()) {
    InputError e = loaded.error();
    e.pointer = "/state" + e.pointer;
    throw InputFailure(std::move(e));
  }
  return loaded.value();
}

Scenario read_scenario(const Json& doc, std::string_view text) {
  if (!doc.is_object())
    invalid("", "a scenario must be a JSON object { \"state\": {…}, \"steps\": [ { \"request\": {…} } … ] }");
  auto state = doc.find("state");
  auto state_file = doc.find("stateFile");
  if (state != doc.end() && state_file != doc.end()) {
    invalid("/stateFile", "a scenario has either 'state' or 'stateFile', not both");
  }
  Scenario scenario;
  if (state_file != doc.end()) {
    if (!state_file->is_string() || state_file->get<std::string>().empty()) {
      invalid("/stateFile", "'stateFile' must be a non-empty path, relative to the scenario file");
    }
    scenario.state_file = state_file->get<std::string>();
  } else if (state != doc.end()) {
    scenario.state = read_embedded_state(*state, text);
  } else {
    invalid("", "a scenario needs 'state' (the state itself) or 'stateFile' (a path relative to the scenario file)");
  }
  auto steps = doc.find("steps");
  if (steps == doc.end() || !steps->is_array())
    invalid("/steps", "a scenario needs 'steps', an array of { \"request\": {…} }");
  scenario.steps = read_steps(*steps, "/steps");
  return scenario;
}

// What read_scenario and read_steps read of a scenario (issue 16 item 4: it was one DOM, 20 to 30
// times its text): each step's request as a request is read, its name, apply and expect (each member
// of it compact: a large one as its text, scenario.h); the state as where its text is (the loader
// reads it there, without a DOM and a copy). Unknown members are checked as before and dropped.
const json_reader::Shape& step_shape() {
  static const json_reader::Shape kKind{json_reader::Shape::kKind}, kCompact{json_reader::Shape::kCompact};
  static const json_reader::Shape::Member kNoNames[] = {{nullptr, nullptr}};
  static const json_reader::Shape kExpect{json_reader::Shape::kMembers, kNoNames, &kCompact};
  static const json_reader::Shape::Member kStepMembers[] = {{"request", &request_shape_in_document()},
                                                            {"name", &kKind},
                                                            {"apply", &kKind},
                                                            {"expect", &kExpect},
                                                            {nullptr, nullptr}};
  static const json_reader::Shape kStep{json_reader::Shape::kMembers, kStepMembers};
  return kStep;
}

const json_reader::Shape& steps_shape() {
  // kMaxScenarioSteps is checked as the steps are read (json_reader: kEach's max_strings).
  static const json_reader::Shape kSteps{json_reader::Shape::kEach, nullptr, &step_shape(), limits::kMaxScenarioSteps};
  return kSteps;
}

const json_reader::Shape& scenario_shape() {
  static const json_reader::Shape kKind{json_reader::Shape::kKind}, kText{json_reader::Shape::kText};
  static const json_reader::Shape::Member kMembers[] = {{"state", &kText},
                                                        {"stateFile", &kKind},
                                                        {"steps", &steps_shape()},
                                                        {nullptr, nullptr}};
  static const json_reader::Shape kScenario{json_reader::Shape::kMembers, kMembers};
  return kScenario;
}

Json parse_small_document(std::string_view json_text, const json_reader::Shape& shape) {
  return json_reader::parse_kept(json_text, {error_code::kRequestInvalid, limits::kMaxStateBytes, "scenario"}, shape);
}

// The first place where `expected` and `actual` differ, below `pointer`; false when equal.
bool find_first_difference(const Json* expected, const Json* actual, const std::string& pointer, Difference& out) {
  if (expected && actual && *expected == *actual) return false;
  const bool both_objects = expected && actual && expected->is_object() && actual->is_object();
  const bool both_arrays = expected && actual && expected->is_array() && actual->is_array();
  if (both_objects) {
    for (const auto& member : expected->items()) {
      auto got = actual->find(member.key());
      if (find_first_difference(&member.value(), got == actual->end() ? nullptr : &*got,
                                pointer + "/" + pointer_token(member.key()), out)) {
        return true;
      }
    }
    for (const auto& member : actual->items()) {
      if (!expected->contains(member.key())) {
        return find_first_difference(nullptr, &member.value(), pointer + "/" + pointer_token(member.key()), out);
      }
    }
    return false;
  }
  if (both_arrays) {
    const std::size_t n = std::max(expected->size(), actual->size());
    for (std::size_t i = 0; i < n; ++i) {
      const Json* e = i < expected->size() ? &(*expected)[i] : nullptr;
      const Json* a = i < actual->size() ? &(*actual)[i] : nullptr;
      if (find_first_difference(e, a, pointer + "/" + std::to_string(i), out)) return true;
    }
    return false;
  }
  out.pointer = pointer;
  out.expected = expected ? std::optional<Json>(*expected) : std::nullopt;
  out.actual = actual ? std::optional<Json>(*actual) : std::nullopt;
  return true;
}

bool names_state_warnings(const ScenarioStep& step) { return step.expect && step.expect->contains("stateWarnings"); }

// A later step's printed result leaves out stateWarnings; an `expect` that names them is compared
// with the load's warnings all the same.
Json with_state_warnings(const Json& printed, const State& state) {
  Json full = printed;
  if (const auto warnings = state_warnings_text(state))
    full["stateWarnings"] = json_reader::parse_document(*warnings, json_reader::kWrittenText);
  return full;
}

}  // namespace

Expected<Scenario> parse_scenario(std::string_view json_text) {
  try {
    return read_scenario(parse_small_document(json_text, scenario_shape()), json_text);
  } catch (const InputFailure& f) {
    return f.error();
  }
}

Expected<std::vector<ScenarioStep>> parse_steps(std::string_view json_text) {
  try {
    return read_steps(parse_small_document(json_text, steps_shape()), "");
  } catch (const InputFailure& f) {
    return f.error();
  }
}

std::string pointer_token(std::string_view token) { return text_util::escape_pointer_token(token); }

std::optional<std::string> state_warnings_text(const State& state) {
  if (state_warnings(state).empty()) return std::nullopt;
  std::string out;
  json_writer::Writer w(out);
  write_state_warnings(w, state_warnings(state));
  w.finish();
  return out;
}

std::optional<std::string_view> expected_text(const Json& member) { return json_reader::json_text(member); }

bool equal_json_texts(std::string_view a, std::string_view b) { return json_reader::equal_compact(a, b); }

namespace {

// The line compare_expectation gives for a member that differs.
std::string mismatch_line(const std::string& name, std::string_view expected, std::string_view got) {
  return name + ": expected " + text_util::excerpt(expected, 400) + ", got " + text_util::excerpt(got, 400);
}

}  // namespace

std::vector<std::string> compare_expectation(const Json& result, const std::optional<Json>& expect) {
  std::vector<std::string> out;
  if (!expect) return out;
  for (const auto& member : expect->items()) {
    auto got = result.find(member.key());
    const std::string got_text = got == result.end() ? std::string("(absent)") : got->dump();
    const auto kept = json_reader::json_text(member.value());
    if (got == result.end() || (kept ? !json_reader::equal_compact(got_text, *kept) : *got != member.value()))
      out.push_back(mismatch_line(member.key(), kept ? std::string(*kept) : member.value().dump(), got_text));
  }
  return out;
}

std::vector<Difference> first_differences(const Json& result, const std::optional<Json>& expect) {
  std::vector<Difference> out;
  if (!expect) return out;
  for (const auto& member : expect->items()) {
    auto got = result.find(member.key());
    Difference d;
    // A member kept as its text is walked as a DOM here (the C++ API's results are DOMs anyway).
    const auto kept = json_reader::json_text(member.value());
    const Json whole = kept ? json_reader::parse_document(*kept, json_reader::kWrittenText) : Json();
    if (find_first_difference(kept ? &whole : &member.value(), got == result.end() ? nullptr : &*got,
                              "/" + pointer_token(member.key()), d)) {
      d.member = member.key();
      out.push_back(std::move(d));
    }
  }
  return out;
}

namespace {

// A step with "apply": false: the result the entry point would give, the state left as it is.
Expected<Result> check_only(const State& state, const Request& request) {
  auto entry = entry_point_for(state, request);
  if (!entry.ok()) return entry.error();
  return entry.value() == EntryPoint::kReassign ? preview_reassign(state, request) : can_share(state, request);
}

// Runs each step on `state`, the state the steps before it left, and hands its result to
// `visit(index, step, result, state)`; lists every change applied in `applied` (the workspace
// restores what they touched). A template rather than a StepVisitor, so that the package, which
// writes text (append_steps_text), holds no visitor (its size budget).
template <class Visit>
std::optional<InputError> run_each_step(State& state, const std::vector<ScenarioStep>& steps,
                                        const std::string& pointer_prefix, std::vector<Change>* applied,
                                        Visit&& visit) {
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const ScenarioStep& step = steps[i];
    auto result = step.apply ? apply_any_in_place(state, step.request) : check_only(state, step.request);
    if (!result.ok()) {
      InputError e = result.error();
      e.pointer = pointer_prefix + std::to_string(i) + "/request" + e.pointer;
      return e;
    }
    if (applied && step.apply)
      applied->insert(applied->end(), result.value().changes.begin(), result.value().changes.end());
    // The load's warnings do not change from step to step: the first result carries them.
    if (i > 0) result.value().state_warnings.clear();
    visit(i, step, result.value(), state);
  }
  return std::nullopt;
}

// What a step's `expect` is compared with: the members it names of the result's text, as values,
// the rest not built (issue 16 item 4: a DOM costs up to 100 times an OCM echo of a large userID or
// role); with the load's warnings when a later step's expect names them.
Json compared_members(std::size_t index, const ScenarioStep& step, std::string_view text, const State& state) {
  static const json_reader::Shape kWholeMember{json_reader::Shape::kWhole};
  std::vector<json_reader::Shape::Member> members;
  if (step.expect && step.expect->is_object()) {
    for (const auto& member : step.expect->items()) members.push_back({member.key().c_str(), &kWholeMember});
  }
  members.push_back({nullptr, nullptr});
  const Json named = json_reader::parse_kept(text, json_reader::kWrittenText,
                                             {json_reader::Shape::kMembers, members.data()});
  return index > 0 && names_state_warnings(step) ? with_state_warnings(named, state) : named;
}

// A value's compact text: where it is in `text` (kText), its kept text (kCompact), or its dump()
// into `storage`. One function for both sides: dump() is much code when inlined.
[[gnu::noinline]] std::string_view text_of(const Json& value, std::string_view text, std::string& storage) {
  if (const auto range = json_reader::text_range(value, text)) return *range;
  if (const auto kept = json_reader::json_text(value)) return *kept;
  return storage = value.dump();
}

// compare_expectation's lines for a step of the package, from its result's text and without a DOM
// of either side: the members `expect` names are read as where their text is, and compared as text
// (issue 16 item 4: a DOM of an OCM echo in the response costs up to 100 times its text).
std::vector<std::string> mismatches_in_text(std::size_t index, const ScenarioStep& step, std::string_view text,
                                            const State& state) {
  static const json_reader::Shape kWhere{json_reader::Shape::kText};
  std::vector<std::string> out;
  if (!step.expect) return out;
  const auto& expect = step.expect->get_ref<const Json::object_t&>();  // read_step checked it
  std::vector<json_reader::Shape::Member> members;
  for (const auto& [name, value] : expect) members.push_back({name.c_str(), &kWhere});
  members.push_back({nullptr, nullptr});
  const Json named = json_reader::parse_kept(text, json_reader::kWrittenText,
                                             {json_reader::Shape::kMembers, members.data()});
  const auto& got_members = named.get_ref<const Json::object_t&>();
  // A later step's result leaves out the load's warnings; an expect that names them gets them.
  const auto warnings = index > 0 && names_state_warnings(step) ? state_warnings_text(state) : std::nullopt;
  for (const auto& [name, value] : expect) {
    auto got = got_members.find(name);
    std::string got_storage, expected_storage;
    std::optional<std::string_view> got_text;
    if (got != got_members.end()) got_text = text_of(got->second, text, got_storage);
    else if (warnings && name == "stateWarnings") got_text = *warnings;
    const std::string_view expected = text_of(value, text, expected_storage);
    if (!got_text || !json_reader::equal_compact(*got_text, expected))
      out.push_back(mismatch_line(name, expected, got_text ? *got_text : "(absent)"));
  }
  return out;
}

// A list of strings as dump() writes it.
void append_strings_text(std::string& out, const std::vector<std::string>& strings) {
  json_writer::Writer w(out);
  w.begin_array();
  for (const std::string& s : strings) w.string(s);
  w.end_array();
  w.finish();
}

// What run_steps gives for a step: its result as a DOM, compared with the step's expect.
StepOutcome outcome_of(std::size_t index, const ScenarioStep& step, const Result& result, const State& state) {
  const std::string text = result_to_text(result);
  const Json compared = compared_members(index, step, text, state);
  StepOutcome outcome;
  outcome.mismatches = compare_expectation(compared, step.expect);
  outcome.differences = first_differences(compared, step.expect);
  outcome.result = json_reader::parse_document(text, json_reader::kWrittenText);
  return outcome;
}

class OutcomeCollector final : public StepVisitor {
 public:
  void visit(std::size_t index, const ScenarioStep& step, Result& result, const State& state) override {
    outcomes.push_back(outcome_of(index, step, result, state));
  }
  std::vector<StepOutcome> outcomes;
};

// A copy whose data and sections are its own, so that the workspace writes to them without
// copying a section per run. Their elements' chunks stay shared with `original` (CowVector) and
// are copied on their first write here; `original` is only ever read (SectionPtr is const).
State deep_copy(const State& original) {
  auto data = std::make_shared<detail::StateData>(original.data());
  if (data->hmp) data->hmp = std::make_shared<hmp::Section>(*data->hmp);
  if (data->webex) data->webex = std::make_shared<webex::Section>(*data->webex);
  if (data->ocm) data->ocm = std::make_shared<ocm::Section>(*data->ocm);
  return State(std::move(data));
}

Index index_of(const UniqueIndex& index, const std::string& key) {
  const Index found = index.find(key);
  if (found == kNoIndex) throw std::logic_error("restore: a change names an unknown id: " + key);
  return found;
}

// Puts back in `working` (changed by `changes` only) what they touched, from `original`. Mirrors
// state/apply_changes.cpp: what it writes, this restores.
void restore_changed(detail::StateData& working, const detail::StateData& original,
                     const std::vector<Change>& changes) {
  for (const Change& c : changes) {
    if (c.system == "hmp") {
      const hmp::Section& from = *original.hmp;
      hmp::Section& to = working.hmp.exclusive();
      const std::string& id = c.asset_id;  // the index folds case
      if (c.asset_kind == "feed") to.feeds[index_of(from.feed_by_id, id)] = from.feeds[index_of(from.feed_by_id, id)];
      else if (c.asset_kind == "session")
        to.sessions[index_of(from.session_by_id, id)] = from.sessions[index_of(from.session_by_id, id)];
      else to.recordings[index_of(from.recording_by_id, id)] = from.recordings[index_of(from.recording_by_id, id)];
    } else if (c.system == "ocm") {
      const ocm::Section& from = *original.ocm;
      const Index f = index_of(from.folder_by_id, c.asset_id);
      working.ocm.exclusive().folders[f] = from.folders[f];
    } else if (c.system == "webex" && c.type == "owner.set") {
      const webex::Section& from = *original.webex;
      webex::Section& to = working.webex.exclusive();
      const Index r = index_of(from.recording_by_id, c.asset_id);
      to.recordings[r].owner = from.recordings[r].owner;
      for (const auto& person : {c.before, c.after}) {
        const Index p = person ? from.person_by_id.find(*person) : kNoIndex;
        if (p != kNoIndex) to.recordings_by_owner[p] = from.recordings_by_owner[p];
      }
    }
  }
}

}  // namespace

std::optional<InputError> run_steps(State& state, const std::vector<ScenarioStep>& steps, StepVisitor& visitor,
                                    const std::string& pointer_prefix) {
  return run_each_step(state, steps, pointer_prefix, nullptr,
                       [&](std::size_t i, const ScenarioStep& step, Result& result, const State& after) {
                         visitor.visit(i, step, result, after);
                       });
}

Expected<std::vector<StepOutcome>> run_steps(State& state, const std::vector<ScenarioStep>& steps,
                                             const std::string& pointer_prefix) {
  std::vector<StepOutcome> outcomes;
  outcomes.reserve(steps.size());
  auto error = run_each_step(state, steps, pointer_prefix, nullptr,
                             [&](std::size_t i, const ScenarioStep& step, Result& result, const State& after) {
                               outcomes.push_back(outcome_of(i, step, result, after));
                             });
  if (error) return std::move(*error);
  return outcomes;
}

std::optional<InputError> append_steps_text(std::string& out, State& state, std::vector<ScenarioStep>& steps,
                                            const std::string& pointer_prefix) {
  out += '[';
  auto error = run_each_step(state, steps, pointer_prefix, nullptr,
                             [&](std::size_t i, const ScenarioStep& step, Result& result, const State& after) {
                               steps[i].request = Request();  // run: an OCM echo in it may be megabytes
                               out += i ? ",{\"result\":" : "{\"result\":";
                               const std::size_t at = out.size();
                               append_result_text(out, result);  // room for a large echo: json_writer
                               result.response = Json();         // written: the echo in it may be megabytes
                               const auto mismatches = mismatches_in_text(i, step, std::string_view(out).substr(at),
                                                                          after);
                               out += ",\"mismatches\":";
                               append_strings_text(out, mismatches);
                               out += '}';
                             });
  if (!error) out += ']';
  return error;
}

ScenarioWorkspace::ScenarioWorkspace(State original) : original_(std::move(original)) {}

std::optional<InputError> ScenarioWorkspace::run(const std::vector<ScenarioStep>& steps, StepVisitor& visitor) {
  if (!working_) working_ = deep_copy(original_);
  std::vector<Change> applied;
  std::optional<InputError> error;
  try {
    error = run_each_step(*working_, steps, "/steps/", &applied,
                          [&](std::size_t i, const ScenarioStep& step, Result& result, const State& after) {
                            visitor.visit(i, step, result, after);
                          });
  } catch (...) {
    working_.reset();  // in an unknown state: copy afresh next time
    throw;
  }
  // A run stopped by an input error applied changes that are not all listed: copy afresh next time.
  if (error) working_.reset();
  else restore_changed(working_->mutable_data(), original_.data(), applied);
  return error;
}

Expected<std::vector<StepOutcome>> ScenarioWorkspace::run(const std::vector<ScenarioStep>& steps) {
  OutcomeCollector collector;
  collector.outcomes.reserve(steps.size());
  if (auto error = run(steps, collector)) return std::move(*error);
  return std::move(collector.outcomes);
}

Expected<std::vector<StepOutcome>> run_scenario(Scenario& scenario) {
  return run_steps(scenario.state, scenario.steps);
}

}  // namespace sharepolicy
