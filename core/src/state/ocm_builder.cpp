// state.md "ocm": reading, resolving and indexing the OCM section.
#include <algorithm>
#include <unordered_set>

#include "common/input_failure.h"
#include "common/text_util.h"
#include "state/reading.h"
#include "state/section_builders.h"
#include "state/vocabulary.h"

namespace sharepolicy::state {

using text_util::pointer_append;

namespace {
using vocabulary::kMemberTypes;
using vocabulary::kOcmRoles;
using vocabulary::kProvisioningStatuses;
std::string in_quotes(std::string_view s) { return "'" + text_util::excerpt(s) + "'"; }
[[noreturn]] void fail(const std::string& pointer, const std::string& message) {
  throw InputFailure(error_code::kStateInvalid, message, pointer);
}
}  // namespace

struct OcmBuilder::Pending {
  explicit Pending(Scanner& s) : scanner(s), element(s), member(s) {}
  Scanner& scanner;
  ObjectReader element, member;
  // References as views into the text (copies when it streams); per group / folder, where its list starts (one more at
  // the end).
  std::vector<std::uint32_t> group_members_at{0}, folder_members_at{0};
  std::vector<std::string_view> group_members, folder_member_ids, folder_owners;
  std::vector<ocm::Member> members;  // the folder being read
};

OcmBuilder::OcmBuilder(Scanner& s)
    : section_(std::make_shared<ocm::Section>()), pending_(std::make_unique<Pending>(s)) {
  ocm::Section& sec = *section_;
  bind(vocabulary::ocm_collection::kNames, vocabulary::ocm_collection::kCount, sec.present_collections, sec.extras_text,
       sec.extras);
}
OcmBuilder::~OcmBuilder() = default;

void OcmBuilder::read_element(int bit) { bit == 0 ? read_user() : bit == 1 ? read_group() : read_folder(); }

void OcmBuilder::read_user() {
  Pending& p = *pending_;
  ocm::Section& s = *section_;
  ObjectReader& r = p.element;
  std::string_view key;
  r.begin("user");
  ocm::User u;
  while (r.next(key)) {
    if (is_key(key, "id")) {
      r.known(1);
      u.id = r.string();
    } else if (is_key(key, "loginName")) {
      r.known(2);
      u.login_name = r.string();
    } else if (is_key(key, "displayName")) {
      r.known(4);
      u.display_name = r.string();
    } else if (is_key(key, "provisioningStatus")) {
      r.known(8);
      u.provisioning_status = static_cast<ocm::ProvisioningStatus>(r.enumeration(kProvisioningStatuses));
    } else {
      r.keep();
    }
  }
  u.extras = r.end(s.extras_text);
  r.require(1, "id");
  r.require(2, "loginName");
  r.require(4, "displayName");
  r.require(8, "provisioningStatus");
  s.users.push_back(std::move(u));
}

void OcmBuilder::read_group() {
  Pending& p = *pending_;
  Scanner& sc = p.scanner;
  ocm::Section& s = *section_;
  ObjectReader& r = p.element;
  std::string_view key, v;
  r.begin("group");
  ocm::Group g;
  while (r.next(key)) {
    if (is_key(key, "id")) {
      r.known(1);
      g.id = r.string();
    } else if (is_key(key, "displayName")) {
      r.known(2);
      g.display_name = r.string();
    } else if (is_key(key, "members")) {
      r.known(4);
      g.present |= ocm::kHasMembers;
      r.string_list([&](std::string_view x) { p.group_members.push_back(sc.stable(x)); });
    } else {
      r.keep();
    }
  }
  g.extras = r.end(s.extras_text);
  r.require(1, "id");
  r.require(2, "displayName");
  p.group_members_at.push_back(static_cast<std::uint32_t>(p.group_members.size()));
  s.groups.push_back(std::move(g));
}

void OcmBuilder::read_member_of_folder() {
  Pending& p = *pending_;
  Scanner& sc = p.scanner;
  ocm::Section& s = *section_;
  std::string_view key;
  ObjectReader& mr = p.member;
  mr.begin("folder member");
  ocm::Member m;
  std::string_view id;
  while (mr.next(key)) {
    if (is_key(key, "id")) {
      mr.known(1);
      id = sc.stable(mr.string());
    } else if (is_key(key, "type")) {
      mr.known(2);
      m.type = static_cast<ocm::PrincipalType>(mr.enumeration(kMemberTypes));
    } else if (is_key(key, "role")) {
      mr.known(4);
      m.role = static_cast<ocm::Role>(mr.enumeration(kOcmRoles) + 1);
    } else {
      mr.keep();
    }
  }
  m.extras = mr.end(s.extras_text);
  mr.require(1, "id");
  mr.require(2, "type");
  mr.require(4, "role");
  p.folder_member_ids.push_back(id);
  p.members.push_back(m);
}

void OcmBuilder::read_folder() {
  Pending& p = *pending_;
  Scanner& sc = p.scanner;
  ocm::Section& s = *section_;
  ObjectReader& r = p.element;
  std::string_view key, v;
  r.begin("folder");
  ocm::Folder f;
  std::string_view owner;
  p.members.clear();
  while (r.next(key)) {
    if (is_key(key, "id")) {
      r.known(1);
      f.id = r.string();
    } else if (is_key(key, "name")) {
      r.known(2);
      if (r.optional_string(v)) f.name = std::string(v);
    } else if (is_key(key, "ownedBy")) {
      r.known(4);
      owner = sc.stable(r.string());
    } else if (is_key(key, "members")) {
      r.known(8);
      f.present |= ocm::kHasMembers;
      if (sc.peek() != ValueKind::kArray)
        sc.fail_at(std::string("'members' must be an array, not ") + kind_name(sc.peek()));
      sc.enter_array();
      while (sc.next_element()) read_member_of_folder();
    } else {
      r.keep();
    }
  }
  f.extras = r.end(s.extras_text);
  r.require(1, "id");
  r.require(4, "ownedBy");
  f.members.assign(p.members.begin(), p.members.end());
  p.folder_owners.push_back(owner);
  p.folder_members_at.push_back(static_cast<std::uint32_t>(p.folder_member_ids.size()));
  s.folders.push_back(std::move(f));
}

namespace {

template <class Items>
void index_unique(const Items& items, UniqueIndex& index, const char* collection) {
  reserve_index(index, items.size(), [&](std::size_t i) -> const std::string& { return items[i].id; });
  for (Index i = 0; i < items.size(); ++i) {
    if (!index.insert_unique(items[i].id, i)) {
      fail(pointer_append(pointer_append("/ocm", collection), i) + "/id",
           "duplicate id " + in_quotes(items[i].id) + " in /ocm/" + collection);
    }
  }
}

std::uint64_t member_pair(const ocm::Member& m) {
  return (std::uint64_t{m.type != ocm::PrincipalType::kUser} << 32) | m.principal;
}

void resolve_folder_members(ocm::Section& s, Index f, const std::string_view* ids, std::string_view owner) {
  ocm::Folder& folder = s.folders[f];
  auto base = [&] { return pointer_append("/ocm/folders", f); };
  folder.owned_by = s.user_by_id.find(owner);
  if (folder.owned_by == kNoIndex) fail(base() + "/ownedBy", "ownedBy " + in_quotes(owner) + " is not in /ocm/users");
  std::unordered_set<std::uint64_t> seen;
  for (std::size_t k = 0; k < folder.members.size(); ++k) {
    ocm::Member& m = folder.members[k];
    auto mp = [&] { return pointer_append(base() + "/members", k); };
    const bool is_user = m.type == ocm::PrincipalType::kUser;
    const auto& index = is_user ? s.user_by_id : s.group_by_id;
    m.principal = index.find(ids[k]);
    if (m.principal == kNoIndex) {
      fail(mp() + "/id", std::string("a ") + (is_user ? "user" : "group") + " member names " + in_quotes(ids[k]) +
                             ", which is not in /ocm/" + (is_user ? "users" : "groups"));
    }
    if (is_user && m.principal == folder.owned_by) {
      fail(mp(), "the folder's owner " + in_quotes(ids[k]) + " is listed among its members; the owner is not a member");
    }
    if (!first_with_pair(folder.members, k, seen, member_pair)) {
      fail(mp(), in_quotes(ids[k]) + " appears twice among the folder's members");
    }
  }
}

}  // namespace

std::shared_ptr<ocm::Section> OcmBuilder::finish(std::vector<StateWarning>& warnings) {
  ocm::Section& s = *section_;
  Pending& p = *pending_;
  index_unique(s.users, s.user_by_id, "users");
  index_unique(s.groups, s.group_by_id, "groups");
  index_unique(s.folders, s.folder_by_id, "folders");
  reserve_index(s.users_by_login, s.users.size(),
                [&](std::size_t i) -> const std::string& { return s.users[i].login_name; });
  for (Index i = 0; i < s.users.size(); ++i) {
    if (s.users_by_login.add(s.users[i].login_name, i) == 2) {
      warnings.push_back({"AMBIGUOUS_LOGIN_NAME",
                          "two entries of /ocm/users have the loginName " + in_quotes(s.users[i].login_name) +
                              " apart from case; a look-up by that name is refused",
                          pointer_append("/ocm/users", i) + "/loginName"});
    }
  }
  s.groups_of_user.assign(s.users.size(), {});
  for (Index g = 0; g < s.groups.size(); ++g) {
    const std::uint32_t m0 = p.group_members_at[g], m1 = p.group_members_at[g + 1];
    s.groups[g].members.reserve(m1 - m0);
    for (std::uint32_t k = m0; k < m1; ++k) {
      const Index member = s.user_by_id.find(p.group_members[k]);
      if (member == kNoIndex) {
        fail(pointer_append(pointer_append("/ocm/groups", g) + "/members", k - m0),
             "member " + in_quotes(p.group_members[k]) + " is not in /ocm/users");
      }
      s.groups[g].members.push_back(member);
      s.groups_of_user[member].push_back(g);
    }
  }
  for (auto& gs : s.groups_of_user) {
    std::sort(gs.begin(), gs.end());
    gs.erase(std::unique(gs.begin(), gs.end()), gs.end());
  }
  for (Index f = 0; f < s.folders.size(); ++f) {
    resolve_folder_members(s, f, p.folder_member_ids.data() + p.folder_members_at[f], p.folder_owners[f]);
  }
  pending_.reset();
  s.users.shrink_to_fit();  // see HmpBuilder::finish
  s.groups.shrink_to_fit();
  s.folders.shrink_to_fit();
  s.extras_text.shrink_to_fit();
  return std::move(section_);
}

}  // namespace sharepolicy::state
