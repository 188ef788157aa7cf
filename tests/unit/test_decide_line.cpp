// The fast decision of an HMP command line (hmp::decide_line, decide_rows' cli rows,
// Detail::kOutcome, and Detail::kDecision with its error code) answers what the full evaluation
// answers, on every kind of line: each command, each check failing, case variants, quoted tokens
// (left to the tokenizer), odd white space, wrong arity, unknown actors and ambiguous names. It
// repeats the checks of run_share_command, so this is what keeps the two in step (with the
// property test and the fuzzer).
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include "fixture_support.h"
#include "sharepolicy/engine.h"
#include "sharepolicy/text_api.h"
#include "test_support.h"

using sharepolicy::Json;
using sharepolicy::text::BatchRow;
using sharepolicy::text::LoadedState;

namespace {

// The sample HMP state, plus a user whose name differs from jdoe's only in case (so "jdoe" is
// ambiguous) and, when `directory` is false, a directory that cannot be searched.
std::string state_text(bool directory) {
  Json state = Json::parse(fixtures::sample("hmp.json"));
  state["hmp"]["users"].push_back({{"id", "7a8b9c0d-1e2f-4a3b-8c5d-6e7f8091a2b3"},
                                   {"username", "JDOE"},
                                   {"roles", {"Viewer"}},
                                   {"groups", Json::array()}});
  if (!directory) state["hmp"]["directory"]["available"] = false;
  return state.dump();
}

// Lines built from every command, target, permission and asset spelling that reaches a different
// check, joined with different white space; some with a fifth token.
std::vector<std::string> lines() {
  const std::vector<std::string> commands = {"shareRecordingWithUser", "shareRecordingWithGroup",
                                             "shareSessionWithUser", "shareSessionWithGroup", "sharerecordingwithuser"};
  const std::vector<std::string> targets = {
      "admin",         "creator",         "CREATOR",   "jdoe",        "InfoDev",
      "contractor",    "nobody",          "Sales",     "sales",       "Contractors",
      "\"IT Admins\"", "\"crea\\\"tor\"", "\"creator", "crea\x01tor", "long.name.with\x7f.control.bytes\x1f.inside"};
  const std::vector<std::string> permissions = {"WATCH",
                                                "EDIT",
                                                "OWN",
                                                "RECORD",
                                                "watch",
                                                "12b0cc54-9018-42c2-9dfb-3f7707a09829",
                                                "23C1DD65-A129-43D3-8E0C-4F8818B1A93A",
                                                "00000000-0000-0000-0000-000000000000",
                                                "bogus"};
  const std::vector<std::string> assets = {"f678f415-0665-48cd-b141-1e95283469f1",
                                           "F678F415-0665-48CD-B141-1E95283469F1",
                                           "0a9b8c7d-6e5f-4a3b-9c1d-0e9f8a7b6c5d",
                                           "11111111-2222-4333-8444-555555555555",
                                           "not-a-uuid",
                                           "f678f415-0665-48cd-b141-1e95283469fG",
                                           "f678f415-0665-48cd-b141-1e95283469f@",
                                           "f678f415x0665-48cd-b141-1e95283469f1",
                                           "f678f415-0665-48cd-b141-1e95283469f"};
  const std::vector<std::string> gaps = {" ", "\t", "  ", " \v"};
  // A quoted token past the fourth: the tokenizer's answer (an unterminated quote is 010001, not
  // the arity error), whether or not the first token is a command.
  std::vector<std::string> out = {"",
                                  "   ",
                                  "shareRecordingWithUser",
                                  "shareRecordingWithUser admin OWN",
                                  "\"shareRecordingWithUser\" admin OWN f678f415-0665-48cd-b141-1e95283469f1",
                                  "shareRecordingWithUser admin OWN f678f415-0665-48cd-b141-1e95283469f1 x \"open",
                                  "shareRecordingWithUser admin OWN f678f415-0665-48cd-b141-1e95283469f1 \"a b\"",
                                  "noSuchCommand a b c d e \"open",
                                  "noSuchCommand a b c"};
  std::size_t k = 0;
  for (const auto& c : commands)
    for (const auto& t : targets)
      for (const auto& p : permissions)
        for (const auto& a : assets) {
          const std::string& g = gaps[k++ % gaps.size()];
          std::string line = (k % 7 == 0 ? " " : "") + c + g + t + g + p + g + a;
          if (k % 11 == 0) line += " extra";
          if (k % 13 == 0) line += "\n";
          out.push_back(std::move(line));
        }
  return out;
}

// What the full call says of (actor, line): input error, denied or allowed.
std::int32_t full_code(const Json& envelope) {
  if (envelope.contains("error")) return sharepolicy::text::kBatchInputError;
  return envelope["result"]["ok"].get<bool>() ? sharepolicy::text::kBatchAllowed : sharepolicy::text::kBatchDenied;
}

// The error code of the full call's vendor line, as its JSON carries it: "" when it succeeds or
// its error has no code ("ERROR|Command not found").
std::string full_error_code(const Json& envelope) {
  const Json& error = envelope["result"]["error"];
  return error.is_object() ? error["code"].get<std::string>() : std::string();
}

}  // namespace

