// Reading the shared golden fixtures (tests/fixtures/*.json) for the C++ tests.
#pragma once
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sharepolicy/result.h"

namespace fixtures {

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::filesystem::path repo_root() {
  return std::filesystem::path(SHAREPOLICY_FIXTURES_DIR).parent_path().parent_path();
}

inline std::string sample(const std::string& name) {
  return read_file(std::filesystem::path(SHAREPOLICY_SAMPLES_DIR) / name);
}

inline std::vector<std::filesystem::path> all() {
  std::vector<std::filesystem::path> out;
  for (const auto& e : std::filesystem::directory_iterator(SHAREPOLICY_FIXTURES_DIR)) {
    if (e.path().extension() == ".json") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The fixture's state as text: a path relative to the repository, or an inline object.
inline std::string state_text(const sharepolicy::Json& fixture) {
  const auto& s = fixture.at("state");
  if (s.is_string()) return read_file(repo_root() / s.get<std::string>());
  return s.dump();
}

}  // namespace fixtures
