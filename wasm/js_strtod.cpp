// strtod for the WebAssembly module, by JavaScript's Number(): musl's strtod computes in 128-bit
// long double, which wasm32 emulates in software (__multf3, __divtf3, fmodl, …): about 13 KB of
// code for the one caller there is, nlohmann's lexer reading a fractional or exponent number in a
// request. Number() rounds a decimal string to the nearest double as strtod does (IEEE 754, ties
// to even), so the values are the same; the native build keeps libc's. The linker takes this
// definition and never pulls musl's strtod.o.
//
// Only the syntax a C locale's strtod reads as decimal is accepted: [space][sign]digits[.digits]
// [(e|E)[sign]digits]. Hexadecimal floats, inf and nan are not read (0, nothing consumed): JSON has
// none, and no other code in the module calls strtod.
//
// musl defines strtof, strtold and the _l forms in the same object as strtod, and archive members
// of libc++ refer to them (unreachable here, dropped after LTO); the linker pulls that object for
// any of them, and its strtod would then collide with this one, so all six are defined here.
#include <cctype>
#include <clocale>
#include <cstdlib>

#include <emscripten/emscripten.h>

// Reads bytes [p, p + n) (ASCII digits, signs, '.', 'e') as a JavaScript number.
EM_JS(double, sharepolicy_number_of_ascii, (const char* p, int n), {
  var s = "";
  for (var i = 0; i < n; i++) s += String.fromCharCode(HEAPU8[p + i]);
  return Number(s);
});

namespace {

const char* skip_digits(const char* p) {
  while (*p >= '0' && *p <= '9') ++p;
  return p;
}

// The end of the longest decimal number at `start` (after white space), or start when none.
const char* decimal_end(const char* start, const char** number) {
  const char* p = start;
  while (std::isspace(static_cast<unsigned char>(*p))) ++p;
  *number = p;
  if (*p == '+' || *p == '-') ++p;
  const char* int_end = skip_digits(p);
  const char* end = int_end;
  bool digits = int_end != p;
  if (*end == '.') {
    const char* frac_end = skip_digits(end + 1);
    digits = digits || frac_end != end + 1;
    end = frac_end;
  }
  if (!digits) return start;
  if (*end == 'e' || *end == 'E') {
    const char* e = end + 1;
    if (*e == '+' || *e == '-') ++e;
    const char* exp_end = skip_digits(e);
    if (exp_end != e) end = exp_end;
  }
  return end;
}

}  // namespace

extern "C" double strtod(const char* __restrict s, char** __restrict endptr) {
  const char* number = s;
  const char* end = decimal_end(s, &number);
  if (endptr != nullptr) *endptr = const_cast<char*>(end);
  if (end == s) return 0.0;
  // Number() reads no leading '+'.
  if (*number == '+') ++number;
  return sharepolicy_number_of_ascii(number, static_cast<int>(end - number));
}

extern "C" float strtof(const char* __restrict s, char** __restrict endptr) {
  return static_cast<float>(strtod(s, endptr));
}
extern "C" long double strtold(const char* __restrict s, char** __restrict endptr) { return strtod(s, endptr); }
extern "C" double strtod_l(const char* __restrict s, char** __restrict endptr, locale_t) { return strtod(s, endptr); }
extern "C" float strtof_l(const char* __restrict s, char** __restrict endptr, locale_t) { return strtof(s, endptr); }
extern "C" long double strtold_l(const char* __restrict s, char** __restrict endptr, locale_t) {
  return strtold(s, endptr);
}
