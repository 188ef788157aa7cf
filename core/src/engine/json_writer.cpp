#include "engine/json_writer.h"

namespace sharepolicy::json_writer {

namespace {

bool is_ascii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

}  // namespace

void append_string(std::string& out, std::string_view s) {
  if (!is_ascii(s)) {
    // Non-ASCII text goes through nlohmann itself, so that its UTF-8 checks (and the exception an
    // invalid sequence raises) stay exactly as they were. Rare: names and messages are mostly ASCII.
    out += Json(std::string(s)).dump();
    return;
  }
  static const char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t run = 0;  // start of the bytes not yet copied
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const char* escape = nullptr;
    switch (c) {
      case '"': escape = "\\\""; break;
      case '\\': escape = "\\\\"; break;
      case '\b': escape = "\\b"; break;
      case '\f': escape = "\\f"; break;
      case '\n': escape = "\\n"; break;
      case '\r': escape = "\\r"; break;
      case '\t': escape = "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20) continue;
    }
    out.append(s.data() + run, i - run);
    run = i + 1;
    if (escape) {
      out += escape;
    } else {  // other control characters: \u00XX in lower-case hex, as nlohmann writes them
      out += "\\u00";
      out += kHex[(c >> 4) & 0xf];
      out += kHex[c & 0xf];
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

void Writer::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_) out_ += ',';
  first_ = false;
}

void Writer::open(char c) {
  before_value();
  out_ += c;
  first_ = true;
}

void Writer::close(char c) {
  out_ += c;
  first_ = false;
}

void Writer::key(std::string_view name) {
  if (!first_) out_ += ',';
  first_ = false;
  append_string(out_, name);
  out_ += ':';
  after_key_ = true;
}

void Writer::string(std::string_view s) {
  before_value();
  append_string(out_, s);
}

void Writer::optional_string(const std::optional<std::string>& s) {
  if (s) {
    string(*s);
  } else {
    null();
  }
}

void Writer::boolean(bool b) {
  before_value();
  out_ += b ? "true" : "false";
}

void Writer::null() {
  before_value();
  out_ += "null";
}

void Writer::number(std::size_t n) {
  before_value();
  out_ += std::to_string(n);
}

void Writer::value(const Json& j) {
  before_value();
  out_ += j.dump();
}

void Writer::raw(std::string_view json_text) {
  before_value();
  out_ += json_text;
}

}  // namespace sharepolicy::json_writer
