// Reads JSON text under the limits of api.md: nesting depth, string length, valid UTF-8, no
// duplicate keys. Errors come out as InputFailure with the pointer of the place that failed.
//
// Two ways to read:
// - parse_document: the whole text as one DOM (requests, scenarios: small documents);
// - parse_streaming: the caller chooses which containers to descend into (the state root, its
//   sections, its collections) and receives every other value as a small DOM, so that a 300 MB
//   state never exists as one DOM (STYLE.md: "build the model directly").
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

class StreamVisitor {
 public:
  virtual ~StreamVisitor() = default;
  // Whether to descend into the container opening at `path` (its members then arrive one by one)
  // rather than receive it whole.
  virtual bool descend(const Path& path, bool is_object) = 0;
  // For a descended object: whether the visitor rejects duplicate keys itself (it then saves the
  // reader a key set per object, which matters for hundreds of thousands of elements).
  virtual bool checks_own_keys(const Path& path) {
    (void)path;
    return false;
  }
  // A complete value at `path` (not descended into).
  virtual void value(const Path& path, Json&& value) = 0;
  // A descended container closed.
  virtual void closed(const Path& path, bool is_object) {
    (void)path;
    (void)is_object;
  }
};

void parse_streaming(std::string_view text, const Options& options, StreamVisitor& visitor);

}  // namespace sharepolicy::json_reader
