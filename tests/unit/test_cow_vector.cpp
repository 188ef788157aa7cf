// Finer copy-on-write (issue 13, "apply and undo cost what the change costs"): the big collections
// of a section are CowVectors, so an apply on a state an undo handle shares copies the chunk of
// the changed element, not the section's collections.
#include <catch2/catch.hpp>
#include <string>

#include "fixture_support.h"
#include "sharepolicy/engine.h"
#include "state/cow_vector.h"
#include "state/model.h"

using sharepolicy::CowVector;
using sharepolicy::Json;

TEST_CASE("CowVector: a copy shares its chunks until one of its elements changes", "[cow]") {
  CowVector<std::string> a;
  for (int i = 0; i < 1000; ++i) a.push_back(std::to_string(i));
  REQUIRE(a.size() == 1000);
  const CowVector<std::string> before = a;  // shares every chunk
  CHECK(&before[999] == &static_cast<const CowVector<std::string>&>(a)[999]);

  a[3] = "changed";  // copies the first chunk only
  CHECK(before[3] == "3");
  CHECK(a[3] == "changed");
  const auto& ca = a;
  CHECK(&before[4] != &ca[4]);      // same chunk as element 3: copied
  CHECK(&before[999] == &ca[999]);  // another chunk: still shared
  CHECK(std::string(*(ca.end() - 1)) == "999");
  CHECK(static_cast<std::size_t>(ca.end() - ca.begin()) == ca.size());
}

TEST_CASE("apply after clone: the collections the change does not touch stay shared", "[cow][clone]") {
  auto loaded = sharepolicy::load_state(fixtures::sample("combined.json"));
  REQUIRE(loaded.ok());
  sharepolicy::State state = loaded.value();
  const sharepolicy::State undo = state;
  const auto request = sharepolicy::request_from_json(
      Json{{"actor", "admin"}, {"cli", "shareRecordingWithUser InfoDev EDIT f678f415-0665-48cd-b141-1e95283469f1"}});
  REQUIRE(request.ok());
  auto result = sharepolicy::apply_share_in_place(state, request.value());
  REQUIRE(result.ok());
  REQUIRE(result.value().changes.size() == 1);

  const auto& now = *state.data().hmp;
  const auto& was = *undo.data().hmp;
  REQUIRE(&now != &was);                  // the section was copied for the change …
  CHECK(&now.users[0] == &was.users[0]);  // … but not its users
  CHECK(now.recordings.size() == was.recordings.size());
  CHECK(&*state.data().webex == &*undo.data().webex);  // nor the sections the change does not name
}
