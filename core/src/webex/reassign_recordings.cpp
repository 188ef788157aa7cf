// webex.md: POST /v1/convergedRecordings/reassign (seed 002, vendor-facts §3).
#include <algorithm>

#include "common/input_failure.h"
#include "common/json_reader.h"
#include "common/text_util.h"
#include "engine/vendor_calls.h"
#include "engine/vendor_run.h"
#include "sharepolicy/limits.h"
#include "webex/fix.h"
#include "webex/reassign_outcome.h"

namespace sharepolicy::webex {
namespace {

constexpr const char* kOperation = "webex.reassignRecordings";
constexpr const char* kWriteScope = "spark-admin:recordings_write";
// webex.md: a preview has no real tracking id, so results stay deterministic.
constexpr const char* kTrackingId = "SHAREPOLICY_PREVIEW";

const char* type_name(PersonType t) {
  switch (t) {
    case PersonType::kUser: return "user";
    case PersonType::kVirtualLine: return "virtualLine";
    case PersonType::kWorkspace: return "workspace";
    case PersonType::kPlace: return "place";
    case PersonType::kCallQueue: return "callQueue";
  }
  return "user";
}

// A look-up by email: the person, or nothing. `matches` tells a miss (0) from an ambiguous email (2+).
struct EmailLookup {
  Index person = kNoIndex;
  std::size_t matches = 0;
};

EmailLookup find_by_email(const Section& s, const std::string& email) {
  const IndexSpan found = s.people_by_email.find_all(email);
  return {found.size() == 1 ? found.front() : kNoIndex, found.size()};
}

class ReassignRun : public VendorRun {
 public:
  explicit ReassignRun(Detail detail) : VendorRun(kOperation, detail) {
    // Choice (spec silent): `reassign` is present on every result of this operation, empty when a
    // check failed, so that callers can always read result.reassign.
    result_.reassign = Reassign{};
  }

  // The Webex error envelope (vendor-facts §3.3) with the message repeated as the one description.
  // webex.md: every error message is inferred, so every error result is inferred.
  Result error(int status, const std::string& message) {
    Json body = Json::object();
    body["message"] = message;
    body["errors"] = Json::array({Json{{"description", message}}});
    body["trackingId"] = kTrackingId;
    result_.ok = false;
    result_.response = Json{{"status", status}, {"body", std::move(body)}};
    result_.error = VendorError{std::to_string(status), std::nullopt, message};
    result_.inferred = true;
    result_.changes.clear();
    result_.warnings.clear();
    result_.reassign = Reassign{};
    return std::move(result_);
  }

  Result no_content() {
    result_.ok = true;
    result_.response = Json{{"status", 204}, {"body", nullptr}};
    result_.error.reset();
    return std::move(result_);
  }
};

// The body fields after check 3; empty strings and lists count as not given (check 4).
struct ReassignBody {
  std::string destination_email;
  std::optional<std::string> owner_email, owner_id;  // nullopt: absent, null or ""
  std::vector<std::string> recording_ids;            // distinct, in request order
  std::vector<std::string> repeated_ids;             // ids listed more than once, each once
  std::size_t distinct_ids = 0;                      // exact; the lists stop past the cap
};

// Check 3: the body's shape. Returns the 400 message naming the field, or nullopt.
// Choice (spec silent): an optional member whose value is null counts as absent, as most Webex
// SDKs serialize an unset field that way; `reassignOwnerEmail: null` is not a non-empty string.
std::optional<std::string> read_body(const BodyJson& body, ReassignBody& out) {
  if (!body || !body->is_object()) return std::string("The request body must be a JSON object.");
  const Json& b = *body;
  auto dest = b.find("reassignOwnerEmail");
  if (dest == b.end() || !dest->is_string() || dest->get_ref<const std::string&>().empty()) {
    return std::string("reassignOwnerEmail must be a non-empty string.");
  }
  out.destination_email = dest->get<std::string>();
  for (const char* key : {"ownerEmail", "ownerID"}) {
    auto it = b.find(key);
    if (it == b.end() || it->is_null()) continue;
    if (!it->is_string()) return std::string(key) + " must be a string.";
    if (it->get_ref<const std::string&>().empty()) continue;
    (std::string(key) == "ownerEmail" ? out.owner_email : out.owner_id) = it->get<std::string>();
  }
  auto ids = b.find("recordingIds");
  if (ids != b.end() && !ids->is_null()) {
    // Read as the request reader keeps it (json_reader::Shape::kDistinct): past the cap, a count.
    auto distinct = json_reader::distinct_strings(*ids);
    if (!distinct) return std::string("recordingIds must be an array of strings.");
    out.recording_ids = std::move(distinct->first);
    out.repeated_ids = std::move(distinct->repeated);
    out.distinct_ids = distinct->count;
  }
  return std::nullopt;
}

std::string join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += sep;
    out += items[i];
  }
  return out;
}

