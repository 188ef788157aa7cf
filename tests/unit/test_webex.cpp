// webex.md: POST /v1/convergedRecordings/reassign — one case per check row, the selection and
// skip rules, warnings, fidelity, changes and reassign.moved / skipped.
#include <catch2/catch.hpp>
#include <string>

#include "sharepolicy/engine.h"
#include "sharepolicy/request.h"
#include "sharepolicy/result.h"
#include "sharepolicy/state.h"
#include "state_builders.h"
#include "test_support.h"

using namespace sharepolicy;
using test_support::reassign;

namespace {

// People: an admin, two users, a workspace, a virtual line, an inactive user, and two entries
// whose emails differ only in case (the state warning AMBIGUOUS_EMAIL). R1 keeps ownerId between
// other keys, so the written state shows the owner replaced in place.
State webex_state() {
  using namespace state_builders::webex;
  return state_builders::load(
      state({person("P_ADMIN", "admin@example.com", "user", "active"),
             person("P_A", "a@example.com", "user", "", "Ann"), person("P_B", "b@example.com", "user", "active"),
             person("P_WS", "room@example.com", "workspace"), person("P_VL", "line@example.com", "virtualLine"),
             person("P_OFF", "off@example.com", "user", "inactive"), person("P_D1", "dup@example.com"),
             person("P_D2", "DUP@example.com")},
            {Json{{"id", "R1"}, {"topic", "one"}, {"ownerId", "P_A"}, {"status", "available"}},
             Json{{"id", "R2"}, {"ownerId", "P_A"}, {"status", "deleted"}},
             Json{{"id", "R3"}, {"ownerId", "P_A"}, {"status", "purged"}}, recording("R4", "P_B"),
             recording("R5", "P_WS"), Json{{"id", "R6"}, {"ownerId", "P_A"}, {"sizeBytes", 12}}}));
}

const char* const kScope = R"("scopes": ["spark:kms", "spark-admin:recordings_write"])";

// A request from the admin with the write scope and `body` (JSON text).
std::string call_with(const std::string& body, const std::string& actor = "\"admin@example.com\"",
                      const std::string& scopes = kScope) {
  return R"({ "actor": )" + actor + ", " + scopes +
         R"(, "http": { "method": "POST", "path": "https://webexapis.com/v1/convergedRecordings/reassign", "body": )" +
         body + " } }";
}

Result run(const std::string& body) { return reassign(webex_state(), call_with(body)).result; }

std::string error_body(const std::string& message) {
  return R"({"message":")" + message + R"(","errors":[{"description":")" + message +
         R"("}],"trackingId":"SHAREPOLICY_PREVIEW"})";
}

// Every check failure: the envelope, code = the status as text, no name, inferred, nothing changes.
void require_error(const Result& r, int status, const std::string& message) {
  CHECK(r.operation == "webex.reassignRecordings");
  CHECK_FALSE(r.ok);
  CHECK(r.response["status"] == status);
  CHECK(r.response["body"].dump() == error_body(message));
  REQUIRE(r.error);
  CHECK(r.error->code == std::to_string(status));
  CHECK_FALSE(r.error->name);
  CHECK(r.error->message == message);
  CHECK(r.changes.empty());
  CHECK(r.warnings.empty());
  CHECK(r.inferred);  // webex.md: every error message is inferred
  // Choice: reassign is present, and empty, when a check failed.
  REQUIRE(r.reassign);
  CHECK(r.reassign->moved.empty());
  CHECK(r.reassign->skipped.empty());
}

void require_no_content(const Result& r) {
  CHECK(r.ok);
  CHECK(r.response.dump() == R"({"status":204,"body":null})");
  CHECK_FALSE(r.error);
  REQUIRE(r.reassign);
}

