#include "common/json_reader.h"

#include <cstdint>
#include <cstring>
#include <memory>

#include "common/input_failure.h"
#include "common/text_util.h"
#include "sharepolicy/limits.h"

namespace sharepolicy::json_reader {

std::string to_pointer(const Path& path) {
  std::string out;
  for (const auto& item : path) {
    if (!item.active) continue;
    out += '/';
    if (item.is_index) {
      out += std::to_string(item.index);
    } else {
      out += text_util::escape_pointer_token(item.key);
    }
  }
  return out;
}

namespace {

// nlohmann's messages start with "[json.exception.parse_error.101] parse error at line 1,
// column 4: "; keep the part a person needs and make sure it is valid UTF-8.
std::string describe_syntax_error(const std::string& what) {
  std::string msg = what;
  const auto bracket = msg.find("] ");
  if (msg.rfind("[json.exception", 0) == 0 && bracket != std::string::npos) msg = msg.substr(bracket + 2);
  return text_util::valid_utf8(msg);
}

std::uint64_t hash_name(std::string_view k) {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a
  for (unsigned char c : k) h = (h ^ c) * 1099511628211ull;
  return h;
}

// The members of one object DOM by name: an open-addressing table of their positions (+ 1; 0 is
// empty), at most 3/4 full. 4 to 16 bytes a member, where a set of the names cost 70 or more (a
// node per name, the name copied).
class MemberIndex {
 public:
  // `k` is the name of the member about to be added (members.size() is its position): false if
  // one of `members` already has it, else it is indexed.
  bool add_unless_present(const Json::object_t& members, const std::string& k) {
    if ((members.size() + 1) * 4 > capacity_ * 3) grow(members);
    const std::size_t mask = capacity_ - 1;
    std::size_t i = hash_name(k) & mask;
    for (; slots_[i] != 0; i = (i + 1) & mask) {
      if ((members.begin() + (slots_[i] - 1))->first == k) return false;
    }
    slots_[i] = static_cast<std::uint32_t>(members.size() + 1);
    return true;
  }

 private:
  void grow(const Json::object_t& members) {
    std::size_t capacity = capacity_ == 0 ? 64 : capacity_;
    while ((members.size() + 1) * 4 > capacity * 3) capacity *= 2;
    slots_.reset(new std::uint32_t[capacity]());
    capacity_ = capacity;
    const std::size_t mask = capacity - 1;
    for (std::size_t m = 0; m < members.size(); ++m) {
      std::size_t i = hash_name((members.begin() + m)->first) & mask;
      while (slots_[i] != 0) i = (i + 1) & mask;
      slots_[i] = static_cast<std::uint32_t>(m + 1);
    }
  }

  std::unique_ptr<std::uint32_t[]> slots_;
  std::size_t capacity_ = 0;
};

// SAX handler: tracks the path, enforces the limits, builds the DOM. Keeps its own explicit stack:
// nothing here recurses on the input's depth.
class LimitedSax {
 public:
  explicit LimitedSax(const Options& options) : options_(options) {}

  Json take_root() { return std::move(root_); }

  bool null() { return scalar(Json(nullptr)); }
  bool boolean(bool v) { return scalar(Json(v)); }
  bool number_integer(Json::number_integer_t v) { return scalar(Json(v)); }
  bool number_unsigned(Json::number_unsigned_t v) { return scalar(Json(v)); }
  bool number_float(Json::number_float_t v, const std::string&) { return scalar(Json(v)); }
  bool string(std::string& v) {
    check_string_length(v, false);
    return scalar(Json(std::move(v)));
  }
  bool binary(Json::binary_t&) { return fail_syntax("binary values are not JSON"); }

  bool start_object(std::size_t) { return open(true); }
  bool start_array(std::size_t) { return open(false); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(std::string& k) {
    check_string_length(k, true);
    path_.back().key = std::move(k);
    path_.back().active = true;
    if (is_duplicate_key(frames_.back(), path_.back().key)) {
      throw InputFailure(options_.invalid_code,
                         "duplicate key '" + text_util::excerpt(path_.back().key) + "' in the " + options_.what,
                         to_pointer(path_));
    }
    return true;
  }

  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& ex) {
    return fail_syntax(describe_syntax_error(ex.what()));
  }

 private:
  struct Frame {
    bool is_object;
    Json* dom;          // the container being built
    MemberIndex index;  // an object's members by name, once past kLinearKeys
  };
  static constexpr std::size_t kLinearKeys = 32;

  // Small objects (almost all) are checked by a linear scan of the keys so far; big ones switch
  // to an index of their members so that a hostile object with a million keys stays linear.
  static bool is_duplicate_key(Frame& f, const std::string& k) {
    const auto& members = f.dom->get_ref<Json::object_t&>();
    if (members.size() < kLinearKeys) {
      for (const auto& m : members) {
        if (m.first == k) return true;
      }
      return false;
    }
    return !f.index.add_unless_present(members, k);
  }

