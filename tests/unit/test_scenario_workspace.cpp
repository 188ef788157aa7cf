// ScenarioWorkspace (issue 17: many scenario files on one shared state) and scenario runs on
// several threads over one State: every run sees the original state, whatever ran before it on
// that thread or on others, and the original is never changed in place.
#include <catch2/catch.hpp>

#include <thread>

#include "fixture_support.h"
#include "sharepolicy/scenario.h"
#include "state/model.h"

using namespace sharepolicy;

namespace {

// Changes in all three systems: HMP shares added then changed, OCM roles, a Webex reassign-all.
const char* kSteps = R"([
  {"request": {"actor": "admin", "cli": "shareRecordingWithUser viewer WATCH f678f415-0665-48cd-b141-1e95283469f1"}},
  {"request": {"actor": "userAA", "http": {"method": "PUT", "path": "/documents/api/1.2/shares/F1321DC48E3B123D02DBEE88T0000000000100000001/role",
     "body": {"userID": "U7ECC74059E0FEDFEC66BF5AT00000000001", "role": "viewer"}}}},
  {"request": {"actor": "admin@example.com", "scopes": ["spark-admin:recordings_write"], "http": {"method": "POST",
     "path": "/v1/convergedRecordings/reassign", "body": {"ownerEmail": "john.andersen@example.com", "reassignOwnerEmail": "brenda.song@example.com"}}}},
  {"request": {"actor": "admin", "cli": "shareRecordingWithUser viewer EDIT f678f415-0665-48cd-b141-1e95283469f1"}},
  {"request": {"actor": "admin@example.com", "scopes": ["spark-admin:recordings_write"], "http": {"method": "POST",
     "path": "/v1/convergedRecordings/reassign", "body": {"ownerEmail": "brenda.song@example.com", "reassignOwnerEmail": "admin@example.com"}}}}
])";

std::vector<ScenarioStep> steps() {
  auto parsed = parse_steps(kSteps);
  REQUIRE(parsed.ok());
  return parsed.value();
}

// No Catch2 assertion here: threads call it (Catch2's assertions are not thread-safe); an input
// error gives null, which equals no expected result.
Json results_of(const Expected<std::vector<StepOutcome>>& outcomes) {
  if (!outcomes.ok()) return Json();
  Json all = Json::array();
  for (const StepOutcome& o : outcomes.value()) all.push_back(o.result);
  return all;
}

Json fresh_run(const State& original, const std::vector<ScenarioStep>& s) {
  State copy = original;
  return results_of(run_steps(copy, s));
}

}  // namespace

TEST_CASE("a workspace run answers as a run on a fresh copy, however many runs came before", "[scenario][workspace]") {
  auto loaded = load_state(fixtures::sample("combined.json"));
  REQUIRE(loaded.ok());
  const State original = loaded.value();
  const std::string before = write_state(original);
  const std::vector<ScenarioStep> forward = steps();
  const std::vector<ScenarioStep> backward(forward.rbegin(), forward.rend());
  const Json expected_forward = fresh_run(original, forward);
  const Json expected_backward = fresh_run(original, backward);
  // Every step changes something, so a workspace that did not put the state back would differ.
  for (const Json& r : expected_forward) CHECK(!r.at("changes").empty());

  ScenarioWorkspace workspace(original);
  for (int round = 0; round < 3; ++round) {
    CHECK(results_of(workspace.run(forward)) == expected_forward);
    CHECK(results_of(workspace.run(backward)) == expected_backward);
  }
  CHECK(write_state(original) == before);
}

