#include "engine/route.h"

#include <string_view>

#include "common/text_util.h"

namespace sharepolicy {
namespace {

// One row per supported call: method, path pattern (":x" is a parameter), system, operation.
struct RouteRow {
  const char* method;
  const char* pattern;
  System system;
  const char* operation;
};

const RouteRow kRoutes[] = {
    {"POST", "/apis/sections/:sectionId/shares", System::kHmp, "hmp.createFeedShare"},
    {"GET", "/apis/sections/:sectionId/shares", System::kHmp, "hmp.listFeedShares"},
    {"PUT", "/apis/sections/:sectionId/shares/:shareId", System::kHmp, "hmp.updateFeedShare"},
    {"DELETE", "/apis/sections/:sectionId/shares/:shareId", System::kHmp, "hmp.deleteFeedShare"},
    {"POST", "/v1/convergedRecordings/reassign", System::kWebex, "webex.reassignRecordings"},
    {"PUT", "/documents/api/1.2/shares/:folderId/role", System::kOcm, "ocm.editShareRole"},
    {"POST", "/documents/api/1.2/shares/:folderId", System::kOcm, "ocm.shareFolder"},
    {"DELETE", "/documents/api/1.2/shares/:folderId/user", System::kOcm, "ocm.revokeUser"},
    {"GET", "/documents/api/1.2/shares/:folderId/items", System::kOcm, "ocm.listShares"},
};

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// %XX decoding; a malformed escape is kept as written, and so is a whole text whose escapes do
// not decode to UTF-8 (found by fuzz_pipeline: "%E9" in a folder id reached the response body).
std::string percent_decode_bytes(std::string_view s, bool plus_is_space);

std::string percent_decode(std::string_view s, bool plus_is_space) {
  std::string decoded = percent_decode_bytes(s, plus_is_space);
  if (!text_util::is_valid_utf8(decoded)) return std::string(s);
  return decoded;
}

std::string percent_decode_bytes(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else if (plus_is_space && s[i] == '+') {
      out += ' ';
    } else {
      out += s[i];
    }
  }
  return out;
}

// "https://webexapis.com/v1/x?y" → "/v1/x?y" (api.md: a leading scheme and host is ignored).
std::string_view strip_origin(std::string_view path) {
  for (std::string_view scheme : {"https://", "http://"}) {
    if (path.substr(0, scheme.size()) == scheme) {
      const auto slash = path.find('/', scheme.size());
      return slash == std::string_view::npos ? std::string_view("/") : path.substr(slash);
    }
  }
  return path;
}

std::vector<std::string_view> split_segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto slash = path.find('/', start);
    const auto end = slash == std::string_view::npos ? path.size() : slash;
    out.push_back(path.substr(start, end - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> parse_query(std::string_view q) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t start = 0;
  while (start < q.size()) {
    auto amp = q.find('&', start);
    if (amp == std::string_view::npos) amp = q.size();
    const auto item = q.substr(start, amp - start);
    if (!item.empty()) {
      const auto eq = item.find('=');
      out.emplace_back(percent_decode(item.substr(0, eq), true),
                       eq == std::string_view::npos ? std::string() : percent_decode(item.substr(eq + 1), true));
    }
    start = amp + 1;
  }
  return out;
}

}  // namespace

std::optional<RoutedHttp> route_http(const HttpCall& call) {
  std::string_view path = strip_origin(call.path);
  std::string_view query;
  if (const auto qm = path.find('?'); qm != std::string_view::npos) {
    query = path.substr(qm + 1);
    path = path.substr(0, qm);
  }
  if (const auto hash = path.find('#'); hash != std::string_view::npos) path = path.substr(0, hash);
  if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  const auto segments = split_segments(path);
  for (const RouteRow& row : kRoutes) {
    if (call.method != row.method) continue;
    const auto pattern = split_segments(row.pattern);
    if (pattern.size() != segments.size()) continue;
    HttpRoute route{row.operation, {}, {}};
    bool match = true;
    for (std::size_t i = 0; i < pattern.size() && match; ++i) {
      if (!pattern[i].empty() && pattern[i][0] == ':') {
        if (segments[i].empty()) match = false;
        route.params.push_back(percent_decode(segments[i], false));
      } else {
        match = pattern[i] == segments[i];
      }
    }
    if (!match) continue;
    route.query = parse_query(query);
    return RoutedHttp{row.system, std::move(route)};
  }
  return std::nullopt;
}

const char* supported_http_operations() {
  return "POST|GET /apis/sections/:sectionId/shares, PUT|DELETE /apis/sections/:sectionId/shares/:shareId, "
         "POST /v1/convergedRecordings/reassign, PUT /documents/api/1.2/shares/:folderId/role, "
         "POST /documents/api/1.2/shares/:folderId, DELETE /documents/api/1.2/shares/:folderId/user, "
         "GET /documents/api/1.2/shares/:folderId/items";
}

bool is_reassign_operation(const std::string& operation) { return operation == "webex.reassignRecordings"; }

}  // namespace sharepolicy
