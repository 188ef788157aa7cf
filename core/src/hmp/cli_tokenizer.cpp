#include "hmp/cli_tokenizer.h"

namespace sharepolicy::hmp {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

bool is_escape(std::string_view line, std::size_t k) {
  return line[k] == '\\' && k + 1 < line.size() && (line[k + 1] == '"' || line[k + 1] == '\\');
}

bool closes_quote(std::string_view line, std::size_t k) {
  return line[k] == '"' && (k + 1 == line.size() || is_space(line[k + 1]));
}

// Reads a quoted token whose opening quote is at line[i]; returns the index after it, or npos
// when no closing quote is found. The token is a view into the line unless it held an escape.
std::size_t read_quoted(std::string_view line, std::size_t i, Tokens& out) {
  bool escaped = false;
  std::size_t k = i + 1;
  for (; k < line.size(); ++k) {
    if (is_escape(line, k)) {
      escaped = true;
      ++k;
    } else if (closes_quote(line, k)) {
      break;
    }
  }
  if (k >= line.size()) return std::string_view::npos;
  const std::string_view inside = line.substr(i + 1, k - i - 1);
  if (!escaped) {
    out.items.push_back(inside);
    return k + 1;
  }
  std::string& token = out.unescaped.emplace_back();  // rare: most quoted tokens hold no escape
  for (std::size_t j = 0; j < inside.size(); ++j) {
    if (is_escape(inside, j)) ++j;
    token += inside[j];
  }
  out.items.push_back(token);
  return k + 1;
}

}  // namespace

Tokens tokenize_command_line(std::string_view line) {
  Tokens out;
  out.items.reserve(4);  // a share command's length: one allocation for the common line
  std::size_t i = 0;
  while (i < line.size()) {
    if (is_space(line[i])) {
      ++i;
      continue;
    }
    if (line[i] == '"') {
      i = read_quoted(line, i, out);
      if (i == std::string_view::npos) {
        out.unterminated_quote = true;
        return out;
      }
    } else {
      const std::size_t start = i;
      while (i < line.size() && !is_space(line[i])) ++i;
      out.items.push_back(line.substr(start, i - start));
    }
  }
  return out;
}

}  // namespace sharepolicy::hmp
