// Access before and after (docs/ACCESS.md) for a reassignment. Webex's state knows one path to a
// recording, its owner, and a reassignment may move 100k recordings: each moved recording is
// summarised as owner from → to, and `owners` totals what each person gains or loses. No user is
// enumerated, so the cost is one entry per change.
#include "webex/reassign_outcome.h"

namespace sharepolicy::webex {

void describe_access(const Section& s, ReassignOutcome& o) {
  o.described_access = true;
  // In order of first appearance, as from, to of each move (docs/ACCESS.md "ownership").
  std::vector<std::size_t> position(s.people.size(), 0);  // 1 + index into owners; 0: not yet
  auto count = [&](Index person, bool gained) {
    if (!position[person]) {
      o.owners.push_back(OwnershipTotal{AccessUser{s.people[person].id, s.people[person].email}, 0, 0});
      position[person] = o.owners.size();
    }
    ++(gained ? o.owners[position[person] - 1].gained : o.owners[position[person] - 1].lost);
  };
  for (const OutcomeMove& m : o.moves) {
    count(m.from, false);
    count(o.destination, true);
  }
}

}  // namespace sharepolicy::webex
