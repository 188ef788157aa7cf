// The decision path allocates as little as docs/DECISIONS.md "The decision path" says: look-ups by
// id or name allocate nothing, the command-line tokenizer one token list, and a decision-only or
// outcome-only evaluation (Detail::kDecision, kOutcome, the fast batch) of an HMP command line
// nothing. A
// counting operator new (this test binary's only one) counts the blocks each call asks for.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <new>
#include <string>

#include "common/name_index.h"
#include "fixture_support.h"
#include "hmp/cli_tokenizer.h"
#include "sharepolicy/engine.h"
#include "sharepolicy/request.h"
#include "sharepolicy/text_api.h"
#include "test_support.h"

namespace {
std::size_t g_allocations = 0;
}  // namespace

void* operator new(std::size_t n) {
  ++g_allocations;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
// Every form that pairs with a replaced delete is replaced too: a nothrow new left to the runtime
// (Catch2 uses one) and freed here is an alloc-dealloc mismatch under AddressSanitizer.
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  ++g_allocations;
  return std::malloc(n ? n : 1);
}
void* operator new[](std::size_t n) { return ::operator new(n); }
void* operator new[](std::size_t n, const std::nothrow_t& t) noexcept { return ::operator new(n, t); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }

using namespace sharepolicy;

namespace {

// Blocks allocated while `f` runs.
template <class F>
std::size_t allocations_in(F&& f) {
  const std::size_t before = g_allocations;
  f();
  return g_allocations - before;
}

}  // namespace

TEST_CASE("decision path: name look-ups allocate nothing", "[decision_path]") {
  NameIndex ids(KeyCase::kFoldAscii), names(KeyCase::kFoldAscii);
  for (Index i = 0; i < 1000; ++i) {
    ids.insert_unique("f678f415-0665-48cd-b141-" + std::to_string(100000000000 + i), i);
    names.add("user.name" + std::to_string(i), i);
  }
  const std::string id = "F678F415-0665-48CD-B141-100000000500", name = "USER.Name7", absent = "nobody-at-all";
  Index found = kNoIndex, missing = 0;
  std::size_t spans = 0;
  const std::size_t n = allocations_in([&] {
    found = ids.find(id);
    missing = ids.find(absent);
    spans = names.find_all(name).size() + names.find_all(absent).size();
  });
  CHECK(n == 0);
  CHECK(found == 500);
  CHECK(missing == kNoIndex);
  CHECK(spans == 1);
}

TEST_CASE("decision path: the tokenizer allocates one token list for an ordinary line", "[decision_path]") {
  const std::string line = "shareRecordingWithUser jennifer.dubois88 OWN 1a77ffff-e296-4846-b958-59410000264b";
  std::size_t tokens = 0;
  const std::size_t n = allocations_in([&] { tokens = hmp::tokenize_command_line(line).items.size(); });
  CHECK(tokens == 4);
  CHECK(n == 1);
}

TEST_CASE("decision path: an outcome-only evaluation of an HMP command line allocates nothing", "[decision_path]") {
  const State state = test_support::load(fixtures::sample("hmp.json"));
  const char* kRec = "f678f415-0665-48cd-b141-1e95283469f1";
  // An allowed share (admin), a denied one (jdoe holds WATCH), an unknown user, an unknown recording.
  const std::string lines[] = {std::string("shareRecordingWithUser creator OWN ") + kRec,
                               std::string("shareRecordingWithUser creator OWN ") + kRec,
                               std::string("shareRecordingWithUser nobody OWN ") + kRec,
                               "shareRecordingWithUser creator OWN 00000000-0000-0000-0000-000000000000"};
  const char* actors[] = {"admin", "jdoe", "admin", "admin"};
  const bool allowed[] = {true, false, false, false};
  for (int k = 0; k < 4; ++k) {
    INFO(actors[k] << ": " << lines[k]);
    Request req;
    req.actor = actors[k];
    req.cli = lines[k];
    bool ok = false, decided = false;
    const std::size_t n = allocations_in([&] {
      const auto result = can_share(state, req, Detail::kOutcome);
      decided = result.ok();
      ok = decided && result.value().ok;
    });
    CHECK(decided);
    CHECK(ok == allowed[k]);
    CHECK(ok == can_share(state, req).value().ok);
    // None: a line without a quoted token is split in place and decided on views
    // (hmp::decide_line); no token list, grant list, message or Result member is built.
    CHECK(n == 0);
  }
}

