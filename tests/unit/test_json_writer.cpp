// The direct JSON writer (engine/json_writer.h) writes what nlohmann's dump() writes, byte for
// byte: results are serialized by it, and golden fixtures compare text.
#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <string>

#include "engine/json_writer.h"
#include "tape_text.h"
#include "sharepolicy/limits.h"
#include "sharepolicy/result.h"

using sharepolicy::Json;
using sharepolicy::json_writer::Tape;
using sharepolicy::json_writer::Writer;

namespace {
std::string written(const std::string& s) {
  std::string out;
  Writer w(out);
  w.string(s);
  w.finish();
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

// put_string tests eight bytes at once (and the last few padded): each byte at the edges of what
// it must escape or check, at every place of strings up to three words long, between fillers at
// both ends of the plain range.
TEST_CASE("json writer: a byte to escape is found at any place of a word", "[json_writer]") {
  const std::string edges[] = {std::string(1, '\0'), "\x1f",        " ", "!", "\"", "#", "[", "\\", "]", "~", "\x7f",
                               "\xc3\xa9",           "\xe2\x80\xa6"};
  for (const char filler : {'a', ' ', '~', '!'}) {
    for (std::size_t length = 1; length <= 24; ++length) {
      for (std::size_t at = 0; at < length; ++at) {
        for (const std::string& edge : edges) {
          std::string s(length, filler);
          s.replace(at, 1, edge);
          CHECK(written(s) == Json(s).dump());
        }
      }
    }
  }
  for (std::size_t at = 0; at < 17; ++at) {
    std::string s(17, 'a');
    s[at] = '\xff';
    CHECK_THROWS_AS(written(s), Json::type_error);
  }
}

// value() writes scalars itself (not through dump()): each kind, at its edges, as dump() does.
TEST_CASE("json writer: scalar values are written as nlohmann dump() writes them", "[json_writer]") {
  const Json values = Json::array({nullptr, true, false, 0, -1, 42, std::int64_t{INT64_MIN}, std::int64_t{INT64_MAX},
                                   std::uint64_t{UINT64_MAX}, 0.5, -1e300, 1.0, "", "line \"quoted\"\n", "caf\xc3\xa9",
                                   Json::object({{"status", 404}, {"ok", false}})});
  for (const Json& v : values) {
    std::string out;
    Writer w(out);
    w.value(v);
    w.finish();
    CHECK(out == v.dump());
  }
  std::string out;
  Writer w(out);
  w.value(values);
  w.finish();
  CHECK(out == values.dump());
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
  CHECK(out.empty());  // buffered until finish()
  w.finish();
  CHECK(out == R"({"a":[1,false,null,{},[]],"b":null,"c":{"line":"OK","status":200}})");
}

TEST_CASE("json writer: text longer than its buffer arrives whole and in order", "[json_writer]") {
  // Strings around and past the writer's 4 KiB buffer, escapes on either side of a flush, and
  // many small values: every byte must reach `out` once, in order.
  std::mt19937 rng(9);
  Json expected = Json::array();
  std::string out;
  Writer w(out);
  w.begin_array();
  for (const std::size_t n : {4090u, 4095u, 4096u, 4097u, 9000u, 3u}) {
    std::string s(n, 'x');
    for (std::size_t i = 0; i < n; i += 1 + rng() % 700) s[i] = "\"\\\n\x01"[rng() % 4];
    w.string(s);
    expected.push_back(s);
  }
  for (std::size_t i = 0; i < 3000; ++i) {
    w.number(i * 7919);
    expected.push_back(i * 7919);
  }
  w.end_array();
  w.finish();
  CHECK(out == expected.dump());
}

// put_string writes in one pass and hands a string to nlohmann at its first non-ASCII byte, dropping
// what it wrote of it: from the buffer, or from `out` when a long escaped prefix was flushed.
TEST_CASE("json writer: a non-ASCII string after a long prefix is written once, as nlohmann writes it",
          "[json_writer]") {
  Json expected = Json::array();
  std::string out;
  Writer w(out);
  w.begin_array();
  for (const std::size_t n : {0u, 10u, 3000u, 4094u, 4095u, 4096u, 5000u, 9000u}) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += i % 3 ? 'x' : '\n';  // escapes grow it past the buffer
    s += "caf\xc3\xa9";
    w.string(s);
    expected.push_back(s);
    w.string("after");
    expected.push_back("after");
  }
  w.end_array();
  w.finish();
  CHECK(out == expected.dump());
}

// result_to_json reads the result's text back with the request reader, without the input limits:
// a result may quote a 16 MiB name in a sentence and echo a request value from deep in a body.
TEST_CASE("json writer: a result past the input limits reads back as its text", "[json_writer]") {
  sharepolicy::Result r;
  r.operation = "ocm.shareRole";
  r.explanation.push_back("actor '" + std::string(sharepolicy::limits::kMaxStringBytes, 'x') + "'");
  Json deep = Json::array();
  for (std::size_t i = 0; i < sharepolicy::limits::kMaxNestingDepth + 10; ++i) deep = Json::array({deep, i});
  r.response = Json{{"body", deep}};
  const Json back = sharepolicy::result_to_json(r);
  CHECK(back.dump() == sharepolicy::result_to_text(r));
  CHECK(back["response"]["body"] == deep);
}

namespace {

// The same writes through both writers: the text, and the words read back to text (tape_text.h).
// `members`: the host's member names, numbered by the words (nullptr: names as text).
template <class Write>
std::pair<std::string, std::string> both_ways(Write write, sharepolicy::MemberNames* members = nullptr,
                                              std::vector<std::string>* host = nullptr) {
  std::string text;
  {
    Writer w(text);
    write(w);
    w.finish();
  }
  Tape tape(members);
  std::string pool, head;
  {
    Writer w(pool, tape);
    write(w);
    w.finish();
  }
  CHECK(tape.open.empty());
  sharepolicy::json_writer::append_tape(head, 9, tape, pool);
  std::vector<std::string> names;
  tape_text::Reader reader(head, host ? *host : names);
  CHECK(reader.table == 9);
  return {text, reader.text()};
}

}  // namespace

// The package's canShare head as words (json_writer.h Tape): every kind of value, nested, at the
// edges of what a word holds, reads back as the text writer's text.
TEST_CASE("json writer: words read back as the text of the same values", "[json_writer][tape]") {
  const Json values = Json::array({nullptr,
                                   true,
                                   false,
                                   0,
                                   -1,
                                   42,
                                   std::int64_t{INT64_MIN},
                                   std::int64_t{INT64_MAX},
                                   std::uint64_t{UINT64_MAX},
                                   std::uint64_t{Tape::kMaxPayload},
                                   std::uint64_t{Tape::kMaxPayload} + 1,
                                   0.5,
                                   -1e300,
                                   1.0,
                                   "",
                                   "line \"quoted\"\n\t\x01",
                                   "caf\xc3\xa9 \xe2\x80\xa6",
                                   Json::object({{"status", 404}, {"ok", false}, {"__proto__", 1}, {"", "empty"}}),
                                   Json::array(),
                                   Json::object(),
                                   Json::array({Json::array({Json::array()})})});
  const auto [text, read] = both_ways([&](Writer& w) {
    w.begin_object();
    w.key("values");
    w.value(values);
    w.key("counts");
    w.begin_array();
    for (const std::size_t n : {std::size_t{0}, std::size_t{7}, std::size_t{Tape::kMaxPayload},
                                std::size_t{Tape::kMaxPayload} + 1, std::size_t{UINT32_MAX}})
      w.number(n);
    w.end_array();
    w.key(std::string_view("a name from data: caf\xc3\xa9"));
    w.optional_string(std::nullopt);
    w.string_member("s", std::string(5000, 'x'));  // past the buffer
    w.key("raw");
    w.raw(R"({"kept":[1,2.5,"as text"]})");
    w.end_object();
  });
  CHECK(read == text);
  CHECK(text.find("4294967295") != std::string::npos);
}

// Invalid UTF-8 fails in words as in text (nlohmann's type_error 316), in a value or a name.
TEST_CASE("json writer: invalid UTF-8 fails the same way in words", "[json_writer][tape]") {
  for (const std::string bad : {std::string("bad \xff byte"), std::string("\xc3"), std::string("ab\xe2\x80")}) {
    std::string text_error, tape_error;
    try {
      std::string out;
      Writer w(out);
      w.string(bad);
    } catch (const Json::type_error& e) {
      text_error = e.what();
    }
    Tape tape;
    std::string pool;
    Writer w(pool, tape);
    try {
      w.string(bad);
    } catch (const Json::type_error& e) {
      tape_error = e.what();
    }
    CHECK(!text_error.empty());
    CHECK(tape_error == text_error);
    CHECK_THROWS_AS(w.key(bad), Json::type_error);
  }
}

// The words check UTF-8 before nlohmann does (text_util::is_valid_utf8): they accept and
// refuse exactly what nlohmann's serializer does, for every lead byte and the continuation bytes at
// the edges of each range (overlong forms, surrogates, past U+10FFFF, cut short).
TEST_CASE("json writer: words take exactly the UTF-8 nlohmann takes", "[json_writer][tape]") {
  const unsigned char edges[] = {0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xff};
  const unsigned char later[] = {0x41, 0x80, 0xbf, 0xc0};  // past the second byte: in range or not
  auto nlohmann_takes = [](const std::string& s) {
    try {
      (void)Json(s).dump();
      return true;
    } catch (const Json::type_error&) {
      return false;
    }
  };
  auto words_take = [](const std::string& s) {
    Tape tape;
    std::string pool;
    Writer w(pool, tape);
    try {
      w.string(s);
      return true;
    } catch (const Json::type_error&) {
      return false;
    }
  };
  std::size_t checked = 0, taken = 0;
  std::string first_difference;
  for (int lead = 0x80; lead <= 0xff; ++lead) {
    for (const unsigned char b1 : edges) {
      for (const unsigned char b2 : later) {
        for (const unsigned char b3 : later) {
          const char bytes[] = {'x', static_cast<char>(lead), static_cast<char>(b1), static_cast<char>(b2),
                                static_cast<char>(b3)};
          for (std::size_t n = 2; n <= 5; ++n) {
            const std::string s(bytes, n);
            const bool expected = nlohmann_takes(s);
            if (words_take(s) != expected && first_difference.empty()) {
              for (const char c : s) first_difference += std::to_string(static_cast<unsigned char>(c)) + " ";
            }
            ++checked;
            taken += expected;
          }
        }
      }
    }
  }
  CHECK(first_difference == "");
  CHECK(taken > 0);
  CHECK(taken < checked);
}

// Member names written in the source are numbered once per host table: text the first time, then
// a number; names numbered by an answer that was not handed over are numbered again.
TEST_CASE("json writer: member names by number", "[json_writer][tape]") {
  sharepolicy::MemberNames members;
  std::vector<std::string> host;
  const auto answer = [](Writer& w) {
    w.begin_object();
    w.number_member("ok", 1);
    w.key("list");
    w.begin_array();
    w.begin_object();
    w.number_member("ok", 2);
    w.string_member("name", "x");
    w.end_object();
    w.end_array();
    w.end_object();
  };
  const auto first = both_ways(answer, &members, &host);
  CHECK(first.second == first.first);
  CHECK(host == std::vector<std::string>{"ok", "list", "name"});
  members.handed_over = members.names.size();
  // A second answer: every name by number (the host's names unchanged).
  Tape tape(&members);
  std::string pool, head;
  {
    Writer w(pool, tape);
    answer(w);
    w.finish();
  }
  sharepolicy::json_writer::append_tape(head, 9, tape, pool);
  tape_text::Reader again(head, host);
  CHECK(again.text() == first.first);
  CHECK(again.new_names == 0);
  CHECK(again.named_by_number == 4);
  // An answer numbering a new name that is never handed over: the next answer numbers it again.
  bool fresh = false;
  const std::uint32_t lost = sharepolicy::json_writer::number_of(members, "lost", fresh);
  CHECK(fresh);
  CHECK(lost == 3);
  sharepolicy::json_writer::drop_unhanded(members);
  CHECK(members.names.size() == 3);
  fresh = false;
  CHECK(sharepolicy::json_writer::number_of(members, "ok", fresh) == 0);
  CHECK_FALSE(fresh);
  CHECK(sharepolicy::json_writer::number_of(members, "lost", fresh) == 3);
  CHECK(fresh);
  // Many names: the table grows and keeps every number.
  for (int i = 0; i < 300; ++i) sharepolicy::json_writer::number_of(members, "n" + std::to_string(i), fresh);
  for (int i = 0; i < 300; ++i) {
    fresh = false;
    CHECK(sharepolicy::json_writer::number_of(members, "n" + std::to_string(i), fresh) == 4 + i);
    CHECK_FALSE(fresh);
  }
}
