// A preview request: the vendor call plus who sends it (api.md "Request").
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sharepolicy/input_error.h"
#include "sharepolicy/result.h"

namespace sharepolicy {

struct HttpCall {
  std::string method;
  std::string path;  // as sent (scheme and host still attached)
  bool has_body = false;
  bool body_is_text = false;  // body given as a string: the raw body text, parsed as the vendor would
  Json body;                  // the body value (when !body_is_text)
  std::string body_text;      // the raw body text (when body_is_text)
};

struct Request {
  std::optional<std::string> cli;
  std::optional<HttpCall> http;
  std::optional<std::string> actor;  // nullopt: omitted or null (an unauthenticated call)
  std::vector<std::string> scopes;
};

// Parses and shape-checks a request (api.md step 1); REQUEST_INVALID / LIMIT_EXCEEDED otherwise.
Expected<Request> parse_request(std::string_view json_text);
Expected<Request> request_from_json(const Json& value);

}  // namespace sharepolicy
