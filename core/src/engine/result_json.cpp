// api.md "Result": serialization in the documented key order.
#include "sharepolicy/result.h"

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

namespace {

Json change_to_json(const Change& c) {
  Json j = Json::object();
  j["type"] = c.type;
  j["system"] = c.system;
  // Every result change names an asset; fix-only changes (role.grant, directory.set) do not.
  if (!c.asset_kind.empty()) j["asset"] = Json{{"kind", c.asset_kind}, {"id", c.asset_id}};
  if (c.principal) j["principal"] = Json{{"type", c.principal->type}, {"id", c.principal->id}};
  j["before"] = optional_text(c.before);
  j["after"] = optional_text(c.after);
  return j;
}

Json delta_to_json(const AccessDelta& d, bool uses_roles) {
  Json j = Json::object();
  j["user"] = user_to_json(d.user);
  if (uses_roles) {
    j["from"] = optional_text(d.from);
    j["to"] = optional_text(d.to);
  } else {
    j["actions"] = names_to_json(d.actions);
  }
  return j;
}

Json asset_access_to_json(const AssetAccess& a) {
  Json j = Json::object();
  j["system"] = a.system;
  j["kind"] = a.kind;
  j["id"] = a.id;
  if (a.owner) {
    j["owner"] = Json{{"from", a.owner->from}, {"to", a.owner->to}};
    return j;
  }
  for (const auto* key : {"before", "after"}) {
    const auto& holders = std::string(key) == "before" ? a.before : a.after;
    Json list = Json::array();
    for (const auto& h : holders) list.push_back(holder_to_json(h, a.uses_roles));
    j[key] = std::move(list);
  }
  for (const auto* key : {"gained", "lost"}) {
    const auto& deltas = std::string(key) == "gained" ? a.gained : a.lost;
    Json list = Json::array();
    for (const auto& d : deltas) list.push_back(delta_to_json(d, a.uses_roles));
    j[key] = std::move(list);
  }
  return j;
}

Json access_to_json(const Access& access) {
  Json j = Json::object();
  j["assets"] = Json::array();
  for (const auto& a : access.assets) j["assets"].push_back(asset_access_to_json(a));
  if (!access.owners.empty()) {
    Json owners = Json::array();
    for (const auto& o : access.owners) {
      owners.push_back(Json{{"user", user_to_json(o.user)}, {"gained", o.gained}, {"lost", o.lost}});
    }
    j["owners"] = std::move(owners);
  }
  return j;
}

Json fix_to_json(const Fix& fix) {
  Json j = Json::object();
  j["sentence"] = fix.sentence;
  j["kind"] = fix.kind;
  j["changes"] = Json::array();
  for (const auto& c : fix.changes) j["changes"].push_back(change_to_json(c));
  return j;
}

Json vendor_error_to_json(const std::optional<VendorError>& error) {
  if (!error) return nullptr;
  Json e = Json::object();
  e["code"] = error->code;
  if (error->name) e["name"] = *error->name;
  e["message"] = error->message;
  return e;
}

void add_decision(Json& j, const Result& r) {
  j["ok"] = r.ok;
  j["response"] = r.response;
  j["error"] = vendor_error_to_json(r.error);
}

}  // namespace

Json decision_to_json(const Result& r) {
  Json j = Json::object();
  add_decision(j, r);
  return j;
}

Json result_to_json(const Result& r) {
  Json j = Json::object();
  j["operation"] = r.operation;
  add_decision(j, r);
  j["explanation"] = Json::array();
  for (const auto& line : r.explanation) j["explanation"].push_back(line);
  j["changes"] = Json::array();
  for (const auto& c : r.changes) j["changes"].push_back(change_to_json(c));
  j["warnings"] = Json::array();
  for (const auto& w : r.warnings) j["warnings"].push_back(Json{{"code", w.code}, {"message", w.message}});
  j["fidelity"] = r.inferred ? "inferred" : "documented";
  if (!r.state_warnings.empty()) {
    Json list = Json::array();
    for (const auto& w : r.state_warnings) {
      list.push_back(Json{{"code", w.code}, {"message", w.message}, {"pointer", w.pointer}});
    }
    j["stateWarnings"] = std::move(list);
  }
  if (r.reassign) {
    Json moved = Json::array(), skipped = Json::array();
    for (const auto& m : r.reassign->moved) moved.push_back(Json{{"id", m.id}, {"from", m.from}, {"to", m.to}});
    for (const auto& s : r.reassign->skipped) skipped.push_back(Json{{"id", s.id}, {"reason", s.reason}});
    j["reassign"] = Json{{"moved", std::move(moved)}, {"skipped", std::move(skipped)}};
  }
  if (r.access) j["access"] = access_to_json(*r.access);
  if (r.fix) j["fix"] = fix_to_json(*r.fix);
  return j;
}

std::string result_to_text(const Result& r) { return result_to_json(r).dump(); }

}  // namespace sharepolicy
