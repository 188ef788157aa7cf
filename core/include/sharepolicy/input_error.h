// Input errors: share-policy's own errors about a bad state or preview request (api.md "Entry points").
// They are data at the boundary: every public function returns them, none throws them.
#pragma once
#include <string>
#include <utility>
#include <variant>

namespace sharepolicy {

namespace error_code {
inline constexpr const char* kStateInvalid = "STATE_INVALID";
inline constexpr const char* kRequestInvalid = "REQUEST_INVALID";
inline constexpr const char* kUnsupportedOperation = "UNSUPPORTED_OPERATION";
inline constexpr const char* kWrongEntryPoint = "WRONG_ENTRY_POINT";
inline constexpr const char* kLimitExceeded = "LIMIT_EXCEEDED";
}  // namespace error_code

struct InputError {
  std::string code;     // one of error_code::*
  std::string message;  // one sentence for a person
  std::string pointer;  // RFC 6901 pointer into the state or request ("" = the whole document)

  // {"code":…,"message":…,"pointer":…} on one line.
  std::string to_json() const;
};

// A value or the input error that prevented it.
template <class T>
class Expected {
 public:
  Expected(T value) : v_(std::move(value)) {}
  Expected(InputError error) : v_(std::move(error)) {}
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  const InputError& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, InputError> v_;
};

}  // namespace sharepolicy
