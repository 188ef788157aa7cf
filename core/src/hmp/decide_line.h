// The decision alone of an HMP share command line (Detail::kDecision and kOutcome, the fast
// batch): whether run_command_line would answer ok, and its error code, decided with no
// allocation and no Result. Lines the fast path does not read (a token that opens with a double
// quote) are left to run_command_line.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sharepolicy/result.h"
#include "state/model.h"

namespace sharepolicy::hmp {

enum class LineOutcome { kAllowed, kDenied, kNotRead };

// The outcome and, for a denial, the error code the vendor's line carries (WireCode::code: six
// digits, or "" for "ERROR|Command not found"); a static string.
struct LineDecision {
  LineOutcome outcome;
  const char* code = "";
};

// The decision's codes as Detail::kDecision answers them: a command line's answer has no status.
inline Decision decision_of(const LineDecision& decided) {
  Decision decision;
  decision.ok = decided.outcome == LineOutcome::kAllowed;
  decision.wire.set_code(decided.code);
  return decision;
}

// `actor` is a resolved user (resolve_actor, or resolve_actor_view below).
LineDecision decide_line_coded(const Section& s, Index actor, std::string_view line);
inline LineOutcome decide_line(const Section& s, Index actor, std::string_view line) {
  return decide_line_coded(s, actor, line).outcome;
}
// decide_line_coded for an actor given as text (an id or username), resolved on the way: its
// look-up is started before the line is read and finished with the line's own, so that on a large
// state their cache misses overlap. `actor` receives resolve_actor_view's answer; kNotRead when it
// is kNoIndex (resolve_actor would raise an input error) or the line is not read.
LineDecision decide_line_resolving(const Section& s, std::string_view actor_text, Index& actor, std::string_view line);

// A request's line decided on views where it can be: kNotRead when there is no actor, the actor
// names no single user (resolve_actor raises its error) or the line is not read, which leaves the
// request to run_command_line.
LineDecision decide_request_line(const Section& s, const std::optional<std::string>& actor, std::string_view line);

// The users an actor names (api.md step 3): the user with that id, else every user with that
// username (ignoring case); empty when none. resolve_actor (vendor_calls.h) and the view below
// both read it, so that the two cannot disagree.
IndexSpan actor_candidates(const Section& s, std::string_view actor);
// The same, with the actor's hash in user_by_id (NameIndex::hash) computed already.
IndexSpan actor_candidates(const Section& s, std::string_view actor, std::uint64_t id_hash);

// resolve_actor's answer without its errors: the user an actor id or username names, or kNoIndex
// where resolve_actor would throw (unknown, or a username held by several users). In access.cpp.
Index resolve_actor_view(const Section& s, std::string_view actor);

}  // namespace sharepolicy::hmp
