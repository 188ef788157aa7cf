// state.md "Output": the state written back in the input's shape. Known keys come first in the
// order state.md lists them, then the element's unknown keys in their input order; an optional
// key absent from the input stays absent. Written straight to text: no DOM of the whole state.
#include "sharepolicy/state.h"
#include "state/model.h"
#include "state/vocabulary.h"

namespace sharepolicy {
namespace {

class Writer {
 public:
  explicit Writer(StateView view) : whole_(view == StateView::kWhole) {}
  std::string take() { return std::move(out_); }
  // Lists of references (shares, members) and unknown members are written only for the whole.
  bool whole() const { return whole_; }

  void string(const std::string& s) {
    out_ += '"';
    for (char c : s) {
      const auto u = static_cast<unsigned char>(c);
      switch (c) {
        case '"': out_ += "\\\""; break;
        case '\\': out_ += "\\\\"; break;
        case '\n': out_ += "\\n"; break;
        case '\r': out_ += "\\r"; break;
        case '\t': out_ += "\\t"; break;
        case '\b': out_ += "\\b"; break;
        case '\f': out_ += "\\f"; break;
        default:
          if (u < 0x20) {
            static const char* hex = "0123456789abcdef";
            out_ += "\\u00";
            out_ += hex[u >> 4];
            out_ += hex[u & 15];
          } else {
            out_ += c;
          }
      }
    }
    out_ += '"';
  }

  // Object helpers: key() writes the separator and the key.
  void open_object() {
    out_ += '{';
    first_.push_back(true);
  }
  void close_object() {
    out_ += '}';
    first_.pop_back();
  }
  void open_array() {
    out_ += '[';
    first_.push_back(true);
  }
  void close_array() {
    out_ += ']';
    first_.pop_back();
  }
  void comma() {
    if (!first_.back()) out_ += ',';
    first_.back() = false;
  }
  void key(const char* k) {
    comma();
    out_ += '"';
    out_ += k;  // known keys need no escaping
    out_ += "\":";
  }
  void key(const std::string& k) {
    comma();
    string(k);
    out_ += ':';
  }
  void raw(const std::string& s) { out_ += s; }
  void boolean(bool b) { out_ += b ? "true" : "false"; }

  void member(const char* k, const std::string& v) {
    key(k);
    string(v);
  }
  void member(const char* k, const std::optional<std::string>& v) {
    if (v) member(k, *v);
  }
  // Unknown members, as read (compact text in the section's extras_text).
  void extras(const std::string& text, const Extras& e) {
    if (!e || !whole_) return;
    comma();
    out_.append(text, e.offset, e.size);
  }
  void extras_text(const std::string& text) {
    if (text.empty() || !whole_) return;
    comma();
    out_ += text;
  }
  template <class List, class Each>
  void list(const char* k, const List& items, Each each) {
    key(k);
    open_array();
    for (const auto& item : items) {
      comma();
      each(item);
    }
    close_array();
  }
  void string_list(const char* k, const std::vector<std::string>& items) {
    list(k, items, [&](const std::string& s) { string(s); });
  }

