// share-policy: the native command line, a thin host of the library (api.md "Command line").
//   share-policy check STATE REQUEST
//   share-policy apply STATE REQUEST [-o NEW_STATE]
//   share-policy run SCENARIO
//   share-policy test SCENARIO...
// Exit status: 0 evaluated, 2 input error (one JSON line on stderr), 1 internal fault or failed write.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "file_io.h"
#include "sharepolicy/scenario.h"
#include "sharepolicy/engine.h"
#include "sharepolicy/limits.h"
#include "compact_json.h"
#include "scenario_files.h"
#include "step_texts.h"
#include "test_command.h"
#include "text_format.h"

namespace {

using namespace sharepolicy;

constexpr const char* kUsage = R"(share-policy: preview a vendor sharing or reassignment call before making it.

Usage:
  share-policy check STATE REQUEST              evaluate, change nothing; print the result
  share-policy apply STATE REQUEST [-o NEW]     evaluate and apply; print the result, write the new state to NEW
  share-policy run SCENARIO                     apply each step to the state left by the steps before; print the results
  share-policy test [options] SCENARIO|FOLDER...   run scenarios whose steps carry "expect"; report pass/fail per step
  share-policy --help | --version

STATE, REQUEST and SCENARIO are JSON files; '-' reads standard input. Add --pretty to indent the output.
check and apply: --format json|text (default: text on a terminal, json otherwise; colour on a
terminal unless NO_COLOR is set); --access all|N lists every holder, or N, in each access list
(default 50; the counts are always exact).
test: every *.json under a FOLDER, sorted; -j N files at once (default: the number of cores);
  --reporter text|junit|tap, --output FILE (the report; default standard output);
  --update --yes rewrites the "expect" of failing steps with the results. Exit status 3 when a
  step failed, 2 when a file is not a valid scenario (the other files still run).
A scenario names its state with "state": {…} or "stateFile": "path relative to the scenario".
Exit status: 0 when the call was evaluated (whatever the vendor answered), 2 on an input error
(printed on standard error as one JSON object {"code","message","pointer"}), 1 on an internal fault
or a failed write (NEW is then left as it was: it is replaced only once the new state is complete).
)";

struct Options {
  std::vector<std::string> args;
  std::string output_path;
  bool output_given = false;  // -o "" is an error, not "no output"
  bool pretty = false;
  std::string format;   // check/apply: "json" | "text"; "" = text on a terminal, else json
  AccessWindow access;  // check/apply: --access all|N, the holders each access list shows
  cli::TestOptions test;
};

class ExitWithInputError {
 public:
  explicit ExitWithInputError(InputError e) : error(std::move(e)) {}
  InputError error;
};

// The result's own text (result_to_text == result_to_json(…).dump()), printed as it is or
// re-indented as dump(2) would: no DOM of it, which would cost up to 100 times an OCM echo of a
// large userID or role (issue 16 item 4). Text for a person reads a DOM of all but the response.
void print_result(Result& result, const Options& o) {
  const std::string format = o.format.empty() ? (cli::stdout_is_terminal() ? "text" : "json") : o.format;
  const std::string text = result_to_text(result);
  if (format == "text") {
    const std::string_view response = cli::member(text, "response").value_or(std::string_view("null"));
    Json response_value = std::move(result.response);  // the DOM below without the echo
    const Json rest = result_to_json(result);
    result.response = std::move(response_value);
    std::cout << cli::result_as_text(rest, response, cli::colour_allowed());
  } else if (o.pretty) {
    cli::JsonOut(std::cout, true).write(text);
    std::cout << '\n';
  } else {
    std::cout << text << '\n';
  }
}

const cli::InputKind kStateInput{error_code::kStateInvalid, limits::kMaxStateBytes, "state"};
const cli::InputKind kRequestInput{error_code::kRequestInvalid, limits::kMaxRequestBytes, "request"};

template <class T>
T take(Expected<T>&& e, const std::string& pointer_prefix = "") {
  if (!e.ok()) {
    InputError err = e.error();
    err.pointer = pointer_prefix + err.pointer;
    throw ExitWithInputError(std::move(err));
  }
  return std::move(e.value());
}

int command_check_or_apply(const Options& o, bool apply) {
  if (o.args.size() != 3) throw ExitWithInputError({"USAGE", std::string(o.args[0]) + " needs STATE and REQUEST", ""});
  if (o.output_given) {
    if (auto bad_target = cli::check_output_target(o.output_path)) throw ExitWithInputError(std::move(*bad_target));
  }
  const std::string state_text = take(cli::read_input(o.args[1], kStateInput));
  std::string request_text = take(cli::read_input(o.args[2], kRequestInput));
  State state = take(load_state(state_text));
  Request request = take(parse_request(request_text));
  // Neither the request's text nor, once evaluated, the request is needed again: an OCM echo of a
  // large userID or role is in each, and in the result and its text (issue 16 item 4).
  std::string().swap(request_text);
  const EntryPoint entry = take(entry_point_for(state, request));
  Result result;
  if (!apply) {
    // check: canShare for shares, resolveReassign (whose new state is dropped) for reassignments
    result = entry == EntryPoint::kShare ? take(can_share(state, request, o.access))
                                         : take(resolve_reassign(state, request)).result;
  } else {
    result = take(apply_any_in_place(state, request, o.access));
    if (o.output_given) {
      std::string new_state = write_state(state);
      new_state += '\n';
      cli::write_file_atomically(o.output_path, new_state);
    }
  }
  request = Request();
  print_result(result, o);
  return 0;
}

