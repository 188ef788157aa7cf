// The interface between the engine (routing, actor resolution, entry points) and the vendor
// modules. Each vendor module evaluates one routed call against its own section and returns a
// Result whose `changes` describe what applying it would do; none of them changes the state.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/json_reader.h"
#include "sharepolicy/request.h"
#include "sharepolicy/result.h"
#include "state/model.h"

namespace sharepolicy {

class AccessWords;  // engine/access_words.h

// An HTTP call matched to an operation: its path parameters (percent-decoded) and query.
struct HttpRoute {
  std::string operation;            // "hmp.createFeedShare", "ocm.editShareRole" …
  std::vector<std::string> params;  // path parameters in path order
  std::vector<std::pair<std::string, std::string>> query;
};

// A JSON array of requests (canShareBatch), each kept as parse_request keeps one: what
// request_from_json reads, the rest checked and dropped. Throws InputFailure.
Json parse_request_list(std::string_view json_text, const char* what);
// What request_from_json reads of a request inside a larger document (a scenario's step), as a
// json_reader::Shape.
const json_reader::Shape& request_shape_in_document();
// request_from_json on a request inside a document that its caller drops afterwards (a scenario's
// step): the body and strings are moved out of it, not copied (an OCM echo may be megabytes).
Expected<Request> request_from_document(Json& value);

// The request body as the vendor would read it: the JSON value, or the raw text parsed as JSON;
// empty (false) when there is no body or the raw text is not JSON (the vendor's 400). It points at
// the request's own body rather than copying it; only members a vendor module reads are there
// (engine/request.cpp kBody). Valid while the HttpCall is.
class BodyJson {
 public:
  explicit operator bool() const { return get() != nullptr; }
  const Json& operator*() const { return *get(); }
  const Json* operator->() const { return get(); }
  const Json* get() const { return parsed_ ? &*parsed_ : value_; }

 private:
  friend BodyJson body_as_json(const HttpCall& call);
  const Json* value_ = nullptr;  // the request's body value
  std::optional<Json> parsed_;   // a raw body's value
};
BodyJson body_as_json(const HttpCall& call);

namespace hmp {
// api.md step 3: an actor is required; user id first, then username (case-insensitive).
// Throws InputFailure(REQUEST_INVALID, "/actor") when it names nobody or two users.
Index resolve_actor(const Section& s, const std::optional<std::string>& actor);
Result run_command_line(const Section& s, Index actor, const std::string& line, Detail detail);
// run_command_line(s, resolve_actor(s, actor), …) for Detail::kDecision and kOutcome, with the
// actor resolved alongside the line's look-ups (hmp/decide_line.h: decide_line_resolving).
Result decide_command_line(const Section& s, const std::optional<std::string>& actor, const std::string& line,
                           Detail detail);
Result run_feed_share_call(const Section& s, Index actor, const HttpRoute& route, const HttpCall& call, Detail detail);
// Sets result.access from result.changes (docs/ACCESS.md); nothing when there are no changes.
// Each asset's lists hold the window's entries; the counts are exact. With `words` (started by the
// caller), the preview is written there instead, and result.access holds no asset.
void describe_access(const Section& s, Result& result, const AccessWindow& window, AccessWords* words = nullptr);
}  // namespace hmp

namespace webex {
// nullopt for an unauthenticated call (no actor); otherwise person id, then email.
std::optional<Index> resolve_actor(const Section& s, const std::optional<std::string>& actor);
// With access (Detail::kFull): webex/reassign_outcome.h has the parts.
Result reassign_recordings(const Section& s, std::optional<Index> actor, const std::vector<std::string>& scopes,
                           const HttpCall& call, Detail detail);
}  // namespace webex

namespace ocm {
// user id, then loginName (case-insensitive).
Index resolve_actor(const Section& s, const std::optional<std::string>& actor);
Result run_share_call(const Section& s, Index actor, const HttpRoute& route, const HttpCall& call, Detail detail);
void describe_access(const Section& s, Result& result, const AccessWindow& window, AccessWords* words = nullptr);
}  // namespace ocm

}  // namespace sharepolicy
