// Text envelopes for the WebAssembly binding. Nothing thrown inside the core crosses this line.
#include "sharepolicy/text_api.h"

#include <initializer_list>
#include <new>
#include <stdexcept>
#include <utility>

#include "common/input_failure.h"
#include "common/json_reader.h"
#include "engine/access_words.h"
#include "engine/json_writer.h"
#include "engine/result_writers.h"
#include "engine/text_guard.h"
#include "engine/vendor_calls.h"
#include "hmp/decide_line.h"
#include "sharepolicy/limits.h"
#include "sharepolicy/engine.h"
#include "sharepolicy/scenario.h"
#include "state/model.h"

namespace sharepolicy {

std::string InputError::to_json() const {
  Json j = Json::object();
  j["code"] = code;
  j["message"] = message;
  j["pointer"] = pointer;
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

namespace text {

std::string error_envelope(const InputError& e) { return "{\"error\":" + e.to_json() + "}"; }

namespace {

// Room for a result's envelope: most answers take one allocation.
constexpr std::size_t kEnvelopeBytes = 2048;

std::string result_envelope(const Result& r) {
  std::string out;
  out.reserve(kEnvelopeBytes);  // the closing brace would otherwise grow a full string again
  out = "{\"result\":";
  append_result_text(out, r);
  out += '}';
  return out;
}

// The result with the new state spliced in as its last member: {"result":{…,"state":{…}}}.
std::string result_with_state_envelope(const Result& r, const State& s) {
  std::string out = "{\"result\":";
  append_result_text(out, r);
  out.pop_back();  // the closing brace
  out += ",\"state\":";
  out += write_state(s);
  out += "}}";
  return out;
}

}  // namespace

std::string can_share(std::string_view state_text, std::string_view request_text) {
  return guarded([&] {
    auto state = load_state(state_text);
    const State& s = value_or_throw(state);
    auto req = parse_request(request_text);
    auto result = sharepolicy::can_share(s, value_or_throw(req));
    return result_envelope(value_or_throw(result));
  });
}

std::string apply_share(std::string_view state_text, std::string_view request_text) {
  return guarded([&] {
    auto state = load_state(state_text);
    State s = value_or_throw(state);
    auto req = parse_request(request_text);
    auto result = sharepolicy::apply_share_in_place(s, value_or_throw(req));
    return result_with_state_envelope(value_or_throw(result), s);
  });
}

std::string resolve_reassign(std::string_view state_text, std::string_view request_text) {
  return guarded([&] {
    auto state = load_state(state_text);
    State s = value_or_throw(state);
    auto req = parse_request(request_text);
    auto result = sharepolicy::resolve_reassign_in_place(s, value_or_throw(req));
    return result_with_state_envelope(value_or_throw(result), s);
  });
}

namespace {

// {"result":[…]} written in one string (a step's result may be megabytes: no copy of it).
template <class AppendSteps>
std::string steps_envelope(AppendSteps&& append_steps) {
  std::string out = "{\"result\":";
  if (auto error = append_steps(out)) throw InputFailure(std::move(*error));
  out += '}';
  return out;
}

}  // namespace

std::string run_scenario(std::string_view scenario_text) {
  return guarded([&] {
    auto parsed = parse_scenario(scenario_text);
    if (!parsed.ok()) throw InputFailure(parsed.error());
    if (parsed.value().state_file) {
      // Text in, text out: no files here. The host loads the state and runs the steps on it.
      throw InputFailure(
          error_code::kRequestInvalid,
          "'stateFile' needs a host that reads files (the CLI); load the state and call runScenario(steps) on it",
          "/stateFile");
    }
    Scenario& scenario = parsed.value();
    return steps_envelope([&](std::string& out) { return append_steps_text(out, scenario.state, scenario.steps); });
  });
}

// Before the state changes in place or is replaced: what was derived from it goes (the explorer's
// indexes, the names handed over by number, which the same index may no longer name, and the
// kept reassignment pages).
void LoadedState::state_changes() {
  explorer_.reset();
  sent_names_.forget();
  pages_.reset();
}

std::string LoadedState::load(std::string_view state_text) {
  return guarded([&] {
    auto state = load_state(state_text);
    state_changes();
    state_ = value_or_throw(state);
    return std::string("{\"result\":null}");
  });
}

std::string LoadedState::load_begin() {
  stream_.reset();  // the next piece starts a new one
  return "{\"result\":null}";
}

std::string LoadedState::load_piece(std::string_view piece) { return load_step(&piece); }
std::string LoadedState::load_end() { return load_step(nullptr); }

// One step of a load in pieces: a piece, or (nullptr) the end. One body for both keeps the
// WebAssembly module small (each guarded call is a landing pad and its error envelopes; measured:
// a try/catch of its own instead is 86 bytes gzip more).
std::string LoadedState::load_step(const std::string_view* piece) {
  return guarded([&] {
    if (!stream_) stream_ = std::make_shared<StateStream>();
    if (piece) {
      const InputError* error = stream_->feed(*piece);
      if (!error) return std::string("{\"result\":null}");
      std::string answer = error_envelope(*error);
      stream_.reset();  // a piece the stream refused ends the load in progress, as finish() does
      return answer;
    }
    auto stream = std::move(stream_);  // the load in progress ends here, whatever the outcome
    auto state = stream->finish();
    stream.reset();  // its pieces, before the state they made is indexed
    state_changes();
    state_ = value_or_throw(state);
    return std::string("{\"result\":null}");
  });
}

std::string LoadedState::can_share(std::string_view request_text) const {
  return guarded([&] {
    auto req = parse_request(request_text);
    return result_envelope(value_or_throw(sharepolicy::can_share(state_, value_or_throw(req))));
  });
}

std::string LoadedState::can_share_window(std::string_view request_text, const AccessWindow& window) const {
  return guarded([&] { return result_envelope(evaluate_share(request_text, window)); });
}

namespace {

void check_batch_size(std::size_t n) {
  if (n > limits::kMaxBatchRequests) {
    throw InputFailure(error_code::kLimitExceeded,
                       "a batch holds at most " + std::to_string(limits::kMaxBatchRequests) +
                           " requests; this one has " + std::to_string(n) + ": split it",
                       "/" + std::to_string(limits::kMaxBatchRequests));
  }
}

// One item of can_share_batch: the decision, or the input error can_share would have answered.
void append_batch_item(std::string& out, const State& state, const Json& request_value) {
  auto req = request_from_json(request_value);
  auto result = req.ok() ? sharepolicy::can_share(state, req.value(), Detail::kResponse)
                         : Expected<Result>(req.error());
  if (result.ok()) {
    append_decision_text(out, result.value());
  } else {
    out += "{\"ok\":false,\"inputError\":" + result.error().to_json() + "}";
  }
}

}  // namespace

std::string LoadedState::can_share_batch(std::string_view requests_text) const {
  return guarded([&] {
    const Json list = parse_request_list(requests_text, "batch of requests");
    if (!list.is_array()) {
      throw InputFailure(error_code::kRequestInvalid, "a batch of requests must be a JSON array of request objects",
                         "");
    }
    check_batch_size(list.size());
    std::string out = "{\"result\":[";
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (i) out += ',';
      append_batch_item(out, state_, list[i]);
    }
    return out + "]}";
  });
}

namespace {

// The request a cli row stands for, checked as request_from_json checks {"actor","cli"}.
Expected<Request> cli_row_request(const BatchRow& row) {
  if (row.text.size() > limits::kMaxCliLineBytes) {
    return InputError{error_code::kLimitExceeded,
                      "the command line is longer than the limit of " + std::to_string(limits::kMaxCliLineBytes) +
                          " bytes",
                      "/cli"};
  }
  Request req;
  req.cli = std::string(row.text);
  if (row.actor) req.actor = std::string(*row.actor);
  return req;
}

// A command-line row decided on views (hmp::decide_line): no Request, no Result, no allocation.
// Answers false for a row it does not read (JSON, a quoted token, a line over the limit), which
// then takes the general path; every error that path would raise is an input error here too.
bool decide_cli_row(const State& state, const BatchRow& row, BatchOutcome& outcome) {
  const auto& hmp = state.data().hmp;
  if (row.is_json || row.text.size() > limits::kMaxCliLineBytes || !hmp) return false;
  if (!row.actor) {
    outcome = kBatchInputError;  // an HMP command line needs an actor
    return true;
  }
  Index actor = kNoIndex;
  const hmp::LineOutcome decided = hmp::decide_line_resolving(*hmp, *row.actor, actor, row.text).outcome;
  if (actor == kNoIndex) {
    outcome = kBatchInputError;  // no such user, or a username several users share
    return true;
  }
  if (decided == hmp::LineOutcome::kNotRead) return false;
  outcome = decided == hmp::LineOutcome::kAllowed ? kBatchAllowed : kBatchDenied;
  return true;
}

BatchOutcome decide_row(const State& state, const BatchRow& row) {
  if (BatchOutcome fast; decide_cli_row(state, row, fast)) return fast;
  const Expected<Request> req = row.is_json ? parse_request(row.text) : cli_row_request(row);
  if (!req.ok()) return kBatchInputError;
  // Only `ok` is read: Detail::kOutcome builds no response, error or changes (the same `ok`).
  const Expected<Result> result = sharepolicy::can_share(state, req.value(), Detail::kOutcome);
  if (!result.ok()) return kBatchInputError;
  return result.value().ok ? kBatchAllowed : kBatchDenied;
}

}  // namespace

std::string LoadedState::decide_rows(const std::vector<BatchRow>& rows, std::vector<std::int32_t>& codes) const {
  return guarded([&] {
    check_batch_size(rows.size());
    codes.resize(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) codes[i] = decide_row(state_, rows[i]);
    return "{\"result\":" + std::to_string(rows.size()) + "}";
  });
}

std::string LoadedState::apply_share(std::string_view request_text) {
  return guarded([&] {
    auto req = parse_request(request_text);
    state_changes();
    return result_envelope(value_or_throw(sharepolicy::apply_share_in_place(state_, value_or_throw(req))));
  });
}

std::string LoadedState::resolve_reassign(std::string_view request_text) {
  return guarded([&] {
    auto req = parse_request(request_text);
    state_changes();
    return result_envelope(value_or_throw(sharepolicy::resolve_reassign_in_place(state_, value_or_throw(req))));
  });
}

std::string LoadedState::reassign_page(std::string_view request_text, bool apply, std::size_t limit) {
  return reassign_call(request_text, apply ? kResolvePage : kPreviewPage, limit, 0);
}

std::string LoadedState::reassign_items(std::string_view list, std::size_t offset, std::size_t limit) {
  return reassign_call(list, kItemsNamed, offset, limit);
}

// One guarded body for both paged calls: each instantiation of guarded() carries the whole
// error-envelope path into the wasm.
std::string LoadedState::reassign_call(std::string_view text, int call, std::size_t a, std::size_t b) {
  return guarded([&] {
    std::string out = "{\"result\":";
    if (call == kPreviewPage || call == kResolvePage) {
      auto req = parse_request(text);
      // A new page drops the kept one; a paged resolve changes the state (which drops it too).
      if (call == kResolvePage) {
        state_changes();
      } else {
        pages_.reset();
      }
      const Request& r = value_or_throw(req);
      pages_ = value_or_throw(call == kResolvePage ? resolve_reassign_pages_in_place(state_, r)
                                                   : preview_reassign_pages(state_, r));
      pages_->append_summary_text(out, a);
      return out + '}';
    }
    if (!pages_) {
      throw InputFailure(error_code::kRequestInvalid, "no paged reassignment is kept: call reassign_page first", "");
    }
    const std::size_t lists = std::size(ReassignPages::kLists);
    const std::string_view list = call >= 0
                                      ? (static_cast<std::size_t>(call) < lists ? ReassignPages::kLists[call] : "")
                                      : text;
    if (!pages_->append_items_text(out, list, a, b)) {
      throw InputFailure(error_code::kRequestInvalid, "no reassignment list is named '" + std::string(list) + "'", "");
    }
    return out + '}';
  });
}

std::string LoadedState::preview_reassign(std::string_view request_text) const {
  return guarded([&] {
    auto req = parse_request(request_text);
    return result_envelope(value_or_throw(sharepolicy::preview_reassign(state_, value_or_throw(req))));
  });
}

const Explorer& LoadedState::explorer() const {
  if (!explorer_) explorer_ = std::make_shared<Explorer>(state_);
  return *explorer_;
}

namespace {

Json query_document(std::string_view text) {
  return json_reader::parse_document(text, {error_code::kRequestInvalid, limits::kMaxRequestBytes, "query"});
}

}  // namespace

std::string LoadedState::who_can(std::string_view query_text) const {
  return guarded([&] {
    const WhoCanQuery q = value_or_throw(who_can_query_from_json(query_document(query_text)));
    std::string out = "{\"result\":";
    append_who_can_text(out, value_or_throw(explorer().who_can(q)));
    return out + "}";
  });
}

std::string LoadedState::what_can(std::string_view query_text) const {
  return guarded([&] {
    const WhatCanQuery q = value_or_throw(what_can_query_from_json(query_document(query_text)));
    std::string out = "{\"result\":";
    append_what_can_text(out, value_or_throw(explorer().what_can(q)));
    return out + "}";
  });
}

std::string LoadedState::run_scenario(std::string_view steps_text) const {
  return guarded([&] {
    auto steps = parse_steps(steps_text);
    value_or_throw(steps);
    State copy = state_;  // copy-on-write: the steps change the copy, never the loaded state
    return steps_envelope([&](std::string& out) { return append_steps_text(out, copy, steps.value(), "/"); });
  });
}

std::string LoadedState::to_json() const {
  return guarded([&] { return "{\"result\":" + write_state(state_) + "}"; });
}

std::string LoadedState::outline() const {
  return guarded([&] { return "{\"result\":" + write_state(state_, StateView::kOutline) + "}"; });
}

// {"hmp":{counts},"webex":{…},"ocm":{…},"stateWarnings":[…]}: the sections the state has.
std::string LoadedState::summary() const {
  return guarded([&] {
    const detail::StateData& d = state_.data();
    std::string out = "{\"result\":";
    json_writer::Writer w(out);
    w.begin_object();
    auto counts = [&](std::string_view system, std::initializer_list<std::pair<std::string_view, std::size_t>> items) {
      w.key(system);
      w.begin_object();
      for (const auto& [name, count] : items) w.number_member(name, count);
      w.end_object();
    };
    if (d.hmp) {
      counts("hmp", {{"users", d.hmp->users.size()},
                     {"groups", d.hmp->groups.size()},
                     {"roles", d.hmp->roles.size()},
                     {"accessPermissions", d.hmp->access_permissions.size()},
                     {"recordings", d.hmp->recordings.size()},
                     {"feeds", d.hmp->feeds.size()},
                     {"sessions", d.hmp->sessions.size()}});
    }
    if (d.webex) counts("webex", {{"people", d.webex->people.size()}, {"recordings", d.webex->recordings.size()}});
    if (d.ocm) {
      counts("ocm",
             {{"users", d.ocm->users.size()}, {"groups", d.ocm->groups.size()}, {"folders", d.ocm->folders.size()}});
    }
    w.key("stateWarnings");
    write_state_warnings(w, d.warnings);
    w.end_object();
    w.finish();
    return out + "}";
  });
}

}  // namespace text
}  // namespace sharepolicy