int command_run(const Options& o) {
  if (o.args.size() != 2) throw ExitWithInputError({"USAGE", "run needs one SCENARIO", ""});
  cli::StateFileCache cache;
  cli::FileError ignored;
  Scenario scenario = take(cli::load_scenario_file(o.args[1], cache, ignored));
  cli::StepTexts steps(true, false);
  if (auto error = run_steps(scenario.state, scenario.steps, steps)) throw ExitWithInputError(std::move(*error));
  // The results' array, written from their texts as dump() (or dump(2)) writes it.
  cli::JsonOut out(std::cout, o.pretty);
  out.write("[");
  for (std::size_t i = 0; i < steps.steps.size(); ++i) {
    if (i > 0) out.write(",");
    out.write(steps.steps[i].result);
  }
  out.write("]\n");
  return 0;
}

int command_test(const Options& o) {
  if (o.output_given) {
    if (auto bad_target = cli::check_output_target(o.output_path)) throw ExitWithInputError(std::move(*bad_target));
  }
  cli::TestOptions t = o.test;
  t.operands.assign(o.args.begin() + 1, o.args.end());
  t.output_path = o.output_path;
  return cli::run_test_command(t);
}

// --access all|N: every holder, or the first N of each access list (docs/ACCESS.md "Bounded lists").
std::size_t parse_access_limit(const std::string& text) {
  if (text == "all") return kAllHolders;
  if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos) {
    throw ExitWithInputError({"USAGE", "--access is 'all' or a number of holders per list, not '" + text + "'", ""});
  }
  return std::stoul(text);
}

unsigned parse_jobs(const std::string& text) {
  if (text.empty() || text.size() > 4 || text.find_first_not_of("0123456789") != std::string::npos ||
      std::stoul(text) == 0) {
    throw ExitWithInputError({"USAGE", "-j needs a number of files to run at once (1-9999), not '" + text + "'", ""});
  }
  return static_cast<unsigned>(std::stoul(text));
}

Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "-o" || a == "--output") {
      if (i + 1 >= argc) throw ExitWithInputError({"USAGE", "-o needs a file name", ""});
      o.output_path = argv[++i];
      o.output_given = true;
    } else if (a == "--pretty") {
      o.pretty = true;
    } else if (a == "--format" || a == "--reporter") {
      if (i + 1 >= argc) throw ExitWithInputError({"USAGE", a + " needs a value", ""});
      (a == "--format" ? o.format : o.test.reporter) = argv[++i];
      if (a == "--format" && o.format != "json" && o.format != "text") {
        throw ExitWithInputError({"USAGE", "--format is json or text, not '" + o.format + "'", ""});
      }
    } else if (a == "--access") {
      if (i + 1 >= argc) throw ExitWithInputError({"USAGE", "--access needs 'all' or a number", ""});
      o.access.limit = parse_access_limit(argv[++i]);
    } else if (a == "-j" || a == "--jobs") {
      if (i + 1 >= argc) throw ExitWithInputError({"USAGE", a + " needs a number", ""});
      o.test.jobs = parse_jobs(argv[++i]);
    } else if (a.rfind("-j", 0) == 0 && a.size() > 2) {
      o.test.jobs = parse_jobs(a.substr(2));
    } else if (a == "--update") {
      o.test.update = true;
    } else if (a == "--yes") {
      o.test.confirmed = true;
    } else {
      o.args.push_back(a);
    }
  }
  return o;
}

int run_cli(int argc, char** argv) {
  const Options o = parse_options(argc, argv);
  if (o.args.empty() || o.args[0] == "--help" || o.args[0] == "-h" || o.args[0] == "help") {
    std::cout << kUsage;
    return o.args.empty() ? 2 : 0;
  }
  if (o.args[0] == "--version") {
    std::cout << "share-policy 0.1.0\n";
    return 0;
  }
  if (o.output_given && o.args[0] != "apply" && o.args[0] != "test") {
    throw ExitWithInputError({"USAGE", o.args[0] + " writes no state; -o belongs to apply (or test's report)", ""});
  }
  if (o.args[0] == "check") return command_check_or_apply(o, false);
  if (o.args[0] == "apply") return command_check_or_apply(o, true);
  if (o.args[0] == "run") return command_run(o);
  if (o.args[0] == "test") return command_test(o);
  throw ExitWithInputError({"USAGE", "unknown command '" + o.args[0] + "'; see share-policy --help", ""});
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const int status = run_cli(argc, argv);
    cli::flush_standard_output();  // a result lost on a full disk is a failure, not exit 0
    return status;
  } catch (const ExitWithInputError& e) {
    std::cerr << e.error.to_json() << '\n';
    return 2;
  } catch (const std::bad_alloc&) {
    std::cerr << InputError{error_code::kLimitExceeded, "out of memory", ""}.to_json() << '\n';
    return 2;
  } catch (const cli::WriteFailure& e) {
    // Not a fault of share-policy but of the file system: exit 1, with the OS reason.
    std::cerr << InputError{"WRITE_FAILED", e.what(), ""}.to_json() << '\n';
    return 1;
  } catch (const std::exception& e) {
    std::cerr << InputError{"INTERNAL", std::string("internal fault: ") + e.what(), ""}.to_json() << '\n';
    return 1;
  }
}
