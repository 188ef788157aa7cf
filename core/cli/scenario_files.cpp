#include "scenario_files.h"

#include <algorithm>
#include <filesystem>

#include "file_io.h"
#include "sharepolicy/limits.h"

namespace sharepolicy::cli {

namespace fs = std::filesystem;

std::string FileError::to_json() const {
  Json j = Json::object();
  j["code"] = error.code;
  j["message"] = error.message;
  j["pointer"] = error.pointer;
  j["file"] = file;
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

namespace {

bool is_json_file(const fs::directory_entry& entry) {
  std::error_code ec;
  return entry.is_regular_file(ec) && entry.path().extension() == ".json";
}

void add_folder(const fs::path& folder, std::vector<std::string>& out) {
  std::vector<std::string> found;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end; it.increment(ec)) {
    if (is_json_file(*it)) found.push_back(it->path().generic_string());
  }
  std::sort(found.begin(), found.end());
  out.insert(out.end(), found.begin(), found.end());
}

FileError file_error(const char* code, std::string message, std::string file) {
  return FileError{InputError{code, std::move(message), ""}, std::move(file)};
}

}  // namespace

std::vector<std::string> collect_scenario_files(const std::vector<std::string>& operands,
                                                std::vector<FileError>& missing) {
  std::vector<std::string> out;
  for (const std::string& operand : operands) {
    std::error_code ec;
    if (operand != "-" && fs::is_directory(operand, ec)) {
      const std::size_t before = out.size();
      add_folder(operand, out);
      // A CI step pointed at the wrong folder must not pass with nothing run.
      if (out.size() == before) {
        missing.push_back(
            file_error(error_code::kRequestInvalid, "no *.json scenario file under '" + operand + "'", operand));
      }
    } else if (operand == "-" || fs::exists(operand, ec)) {
      out.push_back(operand);
    } else {
      missing.push_back(file_error(error_code::kRequestInvalid, "no such file or folder '" + operand + "'", operand));
    }
  }
  return out;
}

StateFileCache::Entry StateFileCache::load(const std::string& path) {
  Entry entry;
  try {
    auto text = read_input(path, InputKind{error_code::kStateInvalid, limits::kMaxStateBytes, "state"});
    auto loaded = text.ok() ? load_state(text.value()) : Expected<State>(text.error());
    if (loaded.ok()) entry.state = loaded.value();
    else entry.error = FileError{loaded.error(), path};
  } catch (const std::bad_alloc&) {
    entry.error = file_error(error_code::kLimitExceeded, "out of memory loading the state file", path);
  }
  return entry;
}

const StateFileCache::Entry& StateFileCache::get(const std::string& path) {
  std::unique_lock<std::mutex> lock(mutex_);
  auto [it, first] = entries_.try_emplace(path);
  Slot& slot = it->second;  // std::map: the reference stays valid as other entries are added
  if (!first) {
    loaded_.wait(lock, [&] { return slot.ready; });
    return slot.entry;
  }
  lock.unlock();  // load without holding the lock: other files' states load meanwhile
  Entry entry = load(path);
  lock.lock();
  slot.entry = std::move(entry);
  slot.ready = true;
  loaded_.notify_all();
  return slot.entry;
}

Expected<Scenario> load_scenario_file(const std::string& path, StateFileCache& cache, FileError& error) {
  auto text = read_input(path, InputKind{error_code::kRequestInvalid, limits::kMaxStateBytes, "scenario"});
  auto parsed = text.ok() ? parse_scenario(text.value()) : Expected<Scenario>(text.error());
  if (!parsed.ok()) {
    error = FileError{parsed.error(), path};
    return parsed.error();
  }
  Scenario scenario = std::move(parsed.value());
  if (scenario.state_file) {
    const fs::path base = path == "-" ? fs::current_path() : fs::path(path).parent_path();
    const fs::path named = fs::path(*scenario.state_file).is_absolute() ? fs::path(*scenario.state_file)
                                                                        : base / *scenario.state_file;
    std::error_code ec;
    fs::path resolved = fs::weakly_canonical(named, ec);
    if (ec) resolved = named.lexically_normal();
    const StateFileCache::Entry& entry = cache.get(resolved.generic_string());
    if (!entry.state) {
      // The state file's error, its pointer into that file; the message says which stateFile it was.
      error = entry.error;
      error.error.message = "stateFile '" + *scenario.state_file + "': " + error.error.message;
      return error.error;
    }
    scenario.state = *entry.state;
  }
  return scenario;
}

}  // namespace sharepolicy::cli