TEST_CASE("decide line: every command-line row decides as the full call does", "[batch][decide_line]") {
  const std::vector<std::string> all_lines = lines();
  const std::vector<Json> actors = {"admin",  "jdoe",   "producer", "1A2B3C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D",
                                    "viewer", "nobody", nullptr};
  for (const bool directory : {true, false}) {
    INFO("directory available: " << directory);
    LoadedState loaded;
    REQUIRE(loaded.load(state_text(directory)) == R"({"result":null})");
    const sharepolicy::State state = test_support::load(state_text(directory));
    std::size_t allowed = 0, denied = 0, input_errors = 0;
    std::set<std::string> codes_seen;
    for (const Json& actor : actors) {
      std::vector<BatchRow> rows;
      std::vector<std::string> actor_text;
      actor_text.reserve(1);
      if (actor.is_string()) actor_text.push_back(actor.get<std::string>());
      for (const std::string& line : all_lines) {
        BatchRow row;
        row.text = line;
        if (actor.is_string()) row.actor = actor_text.front();
        rows.push_back(row);
      }
      std::vector<std::int32_t> codes;
      REQUIRE(loaded.decide_rows(rows, codes) == "{\"result\":" + std::to_string(rows.size()) + "}");
      for (std::size_t i = 0; i < all_lines.size(); ++i) {
        INFO("actor " << actor.dump() << ", line " << Json(all_lines[i]).dump());
        Json request = {{"cli", all_lines[i]}};
        if (actor.is_string()) request["actor"] = actor;
        const Json envelope = Json::parse(loaded.can_share(request.dump()));
        const std::int32_t expected = full_code(envelope);
        REQUIRE(codes[i] == expected);
        allowed += expected == sharepolicy::text::kBatchAllowed;
        denied += expected == sharepolicy::text::kBatchDenied;
        input_errors += expected == sharepolicy::text::kBatchInputError;
        if (expected != sharepolicy::text::kBatchInputError) {  // the typed Detail::kOutcome and kDecision too
          const sharepolicy::Request req = sharepolicy::parse_request(request.dump()).value();
          const auto outcome = sharepolicy::can_share(state, req, sharepolicy::Detail::kOutcome);
          REQUIRE(outcome.ok());
          CHECK(outcome.value().ok == (expected == sharepolicy::text::kBatchAllowed));
          const auto decision = sharepolicy::can_share(state, req, sharepolicy::Detail::kDecision);
          REQUIRE(decision.ok());
          CHECK(decision.value().ok == (expected == sharepolicy::text::kBatchAllowed));
          CHECK(decision.value().wire.status == 0);  // a command line's answer has no status
          CHECK(std::string(decision.value().wire.code_text()) == full_error_code(envelope));
          CHECK(decision.value().response.is_null());  // nothing rendered
          CHECK(!decision.value().error);
          CHECK(decision.value().operation.empty());
          const auto alone = sharepolicy::decide_share(state, req);  // the same without a Result
          REQUIRE(alone.ok());
          CHECK(alone.value().ok == decision.value().ok);
          CHECK(alone.value().wire.status == 0);
          CHECK(std::string(alone.value().wire.code_text()) == full_error_code(envelope));
          codes_seen.insert(full_error_code(envelope));
        } else if (const auto req = sharepolicy::parse_request(request.dump()); req.ok()) {
          // An unknown or ambiguous actor, or none: the typed decision raises the full call's error.
          const auto decision = sharepolicy::can_share(state, req.value(), sharepolicy::Detail::kDecision);
          REQUIRE(!decision.ok());
          CHECK(Json::parse(decision.error().to_json()) == envelope["error"]);
          const auto alone = sharepolicy::decide_share(state, req.value());
          REQUIRE(!alone.ok());
          CHECK(Json::parse(alone.error().to_json()) == envelope["error"]);
        }
      }
    }
    // The lines reach every outcome (with the directory off, no share is allowed).
    CHECK(denied > 0);
    CHECK(input_errors > 0);
    CHECK((allowed > 0) == directory);
    // Every code a command line can answer is reached (the directory's two only with it off).
    const std::set<std::string> every_code = directory
                                                 ? std::set<std::string>{"",       "010001", "010003", "040002",
                                                                         "040004", "040005", "040006", "040025",
                                                                         "030003", "060001", "060002", "070008"}
                                                 : std::set<std::string>{"", "010001", "010003", "070008", "070009"};
    for (const std::string& code : every_code) {
      INFO("code " << code);
      CHECK(codes_seen.count(code) == 1);
    }
  }
}
