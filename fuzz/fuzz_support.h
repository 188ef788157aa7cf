// Shared helpers of the libFuzzer targets: reading a sample state, failing loudly on a broken
// invariant (abort, so that libFuzzer records the input as a crash).
#pragma once
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace fuzz_support {

inline std::string read_sample(const char* name) {
  std::ifstream in(std::string(SHAREPOLICY_SAMPLES_DIR) + "/" + name, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

[[noreturn]] inline void invariant_broken(const char* what, const std::string& detail) {
  std::fprintf(stderr, "invariant broken: %s\n%s\n", what, detail.c_str());
  std::abort();
}

#define FUZZ_CHECK(cond, detail)                                    \
  do {                                                              \
    if (!(cond)) ::fuzz_support::invariant_broken(#cond, (detail)); \
  } while (0)

}  // namespace fuzz_support
