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
