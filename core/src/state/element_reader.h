// The name of a DOM value's JSON type for messages ("a string", "an object" …), shared with the
// request reader. (The state itself is read by the scanner: see scanner.h and reading.h.)
#pragma once
#include "sharepolicy/result.h"

namespace sharepolicy::state {

const char* json_type_name(const Json& v);

}  // namespace sharepolicy::state
