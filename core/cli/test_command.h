// `share-policy test` (issue 7, issue 17): many scenario files, in parallel, with reporters and
// --update; and `share-policy run`'s scenario loading (stateFile).
#pragma once
#include <string>
#include <vector>

namespace sharepolicy::cli {

struct TestOptions {
  std::vector<std::string> operands;  // files and folders
  unsigned jobs = 0;                  // 0: the number of cores
  std::string reporter = "text";      // text | junit | tap
  std::string output_path;            // "" = standard output
  bool update = false;                // rewrite failing steps' expect
  bool confirmed = false;             // --yes: --update may write
};

// Runs every file and writes the report. Exit status: 0 all steps passed, 3 a step failed, 2 a
// file was not a valid scenario (one JSON line per such file on standard error, with "file"),
// 1 an internal fault; the highest-priority of these in the order 1, 2, 3.
int run_test_command(const TestOptions& options);

// How many threads -j 0 means.
unsigned default_jobs();

}  // namespace sharepolicy::cli
