// Reads JSON text under the limits of api.md: nesting depth, string length, valid UTF-8, no
// duplicate keys. Errors come out as InputFailure with the pointer of the place that failed.
//
// parse_document reads the whole text as one DOM (scenarios); parse_kept keeps only what a Shape
// names (requests: their known members) and checks the rest without building it. A state is never
// a DOM: its loader reads it with its own scanner (state/scanner.h; STYLE.md: "build the model
// directly").
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/input_failure.h"
#include "sharepolicy/result.h"

namespace sharepolicy::json_reader {

struct PathItem {
  std::string key;        // object member name, when !is_index
  std::size_t index = 0;  // array position, when is_index
  bool is_index = false;
  bool active = true;  // false between two members: the pointer then names the container
};
using Path = std::vector<PathItem>;

std::string to_pointer(const Path& path);

struct Options {
  const char* invalid_code;  // STATE_INVALID or REQUEST_INVALID
  std::size_t max_bytes;     // the text limit
  const char* what;          // "state", "request", "scenario": used in messages
  // false: text this program wrote (a result read back as a value), whose strings and depth come
  // from a state or request already read under the limits, so they are not applied again.
  bool input_limits = true;
};

// Text this program wrote, read back as a value (a result, an answer): no input limits.
inline const Options kWrittenText{"INTERNAL", static_cast<std::size_t>(-1), "result", false};

Json parse_document(std::string_view text, const Options& options);

// JSON's white space (RFC 8259: space, tab, line feed, carriage return).
inline bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// What parse_kept keeps of a value. Everything is checked the same way (syntax, UTF-8, limits,
// duplicate keys, depth) and errors name the same pointers; what is not kept costs no memory but
// the reader's stack (issue 16: a DOM of unknown members cost 7 to 29 times their text).
struct Shape {
  enum Kind : unsigned char {
    kWhole,     // the value as it is
    kKind,      // a scalar as it is; a container empty (its type is all that is read)
    kMembers,   // an object with only the members named in `members` (and the others as `others`,
                // when given); other types as kKind
    kEach,      // an array whose elements are each kept as `each`; other types as kKind
    kStrings,   // an array of strings: kept up to its first element that is not a string, which is
                // kept as kKind (a reader that wants strings stops there); other types as kKind
    kDistinct,  // an array of strings read for its distinct values (distinct_strings below): each
                // string at its first and second appearance while at most max_strings are distinct,
                // then only counted; the first non-string as in kStrings; other types as kKind
    kText,      // a member's container kept as where its text is (text_range below), not built;
                // a scalar as it is
    kCompact,   // a member's container kept whole when its text is at most kCompactAbove bytes,
                // else as its compact text (json_text below), not built; a scalar as it is
  };
  // Issue 16 item 4: a DOM costs up to 100x its text, so a kCompact container larger than this is
  // kept as text (at most its own size); a smaller one stays a DOM, as callers of the C++ API see it.
  static constexpr std::size_t kCompactAbove = 4096;
  struct Member {
    const char* name;
    const Shape* shape;
  };
  Kind kind;
  const Member* members = nullptr;  // kMembers: ends with {nullptr, nullptr}
  const Shape* each = nullptr;      // kEach; kMembers: the shape of the members not named (nullptr: not kept)
  // kStrings: at most this many strings (0: no limit); one more is LIMIT_EXCEEDED at its place, so
  // that a list of millions of short strings cannot cost 20x its text before it is refused.
  // kEach: at most this many elements; one more is LIMIT_EXCEEDED at the list.
  // kDistinct: the distinct strings kept (past them, a count), never an error.
  std::size_t max_strings = 0;
};

Json parse_kept(std::string_view text, const Options& options, const Shape& shape);

// A list of strings as a reader of distinct ids needs it (Webex recordingIds: webex.md checks 3 to
// 5): the distinct strings in order of first appearance, those listed more than once in order of
// their second appearance (each once), and how many distinct strings there are. From a whole array
// `first` holds them all; from one read as kDistinct, when more than max_strings are distinct,
// `first` and `repeated` stop there and only `count` is exact. nullopt: not an array of strings.
struct DistinctStrings {
  std::vector<std::string> first;
  std::vector<std::string> repeated;
  std::size_t count = 0;
};
std::optional<DistinctStrings> distinct_strings(const Json& list);

// Where the text of a container kept as kText is, in the text parse_kept read; nullopt for any
// other value (a scalar, or a DOM built otherwise).
std::optional<std::string_view> text_range(const Json& value, std::string_view text);

// The text of a container kept as kCompact above kCompactAbove bytes: byte for byte what dump()
// writes of its DOM (compact); nullopt for any other value. json_writer writes it as it is.
std::optional<std::string_view> json_text(const Json& value);

// Whether two texts as dump() writes them (compact; a result's text, json_text) hold values that
// nlohmann's == finds equal: the same tokens, but for numbers that are equal as values (1 and 1.0).
bool equal_compact(std::string_view a, std::string_view b);

// The error of a kStrings list longer than its max_strings, at `pointer` (the first one too many).
InputFailure too_many_strings(std::size_t limit, std::string pointer);

}  // namespace sharepolicy::json_reader
