// hmp.md "Command line": one test per check row of shareRecordingWithUser / shareRecordingWithGroup,
// the tokenizer, the warnings and the seed examples verbatim.
#include <catch2/catch.hpp>

#include "fixture_support.h"
#include "hmp/cli_tokenizer.h"
#include "test_support.h"

using namespace sharepolicy;
using test_support::check;

namespace {

const char* kRec = "f678f415-0665-48cd-b141-1e95283469f1";

State sample() { return test_support::load(fixtures::sample("hmp.json")); }

std::string cli(const std::string& actor, const std::string& line) {
  return Json{{"actor", actor}, {"cli", line}}.dump();
}

std::string line_of(const Result& r) { return r.response.at("line").get<std::string>(); }

}  // namespace

TEST_CASE("tokenizer: white space runs, LF, quotes and escapes", "[hmp][tokenizer]") {
  using hmp::tokenize_command_line;
  auto words = [](std::string_view line) {
    const hmp::Tokens t = tokenize_command_line(line);
    return std::vector<std::string>(t.items.begin(), t.items.end());
  };
  CHECK(words("  a \t b\r\nc  ") == std::vector<std::string>{"a", "b", "c"});
  CHECK(tokenize_command_line("").items.empty());
  CHECK(words(R"(undefinedCommand "Example of \"Error\"")") ==
        std::vector<std::string>{"undefinedCommand", "Example of \"Error\""});
  CHECK(words(R"("a\\b\c")") == std::vector<std::string>{"a\\b\\c"});
  // A quote or backslash that does not start a token is an ordinary character.
  CHECK(words(R"(ab"c d\")") == std::vector<std::string>{"ab\"c", "d\\\""});
  // A quote followed by a non-space does not close the token.
  CHECK(words(R"("a"b c" d)") == std::vector<std::string>{"a\"b c", "d"});
  CHECK(words(R"("" x)") == std::vector<std::string>{"", "x"});
  CHECK(tokenize_command_line(R"(cmd "open)").unterminated_quote);
  CHECK(tokenize_command_line(R"(cmd "a\")").unterminated_quote);
  // Tokens are views: those of an unescaped quoted token stay valid when the Tokens moves.
  hmp::Tokens moved = [] { return tokenize_command_line(R"(x "a \"b\" c" "d e")"); }();
  CHECK(std::vector<std::string>(moved.items.begin(), moved.items.end()) ==
        std::vector<std::string>{"x", "a \"b\" c", "d e"});
}

TEST_CASE("seed 000 examples verbatim", "[hmp][seed]") {
  const State s = sample();
  SECTION("first example as printed: the space inside the UUID makes four parameters") {
    const Result r = check(s, cli("admin", "shareRecordingWithUser creator OWN f678f415-0665-48cd-b141- 1e95283469f1"));
    CHECK(line_of(r) == "ERROR|010003|Expected 3 parameter(s). Got 4 parameter(s)");
  }
  SECTION("first example with the UUID whole") {
    CHECK(line_of(check(s, cli("admin", std::string("shareRecordingWithUser creator OWN ") + kRec))) == "OK");
  }
  SECTION("second example, wrapped across two lines") {
    const Result r = check(
        s, cli("admin", std::string("shareRecordingWithUser InfoDev 12b0cc54-9018-42c2-9dfb-3f7707a09829\n") + kRec));
    CHECK(line_of(r) == "OK");
    CHECK(r.ok);
  }
}

TEST_CASE("shareRecordingWithUser: each check row answers its exact line", "[hmp][cli]") {
  const State s = sample();
  const std::string rec = kRec;
  SECTION("unknown command, empty line, wrong case") {
    for (const char* line : {"shareRecording someuser OWN x", "", "   \n ", "sharerecordingwithuser a OWN x"}) {
      const Result r = check(s, cli("admin", line));
      CHECK(line_of(r) == "ERROR|Command not found");
      CHECK(r.operation == "hmp.cli");
      CHECK(r.error->code.empty());
    }
  }
  SECTION("unterminated quote (inferred)") {
    const Result r = check(s, cli("admin", "shareRecordingWithUser \"creator OWN " + rec));
    CHECK(line_of(r) == "ERROR|010001|Unterminated quoted string");
    CHECK(r.inferred);
    CHECK(r.operation == "hmp.cli");
  }
  SECTION("check 1: arity") {
    CHECK(line_of(check(s, cli("admin", "shareRecordingWithUser creator OWN"))) ==
          "ERROR|010003|Expected 3 parameter(s). Got 2 parameter(s)");
    CHECK(line_of(check(s, cli("admin", "shareRecordingWithUser"))) ==
          "ERROR|010003|Expected 3 parameter(s). Got 0 parameter(s)");
  }
  SECTION("check 2: the recording id is a UUID; control characters echoed as spaces") {
    CHECK(line_of(check(s, cli("admin", "shareRecordingWithUser creator OWN not-a-uuid"))) ==
          "ERROR|010001|'not-a-uuid' is not a UUID");
    CHECK(line_of(check(s, cli("admin", "shareRecordingWithUser creator OWN \"a\rb\x01\""))) ==
          "ERROR|010001|'a b ' is not a UUID");
  }
  SECTION("check 3: the permission (exact case)") {
    const Result r = check(s, cli("admin", "shareRecordingWithUser creator own " + rec));
    CHECK(line_of(r) == "ERROR|010001|Permission must be one of: WATCH, EDIT, OWN");
    CHECK(r.error->name == std::optional<std::string>("InputValidation"));
  }
  SECTION("check 4: the directory cannot be searched") {
    std::string text = fixtures::sample("hmp.json");
    text.replace(text.find("\"available\": true"), 17, "\"available\": false");
    const State down = test_support::load(text);
    CHECK(line_of(check(down, cli("admin", "shareRecordingWithUser creator OWN " + rec))) ==
          "ERROR|070008|Error searching for a user");
    CHECK(line_of(check(down, cli("admin", "shareRecordingWithGroup Sales OWN " + rec))) ==
          "ERROR|070009|Error searching for a group");
  }
  SECTION("check 4: a username that matches two users (AMBIGUOUS_USERNAME)") {
    const State twins = test_support::load(R"({"hmp":{"roles":[{"name":"A","administrator":true}],
      "users":[{"id":"00000000-0000-4000-8000-000000000001","username":"Pat","roles":["A"]},
               {"id":"00000000-0000-4000-8000-000000000002","username":"pat","roles":["A"]}],
      "recordings":[{"id":"00000000-0000-4000-8000-0000000000aa","shares":[]}]}})");
    REQUIRE(state_warnings(twins).size() == 1);
    CHECK(state_warnings(twins)[0].code == "AMBIGUOUS_USERNAME");
    CHECK(state_warnings(twins)[0].pointer == "/hmp/users/1/username");
    const Result r = check(twins, cli("00000000-0000-4000-8000-000000000001",
                                      "shareRecordingWithUser PAT WATCH 00000000-0000-4000-8000-0000000000aa"));
    CHECK(line_of(r) == "ERROR|070008|Error searching for a user");
    CHECK(result_to_json(r).at("stateWarnings").size() == 1);
  }
  SECTION("check 5: the user exists (case-insensitive look-up)") {
    CHECK(line_of(check(s, cli("admin", "shareRecordingWithUser nobody OWN " + rec))) == "ERROR|040004|User not found");
    CHECK(line_of(check(s, cli("admin", "shareRecordingWithUser CREATOR OWN " + rec))) == "OK");
    // The name parameter is matched against names only, never ids.
    CHECK(line_of(check(s, cli("admin", "shareRecordingWithUser 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d OWN " + rec))) ==
          "ERROR|040004|User not found");
  }
  SECTION("check 6: the user or one of its groups has a role") {
    CHECK(line_of(check(s, cli("admin", "shareRecordingWithUser contractor WATCH " + rec))) ==
          "ERROR|060001|User has no roles assigned");
    // InfoDev has no role of its own, only through Engineering.
    CHECK(line_of(check(s, cli("admin", "shareRecordingWithUser InfoDev WATCH " + rec))) == "OK");
  }
  SECTION("check 7: the recording exists (ids compare case-insensitively)") {
    CHECK(line_of(check(s, cli("admin", "shareRecordingWithUser creator OWN 00000000-0000-4000-8000-000000000000"))) ==
          "ERROR|040002|Recording not found");
    CHECK(line_of(check(s, cli("admin", "shareRecordingWithUser creator OWN F678F415-0665-48CD-B141-1E95283469F1"))) ==
          "OK");
  }
  SECTION("check 8: a UUID permission names an access permission (inferred code)") {
    const Result r = check(s,
                           cli("admin", "shareRecordingWithUser creator 99999999-9018-42c2-9dfb-3f7707a09829 " + rec));
    CHECK(line_of(r) == "ERROR|040025|Share permission not found");
    CHECK(r.inferred);
  }
  SECTION("check 9: a WATCH/EDIT holder cannot share OWN (inferred rule)") {
    const Result r = check(s, cli("jdoe", "shareRecordingWithUser creator OWN " + rec));
    CHECK(line_of(r) == "ERROR|030003|Cannot share");
    CHECK(r.inferred);
    CHECK(r.changes.empty());
  }
  SECTION("check 9: an owner may share anything; fidelity is inferred for a non-administrator") {
    const Result r = check(s, cli("producer", "shareRecordingWithUser jdoe OWN " + rec));
    CHECK(line_of(r) == "OK");
    CHECK(r.inferred);
  }
  SECTION("check 9: a holder of share may grant a subset of its actions, not more") {
    // creator holds Curator (watch, edit, share, trim).
    CHECK(line_of(check(s, cli("creator", "shareRecordingWithUser viewer EDIT " + rec))) == "OK");
    CHECK(line_of(check(s, cli("creator", "shareRecordingWithUser viewer 12b0cc54-9018-42c2-9dfb-3f7707a09829 " +
                                              rec))) == "ERROR|030003|Cannot share");  // download is not the creator's
  }
  SECTION("check 9: an administrator through a group may share anything") {
    const Result r = check(s, cli("helpdesk", "shareRecordingWithUser viewer OWN " + rec));
    CHECK(line_of(r) == "OK");
    CHECK_FALSE(r.inferred);
    CHECK(r.explanation.front().find("through group 'IT Admins'") != std::string::npos);
  }
  SECTION("check 10: OK, with the change") {
    const Result r = check(s, cli("admin", "shareRecordingWithUser viewer EDIT " + rec));
    CHECK(line_of(r) == "OK");
    REQUIRE(r.changes.size() == 1);
    CHECK(r.changes[0].before == std::nullopt);
    CHECK(r.changes[0].after == std::optional<std::string>("EDIT"));
    CHECK(r.changes[0].principal->id == "a78758cc-48da-47ad-bc6e-6c8564badb7e");
    CHECK_FALSE(r.inferred);
  }
}

