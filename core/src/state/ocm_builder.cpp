// state.md "ocm": reading, resolving and indexing the OCM section.
#include <algorithm>
#include <unordered_set>

#include "common/input_failure.h"
#include "common/text_util.h"
#include "state/element_reader.h"
#include "state/section_builders.h"

namespace sharepolicy::state {

using text_util::pointer_append;

namespace {
const char* const kProvisioning[] = {"active", "inactive", "deleted", "pending"};
const char* const kMemberTypes[] = {"user", "group"};
const char* const kRoles[] = {"viewer", "downloader", "contributor", "manager"};
std::string in_quotes(const std::string& s) { return "'" + text_util::excerpt(s) + "'"; }
[[noreturn]] void fail(const std::string& pointer, const std::string& message) {
  throw InputFailure(error_code::kStateInvalid, message, pointer);
}
}  // namespace

struct OcmBuilder::Pending {
  std::vector<std::vector<std::string>> group_members;
  std::vector<std::string> folder_owners;
  std::vector<std::vector<std::string>> folder_member_ids;
  Json extras = Json::object();  // the section's unknown members
};

OcmBuilder::OcmBuilder() : pending_(std::make_unique<Pending>()), section_(std::make_shared<ocm::Section>()) {}
OcmBuilder::~OcmBuilder() = default;

bool OcmBuilder::is_collection(const std::string& key) const {
  return key == "users" || key == "groups" || key == "folders";
}

void OcmBuilder::mark_collection_present(const std::string& key) {
  section_->present_collections |= key == "users" ? 1 : key == "groups" ? 2 : 4;
}

void OcmBuilder::add_element(const std::string& collection, std::size_t index, Json&& element) {
  const std::string pointer = pointer_append(pointer_append("/ocm", collection), index);
  ocm::Section& s = *section_;
  if (collection == "users") {
    ElementReader r(std::move(element), pointer, "user");
    ocm::User u;
    u.id = r.required_string("id");
    u.login_name = r.required_string("loginName");
    u.display_name = r.required_string("displayName");
    u.provisioning_status = static_cast<ocm::ProvisioningStatus>(r.required_enum("provisioningStatus", kProvisioning));
    u.extras = r.take_extras();
    s.users.push_back(std::move(u));
  } else if (collection == "groups") {
    ElementReader r(std::move(element), pointer, "group");
    ocm::Group g;
    g.id = r.required_string("id");
    g.display_name = r.required_string("displayName");
    auto members = r.optional_string_list("members");
    if (members) g.present |= ocm::kHasMembers;
    g.extras = r.take_extras();
    pending_->group_members.push_back(members.value_or(std::vector<std::string>{}));
    s.groups.push_back(std::move(g));
  } else {
    ElementReader r(std::move(element), pointer, "folder");
    ocm::Folder f;
    f.id = r.required_string("id");
    f.name = r.optional_string("name");
    pending_->folder_owners.push_back(r.required_string("ownedBy"));
    std::vector<std::string> ids;
    if (auto members = r.optional_array("members")) {
      f.present |= ocm::kHasMembers;
      for (std::size_t i = 0; i < members->size(); ++i) {
        ElementReader mr(std::move((*members)[i]), pointer_append(r.member_pointer("members"), i), "folder member");
        ocm::Member m;
        ids.push_back(mr.required_string("id"));
        m.type = static_cast<ocm::PrincipalType>(mr.required_enum("type", kMemberTypes));
        m.role = static_cast<ocm::Role>(mr.required_enum("role", kRoles) + 1);
        m.extras = mr.take_extras();
        f.members.push_back(std::move(m));
      }
    }
    f.extras = r.take_extras();
    pending_->folder_member_ids.push_back(std::move(ids));
    s.folders.push_back(std::move(f));
  }
}

void OcmBuilder::add_member(const std::string& key, Json&& value) {
  // Collected in pending_ and published by finish(): copying the extras for every member was
  // quadratic for a section with many unknown keys. The reader has rejected duplicate keys.
  pending_->extras.get_ref<Json::object_t&>().emplace_back(key, std::move(value));
}

namespace {

template <class T>
void index_unique(const std::vector<T>& items, UniqueIndex& index, const char* collection) {
  index.reserve(items.size());
  for (Index i = 0; i < items.size(); ++i) {
    if (!index.insert_unique(items[i].id, i)) {
      fail(pointer_append(pointer_append("/ocm", collection), i) + "/id",
           "duplicate id " + in_quotes(items[i].id) + " in /ocm/" + collection);
    }
  }
}

void resolve_folder_members(ocm::Section& s, Index f, const std::vector<std::string>& ids, const std::string& owner) {
  ocm::Folder& folder = s.folders[f];
  const std::string base = pointer_append("/ocm/folders", f);
  folder.owned_by = s.user_by_id.find(owner);
  if (folder.owned_by == kNoIndex) fail(base + "/ownedBy", "ownedBy " + in_quotes(owner) + " is not in /ocm/users");
  std::unordered_set<std::uint64_t> seen;
  for (std::size_t k = 0; k < folder.members.size(); ++k) {
    ocm::Member& m = folder.members[k];
    const std::string mp = pointer_append(base + "/members", k);
    const bool is_user = m.type == ocm::PrincipalType::kUser;
    const auto& index = is_user ? s.user_by_id : s.group_by_id;
    m.principal = index.find(ids[k]);
    if (m.principal == kNoIndex) {
      fail(mp + "/id", std::string("a ") + (is_user ? "user" : "group") + " member names " + in_quotes(ids[k]) +
                           ", which is not in /ocm/" + (is_user ? "users" : "groups"));
    }
    if (is_user && m.principal == folder.owned_by) {
      fail(mp, "the folder's owner " + in_quotes(ids[k]) + " is listed among its members; the owner is not a member");
    }
    const std::uint64_t key = (std::uint64_t{!is_user} << 32) | m.principal;
    if (!seen.insert(key).second) fail(mp, in_quotes(ids[k]) + " appears twice among the folder's members");
  }
}

}  // namespace

std::shared_ptr<ocm::Section> OcmBuilder::finish(std::vector<StateWarning>& warnings) {
  ocm::Section& s = *section_;
  Pending& p = *pending_;
  if (!p.extras.empty()) s.extras = std::make_shared<const Json>(std::move(p.extras));
  index_unique(s.users, s.user_by_id, "users");
  index_unique(s.groups, s.group_by_id, "groups");
  index_unique(s.folders, s.folder_by_id, "folders");
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
    for (std::size_t k = 0; k < p.group_members[g].size(); ++k) {
      const Index member = s.user_by_id.find(p.group_members[g][k]);
      if (member == kNoIndex) {
        fail(pointer_append(pointer_append("/ocm/groups", g) + "/members", k),
             "member " + in_quotes(p.group_members[g][k]) + " is not in /ocm/users");
      }
      s.groups[g].members.push_back(member);
      s.groups_of_user[member].push_back(g);
    }
  }
  for (auto& gs : s.groups_of_user) {
    std::sort(gs.begin(), gs.end());
    gs.erase(std::unique(gs.begin(), gs.end()), gs.end());
  }
  for (Index f = 0; f < s.folders.size(); ++f) resolve_folder_members(s, f, p.folder_member_ids[f], p.folder_owners[f]);
  pending_.reset();
  return std::move(section_);
}

}  // namespace sharepolicy::state