// Threads exist only natively: the CLI's `test -j` runs them; the WebAssembly build has none
// (the same suite runs there as wasm, where std::thread cannot start).
#ifndef __EMSCRIPTEN__
TEST_CASE("threads running scenarios on one shared State never change it in place", "[scenario][threads]") {
  auto loaded = load_state(fixtures::sample("combined.json"));
  REQUIRE(loaded.ok());
  const State shared = loaded.value();
  const std::string before = write_state(shared);
  const std::vector<ScenarioStep> s = steps();
  const Json expected = fresh_run(shared, s);

  constexpr int kThreads = 4, kRuns = 25;
  std::vector<int> wrong(2 * kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    // Half the threads use a workspace each; half apply on copies of the shared handle
    // (copy-on-write, with `shared` alive throughout as the CLI's cache keeps it).
    threads.emplace_back([&, t] {
      ScenarioWorkspace workspace(shared);
      for (int i = 0; i < kRuns; ++i) {
        if (results_of(workspace.run(s)) != expected) ++wrong[t];
      }
    });
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRuns; ++i) {
        State copy = shared;
        if (results_of(run_steps(copy, s)) != expected) ++wrong[kThreads + t];
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (int w : wrong) CHECK(w == 0);
  CHECK(write_state(shared) == before);
}
#endif  // __EMSCRIPTEN__

// The workspace's copy shares the original's element chunks (CowVector); putting a folder back
// must read the original through a const path. Reading it through the section's shared_ptr (whose
// `->` is not const) re-owned the original's chunk: another thread reading the original then read
// freed memory (seen once under ASan in CI).
TEST_CASE("a workspace run leaves the original's elements where they were", "[scenario][workspace]") {
  auto loaded = load_state(fixtures::sample("combined.json"));
  REQUIRE(loaded.ok());
  const State original = loaded.value();
  const auto& ocm = *original.data().ocm;
  const auto& webex = *original.data().webex;
  const auto& hmp = *original.data().hmp;
  const void* folder = &ocm.folders[0];
  const void* recording = &webex.recordings[0];
  const void* hmp_recording = &hmp.recordings[0];
  // Copies that share the chunks, as other threads' copies do: with them alive, a write through
  // the original re-owns (moves) its chunk instead of writing in place.
  const auto other_ocm = ocm;
  const auto other_webex = webex;
  const auto other_hmp = hmp;
  ScenarioWorkspace workspace(original);
  REQUIRE(workspace.run(steps()).ok());
  CHECK(&ocm.folders[0] == folder);
  CHECK(&webex.recordings[0] == recording);
  CHECK(&hmp.recordings[0] == hmp_recording);
}

// A later step's result leaves out stateWarnings; an `expect` that names them is compared with the
// load's warnings (state_warnings_text), in StepOutcomes and in the package's text alike.
TEST_CASE("a later step's expect that names stateWarnings is compared with the load's", "[scenario]") {
  Json state = Json::parse(fixtures::sample("hmp.json"));
  state["hmp"]["users"].push_back({{"id", "00000000-0000-4000-8000-000000000001"},
                                   {"username", "dup"},
                                   {"email", "a@example.com"},
                                   {"roles", Json::array()},
                                   {"groups", Json::array()}});
  state["hmp"]["users"].push_back({{"id", "00000000-0000-4000-8000-000000000002"},
                                   {"username", "DUP"},
                                   {"email", "b@example.com"},
                                   {"roles", Json::array()},
                                   {"groups", Json::array()}});
  auto loaded = load_state(state.dump());
  REQUIRE(loaded.ok());
  const auto warnings = state_warnings_text(loaded.value());
  REQUIRE(warnings);
  const std::string share =
      R"({"actor": "admin", "cli": "shareRecordingWithUser viewer WATCH f678f415-0665-48cd-b141-1e95283469f1"})";
  const std::string steps_text = "[{\"request\": " + share + "}, {\"request\": " + share +
                                 ", \"expect\": {\"stateWarnings\": " + *warnings + "}}, {\"request\": " + share +
                                 ", \"expect\": {\"stateWarnings\": []}}]";
  auto parsed = parse_steps(steps_text);
  REQUIRE(parsed.ok());
  State copy = loaded.value();
  auto outcomes = run_steps(copy, parsed.value());
  REQUIRE(outcomes.ok());
  CHECK_FALSE(outcomes.value()[1].result.contains("stateWarnings"));
  CHECK(outcomes.value()[1].mismatches.empty());
  REQUIRE(outcomes.value()[2].mismatches.size() == 1);
  CHECK(outcomes.value()[2].mismatches[0].rfind("stateWarnings: expected []", 0) == 0);
  std::string text;
  State other = loaded.value();
  REQUIRE_FALSE(append_steps_text(text, other, parsed.value()));
  const Json answered = Json::parse(text);
  CHECK(answered[1]["mismatches"] == Json::array());
  CHECK(answered[2]["mismatches"] == Json(outcomes.value()[2].mismatches));
}