std::string moved_text(const Result& r) {
  std::string out;
  for (const auto& m : r.reassign->moved) out += m.id + ":" + m.from + ">" + m.to + " ";
  return out;
}
std::string skipped_text(const Result& r) {
  std::string out;
  for (const auto& s : r.reassign->skipped) out += s.id + ":" + s.reason + " ";
  return out;
}
std::string warning_codes(const Result& r) {
  std::string out;
  for (const auto& w : r.warnings) out += w.code + " ";
  return out;
}

}  // namespace

TEST_CASE("webex check 1: no actor is a 401", "[webex]") {
  const std::string message = "The request requires a valid access token set in the Authorization request header.";
  SECTION("actor null") {
    require_error(reassign(webex_state(), call_with(R"({"reassignOwnerEmail":"b@example.com"})", "null")).result, 401,
                  message);
  }
  SECTION("actor omitted, and no webex section at all") {
    const std::string req =
        R"({ "http": { "method": "POST", "path": "/v1/convergedRecordings/reassign", "body": {"ownerEmail":"a@example.com"} } })";
    require_error(reassign(test_support::load("{}"), req).result, 401, message);
  }
}

TEST_CASE("webex check 2: the write scope is required", "[webex]") {
  const Result r = reassign(webex_state(),
                            call_with(R"({"ownerEmail":"a@example.com","reassignOwnerEmail":"b@example.com"})",
                                      "\"admin@example.com\"", R"("scopes": ["spark-admin:recordings_read"])"))
                       .result;
  require_error(r, 403, "Missing scope spark-admin:recordings_write");
  SECTION("no scopes at all") {
    require_error(reassign(webex_state(),
                           call_with(R"({"reassignOwnerEmail":"b@example.com"})", "\"P_ADMIN\"", R"("scopes": [])"))
                      .result,
                  403, "Missing scope spark-admin:recordings_write");
  }
}

