// "Who can?" and "What can?" (docs/ACCESS.md "Who can / what can"): read-only questions about a
// loaded state, answered with the same access rules and path shapes as a result's `access`.
//   who can  — an asset → every user's effective actions (HMP) or role (OCM, Webex owner) and
//              the paths that give them, the groups shared with it, and the administrators' count;
//   what can — a user, group or person → every asset it reaches, with actions or role and paths.
// Each answer costs what the asset or principal reaches, never the size of the state: an
// Explorer builds, on its first "what can", the assets of each principal (one pass over the
// shares) and keeps them for its state handle.
#pragma once
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sharepolicy/input_error.h"
#include "sharepolicy/result.h"
#include "sharepolicy/state.h"

namespace sharepolicy {

// A window of a long list: items [offset, offset + limit).
struct Window {
  std::size_t offset = 0;
  std::size_t limit = 100;
};
inline constexpr std::size_t kMaxExploreLimit = 1000;

// {"system":"hmp"|"webex"|"ocm","asset":{"kind","id"},"offset"?,"limit"?}
struct WhoCanQuery {
  std::string system;
  std::string kind;  // HMP: recording | feed | session; Webex: recording; OCM: folder
  std::string id;    // HMP ids compare case-insensitively
  Window window;
};

// {"system","principal":{"type","id"},"offset"?,"limit"?}; `id` is an id or a name (HMP username
// or groupname, OCM loginName, Webex email; names compare case-insensitively).
struct WhatCanQuery {
  std::string system;
  std::string type;  // HMP, OCM: user | group; Webex: person
  std::string id;
  Window window;
};

// A group shared with the asset: its own grant (HMP permission and actions, OCM role) and how
// many users it reaches.
struct GroupGrant {
  AccessUser group;
  std::string grant;                 // HMP permission as stored / OCM role
  std::vector<std::string> actions;  // HMP only
  std::size_t users = 0;
};

template <class T>
struct Page {
  std::size_t total = 0;  // every item there is
  std::vector<T> items;   // the window asked for
};

struct WhoCanAnswer {
  std::string system, kind, id;
  std::optional<std::string> name;
  bool uses_roles = false;                    // OCM, Webex: holders carry "role", not "actions"
  std::optional<std::size_t> administrators;  // HMP: holders of every action through a role (counted, never listed)
  Page<AccessHolder> users;                   // docs/ACCESS.md holders, in state order
  Page<GroupGrant> groups;                    // in share order
  Window window;
};

// One asset a principal reaches.
struct ReachedAsset {
  std::string kind, id;
  std::optional<std::string> name;
  std::vector<std::string> actions;  // HMP
  std::optional<std::string> role;   // OCM effective role; Webex "owner"
  std::vector<AccessPath> via;
};

struct WhatCanAnswer {
  std::string system, type;
  AccessUser principal;  // id and name as the state stores them
  bool uses_roles = false;
  // HMP: the administrator role the user (or the group) holds, which reaches every asset.
  std::optional<std::string> administrator_role;
  std::optional<AccessUser> administrator_group;  // the group the role came through
  std::optional<std::size_t> members;             // groups: how many users belong to it
  Page<ReachedAsset> assets;                      // HMP: recordings, then feeds, then sessions, each in state order
  Window window;
};

// The answers as JSON (docs/ACCESS.md shapes); deterministic.
Json who_can_to_json(const WhoCanAnswer& answer);
Json what_can_to_json(const WhatCanAnswer& answer);
// The same texts appended to `out` (who_can_to_json(a).dump()), written directly: no JSON value.
void append_who_can_text(std::string& out, const WhoCanAnswer& answer);
void append_what_can_text(std::string& out, const WhatCanAnswer& answer);

// Parses and checks a query (REQUEST_INVALID with a pointer into it).
Expected<WhoCanQuery> who_can_query_from_json(const Json& value);
Expected<WhatCanQuery> what_can_query_from_json(const Json& value);

namespace explore {
struct AssetsByPrincipal;  // built on first use
}

// Answers both questions for one state handle. Holding an Explorer keeps its state's data alive:
// drop it before changing the state in place, or the change copies the data it shares.
class Explorer {
 public:
  explicit Explorer(State state);
  ~Explorer();
  Explorer(Explorer&&) noexcept;
  Explorer& operator=(Explorer&&) noexcept;

  Expected<WhoCanAnswer> who_can(const WhoCanQuery& query) const;
  Expected<WhatCanAnswer> what_can(const WhatCanQuery& query) const;
  const State& state() const { return state_; }

 private:
  State state_;
  mutable std::unique_ptr<explore::AssetsByPrincipal> index_;
};

}  // namespace sharepolicy
