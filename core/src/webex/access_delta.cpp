// Access before and after (docs/ACCESS.md) for a reassignment. Webex's state knows one path to a
// recording, its owner, and a reassignment may move 100k recordings: each moved recording is
// summarised as owner from → to, and `owners` totals what each person gains or loses. No user is
// enumerated, so the cost is one entry per change.
#include <unordered_map>

#include "engine/vendor_calls.h"

namespace sharepolicy::webex {
namespace {

// Totals per person, in order of first appearance.
class OwnershipTotals {
 public:
  explicit OwnershipTotals(const Section& s) : s_(s) {}
  void count(const std::string& person_id, bool gained) {
    auto it = position_.find(person_id);
    if (it == position_.end()) {
      const Person& p = s_.people[s_.person_by_id.at(person_id)];
      it = position_.emplace(person_id, totals_.size()).first;
      totals_.push_back(OwnershipTotal{AccessUser{p.id, p.email}, 0, 0});
    }
    ++(gained ? totals_[it->second].gained : totals_[it->second].lost);
  }
  std::vector<OwnershipTotal> take() { return std::move(totals_); }

 private:
  const Section& s_;
  std::unordered_map<std::string, std::size_t> position_;
  std::vector<OwnershipTotal> totals_;
};

}  // namespace

void describe_access(const Section& s, Result& result, const AccessWindow&) {
  if (result.changes.empty()) return;
  Access access;
  access.assets.reserve(result.changes.size());
  OwnershipTotals totals(s);
  for (const Change& c : result.changes) {
    if (c.type != "owner.set" || !c.before || !c.after) continue;
    AssetAccess a;
    a.system = "webex";
    a.kind = c.asset_kind;
    a.id = c.asset_id;
    a.owner = OwnerMove{*c.before, *c.after};
    access.assets.push_back(std::move(a));
    totals.count(*c.before, false);
    totals.count(*c.after, true);
  }
  access.owners = totals.take();
  result.access = std::move(access);
}

}  // namespace sharepolicy::webex
