// The fast batch (the package's canShareBatchCodes): rows cross as one binary buffer, outcomes as
// an Int32Array read from the heap, so a grid of decisions builds and parses no JSON on either
// side for its common rows ({"actor","cli"}). Kept apart from bindings.cpp, which binds the text API.
//
// The buffer index.ts writes (little-endian uint32 words, then bytes):
//   n, then per row: flags (bit 0: has an actor, bit 1: the text is a request's JSON), actor
//   bytes, text bytes; then every row's actor bytes and text bytes, in row order.
#include <emscripten/emscripten.h>

#include <cstdint>
#include <cstring>
#include <vector>

#include "marshal.h"
#include "sharepolicy/input_error.h"
#include "sharepolicy/text_api.h"

namespace {

using sharepolicy::text::BatchRow;
using sharepolicy::text::LoadedState;
using sharepolicy::wasm::Address;
using Length = std::size_t;

std::vector<std::int32_t>& batch_codes() {
  static std::vector<std::int32_t> codes;
  return codes;
}

std::uint32_t word(const char* p) {
  std::uint32_t w;
  std::memcpy(&w, p, 4);
  return w;
}

constexpr std::string_view kMalformed =
    R"({"error":{"code":"REQUEST_INVALID","message":"the batch's row buffer is malformed","pointer":""}})";

// The rows the buffer describes (views into it), or false when it is malformed.
bool read_rows(std::string_view buffer, std::vector<BatchRow>& rows) {
  if (buffer.size() < 4) return false;
  const std::uint64_t n = word(buffer.data());
  const std::uint64_t header = 4 + 12 * n;
  if (header > buffer.size()) return false;
  rows.resize(n);
  std::uint64_t at = header;
  for (std::size_t i = 0; i < n; ++i) {
    const char* h = buffer.data() + 4 + 12 * i;
    const std::uint32_t flags = word(h), actor_length = word(h + 4), text_length = word(h + 8);
    if (at + actor_length + text_length > buffer.size()) return false;
    if (flags & 1) rows[i].actor = buffer.substr(at, actor_length);
    at += actor_length;
    rows[i].text = buffer.substr(at, text_length);
    rows[i].is_json = (flags & 2) != 0;
    at += text_length;
  }
  return true;
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE Length sharepolicy_decide_rows(Address loaded, Address input, Length length) {
  return sharepolicy::wasm::answer([&] {
    std::vector<BatchRow> rows;
    if (!read_rows(sharepolicy::wasm::text(input, length), rows)) return std::string(kMalformed);
    return reinterpret_cast<const LoadedState*>(loaded)->decide_rows(rows, batch_codes());
  });
}

// Where the last sharepolicy_decide_rows left its outcomes (one int32 per row), until the next call.
EMSCRIPTEN_KEEPALIVE Address sharepolicy_batch_codes_address() {
  return reinterpret_cast<Address>(batch_codes().data());
}

}  // extern "C"
