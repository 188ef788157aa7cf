// The indexed state model (state.md). Internal to the core: vendor modules read it, state/ builds,
// writes and changes it. Principals and assets refer to each other by index, never by pointer,
// so that a copy of a collection is a plain copy (its big collections share chunks: cow_vector.h).
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/closest_names.h"
#include "common/name_index.h"
#include "state/cow_vector.h"
#include "sharepolicy/result.h"

namespace sharepolicy {

// Keys of an element that share-policy does not know, kept for the round trip (state.md "Output"):
// the members as compact JSON text (`"k":v,"k2":v2`, number text and string escapes as written)
// in the extras_text of the element's section. Empty when the element had none.
struct Extras {
  std::uint32_t offset = 0, size = 0;
  constexpr Extras() = default;
  constexpr Extras(std::nullptr_t) {}  // "none", as vendor code writes it for a new share
  constexpr Extras(std::uint32_t o, std::uint32_t n) : offset(o), size(n) {}
  explicit operator bool() const { return size != 0; }
};

// Which optional keys an element had, so that writing it back adds none.
using PresentKeys = std::uint8_t;

// Look-ups by id or name (common/name_index.h). A unique index holds one position per key; a multi
// index every element that has the key (two HMP users may differ only in case: state.md
// "Integrity"). Each field below states how its keys compare.
using UniqueIndex = NameIndex;
using MultiIndex = NameIndex;

namespace hmp {

// The action vocabulary (state.md "Actions"), one bit each.
enum Action : std::uint8_t {
  kWatch = 1,
  kEdit = 2,
  kShare = 4,
  kDownload = 8,
  kTrim = 16,
  kRestream = 32,
  kDelete = 64,
  kRecord = 128,  // sessions only (vendor-facts §1.3)
};
using ActionSet = std::uint8_t;
// The action names, indexed by bit position.
inline constexpr const char* kActionNames[8] = {"watch", "edit",     "share",  "download",
                                                "trim",  "restream", "delete", "record"};
inline constexpr ActionSet kAllRecordingActions = 127;
inline constexpr ActionSet kAllSessionActions = 255;

// A share's permission: a built-in, or an index into accessPermissions.
struct Permission {
  enum Kind : std::uint8_t { kWatchP, kEditP, kOwnP, kRecordP, kCustom } kind = kWatchP;
  Index custom = kNoIndex;
  bool operator==(const Permission& o) const { return kind == o.kind && custom == o.custom; }
  bool operator!=(const Permission& o) const { return !(*this == o); }
};

enum class ShareType : std::uint8_t { kUser, kGroup };

struct Share {
  Index principal = kNoIndex;  // into users or groups, per type
  ShareType type = ShareType::kUser;
  Permission permission;
  // What few shares have (unknown keys, references spelt otherwise): an index into
  // Section::share_details, or kNoIndex. Kept apart so that a share costs 20 bytes, not 32: shares
  // are the model's most numerous element.
  Index details = kNoIndex;
};

static_assert(sizeof(Share) <= 20, "shares are the model's most numerous element: keep rare parts in ShareDetails");

struct ShareDetails {
  Extras extras;
  // References spelt otherwise than the id they name (HMP ids compare case-insensitively): an
  // index into Section::spellings, so that writing the state back keeps them as written.
  Index principal_spelling = kNoIndex;
  Index permission_spelling = kNoIndex;
};

struct User {
  std::string id, username;
  std::optional<std::string> email;
  std::vector<Index> roles;            // into roles
  std::vector<Index> groups;           // into groups, sorted (membership tests use binary search)
  std::vector<Index> groups_in_order;  // as written, for the round trip
  std::vector<Index> group_spellings;  // empty, or parallel to groups_in_order (see Share)
  PresentKeys present = 0;             // kHasRoles | kHasGroups
  Extras extras;
};
inline constexpr PresentKeys kHasRoles = 1, kHasGroups = 2, kHasShares = 4, kHasActions = 8;

struct Group {
  std::string id, groupname;
  std::vector<Index> roles;
  PresentKeys present = 0;
  Extras extras;
};

struct Role {
  std::string name;
  bool administrator = false;
  Extras extras;
};

struct AccessPermission {
  std::string id, name;
  ActionSet actions = 0;
  std::vector<std::string> action_names;  // as written
  Extras extras;
};

// A recording, feed or session: something shares attach to.
struct Asset {
  std::string id;
  std::optional<std::string> name;
  Index owner = kNoIndex;           // recordings and sessions only
  Index owner_spelling = kNoIndex;  // see Share
  std::vector<Share> shares;
  PresentKeys present = 0;
  Extras extras;
};

struct Section {
  CowVector<User> users;
  std::vector<Group> groups;
  std::vector<Role> roles;
  std::vector<AccessPermission> access_permissions;
  CowVector<Asset> recordings;
  CowVector<Asset> feeds;
  CowVector<Asset> sessions;                // extension (issue 7): HMP sessions, shaped like recordings
  std::optional<bool> directory_available;  // nullopt: key absent (default true)
  bool has_directory = false;
  Extras directory_extras;
  std::uint16_t present_collections = 0;  // bit per collection key present in the input
  Extras extras;
  std::string extras_text;                  // every Extras of this section points into it
  std::vector<std::string> spellings;       // references as written where they differ from the id
  std::vector<ShareDetails> share_details;  // see Share::details

