// snprintf for the WebAssembly module. musl's brings printf_core with it (positional arguments,
// wide characters, every conversion and flag: about 8 KB of code) for the two callers the module
// has, both in nlohmann/json: "\\u%04x" and "\\u%04x\\u%04x" when it escapes a character it
// writes, and "<U+%.4X>" in a lexer error message. The package is at its size budget, and those
// bytes pay for compiling the preview path for speed (wasm/CMakeLists.txt). The native build keeps
// libc's. The linker takes this definition and never pulls musl's snprintf.o (and with it
// vsnprintf and printf_core).
//
// Written: literal text, "%%", and %[-0][width][.precision](d|i|u|x|X|c|s) with an int, unsigned,
// char or string argument, as C formats them. Anything else (a length modifier, a float, '*') is
// not a format this module uses: it is copied as text, so a new caller shows it in its output
// rather than reading an argument of the wrong type. tests/js/small-snprintf.test.mjs compares
// both nlohmann callers with the native build.
#include <cstdarg>
#include <cstddef>

namespace {

// Appends to a bounded buffer and counts what an unbounded one would have held (C's return value).
struct Output {
  char* out;
  std::size_t size;
  std::size_t length = 0;
  void put(char c) {
    if (length + 1 < size) out[length] = c;
    ++length;
  }
  void repeat(char c, int n) {
    for (; n > 0; --n) put(c);
  }
};

// The digits of `value` in `base`, most significant first, into `digits`; answers their count.
int digits_of(unsigned value, unsigned base, bool upper, char* digits) {
  const char* set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  char reversed[16];
  int n = 0;
  do {
    reversed[n++] = set[value % base];
    value /= base;
  } while (value);
  for (int i = 0; i < n; ++i) digits[i] = reversed[n - 1 - i];
  return n;
}

struct Spec {
  bool left = false, zero = false;
  int width = 0, precision = -1;
};

int read_number(const char*& p) {
  int n = 0;
  while (*p >= '0' && *p <= '9') n = n * 10 + (*p++ - '0');
  return n;
}

// One integer conversion: sign, precision's leading zeros, then padding to the width.
void put_integer(Output& o, const Spec& spec, bool negative, unsigned magnitude, unsigned base, bool upper) {
  char digits[16];
  int n = spec.precision == 0 && magnitude == 0 ? 0 : digits_of(magnitude, base, upper, digits);
  const int zeros = spec.precision > n ? spec.precision - n : 0;
  const int body = (negative ? 1 : 0) + zeros + n;
  const bool zero_pad = spec.zero && !spec.left && spec.precision < 0;
  if (!spec.left && !zero_pad) o.repeat(' ', spec.width - body);
  if (negative) o.put('-');
  if (zero_pad) o.repeat('0', spec.width - body);
  o.repeat('0', zeros);
  for (int i = 0; i < n; ++i) o.put(digits[i]);
  if (spec.left) o.repeat(' ', spec.width - body);
}

void put_text(Output& o, const Spec& spec, const char* s) {
  int n = 0;
  while (s[n] && (spec.precision < 0 || n < spec.precision)) ++n;
  if (!spec.left) o.repeat(' ', spec.width - n);
  for (int i = 0; i < n; ++i) o.put(s[i]);
  if (spec.left) o.repeat(' ', spec.width - n);
}

}  // namespace

extern "C" int vsnprintf(char* out, std::size_t size, const char* format, va_list args) {
  Output o{out, size};
  for (const char* p = format; *p; ++p) {
    if (*p != '%') {
      o.put(*p);
      continue;
    }
    const char* start = p++;
    Spec spec;
    for (;; ++p) {
      if (*p == '-') {
        spec.left = true;
      } else if (*p == '0') {
        spec.zero = true;
      } else {
        break;
      }
    }
    spec.width = read_number(p);
    if (*p == '.') spec.precision = read_number(++p);
    switch (*p) {
      case '%': o.put('%'); break;
      case 'd':
      case 'i': {
        const int v = va_arg(args, int);
        const unsigned magnitude = v < 0 ? 0u - static_cast<unsigned>(v) : static_cast<unsigned>(v);
        put_integer(o, spec, v < 0, magnitude, 10, false);
        break;
      }
      case 'u': put_integer(o, spec, false, va_arg(args, unsigned), 10, false); break;
      case 'x': put_integer(o, spec, false, va_arg(args, unsigned), 16, false); break;
      case 'X': put_integer(o, spec, false, va_arg(args, unsigned), 16, true); break;
      case 'c':
        if (!spec.left) o.repeat(' ', spec.width - 1);
        o.put(static_cast<char>(va_arg(args, int)));
        if (spec.left) o.repeat(' ', spec.width - 1);
        break;
      case 's': put_text(o, spec, va_arg(args, const char*)); break;
      default:  // not a format this module uses: shown as written (see the top of the file)
        for (const char* q = start; q <= p && *q; ++q) o.put(*q);
        if (!*p) --p;
    }
  }
  if (size) out[o.length < size ? o.length : size - 1] = '\0';
  return static_cast<int>(o.length);
}

extern "C" int snprintf(char* out, std::size_t size, const char* format, ...) {
  va_list args;
  va_start(args, format);
  const int n = vsnprintf(out, size, format, args);
  va_end(args);
  return n;
}
