// The result of evaluating one request (api.md "Result").
#pragma once
#include <array>
#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sharepolicy/limits.h"

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
  std::string type;        // "share.set" | "owner.set"
  std::string system;      // "hmp" | "webex" | "ocm"
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

// Who can do what on the assets a result changes, before and after (docs/ACCESS.md).
// JSON: {"assets":[asset…], "owners"?:[ownership…]}
//   asset (HMP, OCM) = {"system","kind","id","before":[holder…],"after":[holder…],"gained":[delta…],"lost":[delta…]}
//   asset (Webex)    = {"system":"webex","kind":"recording","id","owner":{"from":personId,"to":personId}}
//   holder = {"user":{"id","name"}, "actions":[…] (HMP) | "role":"viewer"…"manager"|"owner" (OCM), "via":[path…]}
//          | {"administrators":N, "actions":[every action], "via":[{"type":"administrator"}]}  (HMP: counted, not
//          listed)
//   path   = {"type":"direct"|"group"|"owner"|"administrator", "group"?:{"id","name"}, "permission"?|"role"?:…}
//   delta  = HMP {"user","actions":[the actions gained / lost]}; OCM {"user","from":role|null,"to":role|null}
//   ownership (Webex) = {"user":{"id","name"},"gained":N,"lost":N}: recordings each person gains or loses
struct AccessUser {
  std::string id, name;  // name: HMP username, OCM loginName, Webex email
};
struct AccessPath {
  std::string type;                  // "direct" | "group" | "owner" | "administrator"
  std::optional<AccessUser> group;   // "group" only
  std::optional<std::string> grant;  // HMP permission as the state stores it, OCM role (JSON "permission"/"role")
};
struct AccessHolder {
  std::optional<AccessUser> user;    // nullopt: the administrators summary entry
  std::size_t administrators = 0;    // summary entry only
  std::vector<std::string> actions;  // HMP
  std::optional<std::string> role;   // OCM: the effective role, "owner" for the owner
  std::vector<AccessPath> via;
};
struct AccessDelta {
  AccessUser user;
  std::vector<std::string> actions;     // HMP: the actions gained (or lost)
  std::optional<std::string> from, to;  // OCM: effective roles (nullopt = no access)
};
struct OwnerMove {
  std::string from, to;  // person ids
};
// Every holder of each list, whether listed or not; JSON {"before","after","gained","lost"}.
struct AccessCounts {
  std::size_t before = 0, after = 0, gained = 0, lost = 0;
};
struct AssetAccess {
  std::string system, kind, id;
  bool uses_roles = false;  // OCM: holders carry "role" and deltas "from"/"to"
  std::vector<AccessHolder> before, after;
  std::vector<AccessDelta> gained, lost;
  // Only when a list above holds fewer entries than it has (the window cut it): JSON "counts",
  // after "lost". Results whose lists are whole keep exactly their former text.
  std::optional<AccessCounts> counts;
  std::optional<OwnerMove> owner;  // Webex: replaces the four lists
};

// Which entries each list of an asset's access holds: `limit` of them from `offset` (the counts
// are always exact). The default keeps a preview small whatever the fan-out; kAllHolders lists
// every holder.
inline constexpr std::size_t kAllHolders = static_cast<std::size_t>(-1);
struct AccessWindow {
  std::size_t offset = 0;
  std::size_t limit = limits::kAccessHolders;
  // Whether the entry at `position` of a list is listed.
  bool holds(std::size_t position) const { return position >= offset && position - offset < limit; }
};
struct OwnershipTotal {
  AccessUser user;
  std::size_t gained = 0, lost = 0;
};
struct Access {
  std::vector<AssetAccess> assets;
  std::vector<OwnershipTotal> owners;  // Webex only
};

// The smallest change that would turn a denial into a success (docs/ACCESS.md).
// JSON: {"sentence","kind":"state"|"request"|"none","changes":[change…]}. `changes` uses the change
// shape above, plus the fix-only types "role.grant" (HMP: add role `after` to `principal`) and
// "directory.set" (HMP: hmp.directory.available from `before` to `after`, "false"/"true").
struct Fix {
  std::string sentence;
  std::string kind;  // "state": apply `changes` and re-run; "request": change the request; "none"
  std::vector<Change> changes;
};

