// api.md step 2: matching an HTTP method and path to a supported operation.
#pragma once
#include <optional>

#include "engine/vendor_calls.h"

namespace sharepolicy {

enum class System { kHmp, kWebex, kOcm };

struct RoutedHttp {
  System system;
  HttpRoute route;
};

// nullopt: no supported operation has this method and path.
std::optional<RoutedHttp> route_http(const HttpCall& call);

// For the UNSUPPORTED_OPERATION message: every supported method and path.
const char* supported_http_operations();

bool is_reassign_operation(const std::string& operation);

}  // namespace sharepolicy