std::string count_of(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// A check that fails ends the run with the vendor's error; nullopt lets the call go on.
using Failure = std::optional<Result>;

// Checks 1 and 2: an authenticated caller holding the documented scope.
Failure check_caller(const Section& s, std::optional<Index> actor, const std::vector<std::string>& scopes,
                     ReassignRun& run) {
  // Check 1: an authenticated caller.
  if (!actor) {
    run.explain("the request has no actor, so the call carries no access token");
    run.suggest([&] { return unauthenticated_fix(); });
    return run.error(401, "The request requires a valid access token set in the Authorization request header.");
  }
  const Person& caller = s.people[*actor];
  run.explain("actor " + text_util::quoted(caller.email) + " (person " + caller.id + ") is authenticated");
  // Check 2: the documented scope.
  if (std::find(scopes.begin(), scopes.end(), kWriteScope) == scopes.end()) {
    run.explain(std::string("the scopes do not include ") + kWriteScope +
                ", which the vendor requires to reassign recordings");
    run.suggest([&] { return missing_scope_fix(kWriteScope); });
    return run.error(403, std::string("Missing scope ") + kWriteScope);
  }
  run.explain(std::string("the scopes include ") + kWriteScope);
  return std::nullopt;
}

// Checks 3 to 5: the body's shape, something to select by, and at most 100 ids.
Failure check_body(const HttpCall& call, ReassignBody& body, ReassignRun& run) {
  // Check 3: the body's shape.
  if (auto problem = read_body(body_as_json(call), body)) {
    run.explain("the body is not usable: " + *problem);
    run.suggest([&] { return request_fix(*problem); });
    return run.error(400, *problem);
  }
  // Check 4: something to select by (documented: "Either ownerEmail or recordingIds or both").
  if (!body.owner_email && !body.owner_id && body.distinct_ids == 0) {
    run.explain("the body gives neither a non-empty ownerEmail, ownerID nor recordingIds");
    run.suggest(
        [&] { return request_fix("say which recordings move: give ownerEmail (or ownerID), recordingIds, or both"); });
    return run.error(400, "Either ownerEmail or recordingIds or both must be provided.");
  }
  // Check 5 (inferred from the sibling batch APIs): at most 100 distinct ids.
  if (body.distinct_ids > limits::kMaxWebexRecordingIds) {
    run.explain("recordingIds lists " + std::to_string(body.distinct_ids) +
                " distinct ids; the cap of 100 is inferred from the sibling batch APIs");
    run.suggest([&] { return too_many_ids_fix(body.distinct_ids, limits::kMaxWebexRecordingIds); });
    return run.error(400, "recordingIds size must not exceed 100");
  }
  return std::nullopt;
}

// Checks 6 and 7: the destination is one active user; `destination_index` is set when it is.
Failure find_destination(const Section& s, const ReassignBody& body, Index& destination_index, ReassignRun& run) {
  // Check 6: the destination exists. Choice (spec silent): an email shared by two people (the
  // state warning AMBIGUOUS_EMAIL) names nobody for certain, so it answers the same 404.
  const EmailLookup dest = find_by_email(s, body.destination_email);
  if (dest.person == kNoIndex) {
    run.explain(dest.matches == 0
                    ? "no person has the email " + text_util::quoted(body.destination_email)
                    : std::to_string(dest.matches) + " people have the email " +
                          text_util::quoted(body.destination_email) + " apart from case; the look-up is refused");
    run.suggest([&] { return email_not_found_fix(s, "reassignOwnerEmail", body.destination_email, dest.matches); });
    return run.error(404, "reassignOwnerEmail not found");
  }
  const Person& destination = s.people[dest.person];
  // Check 7: documented "the destination user should only be a valid org user".
  if (destination.type != PersonType::kUser || destination.effective_status() != PersonStatus::kActive) {
    run.explain("destination " + text_util::quoted(destination.email) + " is " +
                (destination.effective_status() == PersonStatus::kActive ? "an active " : "an inactive ") +
                type_name(destination.type) + "; only an active user may receive recordings");
    run.suggest([&] { return destination_not_user_fix(s, dest.person); });
    return run.error(400, "reassignOwnerEmail must be a valid org user");
  }
  run.explain("destination " + text_util::quoted(destination.email) + " (person " + destination.id +
              ") is an active user");
  destination_index = dest.person;
  return std::nullopt;
}

// Check 8: the owner, where ownerEmail or ownerID gives one (kNoIndex otherwise).
Failure find_owner(const Section& s, const ReassignBody& body, Index& owner, ReassignRun& run) {
  // Check 8: the owner, where given (ambiguous email: as in check 6).
  owner = kNoIndex;
  if (body.owner_email) {
    const EmailLookup found = find_by_email(s, *body.owner_email);
    if (found.person == kNoIndex) {
      run.explain(found.matches == 0
                      ? "no person has the email " + text_util::quoted(*body.owner_email)
                      : std::to_string(found.matches) + " people have the email " +
                            text_util::quoted(*body.owner_email) + " apart from case; the look-up is refused");
      run.suggest([&] { return email_not_found_fix(s, "ownerEmail", *body.owner_email, found.matches); });
      return run.error(404, "ownerEmail not found");
    }
    owner = found.person;
  }
  if (body.owner_id) {
    const Index by_id = s.person_by_id.find(*body.owner_id);
    if (by_id == kNoIndex) {
      run.explain("no person has the id " + text_util::quoted(*body.owner_id));
      run.suggest([&] { return owner_id_not_found_fix(*body.owner_id); });
      return run.error(404, "ownerID not found");
    }
    // Documented: when both are given the filter uses ownerEmail.
    if (owner == kNoIndex) {
      owner = by_id;
    } else if (by_id != owner) {
      run.explain("ownerID " + text_util::quoted(*body.owner_id) +
                  " and ownerEmail name different people; ownerEmail is used");
    }
  }
  if (owner != kNoIndex) {
    run.explain("owner " + text_util::quoted(s.people[owner].email) + " (person " + s.people[owner].id + ", " +
                type_name(s.people[owner].type) + ") exists");
  }
  return std::nullopt;
}

// Check 9 (inferred: the call is rejected whole): every listed id names a recording.
Failure find_listed(const Section& s, const ReassignBody& body, std::vector<Index>& listed, ReassignRun& run) {
  listed.reserve(body.recording_ids.size());
  std::vector<std::string> missing;
  for (const std::string& id : body.recording_ids) {
    const Index recording = s.recording_by_id.find(id);
    if (recording == kNoIndex) {
      missing.push_back(id);
    } else {
      listed.push_back(recording);
    }
  }
  if (!missing.empty()) {
    run.explain(count_of(missing.size(), "listed id names", "listed ids name") +
                " no recording; rejecting the whole call is inferred");
    run.suggest([&] { return recordings_not_found_fix(missing); });
    return run.error(404, "Recording not found: " + join(missing, ", "));
  }

  return std::nullopt;
}

// The documented selection, in the order the recordings are chosen: the owner's recordings, the
// listed ones that owner owns, or the listed ones whoever owns them. Skips are recorded.
std::vector<Index> choose_recordings(const Section& s, Index owner, const std::vector<Index>& listed, ReassignRun& run,
                                     ReassignOutcome& outcome) {
  std::vector<Index> chosen;
  if (owner != kNoIndex && listed.empty()) {
    chosen = s.recordings_by_owner[owner];  // state order
    run.explain(count_of(chosen.size(), "recording", "recordings") + " of " + text_util::quoted(s.people[owner].email) +
                " chosen (every recording that owner owns)");
  } else if (owner != kNoIndex) {
    std::size_t not_owned = 0;
    for (Index r : listed) {
      if (s.recordings[r].owner == owner) {
        chosen.push_back(r);
      } else {
        outcome.skips.push_back(OutcomeSkip{r, SkipReason::kNotOwnedByOwner});
        ++not_owned;
      }
    }
    run.explain(std::to_string(chosen.size()) + " of " +
                count_of(listed.size(), "listed recording", "listed recordings") + " chosen (only those owned by " +
                text_util::quoted(s.people[owner].email) + "); " + std::to_string(not_owned) +
                " skipped as not owned by that owner");
  } else {
    chosen = listed;
    run.explain(count_of(chosen.size(), "listed recording", "listed recordings") + " chosen, whoever owns them");
  }
  return chosen;
}

// Among the chosen (inferred): purged and already-owned recordings stay; deleted ones move and
// stay in the recycle bin. Each move is a change; the explanation sums them up. The moves, skips and
// recycle-bin warnings are kept as indexes (reassign_outcome.h), written only when asked for.
void move_chosen(const Section& s, const std::vector<Index>& chosen, Index destination_index, ReassignRun& run,
                 ReassignOutcome& outcome) {
  const Person& destination = s.people[destination_index];
  outcome.destination = destination_index;
  std::size_t purged = 0, already = 0, recycled = 0;
  outcome.moves.reserve(chosen.size());  // reassign-all may move 100k: no regrowth
  for (Index r : chosen) {
    const Recording& rec = s.recordings[r];
    if (rec.effective_status() == RecordingStatus::kPurged) {
      outcome.skips.push_back(OutcomeSkip{r, SkipReason::kPurged});
      ++purged;
      continue;
    }
    if (rec.owner == destination_index) {
      outcome.skips.push_back(OutcomeSkip{r, SkipReason::kAlreadyOwned});
      ++already;
      continue;
    }
    if (rec.effective_status() == RecordingStatus::kDeleted) {
      outcome.recycled.push_back(static_cast<std::uint32_t>(outcome.moves.size()));
      ++recycled;
    }
    outcome.moves.push_back(OutcomeMove{r, rec.owner});
  }
  if (purged) {
    run.explain(count_of(purged, "chosen recording is", "chosen recordings are") +
                " purged and cannot move (rule inferred)");
  }
  if (already) {
    run.explain(count_of(already, "chosen recording is", "chosen recordings are") + " already owned by " +
                text_util::quoted(destination.email) + " (rule inferred)");
  }
  if (recycled) {
    run.explain(count_of(recycled, "recording moves", "recordings move") +
                " from the recycle bin, where it stays (rule inferred)");
  }
  // webex.md "Fidelity": a 204 is documented unless an inferred selection rule decided something.
  if (purged || already || recycled) run.mark_inferred();
  if (outcome.moves.empty()) {
    run.warn("NOTHING_TO_MOVE", "the call succeeds but no recording changes owner");
    run.explain("204 No Content: nothing moves");
  } else {
    run.explain("204 No Content: " + count_of(outcome.moves.size(), "recording moves", "recordings move") + " to " +
                text_util::quoted(destination.email));
  }
}

}  // namespace

