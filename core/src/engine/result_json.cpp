// api.md "Result": serialization in the documented key order.
#include "sharepolicy/result.h"

namespace sharepolicy {
namespace {

Json optional_text(const std::optional<std::string>& s) { return s ? Json(*s) : Json(nullptr); }

Json change_to_json(const Change& c) {
  Json j = Json::object();
  j["type"] = c.type;
  j["system"] = c.system;
  j["asset"] = Json{{"kind", c.asset_kind}, {"id", c.asset_id}};
  if (c.principal) j["principal"] = Json{{"type", c.principal->type}, {"id", c.principal->id}};
  j["before"] = optional_text(c.before);
  j["after"] = optional_text(c.after);
  return j;
}

}  // namespace

Json result_to_json(const Result& r) {
  Json j = Json::object();
  j["operation"] = r.operation;
  j["ok"] = r.ok;
  j["response"] = r.response;
  if (r.error) {
    Json e = Json::object();
    e["code"] = r.error->code;
    if (r.error->name) e["name"] = *r.error->name;
    e["message"] = r.error->message;
    j["error"] = std::move(e);
  } else {
    j["error"] = nullptr;
  }
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
  return j;
}

std::string result_to_text(const Result& r) { return result_to_json(r).dump(); }

}  // namespace sharepolicy
