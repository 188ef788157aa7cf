// The JSON of docs/ACCESS.md's parts as nlohmann values, for "who can / what can" (explore.cpp).
// Results write the same shapes directly (result_json.cpp write_holder/write_path); explore_test
// and the golden fixtures keep the two in step.
#include "engine/access_json.h"

namespace sharepolicy {

Json optional_text(const std::optional<std::string>& s) { return s ? Json(*s) : Json(nullptr); }

Json user_to_json(const AccessUser& u) { return Json{{"id", u.id}, {"name", u.name}}; }

Json path_to_json(const AccessPath& p, bool uses_roles) {
  Json j = Json::object();
  j["type"] = p.type;
  if (p.group) j["group"] = user_to_json(*p.group);
  if (p.grant) j[uses_roles ? "role" : "permission"] = *p.grant;
  return j;
}

Json names_to_json(const std::vector<std::string>& names) {
  Json list = Json::array();
  for (const auto& n : names) list.push_back(n);
  return list;
}

Json holder_to_json(const AccessHolder& h, bool uses_roles) {
  Json j = Json::object();
  if (h.user) {
    j["user"] = user_to_json(*h.user);
  } else {
    j["administrators"] = h.administrators;
  }
  if (uses_roles) {
    j["role"] = optional_text(h.role);
  } else {
    j["actions"] = names_to_json(h.actions);
  }
  j["via"] = Json::array();
  for (const auto& p : h.via) j["via"].push_back(path_to_json(p, uses_roles));
  return j;
}

}  // namespace sharepolicy