std::optional<Index> resolve_actor(const Section& s, const std::optional<std::string>& actor) {
  if (!actor) return std::nullopt;
  // api.md step 3: person id (exact), then email (case-insensitive).
  if (const Index by_id = s.person_by_id.find(*actor); by_id != kNoIndex) return by_id;
  const EmailLookup found = find_by_email(s, *actor);
  if (found.matches == 1) return found.person;
  if (found.matches == 0) {
    throw InputFailure(error_code::kRequestInvalid,
                       "actor " + text_util::quoted(*actor) + " names no person of /webex/people (by id or email)",
                       "/actor");
  }
  throw InputFailure(error_code::kRequestInvalid,
                     "actor " + text_util::quoted(*actor) + " matches " + std::to_string(found.matches) +
                         " people of /webex/people by email (emails compare case-insensitively)",
                     "/actor");
}

ReassignOutcome reassign_outcome(const Section& s, std::optional<Index> actor, const std::vector<std::string>& scopes,
                                 const HttpCall& call, Detail detail) {
  ReassignRun run(detail);
  if (Failure failed = check_caller(s, actor, scopes, run)) return std::move(*failed);
  ReassignBody body;
  if (Failure failed = check_body(call, body, run)) return std::move(*failed);
  Index destination = kNoIndex, owner = kNoIndex;
  if (Failure failed = find_destination(s, body, destination, run)) return std::move(*failed);
  if (Failure failed = find_owner(s, body, owner, run)) return std::move(*failed);
  std::vector<Index> listed;
  if (Failure failed = find_listed(s, body, listed, run)) return std::move(*failed);
  ReassignOutcome outcome;
  const std::vector<Index> chosen = choose_recordings(s, owner, listed, run, outcome);
  if (!body.repeated_ids.empty()) {
    run.warn("DUPLICATE_IDS",
             "recordingIds lists " + join(body.repeated_ids, ", ") + " more than once; each counts once");
  }
  move_chosen(s, chosen, destination, run, outcome);
  outcome.head = run.no_content();
  return outcome;
}

}  // namespace sharepolicy::webex
