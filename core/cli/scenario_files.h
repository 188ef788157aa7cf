// Scenario files for `share-policy run` and `test`: finding them under folders, reading them, and
// resolving "stateFile" relative to the scenario file through a cache that loads each state file
// once per process (issue 17 items 2 and 5). The core reads no files; this is the host's part.
#pragma once
#include <future>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "sharepolicy/scenario.h"

namespace sharepolicy::cli {

// An input error and the file its pointer points into (the scenario, or the state file it names).
struct FileError {
  InputError error;
  std::string file;
  // {"code","message","pointer","file"} on one line.
  std::string to_json() const;
};

// Every operand in order; a folder becomes every *.json file under it (recursively), sorted by
// path. A missing operand is an error naming it.
std::vector<std::string> collect_scenario_files(const std::vector<std::string>& operands, std::vector<FileError>& missing);

// Loads each state file once, whichever thread asks first; the others wait for it. The cache keeps
// every State handle until it is destroyed, which is what lets threads run steps on copies of one
// State without racing on its copy-on-write check (scenario.h run_steps).
class StateFileCache {
 public:
  struct Entry {
    std::optional<State> state;
    FileError error;  // when !state
  };
  const Entry& get(const std::string& path);

 private:
  std::mutex mutex_;
  std::map<std::string, std::shared_future<Entry>> entries_;
};

// Reads and parses one scenario file and resolves its stateFile through `cache`. Standard input for "-"
// (a stateFile is then relative to the current folder).
Expected<Scenario> load_scenario_file(const std::string& path, StateFileCache& cache, FileError& error);

}  // namespace sharepolicy::cli
