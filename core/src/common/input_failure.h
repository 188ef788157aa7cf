// The core's internal way to abandon work on bad input. Only the engine and text_api boundaries
// catch it; it never leaves the library.
#pragma once
#include <exception>
#include <string>
#include <utility>

#include "sharepolicy/input_error.h"

namespace sharepolicy {

class InputFailure : public std::exception {
 public:
  explicit InputFailure(InputError error) : error_(std::move(error)) {}
  InputFailure(const char* code, std::string message, std::string pointer)
      : error_{code, std::move(message), std::move(pointer)} {}
  const char* what() const noexcept override { return error_.message.c_str(); }
  const InputError& error() const { return error_; }
  InputError& error() { return error_; }

 private:
  InputError error_;
};

}  // namespace sharepolicy
