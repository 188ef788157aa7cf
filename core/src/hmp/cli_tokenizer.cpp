#include "hmp/cli_tokenizer.h"

#include <cstdint>
#include <cstring>

namespace sharepolicy::hmp {
namespace {

// ' ' and \t \n \v \f \r (9 to 13).
bool is_space(char c) { return c == ' ' || static_cast<unsigned char>(c - '\t') < 5; }

// The end of the unquoted token that starts at `i`: the first white space at or after it, or the
// line's end. Eight bytes at a time: a word with no byte below 0x21 (white space or another
// control byte) is skipped with one subtraction ("hasless", bytes >= 0x80 never count); a word
// with one is read byte by byte. Most tokens (ids, names) hold none until their end.
std::size_t unquoted_end(std::string_view line, std::size_t i) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  const std::size_t n = line.size();
  for (; i + 8 <= n; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, line.data() + i, 8);
    if (((w - 0x21 * kOnes) & ~w & kHigh) == 0) continue;
    for (std::size_t k = i; k < i + 8; ++k) {
      if (is_space(line[k])) return k;
    }
  }
  while (i < n && !is_space(line[i])) ++i;
  return i;
}

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
      i = unquoted_end(line, i);
      out.items.push_back(line.substr(start, i - start));
    }
  }
  return out;
}

}  // namespace sharepolicy::hmp