TEST_CASE("shareRecordingWithGroup: each group row", "[hmp][cli]") {
  const State s = sample();
  const std::string rec = kRec;
  CHECK(line_of(check(s, cli("admin", "shareRecordingWithGroup Nobody WATCH " + rec))) ==
        "ERROR|040005|Group not found");
  CHECK(line_of(check(s, cli("admin", "shareRecordingWithGroup contractors WATCH " + rec))) ==
        "ERROR|060002|Group has no roles assigned");
  CHECK(line_of(check(s, cli("admin", "shareRecordingWithGroup Sales WATCH"))) ==
        "ERROR|010003|Expected 3 parameter(s). Got 2 parameter(s)");
  const Result ok = check(s, cli("admin", "shareRecordingWithGroup \"engineering\" WATCH " + rec));
  CHECK(line_of(ok) == "OK");
  CHECK(ok.operation == "hmp.shareRecordingWithGroup");
  CHECK(ok.changes.at(0).principal->type == "group");
}

TEST_CASE("warnings: DOWNGRADE, NO_CHANGE, OWNER_TARGET", "[hmp][cli]") {
  const State s = sample();
  const std::string rec = kRec;
  SECTION("DOWNGRADE when the new permission lacks an action the share had") {
    const Result r = check(s, cli("admin", "shareRecordingWithGroup Sales WATCH " + rec));
    REQUIRE(r.warnings.size() == 1);
    CHECK(r.warnings[0].code == "DOWNGRADE");
    CHECK(r.changes.at(0).before == std::optional<std::string>("EDIT"));
  }
  SECTION("NO_CHANGE when the share already is that permission: no change listed") {
    const Result r = check(s, cli("admin", "shareRecordingWithUser jdoe WATCH " + rec));
    CHECK(line_of(r) == "OK");
    REQUIRE(r.warnings.size() == 1);
    CHECK(r.warnings[0].code == "NO_CHANGE");
    CHECK(r.changes.empty());
  }
  SECTION("OWNER_TARGET when the target owns the recording") {
    const Result r = check(s, cli("admin", "shareRecordingWithUser producer WATCH " + rec));
    REQUIRE_FALSE(r.warnings.empty());
    CHECK(r.warnings[0].code == "OWNER_TARGET");
  }
}

