// `share-policy test` reports (issue 17 items 1 and 4): the default text, JUnit XML and TAP. Every
// reporter gets the files in the order they were named (folders sorted), whatever order the
// threads finished in, so that the output does not depend on -j.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "scenario_files.h"
#include "sharepolicy/scenario.h"
#include "step_texts.h"

namespace sharepolicy::cli {

struct StepReport {
  std::string name;                         // the step's "name", may be empty
  std::vector<TextDifference> differences;  // empty: passed
};

struct FileReport {
  std::string path;
  std::optional<FileError> error;  // the file is not a valid scenario (or a step's request is invalid)
  std::vector<StepReport> steps;   // empty when `error`
};

struct Totals {
  std::size_t steps = 0, failed = 0, invalid_files = 0;
};
Totals count(const std::vector<FileReport>& files);

// "/changes/0/after: expected \"OWN\", got \"EDIT\"" — values cut to a few hundred bytes.
std::string difference_line(const TextDifference& d);
// "file step 3 (name)"
std::string step_label(const FileReport& file, std::size_t step);

std::string text_report(const std::vector<FileReport>& files);
std::string junit_report(const std::vector<FileReport>& files);
std::string tap_report(const std::vector<FileReport>& files);

// XML 1.0 text: & < > " ' escaped; characters XML cannot hold (controls but tab, LF, CR; invalid
// UTF-8) become U+FFFD.
std::string xml_escape(const std::string& text);

}  // namespace sharepolicy::cli
