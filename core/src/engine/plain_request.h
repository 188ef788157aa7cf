// The common share request read without a DOM (request.cpp; parse_request tries it first).
#pragma once
#include <string_view>

#include "sharepolicy/request.h"

namespace sharepolicy {

// {"actor":"…","cli":"…"} (either order, actor optional) whose strings are printable ASCII without
// escapes, within the limits, nothing after it but white space: true, and `out` (a default Request)
// holds what parse_request builds from it. False for every other text, valid or not (the full
// reader decides those); `out` is then untouched.
bool read_plain_cli_request(std::string_view text, Request& out);

}  // namespace sharepolicy
