// Small string helpers shared by the state model and the vendor modules.
#pragma once
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

// 8-4-4-4-12 hex digits, either case (hmp.md check 2).
bool is_uuid(std::string_view s);

// Replaces CR, LF and every other control character by a space so a response stays one line
// (hmp.md "Values echoed in a response line").
std::string one_line(std::string_view s);

// Replaces each byte that is not part of valid UTF-8 by U+FFFD, so that messages quoting input
// always serialize.
std::string valid_utf8(std::string_view s);
// Length of the valid UTF-8 sequence starting at s[i] (no overlong form, no surrogate), or 0.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);
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
