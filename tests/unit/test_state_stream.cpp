// StateStream (state.h): a state fed in pieces loads exactly as its whole text does — the same
// model, the same error (code, pointer and message) — wherever the pieces are cut; and it reads
// as the pieces arrive, keeping only the bytes of the unit not yet whole (state_loader.h).
#include <sys/mman.h>

#include <algorithm>
#include <cstdint>
#include <catch2/catch.hpp>
#include <random>
#include <set>

#include "fixture_support.h"
#include "sharepolicy/limits.h"
#include "sharepolicy/state.h"
#include "state/state_loader.h"

using namespace sharepolicy;

namespace {

// Feeds `text` in pieces of `piece` bytes (the last one shorter) and finishes.
Expected<State> load_in_pieces(std::string_view text, std::size_t piece) {
  StateStream stream;
  for (std::size_t at = 0; at < text.size(); at += piece) {
    if (const InputError* e = stream.feed(text.substr(at, piece))) return *e;
  }
  return stream.finish();
}

// Feeds `text` cut at `cuts` (sorted offsets), empty pieces included.
Expected<State> load_cut_at(std::string_view text, const std::vector<std::size_t>& cuts) {
  StateStream stream;
  std::size_t from = 0;
  for (std::size_t cut : cuts) {
    if (const InputError* e = stream.feed(text.substr(from, cut - from))) return *e;
    from = cut;
  }
  if (const InputError* e = stream.feed(text.substr(from))) return *e;
  return stream.finish();
}

// The same answer: the same model (as written back) and warnings, or the same error.
std::string describe(const Expected<State>& r) {
  if (!r.ok()) return "error " + r.error().to_json();
  std::string out = "state " + write_state(r.value());
  for (const StateWarning& w : state_warnings(r.value()))
    out += "\nwarning " + w.code + " " + w.pointer + " " + w.message;
  return out;
}

struct Named {
  std::string name;
  std::string text;
};

std::vector<Named> hostile_states() {
  return {
#include "hostile_states.inc"
  };
}

// Every distinct state of the golden fixtures and the samples.
std::vector<Named> fixture_states() {
  std::vector<Named> out;
  std::set<std::string> seen;
  for (const char* name : {"hmp.json", "webex.json", "ocm.json", "combined.json"}) {
    out.push_back({name, fixtures::sample(name)});
    seen.insert(out.back().text);
  }
  for (const auto& path : fixtures::all()) {
    const Json fixture = Json::parse(fixtures::read_file(path));
    if (!fixture.contains("state")) continue;
    std::string text = fixtures::state_text(fixture);
    if (seen.insert(text).second) out.push_back({path.filename().string(), std::move(text)});
  }
  return out;
}

// Whole vs two pieces cut at every byte, vs pieces of 1, 2, 3, 7 and 64 bytes.
void check_every_cut(const Named& s) {
  INFO(s.name);
  const std::string whole = describe(load_state(s.text));
  for (std::size_t cut = 0; cut <= s.text.size(); ++cut) {
    INFO("cut at " << cut);
    REQUIRE(describe(load_cut_at(s.text, {cut})) == whole);
  }
  for (std::size_t piece : {1, 2, 3, 7, 64}) {
    INFO("pieces of " << piece);
    REQUIRE(describe(load_in_pieces(s.text, piece)) == whole);
  }
}

}  // namespace

TEST_CASE("a state fed in pieces loads as its whole text, cut anywhere", "[state][stream]") {
  for (const Named& s : fixture_states()) check_every_cut(s);
}

TEST_CASE("the hostile catalog's states fail in pieces as whole, cut anywhere", "[state][stream][hostile]") {
  for (const Named& s : hostile_states()) check_every_cut(s);
}

TEST_CASE("every prefix and every one-byte change of a sample answers as its whole text", "[state][stream]") {
  const std::string text = fixtures::sample("hmp.json");
  for (std::size_t n = 0; n <= text.size(); ++n) {
    const std::string prefix = text.substr(0, n);
    INFO("prefix of " << n);
    REQUIRE(describe(load_in_pieces(prefix, 5)) == describe(load_state(prefix)));
  }
  for (std::size_t at = 0; at < text.size(); ++at) {
    for (char c : {'"', '\\', '{', '}', '[', ']', ',', ':', ' ', '0', 'x', '\x80', '\0'}) {
      std::string changed = text;
      changed[at] = c;
      INFO("byte " << at << " changed to " << int(c));
      const std::string whole = describe(load_state(changed));
      REQUIRE(describe(load_cut_at(changed, {at})) == whole);
      REQUIRE(describe(load_cut_at(changed, {at + 1})) == whole);
      REQUIRE(describe(load_in_pieces(changed, 11)) == whole);
    }
  }
}

