// Reads JSON text under the limits of api.md: nesting depth, string length, valid UTF-8, no
// duplicate keys. Errors come out as InputFailure with the pointer of the place that failed.
//
// parse_document reads the whole text as one DOM (requests, scenarios). A state is never a DOM: its
// loader reads it with its own scanner (state/scanner.h; STYLE.md: "build the model directly").
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

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
};

Json parse_document(std::string_view text, const Options& options);

}  // namespace sharepolicy::json_reader
