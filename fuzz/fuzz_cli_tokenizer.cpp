// hmp.md "Command line": the tokenizer. Any bytes tokenize; every token is non-empty unless it was
// quoted, and quoting each token again (\\ and \" escaped) and joining with spaces gives the same
// tokens back.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.h"
#include "hmp/cli_tokenizer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  const auto tokens = sharepolicy::hmp::tokenize_command_line(line);
  if (tokens.unterminated_quote) return 0;
  std::string requoted;
  std::size_t total = 0;
  for (const auto& t : tokens.items) {
    total += t.size();
    if (!requoted.empty()) requoted += ' ';
    requoted += '"';
    for (char c : t) {
      if (c == '"' || c == '\\') requoted += '\\';
      requoted += c;
    }
    requoted += '"';
  }
  FUZZ_CHECK(total <= line.size(), std::string(line));
  const auto again = sharepolicy::hmp::tokenize_command_line(requoted);
  FUZZ_CHECK(!again.unterminated_quote, requoted);
  FUZZ_CHECK(again.items == tokens.items, requoted);
  return 0;
}
