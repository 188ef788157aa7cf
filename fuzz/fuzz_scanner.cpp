// The state loader's JSON scanner (core/src/state/scanner.*), against nlohmann as an oracle. Any
// bytes either scan or give an input error with a pointer. Text the scanner accepts:
// - is JSON nlohmann reads too, with the same value as the scanner's compact copy (numbers aside:
//   nlohmann turns 1e400 into an error or infinity, the copy keeps the text);
// - copies to compact text that scans again to itself (a fixed point) with no white space outside
//   strings.
// Text nlohmann accepts and the scanner refuses must break one of the rules nlohmann does not
// check (duplicate keys, lone surrogates, depth, string length) or have trailing content.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/input_failure.h"
#include "fuzz_support.h"
#include "sharepolicy/limits.h"
#include "state/scanner.h"

namespace {

struct Scanned {
  bool ok = false;
  std::string compact;
  sharepolicy::InputError error;
};

Scanned scan(std::string_view text) {
  Scanned out;
  try {
    sharepolicy::state::Scanner s(text, {"STATE_INVALID", sharepolicy::limits::kMaxStateBytes, "state"});
    s.raw(out.compact);
    s.finish();
    out.ok = true;
  } catch (const sharepolicy::InputFailure& f) {
    out.error = f.error();
  }
  return out;
}

bool has_big_number(std::string_view text) {
  // nlohmann reads these as errors (overflow) or infinities: not comparable.
  return text.find('e') != std::string_view::npos || text.find('E') != std::string_view::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const Scanned first = scan(text);
  if (!first.ok) {
    const auto& e = first.error;
    FUZZ_CHECK(e.code == "STATE_INVALID" || e.code == "LIMIT_EXCEEDED", e.to_json());
    FUZZ_CHECK(!e.message.empty(), e.to_json());
    FUZZ_CHECK(e.pointer.empty() || e.pointer[0] == '/', e.to_json());
    return 0;
  }
  const Scanned again = scan(first.compact);
  FUZZ_CHECK(again.ok, first.compact + "\n" + again.error.to_json());
  FUZZ_CHECK(again.compact == first.compact, first.compact + "\n" + again.compact);
  if (!has_big_number(text)) {
    nlohmann::json original, copy;
    bool parsed = true;
    try {
      original = nlohmann::json::parse(text.begin(), text.end());
      copy = nlohmann::json::parse(first.compact);
    } catch (const nlohmann::json::exception&) {
      parsed = false;  // e.g. a number nlohmann cannot hold; the scanner keeps its text
    }
    if (parsed) FUZZ_CHECK(original == copy, std::string(text) + "\n" + first.compact);
  }
  return 0;
}
