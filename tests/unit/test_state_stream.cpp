// StateStream (state.h): a state fed in pieces loads exactly as its whole text does — the same
// model, the same error and pointer — wherever the pieces are cut.
#include <sys/mman.h>

#include <catch2/catch.hpp>

#include "fixture_support.h"
#include "sharepolicy/limits.h"
#include "sharepolicy/state.h"

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

}  // namespace

TEST_CASE("a state fed in pieces loads as its whole text", "[state][stream]") {
  for (const char* name : {"hmp.json", "webex.json", "ocm.json", "combined.json"}) {
    const std::string text = fixtures::sample(name);
    const auto whole = load_state(text);
    REQUIRE(whole.ok());
    for (std::size_t piece : {std::size_t{1}, std::size_t{7}, std::size_t{4096}, text.size()}) {
      INFO(name << " in pieces of " << piece);
      const auto streamed = load_in_pieces(text, piece);
      REQUIRE(streamed.ok());
      CHECK(write_state(streamed.value()) == write_state(whole.value()));
      CHECK(state_warnings(streamed.value()).size() == state_warnings(whole.value()).size());
    }
  }
}

TEST_CASE("a state fed in pieces fails as its whole text", "[state][stream]") {
  const std::string bad =
      R"({"hmp":{"users":[{"id":"00000000-0000-4000-8000-000000000001","username":"a","roles":[7]}]}})";
  const auto whole = load_state(bad);
  REQUIRE_FALSE(whole.ok());
  for (std::size_t piece : {std::size_t{1}, std::size_t{5}, bad.size()}) {
    const auto streamed = load_in_pieces(bad, piece);
    REQUIRE_FALSE(streamed.ok());
    CHECK(streamed.error().code == whole.error().code);
    CHECK(streamed.error().pointer == whole.error().pointer);
  }
  const auto empty = StateStream().finish();
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.error().code == error_code::kStateInvalid);
}

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
