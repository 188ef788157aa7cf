// Builders for the small states the unit tests set up (docs: /work/shared/spec/state.md): one
// element per call, with the keys in the spec's order, so that a test lists its cast in a few lines
// instead of repeating the JSON text of every row. Each returns a Json value; `load` makes it a State.
#pragma once
#include <string>
#include <vector>

#include "sharepolicy/result.h"
#include "test_support.h"

namespace state_builders {

using sharepolicy::Json;
using Names = std::vector<std::string>;
// A list of elements. A vector rather than Json, because a Json braced list of one element copies
// that element instead of making an array of it.
using Rows = std::vector<Json>;

inline sharepolicy::State load(const Json& state) { return test_support::load(state.dump()); }

namespace webex {

// A /webex/people element; an empty displayName or status is left out (status defaults to active).
inline Json person(const std::string& id, const std::string& email, const std::string& type = "user",
                   const std::string& status = "", const std::string& display_name = "") {
  Json p = {{"id", id}, {"email", email}};
  if (!display_name.empty()) p["displayName"] = display_name;
  p["type"] = type;
  if (!status.empty()) p["status"] = status;
  return p;
}

// A /webex/recordings element with only the keys the reassignment needs.
inline Json recording(const std::string& id, const std::string& owner_id) {
  return {{"id", id}, {"ownerId", owner_id}};
}

inline Json state(const Rows& people, const Rows& recordings) {
  return Json{{"webex", Json{{"people", people}, {"recordings", recordings}}}};
}

}  // namespace webex

namespace ocm {

inline Json user(const std::string& id, const std::string& login_name, const std::string& display_name,
                 const std::string& provisioning_status = "active") {
  return {{"id", id},
          {"loginName", login_name},
          {"displayName", display_name},
          {"provisioningStatus", provisioning_status}};
}

inline Json group(const std::string& id, const std::string& display_name, const Names& members) {
  return {{"id", id}, {"displayName", display_name}, {"members", members}};
}

// A folder's member: `type` is "user" or "group".
inline Json member(const std::string& id, const std::string& type, const std::string& role) {
  return {{"id", id}, {"type", type}, {"role", role}};
}

// A folder; an empty name is left out.
inline Json folder(const std::string& id, const std::string& owned_by, const Rows& members,
                   const std::string& name = "") {
  Json f = {{"id", id}};
  if (!name.empty()) f["name"] = name;
  f["ownedBy"] = owned_by;
  f["members"] = members;
  return f;
}

inline Json state(const Rows& users, const Rows& groups, const Rows& folders) {
  return Json{{"ocm", Json{{"users", users}, {"groups", groups}, {"folders", folders}}}};
}

}  // namespace ocm

namespace hmp {

inline Json role(const std::string& name, bool administrator) {
  return {{"name", name}, {"administrator", administrator}};
}

inline Json group(const std::string& id, const std::string& groupname, const Names& roles) {
  return {{"id", id}, {"groupname", groupname}, {"roles", roles}};
}

inline Json user(const std::string& id, const std::string& username, const Names& roles, const Names& groups) {
  return {{"id", id}, {"username", username}, {"roles", roles}, {"groups", groups}};
}

// A share on an asset: `share_type` is "USER" or "GROUP".
inline Json share(const std::string& principal_id, const std::string& share_type, const std::string& permission) {
  return {{"id", principal_id}, {"shareType", share_type}, {"permission", permission}};
}

inline Json recording(const std::string& id, const std::string& owner, const Rows& shares) {
  return {{"id", id}, {"owner", owner}, {"shares", shares}};
}

inline Json feed(const std::string& id, const Rows& shares) { return {{"id", id}, {"shares", shares}}; }

// The hmp section without assets; add "recordings" or "feeds" to state["hmp"].
inline Json state(const Rows& roles, const Rows& groups, const Rows& users) {
  return Json{{"hmp", Json{{"roles", roles}, {"groups", groups}, {"users", users}}}};
}

}  // namespace hmp

}  // namespace state_builders
