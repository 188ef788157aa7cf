// memcmp and bcmp eight bytes at a time, in place of musl's (Emscripten's libc), which compares one
// byte per loop turn: loading a state compares every reference with the id it names (a 36-byte
// UUID), and the look-ups of a decision compare ids and names too. The native build keeps libc's.
// Compiled without LTO and without builtins (wasm/CMakeLists.txt), so that the compiler neither
// turns the loop back into a call to memcmp nor drops a definition it may emit calls to later.
#include <cstddef>
#include <cstdint>

namespace {

std::uint64_t load8(const unsigned char* p) {
  std::uint64_t v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}

}  // namespace

extern "C" int memcmp(const void* a, const void* b, std::size_t n) {
  const auto* l = static_cast<const unsigned char*>(a);
  const auto* r = static_cast<const unsigned char*>(b);
  for (; n >= 8 && load8(l) == load8(r); n -= 8) {
    l += 8;
    r += 8;
  }
  for (; n != 0; --n, ++l, ++r) {
    if (*l != *r) return *l - *r;
  }
  return 0;
}

// Equal or not: what `memcmp(…) == 0` becomes once the compiler sees only equality is asked.
extern "C" int bcmp(const void* a, const void* b, std::size_t n) { return memcmp(a, b, n); }
