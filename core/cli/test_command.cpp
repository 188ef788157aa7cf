#include "test_command.h"

#include <atomic>
#include <map>
#include <optional>
#include <iostream>
#include <thread>

#include "expect_splice.h"
#include "file_io.h"
#include "reporters.h"
#include "scenario_files.h"
#include "step_texts.h"
#include "sharepolicy/limits.h"

namespace sharepolicy::cli {

namespace {

// What one file's run gives: the report, and for --update the new `expect` of each failing step.
struct FileRun {
  FileReport report;
  std::vector<std::pair<std::size_t, std::string>> new_expects;  // compact text
  std::string internal_fault;                                    // non-empty: exit 1
};

// Each thread's workspace on the state file it ran last (files naming one state are usually
// neighbours in sorted order): a run then costs what it changes, not a copy of the state.
struct ThreadContext {
  const void* workspace_state = nullptr;
  std::optional<ScenarioWorkspace> workspace;
};

std::optional<InputError> run_steps_of(Scenario& s, ThreadContext& thread, StepVisitor& visitor) {
  if (!s.state_file) return run_steps(s.state, s.steps, visitor);
  const void* key = &s.state.data();
  if (!thread.workspace || thread.workspace_state != key) {
    thread.workspace.reset();  // free the previous copy before making the next
    thread.workspace.emplace(s.state);
    thread.workspace_state = key;
  }
  return thread.workspace->run(s.steps, visitor);
}

FileRun run_one_file(const std::string& path, StateFileCache& cache, bool keep_updates, ThreadContext& thread) {
  FileRun run;
  run.report.path = path;
  FileError error;
  auto scenario = load_scenario_file(path, cache, error);
  if (!scenario.ok()) {
    run.report.error = error;
    return run;
  }
  Scenario& s = scenario.value();
  StepTexts outcomes(false, keep_updates);  // each step's differences, not its result
  if (auto stopped = run_steps_of(s, thread, outcomes)) {
    run.report.error = FileError{std::move(*stopped), path};
    return run;
  }
  for (std::size_t i = 0; i < outcomes.steps.size(); ++i) {
    StepText& o = outcomes.steps[i];
    if (o.new_expect) run.new_expects.emplace_back(i, std::move(*o.new_expect));
    run.report.steps.push_back(StepReport{s.steps[i].name, std::move(o.differences)});
  }
  return run;
}

FileRun run_one_file_guarded(const std::string& path, StateFileCache& cache, bool keep_updates, ThreadContext& thread) {
  try {
    return run_one_file(path, cache, keep_updates, thread);
  } catch (const std::bad_alloc&) {
    FileRun run;
    run.report.path = path;
    run.report.error = FileError{{error_code::kLimitExceeded, "out of memory running the scenario", ""}, path};
    return run;
  } catch (const std::exception& e) {
    FileRun run;
    run.report.path = path;
    run.internal_fault = e.what();
    run.report.error = FileError{{"INTERNAL", std::string("internal fault: ") + e.what(), ""}, path};
    return run;
  }
}

// Runs work(i, context) for i in [0, n) on `jobs` threads, each index exactly once; every thread
// has its own Context. Results go to per-index slots, so nothing depends on which thread ran what.
template <class Context, class F>
void parallel_for(std::size_t n, unsigned jobs, F work) {
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    Context context;
    for (std::size_t i = next++; i < n; i = next++) work(i, context);
  };
  const unsigned threads = static_cast<unsigned>(std::min<std::size_t>(jobs, n));
  if (threads <= 1) {
    worker();
    return;
  }
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
  for (std::thread& t : pool) t.join();
}

// Rewrites the failing steps' `expect` in the scenario file (issue 17 item 4), every other byte as
// written (docs/DECISIONS.md), through the same atomic write as `apply -o`.
void update_file(const std::string& path, const std::vector<std::pair<std::size_t, std::string>>& new_expects) {
  auto text = read_input(path, InputKind{error_code::kRequestInvalid, limits::kMaxStateBytes, "scenario"});
  if (!text.ok()) throw std::runtime_error("cannot read '" + path + "' again to update it");
  const std::map<std::size_t, std::string> expects(new_expects.begin(), new_expects.end());
  write_file_atomically(path, splice_expects(text.value(), expects));
}

std::string render(const std::string& reporter, const std::vector<FileReport>& reports) {
  if (reporter == "junit") return junit_report(reports);
  if (reporter == "tap") return tap_report(reports);
  return text_report(reports);
}

int exit_status(const std::vector<FileRun>& runs, const std::vector<FileError>& missing) {
  bool internal = false, invalid = !missing.empty(), failed = false;
  for (const FileRun& r : runs) {
    internal = internal || !r.internal_fault.empty();
    invalid = invalid || r.report.error.has_value();
    for (const StepReport& s : r.report.steps) failed = failed || !s.differences.empty();
  }
  return internal ? 1 : invalid ? 2 : failed ? 3 : 0;
}

void print_usage_error(const std::string& message) { std::cerr << InputError{"USAGE", message, ""}.to_json() << '\n'; }

}  // namespace

unsigned default_jobs() {
  const unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : cores;
}

int run_test_command(const TestOptions& o) {
  if (o.operands.empty()) return print_usage_error("test needs at least one SCENARIO file or folder"), 2;
  if (o.reporter != "text" && o.reporter != "junit" && o.reporter != "tap") {
    return print_usage_error("--reporter is text, junit or tap, not '" + o.reporter + "'"), 2;
  }
  if (o.update && !o.confirmed) {
    return print_usage_error(
               "--update rewrites the expect of failing steps in the scenario files; add --yes to confirm"),
           2;
  }
  std::vector<FileError> missing;
  const std::vector<std::string> files = collect_scenario_files(o.operands, missing);
  // Declared before the runs so that it outlives every thread's copy of its states (scenario.h).
  StateFileCache cache;
  std::vector<FileRun> runs(files.size());
  parallel_for<ThreadContext>(files.size(), o.jobs == 0 ? default_jobs() : o.jobs,
                              [&](std::size_t i, ThreadContext& thread) {
                                runs[i] = run_one_file_guarded(files[i], cache, o.update, thread);
                              });

  std::vector<FileReport> reports;
  for (const FileError& m : missing) reports.push_back(FileReport{m.file, m, {}});
  for (FileRun& r : runs) reports.push_back(r.report);
  for (const FileReport& r : reports) {
    if (r.error) std::cerr << r.error->to_json() << '\n';
  }
  const std::string report = render(o.reporter, reports);
  if (o.output_path.empty()) std::cout << report << std::flush;
  else write_file_atomically(o.output_path, report);

  if (o.update) {
    for (std::size_t i = 0; i < runs.size(); ++i) {
      if (!runs[i].new_expects.empty() && files[i] != "-") update_file(files[i], runs[i].new_expects);
    }
  }
  return exit_status(runs, missing);
}

}  // namespace sharepolicy::cli