TEST_CASE("sessions: RECORD is a permission and a missing session is 040006", "[hmp][sessions]") {
  const State s = test_support::load(
      R"({"hmp":{"roles":[{"name":"Admin","administrator":true},{"name":"V","administrator":false}],
    "users":[{"id":"00000000-0000-4000-8000-000000000001","username":"ops","roles":["Admin"]},
             {"id":"00000000-0000-4000-8000-000000000002","username":"cam","roles":["V"]}],
    "sessions":[{"id":"00000000-0000-4000-8000-0000000000bb","owner":"00000000-0000-4000-8000-000000000001",
                 "shares":[{"id":"00000000-0000-4000-8000-000000000002","shareType":"USER","permission":"RECORD"}]}]}})");
  CHECK(line_of(check(s, cli("ops", "shareSessionWithUser cam RECORD 00000000-0000-4000-8000-0000000000bb"))) == "OK");
  CHECK(line_of(check(s, cli("ops", "shareSessionWithUser cam RECORD 00000000-0000-4000-8000-0000000000cc"))) ==
        "ERROR|040006|Session not found");
  CHECK(line_of(check(s, cli("ops", "shareSessionWithUser cam BOSS 00000000-0000-4000-8000-0000000000bb"))) ==
        "ERROR|010001|Permission must be one of: WATCH, EDIT, RECORD, OWN");
  // RECORD is not a recording permission.
  CHECK(line_of(check(s, cli("ops", "shareRecordingWithUser cam RECORD 00000000-0000-4000-8000-0000000000bb"))) ==
        "ERROR|010001|Permission must be one of: WATCH, EDIT, OWN");
  // cam holds RECORD (watch, record) without share.
  CHECK(line_of(check(s, cli("cam", "shareSessionWithUser ops WATCH 00000000-0000-4000-8000-0000000000bb"))) ==
        "ERROR|030003|Cannot share");
}

