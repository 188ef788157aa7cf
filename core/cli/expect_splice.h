// `test --update` (issue 17 item 4): replaces the `expect` of some steps in a scenario's text and
// keeps every other byte as written (an embedded state's number text, key order, spacing).
#pragma once
#include <cstddef>
#include <map>
#include <string>

#include "sharepolicy/result.h"

namespace sharepolicy::cli {

// `text` is a scenario that parse_scenario accepted; `expects` maps a step index to its new
// `expect` as compact JSON text, each of which the step already has. Each value is written as
// dump(2) writes it, indented like its line.
// Throws std::runtime_error if the text is not shaped as expected (it was read again and changed).
std::string splice_expects(const std::string& text, const std::map<std::size_t, std::string>& expects);

}  // namespace sharepolicy::cli
