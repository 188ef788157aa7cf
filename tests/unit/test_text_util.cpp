// text_util::quoted: its short printable-ASCII path writes what the general path (one line, an
// excerpt, valid UTF-8) writes, at every edge of "short" and "printable".
#include <catch2/catch.hpp>
#include <string>

#include "common/text_util.h"

namespace tu = sharepolicy::text_util;

namespace {
std::string general(std::string_view s) { return "'" + tu::excerpt(tu::one_line(s)) + "'"; }
}  // namespace

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