 private:
  bool whole_;
  std::string out_;
  std::vector<bool> first_;
};

// A reference as written in the input where it was spelt otherwise than the id it names.
const std::string& spelt(const hmp::Section& s, Index spelling, const std::string& id) {
  return spelling == kNoIndex ? id : s.spellings[spelling];
}

std::string permission_text(const hmp::Section& s, const hmp::Permission& p, Index spelling) {
  if (const char* builtin = vocabulary::builtin_permission_name(p.kind)) return builtin;
  return spelt(s, spelling, s.access_permissions[p.custom].id);
}

bool collection_written(std::uint16_t present, int bit, bool non_empty) {
  return non_empty || vocabulary::has_collection(present, bit);
}

void write_asset(Writer& w, const hmp::Section& s, const hmp::Asset& a, bool has_owner) {
  w.open_object();
  w.member("id", a.id);
  w.member("name", a.name);
  if (has_owner && a.owner != kNoIndex) w.member("owner", spelt(s, a.owner_spelling, s.users[a.owner].id));
  if (w.whole() && ((a.present & hmp::kHasShares) || !a.shares.empty())) {
    w.list("shares", a.shares, [&](const hmp::Share& sh) {
      w.open_object();
      const bool is_user = sh.type == hmp::ShareType::kUser;
      const hmp::ShareDetails& details = s.details_of(sh);
      w.member("id",
               spelt(s, details.principal_spelling, is_user ? s.users[sh.principal].id : s.groups[sh.principal].id));
      w.member("shareType", std::string(vocabulary::kShareTypes[static_cast<int>(sh.type)]));
      w.member("permission", permission_text(s, sh.permission, details.permission_spelling));
      w.extras(s.extras_text, details.extras);
      w.close_object();
    });
  }
  w.extras(s.extras_text, a.extras);
  w.close_object();
}

void write_hmp(Writer& w, const hmp::Section& s) {
  w.open_object();
  const auto present = s.present_collections;
  if (collection_written(present, vocabulary::hmp_collection::kUsers, !s.users.empty())) {
    w.list("users", s.users, [&](const hmp::User& u) {
      w.open_object();
      w.member("id", u.id);
      w.member("username", u.username);
      w.member("email", u.email);
      if ((u.present & hmp::kHasRoles) || !u.roles.empty()) {
        w.list("roles", u.roles, [&](Index r) { w.string(s.roles[r].name); });
      }
      if ((u.present & hmp::kHasGroups) || !u.groups_in_order.empty()) {
        w.key("groups");
        w.open_array();
        for (std::size_t k = 0; k < u.groups_in_order.size(); ++k) {
          w.comma();
          const Index spelling = u.group_spellings.empty() ? kNoIndex : u.group_spellings[k];
          w.string(spelt(s, spelling, s.groups[u.groups_in_order[k]].id));
        }
        w.close_array();
      }
      w.extras(s.extras_text, u.extras);
      w.close_object();
    });
  }
  if (collection_written(present, vocabulary::hmp_collection::kGroups, !s.groups.empty())) {
    w.list("groups", s.groups, [&](const hmp::Group& g) {
      w.open_object();
      w.member("id", g.id);
      w.member("groupname", g.groupname);
      if ((g.present & hmp::kHasRoles) || !g.roles.empty()) {
        w.list("roles", g.roles, [&](Index r) { w.string(s.roles[r].name); });
      }
      w.extras(s.extras_text, g.extras);
      w.close_object();
    });
  }
  if (collection_written(present, vocabulary::hmp_collection::kRoles, !s.roles.empty())) {
    w.list("roles", s.roles, [&](const hmp::Role& r) {
      w.open_object();
      w.member("name", r.name);
      w.key("administrator");
      w.boolean(r.administrator);
      w.extras(s.extras_text, r.extras);
      w.close_object();
    });
  }
  if (collection_written(present, vocabulary::hmp_collection::kAccessPermissions, !s.access_permissions.empty())) {
    w.list("accessPermissions", s.access_permissions, [&](const hmp::AccessPermission& p) {
      w.open_object();
      w.member("id", p.id);
      w.member("name", p.name);
      w.string_list("actions", p.action_names);
      w.extras(s.extras_text, p.extras);
      w.close_object();
    });
  }
  if (collection_written(present, vocabulary::hmp_collection::kRecordings, !s.recordings.empty())) {
    w.list("recordings", s.recordings, [&](const hmp::Asset& a) { write_asset(w, s, a, true); });
  }
  if (collection_written(present, vocabulary::hmp_collection::kFeeds, !s.feeds.empty())) {
    w.list("feeds", s.feeds, [&](const hmp::Asset& a) { write_asset(w, s, a, false); });
  }
  if (collection_written(present, vocabulary::hmp_collection::kSessions, !s.sessions.empty())) {
    w.list("sessions", s.sessions, [&](const hmp::Asset& a) { write_asset(w, s, a, true); });
  }
  if (s.has_directory) {
    w.key("directory");
    w.open_object();
    if (s.directory_available) {
      w.key("available");
      w.boolean(*s.directory_available);
    }
    w.extras(s.extras_text, s.directory_extras);
    w.close_object();
  }
  w.extras(s.extras_text, s.extras);
  w.close_object();
}

using vocabulary::kPersonStatuses;
using vocabulary::kPersonTypes;
using vocabulary::kRecordingStatuses;

void write_webex(Writer& w, const webex::Section& s) {
  w.open_object();
  if (collection_written(s.present_collections, vocabulary::webex_collection::kPeople, !s.people.empty())) {
    w.list("people", s.people, [&](const webex::Person& p) {
      w.open_object();
      w.member("id", p.id);
      w.member("email", p.email);
      w.member("displayName", p.display_name);
      w.member("type", std::string(kPersonTypes[static_cast<int>(p.type)]));
      if (p.status) w.member("status", std::string(kPersonStatuses[static_cast<int>(*p.status)]));
      w.extras(s.extras_text, p.extras);
      w.close_object();
    });
  }
  if (collection_written(s.present_collections, vocabulary::webex_collection::kRecordings, !s.recordings.empty())) {
    w.list("recordings", s.recordings, [&](const webex::Recording& r) {
      w.open_object();
      w.member("id", r.id);
      w.member("topic", r.topic);
      w.member("ownerId", s.people[r.owner].id);
      if (r.status) w.member("status", std::string(kRecordingStatuses[static_cast<int>(*r.status)]));
      w.extras(s.extras_text, r.extras);
      w.close_object();
    });
  }
  w.extras(s.extras_text, s.extras);
  w.close_object();
}

void write_ocm(Writer& w, const ocm::Section& s) {
  w.open_object();
  if (collection_written(s.present_collections, vocabulary::ocm_collection::kUsers, !s.users.empty())) {
    w.list("users", s.users, [&](const ocm::User& u) {
      w.open_object();
      w.member("id", u.id);
      w.member("loginName", u.login_name);
      w.member("displayName", u.display_name);
      w.member("provisioningStatus", std::string(vocabulary::provisioning_name(u.provisioning_status)));
      w.extras(s.extras_text, u.extras);
      w.close_object();
    });
  }
  if (collection_written(s.present_collections, vocabulary::ocm_collection::kGroups, !s.groups.empty())) {
    w.list("groups", s.groups, [&](const ocm::Group& g) {
      w.open_object();
      w.member("id", g.id);
      w.member("displayName", g.display_name);
      if (w.whole() && ((g.present & ocm::kHasMembers) || !g.members.empty())) {
        w.list("members", g.members, [&](Index u) { w.string(s.users[u].id); });
      }
      w.extras(s.extras_text, g.extras);
      w.close_object();
    });
  }
  if (collection_written(s.present_collections, vocabulary::ocm_collection::kFolders, !s.folders.empty())) {
    w.list("folders", s.folders, [&](const ocm::Folder& f) {
      w.open_object();
      w.member("id", f.id);
      w.member("name", f.name);
      w.member("ownedBy", s.users[f.owned_by].id);
      if (w.whole() && ((f.present & ocm::kHasMembers) || !f.members.empty())) {
        w.list("members", f.members, [&](const ocm::Member& m) {
          w.open_object();
          const bool is_user = m.type == ocm::PrincipalType::kUser;
          w.member("id", is_user ? s.users[m.principal].id : s.groups[m.principal].id);
          w.member("type", std::string(is_user ? "user" : "group"));
          w.member("role", std::string(vocabulary::ocm_role_name(m.role)));
          w.extras(s.extras_text, m.extras);
          w.close_object();
        });
      }
      w.extras(s.extras_text, f.extras);
      w.close_object();
    });
  }
  w.extras(s.extras_text, s.extras);
  w.close_object();
}

}  // namespace

std::string write_state(const State& state, StateView view) {
  const detail::StateData& d = state.data();
  Writer w(view);
  w.open_object();
  if (d.schema) w.member("schema", *d.schema);
  if (d.hmp) {
    w.key("hmp");
    write_hmp(w, *d.hmp);
  }
  if (d.webex) {
    w.key("webex");
    write_webex(w, *d.webex);
  }
  if (d.ocm) {
    w.key("ocm");
    write_ocm(w, *d.ocm);
  }
  w.extras_text(d.extras_text);
  w.close_object();
  return w.take();
}

}  // namespace sharepolicy
