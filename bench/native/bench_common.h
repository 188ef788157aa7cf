// What the native benchmarks share: a clock, reading a state file, and loading it or stopping.
// Header-only, so that scripts/bench can keep building each benchmark with one g++ line.
#pragma once
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "sharepolicy/state.h"

namespace bench {

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

inline std::string read_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The state at `path`; a state that does not load ends the benchmark (exit 1) with its error.
inline sharepolicy::State load_state_or_exit(const char* path) {
  auto loaded = sharepolicy::load_state(read_file(path));
  if (!loaded.ok()) {
    std::fprintf(stderr, "load failed: %s\n", loaded.error().to_json().c_str());
    std::exit(1);
  }
  return std::move(loaded.value());
}

}  // namespace bench
