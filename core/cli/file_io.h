// The CLI's file reading and writing (api.md "Command line", "Limits"; issue 16): the only place
// where share-policy touches the file system. The library itself reads and writes strings only.
#pragma once
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>

#include "sharepolicy/input_error.h"

namespace sharepolicy::cli {

struct InputKind {
  const char* invalid_code;  // STATE_INVALID or REQUEST_INVALID
  std::size_t max_bytes;     // the text limit (limits.h)
  const char* what;          // "state", "request", "scenario": used in messages
};

// Reads a whole file, or standard input for "-", as it arrives: any readable stream (a pipe,
// `<(cat f)`, /dev/stdin, a FIFO) works, and reading stops with LIMIT_EXCEEDED as soon as more than
// `kind.max_bytes` have arrived (a regular file larger than that is refused before a byte is read).
// A missing, unreadable or folder path is the input error `kind.invalid_code`.
Expected<std::string> read_input(const std::string& path, const InputKind& kind);

// Whether `path` can name the new state of `apply -o`: an empty name or a folder is an input
// error (checked before any work, so that nothing is evaluated for an output that cannot be).
std::optional<InputError> check_output_target(const std::string& path);

// A write that failed (exit 1): the message names the file and the OS reason.
class WriteFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Replaces `path` with `text` so that, whatever happens (a full disk, a kill, a power cut), `path`
// holds either its old content or the whole of `text`: a temporary file in the same folder is
// written, flushed and synced, then renamed over `path`, and the folder is synced. A `path` that is
// not a regular file (/dev/full, /dev/stdout, a FIFO) is written in place. Throws WriteFailure.
void write_file_atomically(const std::string& path, const std::string& text);

// Flushes standard output; throws WriteFailure if anything printed there was lost.
void flush_standard_output();

}  // namespace sharepolicy::cli
