// Writers of result_json.cpp that other answers reuse, so that a piece reads the same everywhere.
#pragma once
#include <vector>

#include "engine/json_writer.h"
#include "sharepolicy/result.h"

namespace sharepolicy {

// [{"code","message","pointer"}…]: a result's stateWarnings, and the state summary's.
void write_state_warnings(json_writer::Writer& w, const std::vector<StateWarning>& warnings);
// The result with "access":null in its place, for a host that reads the access preview apart
// (text_api.cpp can_share_access_apart).
void write_result_access_apart(json_writer::Writer& w, const Result& r);

}  // namespace sharepolicy
