#include "expect_splice.h"

#include "compact_json.h"

#include <stdexcept>
#include <utility>
#include <vector>

namespace sharepolicy::cli {

namespace {

// Walks JSON text that is known to be valid, recording where values start and end. Just enough to
// find /steps/N/expect: objects, arrays, strings, and scalars skipped as runs of their characters.
class Skimmer {
 public:
  explicit Skimmer(const std::string& text) : t_(text) {
    if (t_.compare(0, 3, "\xEF\xBB\xBF") == 0) p_ = 3;  // a byte order mark, as the reader skips it
  }

  void space() {
    while (p_ < t_.size() && (t_[p_] == ' ' || t_[p_] == '\t' || t_[p_] == '\n' || t_[p_] == '\r')) ++p_;
  }
  bool at(char c) {
    space();
    return p_ < t_.size() && t_[p_] == c;
  }
  void expect(char c) {
    if (!at(c)) throw std::runtime_error("the scenario changed while it was tested");
    ++p_;
  }
  // A key or string value, decoded (so "st\u0065ps" is "steps").
  std::string string() {
    space();
    const std::size_t begin = p_;
    skip_string();
    return Json::parse(t_.substr(begin, p_ - begin)).get<std::string>();
  }
  void skip_value() {
    space();
    if (p_ >= t_.size()) throw std::runtime_error("the scenario changed while it was tested");
    const char c = t_[p_];
    if (c == '"') return skip_string();
    if (c == '{' || c == '[') return skip_container();
    while (p_ < t_.size() && std::string_view(",}] \t\r\n").find(t_[p_]) == std::string_view::npos) ++p_;
  }
  // Where the next value starts (after white space).
  std::size_t position() {
    space();
    return p_;
  }
  // Where the value just skipped ended (before any white space).
  std::size_t end_of_value() const { return p_; }
  // Calls each(key) with the position at the member's value, for every member of an object.
  template <class F>
  void members(F each) {
    expect('{');
    if (at('}')) return void(++p_);
    do {
      const std::string key = string();
      expect(':');
      each(key);
    } while (at(',') && ++p_);
    expect('}');
  }

 private:
  void skip_string() {
    ++p_;  // the opening quote
    while (p_ < t_.size() && t_[p_] != '"') p_ += t_[p_] == '\\' ? 2 : 1;
    ++p_;
  }
  void skip_container() {
    int depth = 0;
    do {
      const char c = t_[p_];
      if (c == '"') {
        skip_string();
        continue;
      }
      if (c == '{' || c == '[') ++depth;
      if (c == '}' || c == ']') --depth;
      ++p_;
    } while (depth > 0 && p_ < t_.size());
  }

  const std::string& t_;
  std::size_t p_ = 0;
};

struct Range {
  std::size_t begin, end, step;
};

std::vector<Range> expect_ranges(const std::string& text, const std::map<std::size_t, std::string>& expects) {
  std::vector<Range> ranges;
  Skimmer s(text);
  s.members([&](const std::string& key) {
    if (key != "steps") return s.skip_value();
    s.expect('[');
    for (std::size_t index = 0; !s.at(']'); ++index) {
      if (index > 0) s.expect(',');
      s.members([&](const std::string& member) {
        const std::size_t begin = s.position();
        s.skip_value();
        if (member == "expect" && expects.count(index)) ranges.push_back({begin, s.end_of_value(), index});
      });
    }
    s.expect(']');
  });
  if (ranges.size() != expects.size()) throw std::runtime_error("the scenario changed while it was tested");
  return ranges;
}

// The indentation of the line `at` is on, so that a multi-line value lines up with it.
std::string line_indent(const std::string& text, std::size_t at) {
  std::size_t start = text.rfind('\n', at == 0 ? 0 : at - 1);
  start = start == std::string::npos ? 0 : start + 1;
  std::size_t end = start;
  while (end < at && (text[end] == ' ' || text[end] == '\t')) ++end;
  return text.substr(start, end - start);
}

std::string indented(const std::string& compact, const std::string& indent) {
  const std::string plain = pretty(compact);
  std::string out;
  for (char c : plain) {
    out += c;
    if (c == '\n') out += indent;
  }
  return out;
}

}  // namespace

std::string splice_expects(const std::string& text, const std::map<std::size_t, std::string>& expects) {
  std::string out;
  std::size_t copied = 0;
  for (const Range& r : expect_ranges(text, expects)) {
    out.append(text, copied, r.begin - copied);
    out += indented(expects.at(r.step), line_indent(text, r.begin));
    copied = r.end;
  }
  out.append(text, copied, std::string::npos);
  return out;
}

}  // namespace sharepolicy::cli
