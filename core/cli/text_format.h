// `check` and `apply --format text` (issue 17 item 3): a result laid out for a person at a terminal.
#pragma once
#include <string>
#include <string_view>

#include "sharepolicy/result.h"

namespace sharepolicy::cli {

// The verdict, the wire response, the explanation, the changes, who gains or loses access, the
// fix, warnings. `result`: the result's DOM, whose response is not read; `response`: the response as
// compact text (a DOM of an echoed userID or role would cost up to 100 times its text). `colour`:
// ANSI colours (only when standard output is a terminal and NO_COLOR is unset).
std::string result_as_text(const Json& result, std::string_view response, bool colour);

// Whether standard output is a terminal, and whether colour may be used there (https://no-color.org:
// NO_COLOR set to anything non-empty turns colour off).
bool stdout_is_terminal();
bool colour_allowed();

}  // namespace sharepolicy::cli
