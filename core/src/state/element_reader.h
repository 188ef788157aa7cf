// Type-checked access to one JSON object of the state (a user, a share, a folder …). Each read
// names the member's pointer on failure; what is left unread at the end is the element's Extras.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "state/model.h"

namespace sharepolicy::state {

class ElementReader {
 public:
  // Throws STATE_INVALID unless `value` is an object.
  ElementReader(Json&& value, std::string pointer, const char* what);

  const std::string& pointer() const { return pointer_; }
  std::string member_pointer(const char* key) const;

  bool has(const char* key) const;
  std::string required_string(const char* key);
  // Absent → nullopt. A null is kept in the extras (so it round-trips) and reads as absent.
  std::optional<std::string> optional_string(const char* key);
  bool required_bool(const char* key);
  std::optional<bool> optional_bool(const char* key);
  // An array of strings; absent → nullopt.
  std::optional<std::vector<std::string>> optional_string_list(const char* key);
  // An array member; absent → nullopt. Elements are returned as they are.
  std::optional<Json> optional_array(const char* key);
  // A member that must be a number if present; kept in the extras (share-policy only passes it on).
  void passthrough_number(const char* key);
  void passthrough_string(const char* key);

  // One of `names` (exact case), else STATE_INVALID naming the allowed values.
  template <std::size_t N>
  int required_enum(const char* key, const char* const (&names)[N]) {
    return enum_index(key, required_string(key), names, N);
  }
  template <std::size_t N>
  std::optional<int> optional_enum(const char* key, const char* const (&names)[N]) {
    auto s = optional_string(key);
    if (!s) return std::nullopt;
    return enum_index(key, *s, names, N);
  }

  // The unread members, or null when there are none.
  Extras take_extras();

  [[noreturn]] void fail(const char* key, const std::string& message) const;

 private:
  Json* find(const char* key);
  Json take(const char* key);
  int enum_index(const char* key, const std::string& value, const char* const* names, std::size_t n) const;

  Json object_;
  Json kept_;  // nulls and passthrough members, in the order they were read
  std::string pointer_;
  const char* what_;
};

const char* json_type_name(const Json& v);

}  // namespace sharepolicy::state
