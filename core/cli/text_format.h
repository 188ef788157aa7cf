// `check` and `apply --format text` (issue 17 item 3): a result laid out for a person at a terminal.
#pragma once
#include <string>

#include "sharepolicy/result.h"

namespace sharepolicy::cli {

// The verdict, the wire response, the explanation, the changes, who gains or loses access, the
// fix, warnings. `colour`: ANSI colours (only when standard output is a terminal and NO_COLOR is unset).
std::string result_as_text(const Json& result, bool colour);

// Whether standard output is a terminal, and whether colour may be used there (https://no-color.org:
// NO_COLOR set to anything non-empty turns colour off).
bool stdout_is_terminal();
bool colour_allowed();

}  // namespace sharepolicy::cli
