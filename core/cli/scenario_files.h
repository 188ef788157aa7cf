// Scenario files for `share-policy run` and `test`: finding them under folders, reading them, and
// resolving "stateFile" relative to the scenario file through a cache that loads each state file
// once per process (issue 17 items 2 and 5). The core reads no files; this is the host's part.
#pragma once
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
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
std::vector<std::string> collect_scenario_files(const std::vector<std::string>& operands,
                                                std::vector<FileError>& missing);

// Loads each state file once, whichever thread asks first; the others wait for it (a mutex and a
// condition variable rather than std::future, so that race detectors such as helgrind see the
// hand-over). The cache keeps
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
  struct Slot {
    bool ready = false;  // under mutex_
    Entry entry;         // written once, before ready; read only after
  };
  static Entry load(const std::string& path);
  std::mutex mutex_;
  std::condition_variable loaded_;
  std::map<std::string, Slot> entries_;
};

// Reads and parses one scenario file and resolves its stateFile through `cache`. Standard input for "-"
// (a stateFile is then relative to the current folder).
Expected<Scenario> load_scenario_file(const std::string& path, StateFileCache& cache, FileError& error);

}  // namespace sharepolicy::cli