TEST_CASE("decision path: a decision-only evaluation of an HMP command line allocates nothing", "[decision_path]") {
  const State state = test_support::load(fixtures::sample("hmp.json"));
  const std::string rec = "f678f415-0665-48cd-b141-1e95283469f1";
  // One line per answer a command line can give: allowed, and each check's denial with its code.
  struct Case {
    const char* actor;
    std::string line;
    const char* code;  // "" with ok: allowed
    bool ok;
  };
  const Case cases[] = {
      {"admin", "shareRecordingWithUser creator OWN " + rec, "", true},
      {"jdoe", "shareRecordingWithUser creator OWN " + rec, "030003", false},
      {"admin", "shareRecordingWithUser nobody OWN " + rec, "040004", false},
      {"admin", "shareRecordingWithGroup nobody OWN " + rec, "040005", false},
      {"admin", "shareRecordingWithUser creator OWN 00000000-0000-0000-0000-000000000000", "040002", false},
      {"admin", "shareSessionWithUser creator WATCH 00000000-0000-0000-0000-000000000000", "040006", false},
      {"admin", "shareRecordingWithUser creator 00000000-0000-0000-0000-000000000000 " + rec, "040025", false},
      {"admin", "shareRecordingWithUser creator OWN not-a-uuid-but-a-long-token", "010001", false},
      {"admin", "shareRecordingWithUser creator bogus-permission-token " + rec, "010001", false},
      {"admin", "shareRecordingWithUser creator OWN " + rec + " and more tokens", "010003", false},
      {"admin", "noSuchCommandWithALongName creator OWN " + rec, "", false},
  };
  for (const Case& c : cases) {
    INFO(c.actor << ": " << c.line);
    Request req;
    req.actor = c.actor;
    req.cli = c.line;
    bool decided = false;
    Result result;
    const std::size_t n = allocations_in([&] {
      auto answered = can_share(state, req, Detail::kDecision);
      decided = answered.ok();
      if (decided) {
        result.ok = answered.value().ok;
        result.wire = answered.value().wire;
      }
    });
    REQUIRE(decided);
    CHECK(result.ok == c.ok);
    CHECK(std::string(result.wire.code_text()) == c.code);
    const Result full = can_share(state, req).value();  // the codes are the full answer's
    CHECK(full.ok == c.ok);
    CHECK(full.wire.code_text() == result.wire.code_text());
    CHECK((full.error ? full.error->code : std::string()) == c.code);
    // None: the line is split in place and decided on views (hmp::decide_line); the codes are
    // static, and no operation name, response line, message or change is rendered.
    CHECK(n == 0);
  }
}

TEST_CASE("decision path: decide_rows decides command-line rows without allocating per row", "[decision_path]") {
  text::LoadedState loaded;
  REQUIRE(loaded.load(fixtures::sample("hmp.json")) == R"({"result":null})");
  const std::string line = "shareRecordingWithUser creator OWN f678f415-0665-48cd-b141-1e95283469f1";
  const std::string admin = "admin", jdoe = "jdoe";
  std::vector<text::BatchRow> rows(1000);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    rows[i].text = line;
    rows[i].actor = i % 2 ? std::string_view(jdoe) : std::string_view(admin);
  }
  std::vector<std::int32_t> codes;
  loaded.decide_rows(rows, codes);  // sizes `codes`
  const std::size_t n = allocations_in([&] { loaded.decide_rows(rows, codes); });
  CHECK(codes[0] == text::kBatchAllowed);
  CHECK(codes[1] == text::kBatchDenied);
  CHECK(n <= 2);  // the envelope and the guard around the call, whatever the number of rows
}
