#include "reporters.h"

#include <sstream>

#include "common/text_util.h"

namespace sharepolicy::cli {

namespace {

constexpr std::size_t kValueExcerptBytes = 300;
constexpr const char* kReplacement = "\xEF\xBF\xBD";

// `value`: compact JSON text.
std::string value_text(const std::optional<std::string>& value) {
  if (!value) return "(absent)";
  const std::string& text = *value;
  if (text.size() <= kValueExcerptBytes) return text;
  return text.substr(0, text_util::char_boundary(text, kValueExcerptBytes)) + "\xE2\x80\xA6";
}

std::string file_error_line(const FileError& e) {
  std::string line = e.error.code + ": " + e.error.message;
  if (!e.error.pointer.empty()) line += " (at " + e.error.pointer + " in " + e.file + ")";
  return line;
}

std::string failure_message(const StepReport& step) {
  std::string all;
  for (const TextDifference& d : step.differences) all += difference_line(d) + "\n";
  return all;
}

}  // namespace

Totals count(const std::vector<FileReport>& files) {
  Totals t;
  for (const FileReport& f : files) {
    if (f.error) ++t.invalid_files;
    for (const StepReport& s : f.steps) {
      ++t.steps;
      if (!s.differences.empty()) ++t.failed;
    }
  }
  return t;
}

std::string difference_line(const TextDifference& d) {
  return d.pointer + ": expected " + value_text(d.expected) + ", got " + value_text(d.actual);
}

std::string step_label(const FileReport& file, std::size_t step) {
  const std::string& name = file.steps[step].name;
  return file.path + " step " + std::to_string(step) + (name.empty() ? "" : " (" + name + ")");
}

std::string text_report(const std::vector<FileReport>& files) {
  std::ostringstream out;
  for (const FileReport& f : files) {
    if (f.error) out << "ERROR " << f.path << ": " << file_error_line(*f.error) << '\n';
    for (std::size_t i = 0; i < f.steps.size(); ++i) {
      const StepReport& s = f.steps[i];
      out << (s.differences.empty() ? "PASS " : "FAIL ") << step_label(f, i) << '\n';
      for (const TextDifference& d : s.differences) out << "     " << difference_line(d) << '\n';
    }
  }
  const Totals t = count(files);
  out << (t.steps - t.failed) << " passed, " << t.failed << " failed";
  if (t.invalid_files) out << ", " << t.invalid_files << " invalid file" << (t.invalid_files == 1 ? "" : "s");
  out << '\n';
  return out.str();
}

std::string xml_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    const std::size_t n = text_util::utf8_sequence_length(text, i);
    if (n == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    if (n == 1) {
      switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        case '\t': out += "&#9;"; break;
        case '\n': out += "&#10;"; break;
        case '\r': out += "&#13;"; break;
        default:
          if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) out += kReplacement;
          else out += c;
      }
    } else if (text.compare(i, 3, "\xEF\xBF\xBE") == 0 || text.compare(i, 3, "\xEF\xBF\xBF") == 0) {
      out += kReplacement;  // U+FFFE, U+FFFF: not XML characters
    } else {
      out.append(text, i, n);
    }
    i += n;
  }
  return out;
}

// One <testsuite> per file, one <testcase> per step; a file that is not a valid scenario is a
// suite with one <testcase name="scenario"> holding an <error>.
std::string junit_report(const std::vector<FileReport>& files) {
  const Totals t = count(files);
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites name=\"share-policy\" tests=\"" << (t.steps + t.invalid_files) << "\" failures=\"" << t.failed
      << "\" errors=\"" << t.invalid_files << "\">\n";
  for (const FileReport& f : files) {
    const std::string suite = xml_escape(f.path);
    std::size_t failures = 0;
    for (const StepReport& s : f.steps) failures += s.differences.empty() ? 0 : 1;
    out << "  <testsuite name=\"" << suite << "\" tests=\"" << (f.error ? 1 : f.steps.size()) << "\" failures=\""
        << failures << "\" errors=\"" << (f.error ? 1 : 0) << "\">\n";
    if (f.error) {
      out << "    <testcase name=\"scenario\" classname=\"" << suite << "\">\n";
      out << "      <error type=\"" << xml_escape(f.error->error.code) << "\" message=\""
          << xml_escape(file_error_line(*f.error)) << "\">" << xml_escape(f.error->to_json()) << "</error>\n";
      out << "    </testcase>\n";
    }
    for (std::size_t i = 0; i < f.steps.size(); ++i) {
      const StepReport& s = f.steps[i];
      const std::string name = "step " + std::to_string(i) + (s.name.empty() ? "" : " (" + s.name + ")");
      out << "    <testcase name=\"" << xml_escape(name) << "\" classname=\"" << suite << "\"";
      if (s.differences.empty()) {
        out << "/>\n";
        continue;
      }
      out << ">\n      <failure type=\"mismatch\" message=\"" << xml_escape(difference_line(s.differences.front()))
          << "\">" << xml_escape(failure_message(s)) << "</failure>\n    </testcase>\n";
    }
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
  return out.str();
}

namespace {

// A YAML double-quoted scalar (JSON string syntax is a subset of it).
std::string yaml_string(const std::string& text) {
  return Json(text).dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace

// TAP 13: one test point per step, and one per invalid file; diagnostics as a YAML block.
std::string tap_report(const std::vector<FileReport>& files) {
  const Totals t = count(files);
  std::ostringstream out;
  out << "TAP version 13\n1.." << (t.steps + t.invalid_files) << '\n';
  std::size_t n = 0;
  for (const FileReport& f : files) {
    if (f.error) {
      out << "not ok " << ++n << " - " << f.path
          << " # invalid scenario\n  ---\n  message: " << yaml_string(file_error_line(*f.error))
          << "\n  code: " << yaml_string(f.error->error.code) << "\n  pointer: " << yaml_string(f.error->error.pointer)
          << "\n  file: " << yaml_string(f.error->file) << "\n  ...\n";
    }
    for (std::size_t i = 0; i < f.steps.size(); ++i) {
      const StepReport& s = f.steps[i];
      // '#' starts a TAP directive: keep it out of the description.
      std::string label = step_label(f, i);
      for (char& c : label)
        if (c == '#' || c == '\n' || c == '\r') c = ' ';
      out << (s.differences.empty() ? "ok " : "not ok ") << ++n << " - " << label << '\n';
      if (s.differences.empty()) continue;
      out << "  ---\n  mismatches:\n";
      for (const TextDifference& d : s.differences) out << "    - " << yaml_string(difference_line(d)) << '\n';
      out << "  ...\n";
    }
  }
  return out.str();
}

}  // namespace sharepolicy::cli
