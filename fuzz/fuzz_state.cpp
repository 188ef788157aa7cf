// State loading (state.md): any bytes either load or give an input error with a pointer. A state
// that loads must write back to text that loads again and writes back to the same text (the
// round trip of state.md "Output" is a fixed point).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_support.h"
#include "sharepolicy/state.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto loaded = sharepolicy::load_state(text);
  if (!loaded.ok()) {
    const auto& e = loaded.error();
    FUZZ_CHECK(!e.code.empty() && !e.message.empty(), e.to_json());
    FUZZ_CHECK(e.pointer.empty() || e.pointer[0] == '/', e.to_json());
    return 0;
  }
  const std::string written = sharepolicy::write_state(loaded.value());
  auto again = sharepolicy::load_state(written);
  FUZZ_CHECK(again.ok(), written + "\n" + (again.ok() ? "" : again.error().to_json()));
  FUZZ_CHECK(sharepolicy::write_state(again.value()) == written, written);
  return 0;
}
