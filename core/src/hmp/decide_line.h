// The outcome alone of an HMP share command line (Detail::kOutcome, the fast batch): whether
// run_command_line would answer ok, decided with no allocation and no Result. Lines the fast path
// does not read (a token that opens with a double quote) are left to run_command_line.
#pragma once
#include <string_view>

#include "state/model.h"

namespace sharepolicy::hmp {

enum class LineOutcome { kAllowed, kDenied, kNotRead };

// `actor` is a resolved user (resolve_actor, or resolve_actor_view below).
LineOutcome decide_line(const Section& s, Index actor, std::string_view line);

// resolve_actor's answer without its errors: the user an actor id or username names, or kNoIndex
// where resolve_actor would throw (unknown, or a username held by several users).
Index resolve_actor_view(const Section& s, std::string_view actor);

}  // namespace sharepolicy::hmp
