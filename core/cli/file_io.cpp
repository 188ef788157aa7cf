#include "file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "sharepolicy/limits.h"

namespace sharepolicy::cli {

namespace {

std::string os_reason(int error_number) { return std::strerror(error_number); }

// Closes a descriptor it owns when it goes out of scope (standard input is borrowed, not owned).
class Descriptor {
 public:
  Descriptor(int fd, bool owned) : fd_(fd), owned_(owned) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor() {
    if (owned_ && fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  // Closes now and reports the result: for a file being written, close can be where an error shows.
  int close_now() {
    const int rc = ::close(fd_);
    fd_ = -1;
    return rc;
  }

 private:
  int fd_;
  bool owned_;
};

// --- reading ---------------------------------------------------------------------------------

InputError cannot_read(const std::string& path, const InputKind& kind, int error_number) {
  return {kind.invalid_code,
          "cannot read the " + std::string(kind.what) + " file '" + path + "': " + os_reason(error_number), ""};
}

// The same words as the library's own size check (json_reader), for a file whose size is known.
InputError too_large(const InputKind& kind, unsigned long long size) {
  return {error_code::kLimitExceeded,
          "the " + std::string(kind.what) + " is " + std::to_string(size) + " bytes, more than the limit of " +
              std::to_string(kind.max_bytes) + " bytes",
          ""};
}

// For a stream, reading stops one byte past the limit: its true length is never known.
InputError stream_too_large(const InputKind& kind) {
  return {error_code::kLimitExceeded,
          "the " + std::string(kind.what) + " is more than the limit of " + std::to_string(kind.max_bytes) +
              " bytes (reading stopped there)",
          ""};
}

// The next buffer size while reading: doubling (amortised linear), never more than one byte past
// the limit, so that an endless stream costs at most the limit in memory.
std::size_t next_buffer_size(std::size_t current, std::size_t max_bytes) {
  constexpr std::size_t kFirstChunk = 1 << 16;
  const std::size_t wanted = std::max(kFirstChunk, current * 2);
  return std::min(wanted, max_bytes + 1);
}

// Reads until end of stream or until more than max_bytes have arrived.
Expected<std::string> read_stream(int fd, const std::string& path, const InputKind& kind, std::size_t expected_size) {
  std::string text;
  text.resize(std::min(expected_size + 1, kind.max_bytes + 1));  // +1: sees the end (or the limit) in one pass
  std::size_t used = 0;
  for (;;) {
    if (used == text.size()) {
      if (used > kind.max_bytes) return stream_too_large(kind);
      text.resize(next_buffer_size(used, kind.max_bytes));
    }
    const ssize_t n = ::read(fd, text.data() + used, text.size() - used);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return cannot_read(path, kind, errno);
    if (n == 0) break;
    used += static_cast<std::size_t>(n);
  }
  if (used > kind.max_bytes) return stream_too_large(kind);
  text.resize(used);
  return text;
}

// --- writing ---------------------------------------------------------------------------------

[[noreturn]] void fail_write(const std::string& what, int error_number) {
  throw WriteFailure(what + ": " + os_reason(error_number));
}

void write_all(int fd, const std::string& text, const std::string& path) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail_write("cannot write '" + path + "'", errno);
    done += static_cast<std::size_t>(n);
  }
}

std::string folder_of(const std::string& path) {
  const auto slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string base_name_of(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// A symbolic link stays a link: the file it points to is the one replaced.
std::string resolve_link(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return path;
  char* resolved = ::realpath(path.c_str(), nullptr);
  if (resolved == nullptr) return path;  // a dangling link: replaced by the new file
  std::string out = resolved;
  std::free(resolved);
  return out;
}

// A device or FIFO (/dev/full, /dev/stdout, a named pipe) cannot be replaced: written in place.
void write_in_place(const std::string& path, const std::string& text) {
  Descriptor fd(::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC), true);
  if (fd.get() < 0) fail_write("cannot open '" + path + "' for writing", errno);
  write_all(fd.get(), text, path);
  if (::fsync(fd.get()) != 0 && errno != EINVAL && errno != EROFS) fail_write("cannot sync '" + path + "'", errno);
  if (fd.close_now() != 0) fail_write("cannot write '" + path + "'", errno);
}

// The permissions a new file gets from the umask (mkstemp creates 0600).
mode_t mode_for_new_file() {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}

// The temporary file next to the target, removed unless it was renamed into place.
class TemporaryFile {
 public:
  explicit TemporaryFile(const std::string& target)
      : path_(folder_of(target) + "/." + base_name_of(target) + ".tmp-XXXXXX"), fd_(::mkstemp(path_.data()), true) {
    if (fd_.get() < 0)
      fail_write("cannot create a temporary file in '" + folder_of(target) + "' for '" + target + "'", errno);
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  ~TemporaryFile() {
    if (!renamed_) ::unlink(path_.c_str());
  }
  int fd() const { return fd_.get(); }
  int close_now() { return fd_.close_now(); }
  const std::string& path() const { return path_; }
  void mark_renamed() { renamed_ = true; }

 private:
  std::string path_;
  Descriptor fd_;
  bool renamed_ = false;
};

// After the rename, the folder's entry must reach the disk too, or a power cut can undo it.
void sync_folder(const std::string& folder, const std::string& target) {
  Descriptor fd(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC), true);
  if (fd.get() < 0) fail_write("wrote '" + target + "' but cannot open its folder to sync it", errno);
  // Some file systems cannot sync a folder (EINVAL): the rename is then as durable as they make it.
  if (::fsync(fd.get()) != 0 && errno != EINVAL) fail_write("wrote '" + target + "' but cannot sync its folder", errno);
}

}  // namespace

Expected<std::string> read_input(const std::string& path, const InputKind& kind) {
  // "/dev/stdin" is taken as "-": opening it anew fails when standard input is a socket (ENXIO).
  const bool from_stdin = path == "-" || path == "/dev/stdin";
  Descriptor fd(from_stdin ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC), !from_stdin);
  if (fd.get() < 0) return cannot_read(path, kind, errno);
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return cannot_read(path, kind, errno);
  if (S_ISDIR(st.st_mode)) {
    return InputError{kind.invalid_code, "the " + std::string(kind.what) + " '" + path + "' is a folder, not a file",
                      ""};
  }
  std::size_t expected_size = 0;
  if (S_ISREG(st.st_mode)) {
    // The size is known: refuse an oversized file before reading it (a 2 GiB sparse file costs nothing).
    const auto size = static_cast<unsigned long long>(st.st_size);
    if (size > kind.max_bytes) return too_large(kind, size);
    expected_size = static_cast<std::size_t>(size);
  }
  return read_stream(fd.get(), path, kind, expected_size);
}

std::optional<InputError> check_output_target(const std::string& path) {
  if (path.empty()) return InputError{"USAGE", "-o needs a file name; the name given is empty", ""};
  struct stat st {};
  const bool names_folder = path.back() == '/' || (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode));
  if (names_folder) return InputError{"USAGE", "-o needs a file name; '" + path + "' is a folder", ""};
  return std::nullopt;
}