  // The details of `share` (none: no extras, spelt as the ids).
  const ShareDetails& details_of(const Share& share) const {
    static constexpr ShareDetails kNone{};
    return share.details == kNoIndex ? kNone : share_details[share.details];
  }
  // The details of `share`, given to it first if it had none.
  ShareDetails& details_for(Share& share) {
    if (share.details == kNoIndex) {
      share.details = static_cast<Index>(share_details.size());
      share_details.emplace_back();
    }
    return share_details[share.details];
  }

  // HMP ids, usernames and groupnames compare ignoring ASCII case; role names exactly.
  UniqueIndex user_by_id{KeyCase::kFoldAscii}, group_by_id{KeyCase::kFoldAscii}, permission_by_id{KeyCase::kFoldAscii};
  UniqueIndex recording_by_id{KeyCase::kFoldAscii}, feed_by_id{KeyCase::kFoldAscii}, session_by_id{KeyCase::kFoldAscii};
  UniqueIndex role_by_name{KeyCase::kExact};
  MultiIndex users_by_name{KeyCase::kFoldAscii}, groups_by_name{KeyCase::kFoldAscii};
  text_util::NameNeighbours username_order, groupname_order;  // for "did you mean" (fix.cpp)
  // Derived per user at load time (roles and memberships never change through a share).
  std::vector<bool> user_is_admin;  // holds an administrator role, directly or through a group
  // Holds any role, directly or through a group (check 6's rule, user_has_role): a decision asks it
  // of the target, and reading the target's record and its groups' roles for it was two or three
  // cache misses of a decision on a large state.
  std::vector<bool> user_holds_a_role;
  std::vector<Index> user_admin_role;   // the role that makes the user an administrator
  std::vector<Index> user_admin_group;  // the group it came through, or kNoIndex
  // Reverse membership (users of each group, in user order) and the administrators' count, so
  // that an access preview costs what the touched asset reaches, not the number of users.
  std::vector<std::vector<Index>> users_of_group;
  std::size_t administrator_count = 0;

  bool directory_is_available() const { return directory_available.value_or(true); }
};

}  // namespace hmp

namespace webex {

enum class PersonType : std::uint8_t { kUser, kVirtualLine, kWorkspace, kPlace, kCallQueue };
enum class PersonStatus : std::uint8_t { kActive, kInactive };
enum class RecordingStatus : std::uint8_t { kAvailable, kDeleted, kPurged };

struct Person {
  std::string id, email;
  std::optional<std::string> display_name;
  PersonType type = PersonType::kUser;
  std::optional<PersonStatus> status;  // nullopt: absent (default active)
  Extras extras;
  PersonStatus effective_status() const { return status.value_or(PersonStatus::kActive); }
};

struct Recording {
  std::string id;
  std::optional<std::string> topic;
  Index owner = kNoIndex;  // into people
  std::optional<RecordingStatus> status;
  Extras extras;  // serviceType, createTime, sizeBytes, durationSeconds and unknown keys
  RecordingStatus effective_status() const { return status.value_or(RecordingStatus::kAvailable); }
};

struct Section {
  std::vector<Person> people;
  CowVector<Recording> recordings;
  std::uint16_t present_collections = 0;
  Extras extras;
  std::string extras_text;  // every Extras of this section points into it

