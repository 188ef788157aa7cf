// The JSON of docs/ACCESS.md's parts (result_json.cpp), shared with "who can / what can".
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "sharepolicy/result.h"

namespace sharepolicy {

Json optional_text(const std::optional<std::string>& s);  // null when absent
Json user_to_json(const AccessUser& u);                   // {"id","name"}
Json path_to_json(const AccessPath& p, bool uses_roles);  // {"type","group"?,"permission"|"role"?}
Json names_to_json(const std::vector<std::string>& names);
Json holder_to_json(const AccessHolder& h, bool uses_roles);

}  // namespace sharepolicy
