// What every text call of text_api.h does around the core: an input error, running out of memory
// or another exception becomes the error envelope; nothing thrown crosses. Shared by text_api.cpp
// and text_api_preview.cpp (the share preview, which the package compiles for speed).
#pragma once
#include <new>
#include <stdexcept>
#include <string>

#include "common/input_failure.h"
#include "sharepolicy/input_error.h"

namespace sharepolicy::text {

// {"error":{code, message, pointer}} (text_api.cpp).
std::string error_envelope(const InputError& e);

template <class F>
std::string guarded(F&& f) {
  try {
    return f();
  } catch (const InputFailure& failure) {
    return error_envelope(failure.error());
  } catch (const std::bad_alloc&) {
    return error_envelope(
        {error_code::kLimitExceeded, "out of memory: the input needs more memory than this build may use", ""});
  } catch (const std::exception& e) {
    return error_envelope({"INTERNAL", std::string("internal fault: ") + e.what(), ""});
  }
}

template <class T>
const T& value_or_throw(const Expected<T>& e) {
  if (!e.ok()) throw InputFailure(e.error());
  return e.value();
}

}  // namespace sharepolicy::text
