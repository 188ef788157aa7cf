// "Who can / what can" for Webex (docs/ACCESS.md): the state knows one path to a recording, its
// owner (webex.md), so a recording answers its owner and a person the recordings it owns
// (recordings_by_owner, kept current by the owner.set applier).
#include "engine/explore_calls.h"

namespace sharepolicy::webex {
namespace {

AccessUser person_ref(const Person& p) { return AccessUser{p.id, p.email}; }

AccessPath owner_path() { return AccessPath{"owner", std::nullopt, std::nullopt}; }

}  // namespace

WhoCanAnswer who_can(const Section& s, const Recording& recording, const Window& w) {
  WhoCanAnswer out = explore::who_can_head("webex", "recording", recording.id, recording.topic, true, w);
  explore::add_to_page(out.users, w, [&] {
    return AccessHolder{person_ref(s.people[recording.owner]), 0, {}, std::string("owner"), {owner_path()}};
  });
  return out;
}

WhatCanAnswer what_can_person(const Section& s, Index person, const Window& w) {
  WhatCanAnswer out = explore::what_can_head("webex", "person", person_ref(s.people[person]), true, w);
  const auto& owned = s.recordings_by_owner[person];
  out.assets.total = owned.size();
  for (std::size_t i = w.offset; i < owned.size() && out.assets.items.size() < w.limit; ++i) {
    const Recording& r = s.recordings[owned[i]];
    out.assets.items.push_back(ReachedAsset{"recording", r.id, r.topic, {}, std::string("owner"), {owner_path()}});
  }
  return out;
}

}  // namespace sharepolicy::webex
