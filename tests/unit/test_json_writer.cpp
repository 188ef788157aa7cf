// The direct JSON writer (engine/json_writer.h) writes what nlohmann's dump() writes, byte for
// byte: results are serialized by it, and golden fixtures compare text.
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "engine/json_writer.h"

using sharepolicy::Json;
using sharepolicy::json_writer::append_string;
using sharepolicy::json_writer::Writer;

namespace {
std::string written(const std::string& s) {
  std::string out;
  append_string(out, s);
  return out;
}
}  // namespace

TEST_CASE("json writer: strings escape as nlohmann dump() does", "[json_writer]") {
  for (const std::string s : {std::string(""), std::string("plain"), std::string("quote \" and \\ backslash"),
                              std::string("\b\f\n\r\t\x01\x1f\x7f"), std::string("nul \0 inside", 12),
                              std::string("caf\xc3\xa9 \xe2\x80\xa6")}) {
    CHECK(written(s) == Json(s).dump());
  }
  std::mt19937 rng(5);
  std::uniform_int_distribution<int> byte(0, 0x7f), len(0, 12);
  for (int i = 0; i < 2000; ++i) {
    std::string s(static_cast<std::size_t>(len(rng)), ' ');
    for (char& c : s) c = static_cast<char>(byte(rng));
    CHECK(written(s) == Json(s).dump());
  }
  // Invalid UTF-8 fails as it did (nlohmann's type_error 316), never writes broken text.
  CHECK_THROWS_AS(written("bad \xff byte"), Json::type_error);
}

TEST_CASE("json writer: nesting, commas and values", "[json_writer]") {
  std::string out;
  Writer w(out);
  w.begin_object();
  w.key("a");
  w.begin_array();
  w.number(1);
  w.boolean(false);
  w.null();
  w.begin_object();
  w.end_object();
  w.begin_array();
  w.end_array();
  w.end_array();
  w.key("b");
  w.optional_string(std::nullopt);
  w.key("c");
  w.value(Json{{"line", "OK"}, {"status", 200}});
  w.end_object();
  CHECK(out == R"({"a":[1,false,null,{},[]],"b":null,"c":{"line":"OK","status":200}})");
}
