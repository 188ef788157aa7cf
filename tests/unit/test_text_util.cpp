// text_util::quoted: its short printable-ASCII path writes what the general path (one line, an
// excerpt, valid UTF-8) writes, at every edge of "short" and "printable". text_util::is_uuid (eight
// bytes at a time) against the rule written a byte at a time.
#include <catch2/catch.hpp>
#include <string>

#include "common/text_util.h"

namespace tu = sharepolicy::text_util;

namespace {
std::string general(std::string_view s) { return "'" + tu::excerpt(tu::one_line(s)) + "'"; }

// hmp.md check 2 a byte at a time: 8-4-4-4-12 hex digits, either case, dashes between.
bool uuid_by_bytes(std::string_view s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (i == 8 || i == 13 || i == 18 || i == 23 ? c != '-' : !hex) return false;
  }
  return true;
}
}  // namespace

TEST_CASE("is_uuid: every byte at every place of a UUID, and every length", "[text_util]") {
  const std::string valid = "0123abcd-89AB-cdef-4567-89abcdefABCD";
  REQUIRE(uuid_by_bytes(valid));
  CHECK(tu::is_uuid(valid));
  // The disagreements are gathered and checked once: an assertion per byte was seconds in WebAssembly.
  std::size_t accepted = 0;
  std::string disagreements;
  for (std::size_t at = 0; at < valid.size(); ++at) {
    std::string changed = valid;
    for (int byte = 0; byte < 256; ++byte) {
      changed[at] = static_cast<char>(byte);
      const bool answer = tu::is_uuid(changed);
      if (answer != uuid_by_bytes(changed))
        disagreements += " byte " + std::to_string(byte) + " at " + std::to_string(at);
      accepted += answer;
    }
  }
  CHECK(disagreements.empty());
  CHECK(accepted == 32 * 22 + 4);  // 22 hex digits at each of 32 places, the dash at each of 4
  // Views into a longer text: only the view's bytes count, whatever follows it.
  const std::string longer = valid + "0" + valid;
  for (std::size_t cut = 0; cut <= longer.size(); ++cut) {
    INFO("first " << cut << " bytes");
    CHECK(tu::is_uuid(std::string_view(longer).substr(0, cut)) == (cut == 36));
    CHECK(tu::is_uuid(std::string_view(longer).substr(longer.size() - cut)) == (cut == 36));
  }
}

TEST_CASE("quoted writes what one_line, excerpt and valid_utf8 write", "[text_util]") {
  const std::string edge(tu::kExcerptBytes, 'a');
  for (const std::string& s :
       {std::string(), std::string("richard.johnson3207"), std::string(" ~"), edge, edge + "b", edge.substr(1) + "\x7f",
        std::string("tab\there"), std::string("line\nbreak"), std::string("caf\xC3\xA9"), std::string("bad\xFF"),
        std::string("nul\0x", 5), edge.substr(2) + "\xC3\xA9", std::string("\x1f"), std::string("'quotes'")}) {
    INFO(s);
    CHECK(tu::quoted(s) == general(s));
  }
  CHECK(tu::quoted(edge + "b") == "'" + edge + "\xE2\x80\xA6'");
  CHECK(tu::quoted("a\x7f") == "'a '");
}
