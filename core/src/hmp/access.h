// Who may do what on an HMP asset (state.md "Effective actions"), with the grants that explain it.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "state/model.h"

namespace sharepolicy {
struct HolderView;  // engine/access_words.h
}  // namespace sharepolicy

namespace sharepolicy::hmp {

enum class AssetKind { kRecording, kFeed, kSession };
const char* asset_kind_name(AssetKind kind);  // "recording" | "feed" | "session"

// The built-in permission names of a kind ("WATCH, EDIT, OWN" or, for sessions, "WATCH, EDIT, RECORD, OWN").
const char* builtin_permission_list(AssetKind kind);
// Parses a built-in name (exact case) valid for the kind.
bool parse_builtin_permission(std::string_view text, AssetKind kind, Permission& out);

ActionSet permission_actions(const Section& s, const Permission& p, AssetKind kind);
ActionSet all_actions(AssetKind kind);
// As the state stores it: the built-in name or the access permission's id.
std::string permission_text(const Section& s, const Permission& p);
std::string_view permission_spelling(const Section& s, const Permission& p);  // permission_text, not copied
// For sentences: "WATCH", or "'Editors' (12b0…)" for an access permission.
std::string permission_label(const Section& s, const Permission& p);
std::string action_names(ActionSet actions);  // "watch, edit, share"

struct Grant {
  enum Source { kDirect, kGroup } source;
  Index group = kNoIndex;  // kGroup
  Permission permission;
};

struct Rights {
  bool administrator = false;
  Index admin_role = kNoIndex, admin_group = kNoIndex;
  bool owner = false;
  std::vector<Grant> grants;  // the user's own share first, then its groups' shares in share order
  ActionSet actions = 0;      // effective actions
};

Rights rights_on(const Section& s, Index user, const Asset& asset, AssetKind kind);

// "actor 'jdoe' holds EDIT on recording … via group 'Sales'" and the like.
std::string describe_rights(const Section& s, const std::string& who, Index user, const Rights& rights, AssetKind kind,
                            const std::string& asset_id);

// Whether a user has a role, directly or through one of its groups (hmp.md check 6): derived at
// load (model.h), as roles and memberships never change through a share.
inline bool user_has_role(const Section& s, Index user) { return s.user_holds_a_role[user]; }

// The share of a principal on an asset, or nullptr.
const Share* find_share(const Asset& asset, ShareType type, Index principal);

}  // namespace sharepolicy::hmp

namespace sharepolicy::hmp {

// What setting a principal's share to `permission` would do: the change (none when it is already
// that permission) and the warnings of hmp.md (DOWNGRADE, NO_CHANGE, OWNER_TARGET).
struct ShareOutcome {
  std::vector<Change> changes;
  std::vector<Warning> warnings;
  std::string sentence;  // "… would go from WATCH to OWN"
};
// `with_sentence` false: no sentence (a decision without explanation).
ShareOutcome set_share_outcome(const Section& s, AssetKind kind, const Asset& asset, ShareType type, Index principal,
                               const Permission& permission, bool with_sentence = true);

// The principal's name for sentences: "user 'jdoe'" / "group 'Sales'".
std::string principal_label(const Section& s, ShareType type, Index principal);

// The shapes of docs/ACCESS.md (access_delta.cpp), shared with "who can / what can" (explore.cpp).
std::vector<std::string> action_list(ActionSet actions);  // ["watch","edit"]
AccessUser user_ref(const Section& s, Index user);        // {id, username}
// The user as a holder: its effective actions and every path (owner, direct, group) to them.
AccessHolder holder_for(const Section& s, Index user, const Rights& rights);
// The same as views of the section, into `h` (every member set; a preview fills one again and
// again: engine/access_words.h).
void fill_holder(HolderView& h, const Section& s, Index user, const Rights& rights);

}  // namespace sharepolicy::hmp