// The decision in codes: the wire response's status and error code, with no string built. Every
// detail fills it, and it always agrees with `response` and `error` where those are filled in.
struct WireCode {
  static constexpr std::size_t kMaxCode = 15;
  int status = 0;  // a REST call's HTTP status; 0 for an HMP command line (its answer is a line)
  // error.code as the response carries it (HMP six digits, OCM errorCode, Webex status); "" when
  // the call succeeds or the error has none (HMP "ERROR|Command not found"). Vendors' codes are
  // at most 6 bytes; one longer than kMaxCode would be cut (none is).
  std::array<char, kMaxCode + 1> code{};

  std::string_view code_text() const { return code.data(); }
  void set_code(std::string_view text) {
    const std::size_t n = text.size() < kMaxCode ? text.size() : kMaxCode;
    text.copy(code.data(), n);
    code[n] = '\0';
  }
};

// A decision alone (decide_share): `ok` and its codes, as can_share(…, Detail::kDecision) answers
// them, without a Result around them.
struct Decision {
  bool ok = false;
  WireCode wire;
};

// How much of a Result to compute. kFull: everything api.md and docs/ACCESS.md describe.
// kResponse: the vendor's answer as text (operation, ok, response, error, changes, warnings,
// reassign); no `fix`, `access` or `stateWarnings`, whose cost grows with the state (a "did you
// mean" over every name, the holders of an asset, every warning of the load) rather than with the
// request, and no `explanation` (its sentences are for a person reading one result; no batch item
// shows them). Batch previews (canShareBatch) use it; the fields it computes are kFull's.
// kDecision: the decision alone, `ok` and `wire` (the response's status and error code), both
// identical to kFull's; no string is rendered, so an HMP command line is decided with no
// allocation (docs/DECISIONS.md "Decision-only results"). REST calls may fill more (they render
// their response as kResponse does; they are not a grid's path).
// kOutcome: only `ok` is meaningful, identical to kFull's. The fast batch (decide_rows,
// canShareBatchCodes) uses it.
enum class Detail { kFull, kResponse, kDecision, kOutcome };
// Whether `detail` answers in codes alone (`ok`, `wire`): no response, error or change is built.
inline bool answers_in_codes(Detail detail) { return detail == Detail::kDecision || detail == Detail::kOutcome; }

struct Result {
  std::string operation;
  bool ok = false;
  WireCode wire;  // `ok`'s codes: what Detail::kDecision answers beside it
  Json response;  // {"line":…} or {"status":N,"body":…}
  std::optional<VendorError> error;
  std::vector<std::string> explanation;
  std::vector<Change> changes;
  std::vector<Warning> warnings;
  bool inferred = false;  // fidelity: "inferred" when true, else "documented"
  std::vector<StateWarning> state_warnings;
  std::optional<Reassign> reassign;
  std::optional<Access> access;  // only when there are changes
  std::optional<Fix> fix;        // only on a denial
};

// The result as JSON in api.md's key order; deterministic.
Json result_to_json(const Result& result);
std::string result_to_text(const Result& result);
// The decision alone, {"ok","response","error"}: those members of result_to_json, unchanged.
Json decision_to_json(const Result& result);
// The same texts appended to `out` (result_to_text(r) == result_to_json(r).dump()), written
// directly: no JSON value is built.
void append_result_text(std::string& out, const Result& result);
void append_decision_text(std::string& out, const Result& result);
// For a host that reads the access preview on demand (the package: parsing it is most of what a
// preview costs there): the access alone as numbers and a pool of string bytes (its layout:
// engine/access_words.cpp AccessWords; its reader: wasm/package/index.ts readAccess). The result
// around it: engine/result_writers.h write_result_access_apart.
void append_access_words(std::string& out, const Access& access);

}  // namespace sharepolicy
