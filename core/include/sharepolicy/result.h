// The result of evaluating one request (api.md "Result").
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace sharepolicy {

// Key order is the order of insertion, so that wire bodies keep the vendor's key order and
// results serialize deterministically.
using Json = nlohmann::ordered_json;

struct VendorError {
  std::string code;  // HMP six digits, OCM errorCode, Webex HTTP status as a string
  std::optional<std::string> name;
  std::string message;
};

struct PrincipalRef {
  std::string type;  // "user" | "group"
  std::string id;
};

struct Change {
  std::string type;    // "share.set" | "owner.set"
  std::string system;  // "hmp" | "webex" | "ocm"
  std::string asset_kind;  // "recording" | "feed" | "folder" | "session"
  std::string asset_id;
  std::optional<PrincipalRef> principal;  // share.set only
  std::optional<std::string> before;      // nullopt = JSON null
  std::optional<std::string> after;
};

struct Warning {
  std::string code;
  std::string message;
};

struct StateWarning {
  std::string code;
  std::string message;
  std::string pointer;
};

struct ReassignMove {
  std::string id, from, to;
};
struct ReassignSkip {
  std::string id, reason;
};
struct Reassign {
  std::vector<ReassignMove> moved;
  std::vector<ReassignSkip> skipped;
};

struct Result {
  std::string operation;
  bool ok = false;
  Json response;  // {"line":…} or {"status":N,"body":…}
  std::optional<VendorError> error;
  std::vector<std::string> explanation;
  std::vector<Change> changes;
  std::vector<Warning> warnings;
  bool inferred = false;  // fidelity: "inferred" when true, else "documented"
  std::vector<StateWarning> state_warnings;
  std::optional<Reassign> reassign;
};

// The result as JSON in api.md's key order; deterministic.
Json result_to_json(const Result& result);
std::string result_to_text(const Result& result);

}  // namespace sharepolicy