TEST_CASE("big hostile states fail in pieces as whole", "[state][stream][hostile][limits]") {
  const std::string deep = std::string(200000, '[') + std::string(200000, ']');
  std::string deep_objects = R"({"hmp":{"users":[)";
  for (int i = 0; i < 200000; ++i) deep_objects += R"({"a":)";
  deep_objects += "{}";
  deep_objects += std::string(200000, '}') + "]}}";
  const std::string long_string = R"({"hmp":{"users":[{"id":"u","username":")" + std::string(17u << 20, 'a') +
                                  R"("}]}})";
  std::string many_keys = R"({"hmp":{"users":[{"id":"u","username":"a")";
  for (int i = 0; i < 100000; ++i) many_keys += ",\"k" + std::to_string(i) + "\":1";
  many_keys += ",\"k5\":2}]}}";  // a duplicate at the end
  for (const std::string* text :
       std::initializer_list<const std::string*>{&deep, &deep_objects, &long_string, &many_keys}) {
    const std::string whole = describe(load_state(*text));
    CHECK(whole.rfind("error", 0) == 0);
    for (std::size_t piece : {std::size_t{1} << 20, std::size_t{4096}, std::size_t{333}}) {
      INFO(text->substr(0, 40) << " in pieces of " << piece);
      CHECK(describe(load_in_pieces(*text, piece)) == whole);
    }
  }
}

TEST_CASE("a stream answers an error as soon as the bytes read prove it", "[state][stream]") {
  StateStream stream;
  CHECK(stream.feed(R"({"hmp":{"users":[{"id":"u","username":"a"},)") == nullptr);
  const InputError* e = stream.feed(R"({"id":7}, {"id":"v")");
  REQUIRE(e != nullptr);
  CHECK(e->code == error_code::kStateInvalid);
  CHECK(e->pointer == "/hmp/users/1/id");
  CHECK(stream.feed("]}}") == e);
  CHECK(stream.finish().error().pointer == "/hmp/users/1/id");
  // Trailing content is certain as soon as it arrives.
  StateStream trailing;
  CHECK(trailing.feed("{} ") == nullptr);
  REQUIRE(trailing.feed("x") != nullptr);
  CHECK(trailing.feed("")->message == load_state("{} x").error().message);
}

TEST_CASE("a stream keeps only the bytes of the unit not yet read", "[state][stream]") {
  // 20 000 users fed in 4 KiB pieces: after each piece, at most the piece and one user are unread.
  std::string text = R"({"hmp":{"roles":[],"users":[)";
  for (int i = 0; i < 20000; ++i) {
    text += (i ? "," : "");
    text += R"({"id":"u)" + std::to_string(i) + R"(","username":"user )" + std::to_string(i) + R"(","roles":[]})";
  }
  text += "]}}";
  state::Loader loader;
  std::string tail;
  std::uint64_t tail_at = 0;
  std::size_t most_unread = 0;
  for (std::size_t at = 0; at < text.size(); at += 4096) {
    tail.append(text, at, 4096);
    loader.read(tail, tail_at, false);
    tail.erase(0, static_cast<std::size_t>(loader.offset() - tail_at));
    tail_at = loader.offset();
    most_unread = std::max(most_unread, tail.size());
  }
  CHECK(most_unread < 4096 + 80);
  loader.read(tail, tail_at, true);
  CHECK(loader.finish().hmp->users.size() == 20000);
}

#if UINTPTR_MAX > 0xffffffffu  // a 2 GiB mapping needs a 64-bit address space (not wasm32)
TEST_CASE("a stream past the state limit is refused before its bytes are read", "[state][stream][limits]") {
  // A piece that crosses the limit is refused from its size: its pages are mapped but never
  // touched, so the test costs no memory.
  const std::size_t size = limits::kMaxStateBytes;
  void* pages = mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  REQUIRE(pages != MAP_FAILED);
  StateStream stream;
  CHECK(stream.feed("{") == nullptr);
  const InputError* error = stream.feed(std::string_view(static_cast<const char*>(pages), size));
  munmap(pages, size);
  REQUIRE(error != nullptr);
  CHECK(error->code == error_code::kLimitExceeded);
  CHECK(stream.feed("}") == error);
  CHECK(stream.finish().error().code == error_code::kLimitExceeded);
}
#endif

TEST_CASE("an empty stream fails as the empty text", "[state][stream]") {
  CHECK(describe(StateStream().finish()) == describe(load_state("")));
}

TEST_CASE("kept text: empty first, long between short ones, after a clear", "[state][stream]") {
  // Found by fuzz_state_stream (a root key "" while streaming): the first keep of an empty string
  // wrote through a chunk that did not exist, and a short string kept after a long one was packed
  // into the long one's own chunk, past its end.
  state::StableText text;
  CHECK(text.keep("").empty());
  const std::string_view a = text.keep("first");
  const std::string long_text(20000, 'x');
  const std::string_view l = text.keep(long_text);
  std::vector<std::string_view> kept;
  for (int i = 0; i < 5000; ++i) kept.push_back(text.keep("short-" + std::to_string(i)));
  CHECK(a == "first");
  CHECK(l == long_text);
  for (int i = 0; i < 5000; ++i) CHECK(kept[i] == "short-" + std::to_string(i));
  text.clear();
  CHECK(text.keep("second") == "second");
}