  // Ids compare exactly, emails ignoring ASCII case.
  UniqueIndex person_by_id{KeyCase::kExact}, recording_by_id{KeyCase::kExact};
  MultiIndex people_by_email{KeyCase::kFoldAscii};
  text_util::NameNeighbours email_order;  // for "did you mean" (fix.cpp)
  // Recordings of each person in state order; kept current by the owner.set applier.
  std::vector<std::vector<Index>> recordings_by_owner;
};

}  // namespace webex

namespace ocm {

enum class ProvisioningStatus : std::uint8_t { kActive, kInactive, kDeleted, kPending };
// Ordered: viewer < downloader < contributor < manager (state.md).
enum class Role : std::uint8_t { kViewer = 1, kDownloader = 2, kContributor = 3, kManager = 4 };
enum class PrincipalType : std::uint8_t { kUser, kGroup };

struct User {
  std::string id, login_name, display_name;
  ProvisioningStatus provisioning_status = ProvisioningStatus::kActive;
  Extras extras;
};

struct Group {
  std::string id, display_name;
  std::vector<Index> members;  // users
  PresentKeys present = 0;
  Extras extras;
};

struct Member {
  Index principal = kNoIndex;
  PrincipalType type = PrincipalType::kUser;
  Role role = Role::kViewer;
  Extras extras;
};

struct Folder {
  std::string id;
  std::optional<std::string> name;
  Index owned_by = kNoIndex;
  std::vector<Member> members;
  PresentKeys present = 0;
  Extras extras;
};
inline constexpr PresentKeys kHasMembers = 1;

struct Section {
  CowVector<User> users;
  std::vector<Group> groups;
  CowVector<Folder> folders;
  std::uint16_t present_collections = 0;
  Extras extras;
  std::string extras_text;  // every Extras of this section points into it

  // Ids compare exactly, login names ignoring ASCII case.
  UniqueIndex user_by_id{KeyCase::kExact}, group_by_id{KeyCase::kExact}, folder_by_id{KeyCase::kExact};
  MultiIndex users_by_login{KeyCase::kFoldAscii};
  std::vector<std::vector<Index>> groups_of_user;  // reverse membership, sorted
};

}  // namespace ocm

namespace detail {

// A section shared between State copies, read-only through the handle. Writing goes through
// `exclusive()`, which first copies the section if another State still shares it. (With a plain
// std::shared_ptr, `->` on a const handle gave a non-const section: a write through it reached
// CowVector's writing `operator[]`, which re-owned a chunk under every other holder of the section
// — a data race between threads, seen in CI as a use-after-free.)
template <class Section>
class SectionPtr {
 public:
  SectionPtr() = default;
  SectionPtr(std::shared_ptr<Section> p) : p_(std::move(p)) {}  // NOLINT: implicit, as shared_ptr's
  explicit operator bool() const { return static_cast<bool>(p_); }
  const Section& operator*() const { return *p_; }
  const Section* operator->() const { return p_.get(); }
  // A read-only share of the section, kept alive (a result that reads it later).
  std::shared_ptr<const Section> shared() const { return p_; }
  Section& exclusive() { return exclusive_owner(p_); }

 private:
  std::shared_ptr<Section> p_;
};

struct StateData {
  std::optional<std::string> schema;
  SectionPtr<hmp::Section> hmp;  // null: section absent
  SectionPtr<webex::Section> webex;
  SectionPtr<ocm::Section> ocm;
  std::string extras_text;  // unknown top-level members, compact text (see Extras)
  std::vector<StateWarning> warnings;
};

}  // namespace detail

}  // namespace sharepolicy
