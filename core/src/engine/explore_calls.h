// The interface between the "who can / what can" router (explore.cpp) and the vendor modules
// (hmp/who_can.cpp, ocm/who_can.cpp, webex/who_can.cpp): each answers for a principal or asset the
// router has already found, with the vendor's own access rules (hmp/access.h, ocm/user_access.h).
#pragma once
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "hmp/access.h"
#include "sharepolicy/explore.h"
#include "state/model.h"

namespace sharepolicy::explore {

// Items grouped by principal, flat (one allocation for all): items of principal p are
// items[start[p] .. start[p + 1]).
template <class T>
struct Lists {
  std::vector<std::uint32_t> start;
  std::vector<T> items;
  const T* begin(Index p) const { return items.data() + start[p]; }
  const T* end(Index p) const { return items.data() + start[p + 1]; }
  // Adds principal p's items to `out`.
  void append_to(std::vector<T>& out, Index p) const { out.insert(out.end(), begin(p), end(p)); }
};

// The head of an answer, the same fields in every vendor; the vendor then fills its lists.
inline WhoCanAnswer who_can_head(const char* system, std::string kind, std::string id, std::optional<std::string> name,
                                 bool uses_roles, const Window& w) {
  WhoCanAnswer out;
  out.system = system;
  out.kind = std::move(kind);
  out.id = std::move(id);
  out.name = std::move(name);
  out.uses_roles = uses_roles;
  out.window = w;
  return out;
}
inline WhatCanAnswer what_can_head(const char* system, std::string type, AccessUser principal, bool uses_roles,
                                   const Window& w) {
  WhatCanAnswer out;
  out.system = system;
  out.type = std::move(type);
  out.principal = std::move(principal);
  out.uses_roles = uses_roles;
  out.window = w;
  return out;
}

// Groups (principal, item) pairs by principal, keeping their order within each principal.
template <class T>
Lists<T> group_by_principal(std::size_t principals, const std::vector<std::pair<Index, T>>& pairs) {
  Lists<T> out;
  out.start.assign(principals + 1, 0);
  for (const auto& p : pairs) ++out.start[p.first + 1];
  for (std::size_t i = 1; i <= principals; ++i) out.start[i] += out.start[i - 1];
  out.items.resize(pairs.size());
  std::vector<std::uint32_t> next(out.start.begin(), out.start.end() - 1);
  for (const auto& p : pairs) out.items[next[p.first]++] = p.second;
  return out;
}

// An HMP asset by kind and position, packed so that sorting the slots orders them recordings,
// feeds, sessions, then state order (and a plain integer sort, no new template, does it).
using HmpSlot = std::uint32_t;
inline constexpr unsigned kHmpKindShift = 30;
inline HmpSlot hmp_slot(unsigned kind, Index index) { return (HmpSlot{kind} << kHmpKindShift) | index; }
inline unsigned hmp_slot_kind(HmpSlot slot) { return slot >> kHmpKindShift; }
inline Index hmp_slot_index(HmpSlot slot) { return slot & ((HmpSlot{1} << kHmpKindShift) - 1); }

// The reverse indexes "what can" needs and the model does not keep: which assets each principal
// owns or is shared with. Built in one pass over the shares, on first use.
struct HmpIndex {
  Lists<HmpSlot> owned_by_user, shared_with_user, shared_with_group;
};
struct OcmIndex {
  Lists<Index> owned_by_user, user_member_of, group_member_of;  // folder positions
};
struct AssetsByPrincipal {
  std::unique_ptr<HmpIndex> hmp;
  std::unique_ptr<OcmIndex> ocm;
};

}  // namespace sharepolicy::explore

namespace sharepolicy::hmp {
explore::HmpIndex build_explore_index(const Section& s);
WhoCanAnswer who_can(const Section& s, AssetKind kind, const Asset& asset, const Window& window);
WhatCanAnswer what_can_user(const Section& s, const explore::HmpIndex& index, Index user, const Window& window);
WhatCanAnswer what_can_group(const Section& s, const explore::HmpIndex& index, Index group, const Window& window);
}  // namespace sharepolicy::hmp

namespace sharepolicy::ocm {
explore::OcmIndex build_explore_index(const Section& s);
WhoCanAnswer who_can(const Section& s, const Folder& folder, const Window& window);
WhatCanAnswer what_can_user(const Section& s, const explore::OcmIndex& index, Index user, const Window& window);
WhatCanAnswer what_can_group(const Section& s, const explore::OcmIndex& index, Index group, const Window& window);
}  // namespace sharepolicy::ocm

namespace sharepolicy::webex {
WhoCanAnswer who_can(const Section& s, const Recording& recording, const Window& window);
WhatCanAnswer what_can_person(const Section& s, Index person, const Window& window);
}  // namespace sharepolicy::webex

namespace sharepolicy::explore {
// Whether position i of a list falls in the window.
inline bool in_window(const Window& w, std::size_t i) { return i >= w.offset && i - w.offset < w.limit; }

// Counts one more item of a page and builds it only when it falls in the window: a page's total is
// every item there is, so an item outside the window costs its count, not its building.
template <class T, class Make>
void add_to_page(Page<T>& page, const Window& w, Make&& make) {
  if (in_window(w, page.total++)) page.items.push_back(make());
}
}  // namespace sharepolicy::explore
