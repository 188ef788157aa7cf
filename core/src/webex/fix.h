// The fix for a Webex reassignment denial (docs/ACCESS.md "fix"): what to change, in the request
// or the state, so that the call answers 204, as a sentence and as data.
#pragma once
#include <string>
#include <vector>

#include "sharepolicy/result.h"
#include "state/model.h"

namespace sharepolicy::webex {

// Malformed input: no state change helps ("correct the request: …").
Fix request_fix(const std::string& what);
Fix unauthenticated_fix();
Fix missing_scope_fix(const std::string& scope);
Fix too_many_ids_fix(std::size_t count, std::size_t cap);
// A look-up by email that found nobody (closest emails suggested) or several people.
Fix email_not_found_fix(const Section& s, const char* field, const std::string& email, std::size_t matches);
Fix destination_not_user_fix(const Section& s, Index person);
Fix owner_id_not_found_fix(const std::string& id);
Fix recordings_not_found_fix(const std::vector<std::string>& missing);

}  // namespace sharepolicy::webex
