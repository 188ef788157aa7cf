#include "compact_json.h"

namespace sharepolicy::cli {

namespace {

constexpr std::size_t kFlushAbove = 1 << 16;  // JsonOut's piece size

bool is_close(char c) { return c == '}' || c == ']'; }

// One past the closing quote of the string starting at `begin`.
std::size_t string_end(std::string_view text, std::size_t begin) {
  std::size_t p = begin + 1;
  while (p < text.size() && text[p] != '"') p += text[p] == '\\' ? 2 : 1;
  return p + 1;
}

}  // namespace

void PrettyWriter::new_line() {
  out_ += '\n';
  out_.append(2 * depth_, ' ');
}

void PrettyWriter::write(std::string_view compact) {
  for (std::size_t i = 0; i < compact.size(); ++i) {
    const char c = compact[i];
    if (in_string_) {
      // Copy the run up to the next quote or backslash at once: strings are most of the bytes.
      if (escaped_) {
        escaped_ = false;
        out_ += c;
        continue;
      }
      const std::size_t stop = compact.find_first_of("\"\\", i);
      const std::size_t end = stop == std::string_view::npos ? compact.size() : stop;
      out_.append(compact.data() + i, end - i);
      if (end == compact.size()) break;
      out_ += compact[end];
      if (compact[end] == '\\') escaped_ = true;
      else in_string_ = false;
      i = end;
      continue;
    }
    if (pending_open_) {
      const char open = pending_open_;
      pending_open_ = 0;
      out_ += open;
      if (is_close(c)) {  // {} and [] stay on one line
        out_ += c;
        continue;
      }
      ++depth_;
      new_line();
    }
    switch (c) {
      case '{':
      case '[': pending_open_ = c; break;
      case '}':
      case ']':
        --depth_;
        new_line();
        out_ += c;
        break;
      case ',':
        out_ += ',';
        new_line();
        break;
      case ':': out_ += ": "; break;
      case '"':
        in_string_ = true;
        out_ += c;
        break;
      default: out_ += c;
    }
  }
}

std::string pretty(std::string_view compact) {
  std::string out;
  out.reserve(compact.size() + compact.size() / 2);
  PrettyWriter(out).write(compact);
  return out;
}

void JsonOut::write(std::string_view compact) {
  if (!pretty_) {
    out_ << compact;
    return;
  }
  std::size_t newlines = 0;  // a trailing "\n" is not JSON: copied after the value
  while (newlines < compact.size() && compact[compact.size() - 1 - newlines] == '\n') ++newlines;
  compact.remove_suffix(newlines);
  // Pieces of about kFlushAbove bytes, each ending after a ',' outside strings (no token is cut).
  std::size_t begin = 0;
  bool in_string = false, escaped = false;
  for (std::size_t i = 0; i < compact.size(); ++i) {
    const char c = compact[i];
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    if (c == ',' && i + 1 - begin >= kFlushAbove) {
      writer_.write(compact.substr(begin, i + 1 - begin));
      out_ << piece_;
      piece_.clear();
      begin = i + 1;
    }
  }
  writer_.write(compact.substr(begin));
  out_ << piece_ << std::string(newlines, '\n');
  piece_.clear();
}

std::size_t value_end(std::string_view text, std::size_t begin) {
  const char c = text[begin];
  if (c == '"') return string_end(text, begin);
  if (c != '{' && c != '[') {
    std::size_t p = begin;
    while (p < text.size() && text[p] != ',' && text[p] != ':' && !is_close(text[p])) ++p;
    return p;
  }
  std::size_t depth = 0, p = begin;
  do {
    const char d = text[p];
    if (d == '"') {
      p = string_end(text, p);
      continue;
    }
    if (d == '{' || d == '[') ++depth;
    else if (is_close(d)) --depth;
    ++p;
  } while (depth > 0 && p < text.size());
  return p;
}

bool Members::next(std::string_view& key, std::string_view& value) {
  if (at_ >= text_.size() || is_close(text_[at_])) return false;
  key = {};
  if (text_.front() == '{') {
    const std::size_t key_end = string_end(text_, at_);
    key = text_.substr(at_, key_end - at_);
    at_ = key_end + 1;  // past ':'
  }
  const std::size_t end = value_end(text_, at_);
  value = text_.substr(at_, end - at_);
  at_ = end + (end < text_.size() && text_[end] == ',' ? 1 : 0);
  return true;
}

std::string key_text(const std::string& key) { return Json(key).dump(); }

std::optional<std::string_view> member(std::string_view object, const std::string& key) {
  if (object.empty() || object.front() != '{') return std::nullopt;
  const std::string wanted = key_text(key);
  Members members(object);
  std::string_view k, v;
  while (members.next(k, v)) {
    if (k == wanted) return v;
  }
  return std::nullopt;
}

bool equal(std::string_view text, const Json& value) {
  const char c = text.front();
  if (c != '{' && c != '[') return Json::parse(text) == value;
  if (c == '{' ? !value.is_object() : !value.is_array()) return false;
  Members members(text);
  std::string_view k, v;
  auto it = value.begin();
  for (; members.next(k, v); ++it) {
    if (it == value.end()) return false;
    if (c == '{' && k != key_text(it.key())) return false;
    if (!equal(v, it.value())) return false;
  }
  return it == value.end();
}

}  // namespace sharepolicy::cli
