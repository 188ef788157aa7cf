// StateStream (state.h) against load_state: any bytes fed in pieces answer exactly what the whole
// text answers — the same state written back and the same warnings, or the same error (code,
// pointer and message). The input's first byte seeds where the pieces are cut (1 to 64 pieces of
// random sizes, empty ones included); the rest is the text.
#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>

#include "fuzz_support.h"
#include "sharepolicy/state.h"

namespace {

std::string describe(const sharepolicy::Expected<sharepolicy::State>& r) {
  if (!r.ok()) return "error " + r.error().to_json();
  std::string out = "state " + sharepolicy::write_state(r.value());
  for (const auto& w : sharepolicy::state_warnings(r.value())) out += "\n" + w.code + " " + w.pointer + " " + w.message;
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::minstd_rand random(data[0]);
  const std::string whole = describe(sharepolicy::load_state(text));

  sharepolicy::StateStream stream;
  const std::size_t pieces = 1 + random() % 64;
  std::size_t at = 0;
  std::string streamed;
  for (std::size_t i = 0; i + 1 < pieces && streamed.empty(); ++i) {
    const std::size_t n = std::min<std::size_t>(text.size() - at, random() % (2 * text.size() / pieces + 2));
    if (const sharepolicy::InputError* e = stream.feed(text.substr(at, n))) streamed = "error " + e->to_json();
    at += n;
  }
  if (streamed.empty()) {
    if (const sharepolicy::InputError* e = stream.feed(text.substr(at))) {
      streamed = "error " + e->to_json();
    } else {
      streamed = describe(stream.finish());
    }
  }
  FUZZ_CHECK(streamed == whole, whole + "\n---\n" + streamed);
  return 0;
}