TEST_CASE("input errors of HMP requests", "[hmp][input]") {
  const State s = sample();
  SECTION("no actor") {
    const auto e = test_support::input_error(s, R"({"cli":"shareRecordingWithUser a OWN b"})");
    CHECK(e.code == "REQUEST_INVALID");
    CHECK(e.pointer == "/actor");
  }
  SECTION("a state without an hmp section") {
    const State webex_only = test_support::load(fixtures::sample("webex.json"));
    const auto e = test_support::input_error(webex_only, cli("admin", "shareRecordingWithUser a OWN b"));
    CHECK(e.code == "REQUEST_INVALID");
    CHECK(e.pointer == "/actor");
  }
  SECTION("the actor by id, case-insensitively") {
    CHECK(line_of(check(s, cli("0F1E2D3C-4B5A-4697-8877-665544332211",
                               std::string("shareRecordingWithUser viewer OWN ") + kRec))) == "OK");
  }
  SECTION("resolveReassign with a command line is WRONG_ENTRY_POINT") {
    auto r = resolve_reassign(s, test_support::request(cli("admin", "shareRecordingWithUser a OWN b")));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "WRONG_ENTRY_POINT");
    CHECK(r.error().pointer == "/cli");
  }
  SECTION("a command line over 1 MiB is LIMIT_EXCEEDED") {
    const std::string big(2u << 20, 'a');
    const auto e = test_support::input_error(s, cli("admin", big));
    CHECK(e.code == "LIMIT_EXCEEDED");
    CHECK(e.pointer == "/cli");
  }
  SECTION("NUL bytes and huge tokens within the limit are the vendor's answer") {
    const std::string line = std::string("shareRecordingWithUser creator OWN ") + std::string(500000, 'x') + '\0';
    const Result r = check(s, cli("admin", line));
    CHECK(line_of(r).rfind("ERROR|010001|'xxx", 0) == 0);
    CHECK(line_of(r).find('\0') == std::string::npos);
  }
}

TEST_CASE("canShare is pure, and applyShare returns a new state and keeps the old one", "[hmp][purity]") {
  const State s = sample();
  const std::string before = write_state(s);
  const std::string req = cli("admin", std::string("shareRecordingWithUser viewer OWN ") + kRec);
  check(s, req);
  CHECK(write_state(s) == before);
  const Applied applied = test_support::apply(s, req);
  CHECK(write_state(s) == before);
  CHECK(write_state(applied.state) != before);
  // Applying the same share twice: the second is NO_CHANGE and changes nothing.
  const Applied again = test_support::apply(applied.state, req);
  CHECK(again.result.changes.empty());
  CHECK(again.result.warnings.at(0).code == "NO_CHANGE");
  CHECK(write_state(again.state) == write_state(applied.state));
}