  bool fail_syntax(const std::string& message) {
    throw InputFailure(options_.invalid_code, "the " + std::string(options_.what) + " is not valid JSON: " + message,
                       to_pointer(path_));
  }

  void check_string_length(const std::string& s, bool is_key) {
    if (s.size() > limits::kMaxStringBytes) {
      throw InputFailure(error_code::kLimitExceeded,
                         std::string(is_key ? "an object key" : "a string") + " of " + std::to_string(s.size()) +
                             " bytes exceeds the limit of " + std::to_string(limits::kMaxStringBytes) + " bytes",
                         to_pointer(path_));
    }
  }

  // Moves the path to the place of the next value in the innermost container.
  void advance() {
    if (frames_.empty()) return;
    Frame& f = frames_.back();
    if (!f.is_object) {
      PathItem& item = path_.back();
      item.index = next_index_.back()++;
      item.active = true;
    }
  }

  // A value is complete: until the next one starts, errors point at its container.
  void value_done() {
    if (!path_.empty()) path_.back().active = false;
  }

  // Where a value lands: into the DOM being built, or as the root.
  Json* place(Json&& v) {
    if (frames_.empty()) {
      root_ = std::move(v);
      return &root_;
    }
    Frame& f = frames_.back();
    if (f.is_object) {
      auto& members = f.dom->get_ref<Json::object_t&>();
      if (members.size() == members.capacity()) grow_moving(members);
      members.emplace_back(path_.back().key, std::move(v));
      return &members.back().second;
    }
    f.dom->push_back(std::move(v));
    return &f.dom->back();
  }

  // ordered_map's own growth copies its pairs (their key is const, so they cannot move): each
  // value deeply, then it destroys the originals, and nlohmann's destructor allocates (a vector of
  // the children it frees): under a memory budget, that allocation failing in a noexcept destructor
  // was std::terminate (issue 16 item 11). Here the values move; the originals are left empty.
  static void grow_moving(Json::object_t& members) {
    Json::object_t bigger;
    bigger.reserve(members.empty() ? 1 : 2 * members.size());
    for (auto& m : members) bigger.emplace_back(m.first, std::move(m.second));
    members.swap(bigger);
  }

  bool scalar(Json&& v) {
    advance();
    place(std::move(v));
    value_done();
    return true;
  }

  // No room reserved ahead: an empty object costs its 16 bytes and an empty member list (issue 16:
  // room for 8 members made each "{}" of a request 400 bytes); an object grows by grow_moving.
  static Json new_container(bool is_object) { return is_object ? Json::object() : Json::array(); }

  bool open(bool is_object) {
    advance();
    if (frames_.size() >= limits::kMaxNestingDepth) {
      throw InputFailure(error_code::kLimitExceeded,
                         "the " + std::string(options_.what) + " nests deeper than " +
                             std::to_string(limits::kMaxNestingDepth) + " levels",
                         to_pointer(path_));
    }
    Frame frame{is_object, place(new_container(is_object)), {}};
    frames_.push_back(std::move(frame));
    path_.push_back(PathItem{{}, 0, !is_object, false});
    next_index_.push_back(0);
    return true;
  }

  bool close() {
    frames_.pop_back();
    path_.pop_back();
    next_index_.pop_back();
    value_done();
    return true;
  }

  const Options& options_;
  Json root_;
  std::vector<Frame> frames_;
  Path path_;
  std::vector<std::size_t> next_index_;
};

void check_size(std::string_view text, const Options& options) {
  if (text.size() > options.max_bytes) {
    throw InputFailure(error_code::kLimitExceeded,
                       "the " + std::string(options.what) + " is " + std::to_string(text.size()) +
                           " bytes, more than the limit of " + std::to_string(options.max_bytes) + " bytes",
                       "");
  }
}

// nlohmann's lexer takes a NUL byte outside a string for the end of the input, so "{}\0garbage"
// would parse as "{}". Inside a string a NUL is an error of its own and before the end of the
// document it is "unexpected end of input"; so a NUL in a text that parsed can only follow the
// document: trailing content, refused like any other.
void check_no_trailing_nul(std::string_view text, const Options& options) {
  const void* nul = std::memchr(text.data(), 0, text.size());
  if (nul == nullptr) return;
  const auto offset = static_cast<const char*>(nul) - text.data();
  throw InputFailure(options.invalid_code,
                     "the " + std::string(options.what) + " continues after its JSON document (a NUL byte at offset " +
                         std::to_string(offset) + "): nothing may follow the document",
                     "");
}

}  // namespace

Json parse_document(std::string_view text, const Options& options) {
  check_size(text, options);
  LimitedSax sax(options);
  Json::sax_parse(text.begin(), text.end(), &sax);
  check_no_trailing_nul(text, options);
  return sax.take_root();
}

}  // namespace sharepolicy::json_reader
