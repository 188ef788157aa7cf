// api.md "Request": parsing and step 1, the shape check.
#include "common/input_failure.h"
#include "common/json_reader.h"
#include "common/size_hint.h"
#include "engine/plain_request.h"
#include "engine/vendor_calls.h"
#include "sharepolicy/limits.h"
#include "sharepolicy/request.h"
#include "state/element_reader.h"

namespace sharepolicy {
namespace {

using json_reader::Shape;

// What the vendor modules read of a body (hmp/feed_shares.cpp, webex/reassign_recordings.cpp,
// ocm/share_role.cpp): these members, by type or as strings; OCM's userID and role whole, as its
// answer quotes them (a large container as its compact text, which the answer writes as it is).
// Nothing walks a body's other members, so they are checked and dropped.
const Shape kKind{Shape::kKind};
const Shape kCompact{Shape::kCompact};
const Shape kScopes{Shape::kStrings, nullptr, nullptr, limits::kMaxScopes};
// Webex reads recordingIds for its distinct ids, and past its cap only for how many there are.
const Shape kRecordingIds{Shape::kDistinct, nullptr, nullptr, limits::kMaxWebexRecordingIds};
const Shape::Member kBodyMembers[] = {
    {"shareType", &kKind},          {"permission", &kKind}, {"id", &kKind},      {"name", &kKind},
    {"reassignOwnerEmail", &kKind}, {"ownerEmail", &kKind}, {"ownerID", &kKind}, {"recordingIds", &kRecordingIds},
    {"userID", &kCompact},          {"role", &kCompact},    {nullptr, nullptr}};
const Shape kBody{Shape::kMembers, kBodyMembers};
const Shape::Member kHttpMembers[] = {{"method", &kKind}, {"path", &kKind}, {"body", &kBody}, {nullptr, nullptr}};
const Shape kHttp{Shape::kMembers, kHttpMembers};
// api.md "Request": what read_request reads; other members are checked and dropped.
const Shape::Member kRequestMembers[] = {
    {"actor", &kKind}, {"cli", &kKind}, {"http", &kHttp}, {"scopes", &kScopes}, {nullptr, nullptr}};
const Shape kRequest{Shape::kMembers, kRequestMembers};

const Shape kBatch{Shape::kEach, nullptr, &kRequest};
// A request inside a larger document (a scenario's step): the same, but scopes are not stopped at
// kMaxScopes while the text is read, so that request_from_json says so after the errors found
// before it, as it did when the document was one DOM.
const Shape kUnlimitedScopes{Shape::kStrings};
const Shape::Member kRequestInDocumentMembers[] = {
    {"actor", &kKind}, {"cli", &kKind}, {"http", &kHttp}, {"scopes", &kUnlimitedScopes}, {nullptr, nullptr}};
const Shape kRequestInDocument{Shape::kMembers, kRequestInDocumentMembers};

[[noreturn]] SHAREPOLICY_SMALL void invalid(const std::string& pointer, const std::string& message) {
  throw InputFailure(error_code::kRequestInvalid, message, pointer);
}

// `owned`: the caller owns the DOM `http` lives in (it is not const there) and drops it after this
// read, so the body moves out instead of existing twice (issue 16: a large body doubled the peak).
SHAREPOLICY_SMALL HttpCall read_http(const Json& http, bool owned) {
  if (!http.is_object()) invalid("/http", std::string("'http' must be an object, not ") + state::json_type_name(http));
  HttpCall call;
  auto method = http.find("method");
  if (method == http.end()) invalid("/http", "'http' needs 'method' (GET, POST, PUT or DELETE)");
  if (!method->is_string()) invalid("/http/method", "'method' must be a string");
  call.method = method->get<std::string>();
  for (char& c : call.method) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  auto path = http.find("path");
  if (path == http.end()) invalid("/http", "'http' needs 'path'");
  if (!path->is_string()) invalid("/http/path", "'path' must be a string");
  call.path = path->get<std::string>();
  auto body = http.find("body");
  if (body != http.end()) {
    call.has_body = true;
    if (body->is_string()) {
      call.body_is_text = true;
      call.body_text = owned ? std::move(const_cast<Json&>(*body).get_ref<std::string&>()) : body->get<std::string>();
    } else {
      call.body = owned ? std::move(const_cast<Json&>(*body)) : *body;
    }
  }
  return call;
}

// Fills `req`, a default Request (parse_request's own, in its one place: smaller code in the package).
SHAREPOLICY_SMALL void read_request(const Json& v, bool owned, Request& req) {
  if (!v.is_object()) invalid("", std::string("a request must be a JSON object, not ") + state::json_type_name(v));
  auto cli = v.find("cli");
  auto http = v.find("http");
  if (cli != v.end() && http != v.end()) invalid("/http", "a request has either 'cli' or 'http', not both");
  if (cli == v.end() && http == v.end()) {
    invalid("", "a request needs 'cli' (an HMP command line) or 'http' (method, path and body)");
  }
  if (cli != v.end()) {
    if (!cli->is_string()) invalid("/cli", std::string("'cli' must be a string, not ") + state::json_type_name(*cli));
    if (cli->get_ref<const std::string&>().size() > limits::kMaxCliLineBytes) {
      throw InputFailure(error_code::kLimitExceeded,
                         "the command line is longer than the limit of " + std::to_string(limits::kMaxCliLineBytes) +
                             " bytes",
                         "/cli");
    }
    req.cli = cli->get<std::string>();
  } else {
    req.http = read_http(*http, owned);
  }
  auto actor = v.find("actor");
  if (actor != v.end() && !actor->is_null()) {
    if (!actor->is_string())
      invalid("/actor", std::string("'actor' must be a string or null, not ") + state::json_type_name(*actor));
    req.actor = actor->get<std::string>();
  }
  auto scopes = v.find("scopes");
  if (scopes != v.end()) {
    if (!scopes->is_array()) invalid("/scopes", "'scopes' must be an array of strings");
    for (std::size_t i = 0; i < scopes->size(); ++i) {
      // A request read from its text stopped at the limit already; one from a scenario's DOM here.
      if (i == limits::kMaxScopes)
        throw json_reader::too_many_strings(limits::kMaxScopes, "/scopes/" + std::to_string(i));
      if (!(*scopes)[i].is_string()) invalid("/scopes/" + std::to_string(i), "'scopes' must hold strings");
      auto& scope = const_cast<Json&>((*scopes)[i]).get_ref<std::string&>();
      req.scopes.push_back(owned ? std::move(scope) : scope);
    }
  }
}

}  // namespace

// The request a share dialog sends on every keystroke, {"actor":"…","cli":"…"} (either order, actor
// optional), read without building a DOM. Anything else — an escape, a byte outside printable
// ASCII, another member, null, a repeat, a limit reached, trailing text — is left to the full
// reader, which alone decides what is valid: on the texts this accepts, both build the same
// Request (tests/unit/test_request_reader.cpp compares them; fuzz_request asserts it).
bool read_plain_cli_request(std::string_view text, Request& req) {
  // Within every limit whatever its strings hold: a string is at most kMaxStringBytes.
  if (text.size() > limits::kMaxStringBytes) return false;
  // The tokens in turn, white space between them: '{', a string ('s'), ':', a string, then '}' or
  // ',' and one more member. One loop, for the package's size.
  std::string_view strings[4];
  std::size_t count = 0, at = 0;
  for (const char* want = "{s:s,s:s}"; *want; ++want) {
    while (at < text.size() && json_reader::is_json_space(text[at])) ++at;
    if (at == text.size()) return false;
    if (*want == 's') {
      if (text[at] != '"') return false;
      const std::size_t start = ++at;
      for (; at < text.size() && text[at] != '"'; ++at) {
        const auto c = static_cast<unsigned char>(text[at]);
        if (c < 0x20 || c > 0x7e || c == '\\') return false;
      }
      if (at == text.size()) return false;
      strings[count++] = text.substr(start, at++ - start);
    } else if (text[at++] != *want) {
      if (!(*want == ',' && text[at - 1] == '}')) return false;
      break;  // one member
    }
  }
  while (at < text.size() && json_reader::is_json_space(text[at])) ++at;
  if (at != text.size()) return false;
  const std::string_view* cli = nullptr;
  const std::string_view* actor = nullptr;
  for (std::size_t k = 0; k < count; k += 2) {
    const std::string_view** slot = strings[k] == "cli" ? &cli : strings[k] == "actor" ? &actor : nullptr;
    if (!slot || *slot) return false;
    *slot = &strings[k + 1];
  }
  if (!cli || cli->size() > limits::kMaxCliLineBytes) return false;
  req.cli.emplace(*cli);
  if (actor) req.actor.emplace(*actor);
  return true;
}

namespace {

// `owned`: read_request's.
SHAREPOLICY_SMALL Expected<Request> read_request_or_error(const Json& value, bool owned) {
  try {
    Request req;
    read_request(value, owned, req);
    return req;
  } catch (const InputFailure& f) {
    return f.error();
  }
}

}  // namespace

Expected<Request> request_from_json(const Json& value) { return read_request_or_error(value, false); }

const json_reader::Shape& request_shape_in_document() { return kRequestInDocument; }

Expected<Request> request_from_document(Json& value) { return read_request_or_error(value, true); }

SHAREPOLICY_SMALL Json parse_request_list(std::string_view json_text, const char* what) {
  return json_reader::parse_kept(json_text, {error_code::kRequestInvalid, limits::kMaxRequestBytes, what}, kBatch);
}

Expected<Request> parse_request(std::string_view json_text) {
  try {
    Request req;
    if (!read_plain_cli_request(json_text, req)) {
      Json v = json_reader::parse_kept(json_text, {error_code::kRequestInvalid, limits::kMaxRequestBytes, "request"},
                                       kRequest);
      read_request(v, true, req);
    }
    return req;
  } catch (const InputFailure& f) {
    return f.error();
  }
}

SHAREPOLICY_SMALL BodyJson body_as_json(const HttpCall& call) {
  BodyJson out;
  if (!call.has_body) return out;
  if (!call.body_is_text) {
    out.value_ = &call.body;
    return out;
  }
  try {
    out.parsed_ = json_reader::parse_kept(call.body_text,
                                          {error_code::kRequestInvalid, limits::kMaxRequestBytes, "request body"},
                                          kBody);
  } catch (const InputFailure&) {
    // the vendor's 400, decided by the vendor module
  }
  return out;
}

}  // namespace sharepolicy