TEST_CASE("webex check 3: the body's shape, naming the field", "[webex]") {
  SECTION("raw body text that is not JSON") {
    require_error(run(R"("{not json")"), 400, "The request body must be a JSON object.");
  }
  SECTION("a body that is an array") { require_error(run(R"([1,2])"), 400, "The request body must be a JSON object."); }
  SECTION("reassignOwnerEmail missing") {
    require_error(run(R"({"ownerEmail":"a@example.com"})"), 400, "reassignOwnerEmail must be a non-empty string.");
  }
  SECTION("reassignOwnerEmail empty") {
    require_error(run(R"({"ownerEmail":"a@example.com","reassignOwnerEmail":""})"), 400,
                  "reassignOwnerEmail must be a non-empty string.");
  }
  SECTION("reassignOwnerEmail not a string") {
    require_error(run(R"({"ownerEmail":"a@example.com","reassignOwnerEmail":7})"), 400,
                  "reassignOwnerEmail must be a non-empty string.");
  }
  SECTION("ownerEmail not a string") {
    require_error(run(R"({"ownerEmail":["a@example.com"],"reassignOwnerEmail":"b@example.com"})"), 400,
                  "ownerEmail must be a string.");
  }
  SECTION("ownerID not a string") {
    require_error(run(R"({"ownerID":12,"reassignOwnerEmail":"b@example.com"})"), 400, "ownerID must be a string.");
  }
  SECTION("recordingIds not an array") {
    require_error(run(R"({"recordingIds":"R1","reassignOwnerEmail":"b@example.com"})"), 400,
                  "recordingIds must be an array of strings.");
  }
  SECTION("recordingIds holding a number") {
    require_error(run(R"({"recordingIds":["R1",2],"reassignOwnerEmail":"b@example.com"})"), 400,
                  "recordingIds must be an array of strings.");
  }
}

TEST_CASE("webex check 4: an owner or recording ids must be given", "[webex]") {
  const std::string message = "Either ownerEmail or recordingIds or both must be provided.";
  SECTION("only the destination") { require_error(run(R"({"reassignOwnerEmail":"b@example.com"})"), 400, message); }
  SECTION("empty string and empty list count as not given") {
    require_error(run(R"({"ownerEmail":"","ownerID":"","recordingIds":[],"reassignOwnerEmail":"b@example.com"})"), 400,
                  message);
  }
  SECTION("null counts as not given (choice)") {
    require_error(run(R"({"ownerEmail":null,"recordingIds":null,"reassignOwnerEmail":"b@example.com"})"), 400, message);
  }
}

TEST_CASE("webex check 5: at most 100 distinct recording ids (inferred)", "[webex]") {
  auto ids = [](int n, int copies) {
    std::string out = "[";
    for (int c = 0; c < copies; ++c) {
      for (int i = 0; i < n; ++i) out += std::string(out.size() > 1 ? "," : "") + "\"X" + std::to_string(i) + "\"";
    }
    return out + "]";
  };
  SECTION("101 distinct ids") {
    require_error(run(R"({"recordingIds":)" + ids(101, 1) + R"(,"reassignOwnerEmail":"b@example.com"})"), 400,
                  "recordingIds size must not exceed 100");
  }
  SECTION("100 distinct ids listed twice pass check 5 (duplicates dropped first)") {
    const Result r = run(R"({"recordingIds":)" + ids(100, 2) + R"(,"reassignOwnerEmail":"b@example.com"})");
    CHECK(r.response["status"] == 404);  // then check 9: none of them exists
    CHECK(r.error->message.rfind("Recording not found: X0, X1, ", 0) == 0);
  }
}

TEST_CASE("webex check 6: the destination must exist", "[webex]") {
  SECTION("unknown email") {
    require_error(run(R"({"ownerEmail":"a@example.com","reassignOwnerEmail":"nobody@example.com"})"), 404,
                  "reassignOwnerEmail not found");
  }
  SECTION("an email two people share (AMBIGUOUS_EMAIL) is refused the same way (choice)") {
    const Applied a = reassign(webex_state(),
                               call_with(R"({"ownerEmail":"a@example.com","reassignOwnerEmail":"Dup@example.com"})"));
    require_error(a.result, 404, "reassignOwnerEmail not found");
    CHECK(a.result.state_warnings.size() == 1);
    CHECK(a.result.state_warnings[0].code == "AMBIGUOUS_EMAIL");
  }
}

TEST_CASE("webex check 7: the destination must be an active user", "[webex]") {
  const std::string message = "reassignOwnerEmail must be a valid org user";
  SECTION("workspace") {
    require_error(run(R"({"ownerEmail":"a@example.com","reassignOwnerEmail":"room@example.com"})"), 400, message);
  }
  SECTION("virtual line") {
    require_error(run(R"({"recordingIds":["R1"],"reassignOwnerEmail":"line@example.com"})"), 400, message);
  }
  SECTION("inactive user") {
    require_error(run(R"({"ownerEmail":"a@example.com","reassignOwnerEmail":"off@example.com"})"), 400, message);
  }
}

TEST_CASE("webex check 8: the owner, where given, must exist", "[webex]") {
  SECTION("ownerEmail") {
    require_error(run(R"({"ownerEmail":"ghost@example.com","reassignOwnerEmail":"b@example.com"})"), 404,
                  "ownerEmail not found");
  }
  SECTION("ownerID") {
    require_error(run(R"({"ownerID":"P_GHOST","reassignOwnerEmail":"b@example.com"})"), 404, "ownerID not found");
  }
  SECTION("ownerID is checked even when ownerEmail is used") {
    require_error(run(R"({"ownerEmail":"a@example.com","ownerID":"P_GHOST","reassignOwnerEmail":"b@example.com"})"),
                  404, "ownerID not found");
  }
}

TEST_CASE("webex check 9: every listed id must name a recording (inferred)", "[webex]") {
  require_error(run(R"({"recordingIds":["R1","NOPE2","R4","NOPE1","NOPE2"],"reassignOwnerEmail":"b@example.com"})"),
                404, "Recording not found: NOPE2, NOPE1");
}

TEST_CASE("webex success: every recording of the owner, in state order", "[webex]") {
  const Applied a = reassign(webex_state(),
                             call_with(R"({"ownerEmail":"A@Example.com","reassignOwnerEmail":"b@example.com"})"));
  const Result& r = a.result;
  require_no_content(r);
  CHECK(moved_text(r) == "R1:P_A>P_B R2:P_A>P_B R6:P_A>P_B ");
  CHECK(skipped_text(r) == "R3:purged ");
  CHECK(warning_codes(r) == "IN_RECYCLE_BIN ");
  CHECK(r.inferred);  // a purged recording was skipped and a deleted one moved: inferred rules
  REQUIRE(r.changes.size() == 3);
  const Json first = result_to_json(r)["changes"][0];
  CHECK(first.dump() ==
        R"({"type":"owner.set","system":"webex","asset":{"kind":"recording","id":"R1"},"before":"P_A","after":"P_B"})");
  CHECK(r.explanation.front() == "actor 'admin@example.com' (person P_ADMIN) is authenticated");
  // The new state moves the owners; the old state stays as it was.
  const std::string after = write_state(a.state);
  CHECK(after.find(R"("id":"R1","topic":"one","ownerId":"P_B")") != std::string::npos);
  CHECK(after.find(R"("id":"R3","ownerId":"P_A")") != std::string::npos);
  CHECK(write_state(webex_state()).find(R"("id":"R1","topic":"one","ownerId":"P_A")") != std::string::npos);
  // A second call on the new state finds nothing more to move from the owner (R3 stays, purged).
  const Result again =
      reassign(a.state, call_with(R"({"ownerEmail":"a@example.com","reassignOwnerEmail":"b@example.com"})")).result;
  CHECK(moved_text(again) == "");
  CHECK(skipped_text(again) == "R3:purged ");
  CHECK(warning_codes(again) == "NOTHING_TO_MOVE ");
}

TEST_CASE("webex success: owner and ids, only the owner's listed recordings", "[webex]") {
  const Result r = run(
      R"({"ownerEmail":"a@example.com","recordingIds":["R4","R1","R5"],"reassignOwnerEmail":"b@example.com"})");
  require_no_content(r);
  CHECK(moved_text(r) == "R1:P_A>P_B ");
  CHECK(skipped_text(r) == "R4:not-owned-by-owner R5:not-owned-by-owner ");
  CHECK(r.warnings.empty());
  CHECK_FALSE(r.inferred);  // documented selection only
  CHECK(
      result_to_json(r)["reassign"].dump() ==
      R"({"moved":[{"id":"R1","from":"P_A","to":"P_B"}],"skipped":[{"id":"R4","reason":"not-owned-by-owner"},{"id":"R5","reason":"not-owned-by-owner"}]})");
}

TEST_CASE("webex success: only ids, whoever owns them", "[webex]") {
  const Result r = run(R"({"recordingIds":["R5","R4"],"reassignOwnerEmail":"a@example.com"})");
  require_no_content(r);
  CHECK(moved_text(r) == "R5:P_WS>P_A R4:P_B>P_A ");
  CHECK(r.reassign->skipped.empty());
  CHECK_FALSE(r.inferred);
  CHECK(r.changes.size() == 2);
  CHECK(r.changes[0].asset_id == "R5");
}

TEST_CASE("webex success: ownerID (a workspace) and ownerEmail precedence", "[webex]") {
  SECTION("ownerID alone") {
    const Result r = run(R"({"ownerID":"P_WS","reassignOwnerEmail":"b@example.com"})");
    require_no_content(r);
    CHECK(moved_text(r) == "R5:P_WS>P_B ");
  }
  SECTION("both given: ownerEmail is used") {
    const Result r = run(R"({"ownerEmail":"room@example.com","ownerID":"P_A","reassignOwnerEmail":"b@example.com"})");
    CHECK(moved_text(r) == "R5:P_WS>P_B ");
  }
}

TEST_CASE("webex skips and warnings", "[webex]") {
  SECTION("already owned by the destination, nothing to move: the full result") {
    const Result r = run(R"({"recordingIds":["R4"],"reassignOwnerEmail":"b@example.com"})");
    CHECK(
        result_to_text(r) ==
        R"J({"operation":"webex.reassignRecordings","ok":true,"response":{"status":204,"body":null},"error":null,)J"
        R"J("explanation":["actor 'admin@example.com' (person P_ADMIN) is authenticated",)J"
        R"J("the scopes include spark-admin:recordings_write",)J"
        R"J("destination 'b@example.com' (person P_B) is an active user",)J"
        R"J("1 listed recording chosen, whoever owns them",)J"
        R"J("1 chosen recording is already owned by 'b@example.com' (rule inferred)",)J"
        R"J("204 No Content: nothing moves"],"changes":[],)J"
        R"J("warnings":[{"code":"NOTHING_TO_MOVE","message":"the call succeeds but no recording changes owner"}],)J"
        R"J("fidelity":"inferred","stateWarnings":[{"code":"AMBIGUOUS_EMAIL","message":"two entries of /webex/people have the email 'DUP@example.com' apart from case; a look-up by that email is refused","pointer":"/webex/people/7/email"}],)J"
        R"J("reassign":{"moved":[],"skipped":[{"id":"R4","reason":"already-owned"}]}})J");
  }
  SECTION("purged is skipped before already-owned") {
    const Result r = run(R"({"recordingIds":["R3"],"reassignOwnerEmail":"a@example.com"})");
    CHECK(skipped_text(r) == "R3:purged ");
    CHECK(r.inferred);
  }
  SECTION("a deleted recording moves with IN_RECYCLE_BIN") {
    const Result r = run(R"({"recordingIds":["R2"],"reassignOwnerEmail":"b@example.com"})");
    CHECK(moved_text(r) == "R2:P_A>P_B ");
    REQUIRE(r.warnings.size() == 1);
    CHECK(r.warnings[0].code == "IN_RECYCLE_BIN");
    CHECK(r.inferred);
  }
  SECTION("duplicate ids count once") {
    const Result r = run(R"({"recordingIds":["R1","R4","R1"],"reassignOwnerEmail":"b@example.com"})");
    CHECK(moved_text(r) == "R1:P_A>P_B ");
    CHECK(skipped_text(r) == "R4:already-owned ");
    CHECK(warning_codes(r) == "DUPLICATE_IDS ");
    CHECK(r.warnings[0].message == "recordingIds lists R1 more than once; each counts once");
  }
  SECTION("an owner with no recordings: 204, NOTHING_TO_MOVE, documented") {
    const Result r = run(R"({"ownerEmail":"line@example.com","reassignOwnerEmail":"b@example.com"})");
    require_no_content(r);
    CHECK(warning_codes(r) == "NOTHING_TO_MOVE ");
    CHECK(r.changes.empty());
    CHECK_FALSE(r.inferred);
  }
}

TEST_CASE("webex actor resolution", "[webex]") {
  const State state = webex_state();
  const std::string body = R"({"recordingIds":["R1"],"reassignOwnerEmail":"b@example.com"})";
  SECTION("by person id and by email in any case") {
    CHECK(reassign(state, call_with(body, "\"P_ADMIN\"")).result.ok);
    CHECK(reassign(state, call_with(body, "\"ADMIN@example.COM\"")).result.ok);
  }
  SECTION("names nobody or two people: REQUEST_INVALID at /actor") {
    for (const char* actor : {"\"ghost@example.com\"", "\"dup@example.com\""}) {
      auto request = parse_request(call_with(body, actor));
      REQUIRE(request.ok());
      auto applied = resolve_reassign(state, request.value());
      REQUIRE_FALSE(applied.ok());
      CHECK(applied.error().code == "REQUEST_INVALID");
      CHECK(applied.error().pointer == "/actor");
    }
  }
  SECTION("a reassignment through canShare is WRONG_ENTRY_POINT") {
    auto request = parse_request(call_with(body));
    REQUIRE(request.ok());
    auto result = can_share(state, request.value());
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == "WRONG_ENTRY_POINT");
  }
}
