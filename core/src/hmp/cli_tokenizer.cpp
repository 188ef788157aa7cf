#include "hmp/cli_tokenizer.h"

namespace sharepolicy::hmp {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

// Reads a quoted token whose opening quote is at line[i]; returns the index after it, or npos
// when no closing quote is found.
std::size_t read_quoted(std::string_view line, std::size_t i, std::string& token) {
  for (std::size_t k = i + 1; k < line.size(); ++k) {
    const char c = line[k];
    if (c == '\\' && k + 1 < line.size() && (line[k + 1] == '"' || line[k + 1] == '\\')) {
      token += line[k + 1];
      ++k;
    } else if (c == '"' && (k + 1 == line.size() || is_space(line[k + 1]))) {
      return k + 1;
    } else {
      token += c;
    }
  }
  return std::string_view::npos;
}

}  // namespace

Tokens tokenize_command_line(std::string_view line) {
  Tokens out;
  std::size_t i = 0;
  while (i < line.size()) {
    if (is_space(line[i])) {
      ++i;
      continue;
    }
    std::string token;
    if (line[i] == '"') {
      i = read_quoted(line, i, token);
      if (i == std::string_view::npos) {
        out.unterminated_quote = true;
        return out;
      }
    } else {
      while (i < line.size() && !is_space(line[i])) token += line[i++];
    }
    out.items.push_back(std::move(token));
  }
  return out;
}

}  // namespace sharepolicy::hmp
