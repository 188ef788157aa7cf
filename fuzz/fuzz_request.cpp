// Request parsing and routing (api.md steps 1–2): any bytes parse to a request or give
// REQUEST_INVALID / LIMIT_EXCEEDED; a parsed request routes to an entry point or gives
// UNSUPPORTED_OPERATION. Also the raw-body parser the vendor modules use.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/input_failure.h"
#include "common/json_reader.h"
#include "engine/plain_request.h"
#include "engine/vendor_calls.h"
#include "fuzz_support.h"
#include "sharepolicy/engine.h"
#include "sharepolicy/limits.h"
#include "sharepolicy/request.h"

namespace {

// The request as a whole DOM, then the shape check: what parse_request, which builds only what it
// reads (issue 16 item 4), must answer the same way.
sharepolicy::Expected<sharepolicy::Request> read_whole(std::string_view text) {
  try {
    return sharepolicy::request_from_json(
        sharepolicy::json_reader::parse_document(text, {sharepolicy::error_code::kRequestInvalid,
                                                        sharepolicy::limits::kMaxRequestBytes, "request"}));
  } catch (const sharepolicy::InputFailure& f) {
    return f.error();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = sharepolicy::parse_request(text);
  const auto whole = read_whole(text);
  FUZZ_CHECK(parsed.ok() == whole.ok(), std::string(text));
  if (!parsed.ok()) FUZZ_CHECK(parsed.error().to_json() == whole.error().to_json(), std::string(text));
  if (!parsed.ok()) {
    const auto& e = parsed.error();
    FUZZ_CHECK(e.code == "REQUEST_INVALID" || e.code == "LIMIT_EXCEEDED", e.to_json());
    FUZZ_CHECK(e.pointer.empty() || e.pointer[0] == '/', e.to_json());
    // The one-line error document must itself be valid JSON text.
    FUZZ_CHECK(sharepolicy::Json::accept(e.to_json()), e.to_json());
    return 0;
  }
  const sharepolicy::Request& req = parsed.value();
  // The plain {actor, cli} reader (parse_request's first try) builds what the whole document gives.
  if (sharepolicy::Request plain; sharepolicy::read_plain_cli_request(text, plain)) {
    const sharepolicy::Request& w = whole.value();
    FUZZ_CHECK(plain.cli == w.cli && plain.actor == w.actor && !w.http && w.scopes.empty(), std::string(text));
  }
  // What a vendor reads of the body is the same both ways: recordingIds' distinct ids (the kept
  // list stops past the cap, where only the count is read), OCM's userID and role whole.
  if (req.http && whole.value().http && req.http->body.is_object()) {
    const sharepolicy::Json& a = req.http->body;
    const sharepolicy::Json& b = whole.value().http->body;
    const auto ids_a = sharepolicy::json_reader::distinct_strings(a.value("recordingIds", sharepolicy::Json()));
    const auto ids_b = sharepolicy::json_reader::distinct_strings(b.value("recordingIds", sharepolicy::Json()));
    FUZZ_CHECK(ids_a.has_value() == ids_b.has_value(), std::string(text));
    if (ids_a) {
      FUZZ_CHECK(ids_a->count == ids_b->count, std::string(text));
      if (ids_b->count <= sharepolicy::limits::kMaxWebexRecordingIds) {
        FUZZ_CHECK(ids_a->first == ids_b->first && ids_a->repeated == ids_b->repeated, std::string(text));
      }
    }
    for (const char* key : {"userID", "role"}) {
      FUZZ_CHECK(a.value(key, sharepolicy::Json()) == b.value(key, sharepolicy::Json()), std::string(text));
    }
  }
  FUZZ_CHECK(req.cli.has_value() != req.http.has_value(), std::string(text));
  static const sharepolicy::State kEmpty;
  auto entry = sharepolicy::entry_point_for(kEmpty, req);
  if (!entry.ok()) FUZZ_CHECK(entry.error().code == "UNSUPPORTED_OPERATION", entry.error().to_json());
  if (req.http) (void)sharepolicy::body_as_json(*req.http);
  // The raw text as a vendor body as well (parsed as the vendor would).
  sharepolicy::HttpCall raw;
  raw.has_body = true;
  raw.body_is_text = true;
  raw.body_text = std::string(text);
  (void)sharepolicy::body_as_json(raw);
  return 0;
}
