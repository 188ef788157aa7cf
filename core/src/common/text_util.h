// Small string helpers shared by the state model and the vendor modules.
#pragma once
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace sharepolicy::text_util {

// ASCII lower case: HMP ids, usernames, Webex emails and OCM login names compare this way.
std::string lower_ascii(std::string_view s);
bool equals_ignore_case(std::string_view a, std::string_view b);

// RFC 6901 escaping of one reference token ("~" → "~0", "/" → "~1").
std::string escape_pointer_token(std::string_view token);
std::string pointer_append(const std::string& base, std::string_view token);
std::string pointer_append(const std::string& base, std::size_t index);

namespace detail {

// 0x80 in each byte of `w` that is an ASCII hex digit (either case), 0 in every other byte. Each
// range test adds to the low seven bits of a byte what carries it past 0x7f exactly when the byte
// reaches the bound; no sum passes 0xff, so no byte disturbs its neighbour.
inline std::uint64_t hex_digit_bytes(std::uint64_t w) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  const auto at_least = [](std::uint64_t low7, unsigned bound) { return (low7 + (0x80 - bound) * kOnes) & kHigh; };
  const std::uint64_t low7 = w & ~kHigh;
  const std::uint64_t digit = at_least(low7, '0') & ~at_least(low7, '9' + 1);
  const std::uint64_t folded = low7 | 0x20 * kOnes;
  const std::uint64_t letter = at_least(folded, 'a') & ~at_least(folded, 'f' + 1);
  return (digit | letter) & ~w;  // & ~w: a byte of 0x80 or more is no digit
}

}  // namespace detail

// 8-4-4-4-12 hex digits, either case (hmp.md check 2). Eight bytes at a time and inline, so that
// the decision path compiles it at its own level: a loop of a byte at a time was a tenth of a
// native decision's instructions, and one that returned at the first bad byte cost a third of its
// time in mispredictions.
inline bool is_uuid(std::string_view s) {
  if (s.size() != 36) return false;
  const char* p = s.data();
  if (p[8] != '-' || p[13] != '-' || p[18] != '-' || p[23] != '-') return false;
  // 0x80 where a digit must stand, 0 at the dashes; read in words as the text is, so that the
  // bytes line up whatever the machine's byte order.
  static constexpr unsigned char kDigitAt[36] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0,
                                                 0x80, 0x80, 0x80, 0x80, 0,    0x80, 0x80, 0x80, 0x80,
                                                 0,    0x80, 0x80, 0x80, 0x80, 0,    0x80, 0x80, 0x80,
                                                 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80};
  std::uint64_t missing = 0;
  for (const std::size_t at : {0, 8, 16, 24, 28}) {  // 28: the last eight bytes, overlapping
    std::uint64_t w, want;
    std::memcpy(&w, p + at, 8);
    std::memcpy(&want, kDigitAt + at, 8);
    missing |= want & ~detail::hex_digit_bytes(w);
  }
  return missing == 0;
}

// Replaces CR, LF and every other control character by a space so a response stays one line
// (hmp.md "Values echoed in a response line").
std::string one_line(std::string_view s);

// Replaces each byte that is not part of valid UTF-8 by U+FFFD, so that messages quoting input
// always serialize.
std::string valid_utf8(std::string_view s);
// Length of the valid UTF-8 sequence starting at s[i] (no overlong form, no surrogate), or 0.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);
// Whether `s` is valid UTF-8 throughout (Unicode's well-formed sequences, which nlohmann's
// serializer also takes): valid_utf8(s) == s, without the copy.
bool is_valid_utf8(std::string_view s);
// The last character boundary at or before byte `at` (a cut there splits no character).
std::size_t char_boundary(std::string_view s, std::size_t at);

// Trims ASCII white space at both ends.
std::string_view trim(std::string_view s);

// A short excerpt for messages: at most `max_bytes` bytes, cut at a UTF-8 boundary, "…" appended.
inline constexpr std::size_t kExcerptBytes = 80;
std::string excerpt(std::string_view s, std::size_t max_bytes = kExcerptBytes);

// 'text' for messages: on one line and shortened to an excerpt, so a message quoting input stays short.
std::string quoted(std::string_view s);

// The pieces as one string, allocated once at its length. A sentence written `a + b + c …` grows
// and copies its string at several of the pluses, each growth a malloc and, in the package, calls
// into libc++: a denied preview's explanation and fix were most of its time in WebAssembly.
std::string concat(std::initializer_list<std::string_view> pieces);

// 'a', 'b', 'c' … for messages: each item on one line and shortened, at most `max_items` of them,
// then "… (N in all)".
std::string quoted_list(const std::vector<std::string>& items, std::size_t max_items = 5);

}  // namespace sharepolicy::text_util
