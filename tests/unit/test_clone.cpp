// LoadedState::clone (the package's clone, the page's undo history): a clone is the same state,
// and applying on either handle leaves the other as it was (copy-on-write).
#include <catch2/catch.hpp>
#include <string>

#include "fixture_support.h"
#include "sharepolicy/text_api.h"

using sharepolicy::Json;
using sharepolicy::text::LoadedState;

namespace {

const std::string kRec = "f678f415-0665-48cd-b141-1e95283469f1";

std::string cli(const std::string& actor, const std::string& line) {
  return Json{{"actor", actor}, {"cli", line}}.dump();
}

std::string reassign_all() {
  const Json body = {{"ownerEmail", "john.andersen@example.com"}, {"reassignOwnerEmail", "brenda.song@example.com"}};
  return Json{{"actor", "admin@example.com"},
              {"scopes", {"spark-admin:recordings_write"}},
              {"http", {{"method", "POST"}, {"path", "/v1/convergedRecordings/reassign"}, {"body", body}}}}
      .dump();
}

int changes_of(const std::string& envelope) {
  return static_cast<int>(Json::parse(envelope)["result"]["changes"].size());
}

}  // namespace

TEST_CASE("clone: applying on the clone or the original leaves the other unchanged", "[clone]") {
  LoadedState original;
  REQUIRE(original.load(fixtures::sample("combined.json")) == R"({"result":null})");
  const std::string before = original.to_json();

  LoadedState copy = original.clone();
  CHECK(copy.to_json() == before);
  const std::string share = cli("admin", "shareRecordingWithUser InfoDev EDIT " + kRec);
  REQUIRE(changes_of(copy.apply_share(share)) == 1);
  CHECK(original.to_json() == before);
  CHECK(copy.to_json() != before);
  CHECK(changes_of(original.can_share(share)) == 1);  // the original still lacks the share
  CHECK(changes_of(copy.can_share(share)) == 0);

  // And the other way round, in another section: the original moves recordings, the clone keeps them.
  const std::string after_share = copy.to_json();
  REQUIRE(changes_of(original.resolve_reassign(reassign_all())) == 2);
  CHECK(copy.to_json() == after_share);
  CHECK(changes_of(copy.preview_reassign(reassign_all())) == 2);
}

// A share's unknown keys and spellings live apart from the share (model.h, Share::details): a
// change of its permission writes the new permission as the result names it, keeps the principal's
// spelling and the unknown keys, and leaves a clone that shares the section as it was.
TEST_CASE("clone: changing a spelt share's permission keeps its other details, on this handle only", "[clone]") {
  const std::string admin = "00000000-0000-4000-8000-0000000000ad";
  const std::string user = "4d5e0000-0000-4000-8000-000000000001";
  const std::string p1 = "abcd0000-0000-4000-8000-000000000001", p2 = "abcd0000-0000-4000-8000-000000000002";
  const std::string rec = "f678f415-0665-48cd-b141-1e95283469f1", rec2 = "f678f415-0665-48cd-b141-1e95283469f2";
  auto state = [&](const std::string& share) {
    return R"({"result":{"hmp":{"users":[{"id":")" + admin + R"(","username":"admin","roles":["Admin"]},{"id":")" +
           user +
           R"(","username":"a","roles":["V"]}],"roles":[{"name":"Admin","administrator":true},{"name":"V","administrator":false}],"accessPermissions":[{"id":")" +
           p1 + R"(","name":"P1","actions":["watch"]},{"id":")" + p2 +
           R"(","name":"P2","actions":["watch","edit"]}],"recordings":[{"id":")" + rec + R"(","owner":")" + admin +
           R"(","shares":[)" + share + R"(]},{"id":")" + rec2 + R"(","shares":[{"id":")" + user +
           R"(","shareType":"USER","permission":"WATCH","x":[1]}]}]}}})";
  };
  const std::string spelt_user = "4D5E0000-0000-4000-8000-000000000001";
  const std::string before = state(
      R"({"id":")" + spelt_user +
      R"(","shareType":"USER","permission":"ABCD0000-0000-4000-8000-000000000001","note":{"k":1}})");
  const std::string after = state(R"({"id":")" + spelt_user + R"(","shareType":"USER","permission":")" + p2 +
                                  R"(","note":{"k":1}})");

  LoadedState original;
  // to_json's envelope around the state: {"result":STATE}.
  REQUIRE(original.load(before.substr(10, before.size() - 11)) == R"({"result":null})");
  CHECK(original.to_json() == before);
  LoadedState copy = original.clone();
  const std::string applied = copy.apply_share(cli("admin", "shareRecordingWithUser a " + p2 + " " + rec));
  INFO(applied);
  REQUIRE(changes_of(applied) == 1);
  CHECK(copy.to_json() == after);
  CHECK(original.to_json() == before);
}