void write_file_atomically(const std::string& path, const std::string& text) {
  const std::string target = resolve_link(path);
  struct stat st {};
  const bool exists = ::stat(target.c_str(), &st) == 0;
  if (exists && !S_ISREG(st.st_mode)) return write_in_place(target, text);
  // A rename would replace a read-only file without complaint; a person who made it read-only did not mean that.
  if (exists && ::faccessat(AT_FDCWD, target.c_str(), W_OK, AT_EACCESS) != 0)
    fail_write("cannot write '" + path + "'", errno);

  TemporaryFile temp(target);
  if (exists) {
    (void)::fchown(temp.fd(), st.st_uid, st.st_gid);  // best effort: only root may give a file away
  }
  if (::fchmod(temp.fd(), exists ? (st.st_mode & 07777) : mode_for_new_file()) != 0) {
    fail_write("cannot set the permissions of '" + temp.path() + "'", errno);
  }
  write_all(temp.fd(), text, temp.path());
  if (::fsync(temp.fd()) != 0) fail_write("cannot sync '" + temp.path() + "'", errno);
  if (temp.close_now() != 0) fail_write("cannot write '" + temp.path() + "'", errno);
  if (::rename(temp.path().c_str(), target.c_str()) != 0) fail_write("cannot replace '" + path + "'", errno);
  temp.mark_renamed();
  sync_folder(folder_of(target), path);
}

void flush_standard_output() {
  errno = 0;  // the first failing write leaves its reason here (ENOSPC for /dev/full)
  std::cout.flush();
  const bool failed = std::fflush(stdout) != 0 || std::ferror(stdout) != 0 || !std::cout;
  if (failed) fail_write("cannot write the result to standard output", errno != 0 ? errno : EIO);
}

}  // namespace sharepolicy::cli
