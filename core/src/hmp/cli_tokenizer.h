// hmp.md "Command line": the tokenizer every command line goes through first.
#pragma once
#include <list>
#include <string>
#include <string_view>
#include <vector>

namespace sharepolicy::hmp {

struct Tokens {
  // Views into the line, or into `unescaped` for a quoted token that held \" or \\. Valid while
  // the line and this object live (a Tokens may be moved: a list keeps its strings in place,
  // and an empty one allocates nothing).
  std::vector<std::string_view> items;
  bool unterminated_quote = false;  // answers ERROR|010001|Unterminated quoted string (inferred)
  std::list<std::string> unescaped;
};

// Tokens are separated by runs of ASCII white space (LF included). A double quote at the start of
// a token opens a quoted token, closed by the next unescaped double quote that is followed by white
// space or the end (a quote followed by anything else is an ordinary character of the token).
// Inside, \" is a quote and \\ a backslash; any other backslash is kept. Elsewhere quotes and
// backslashes are ordinary characters.
Tokens tokenize_command_line(std::string_view line);

}  // namespace sharepolicy::hmp
