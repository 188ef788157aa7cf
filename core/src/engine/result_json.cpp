// api.md "Result" and docs/ACCESS.md "Who can / what can": serialization in the documented key
// order. The text is written directly (engine/json_writer.h), once; an nlohmann value, where a
// caller wants one, is that text parsed, so the two cannot disagree.
#include <initializer_list>
#include <string_view>
#include <utility>

#include "common/json_reader.h"
#include "common/size_hint.h"
#include "engine/json_writer.h"
#include "sharepolicy/explore.h"
#include "engine/reassign_text.h"
#include "engine/result_writers.h"
#include "sharepolicy/result.h"

namespace sharepolicy {
namespace {

using json_writer::Writer;

// A JSON array of `items`, each written by `write_one`.
template <class Items, class Write>
void write_array(Writer& w, const Items& items, Write&& write_one) {
  w.begin_array();
  for (const auto& item : items) write_one(item);
  w.end_array();
}

// An object whose members are all strings, in the order given.
void write_strings(Writer& w, std::initializer_list<std::pair<std::string_view, std::string_view>> members) {
  w.begin_object();
  for (const auto& [name, value] : members) w.string_member(name, value);
  w.end_object();
}

void write_change(Writer& w, const Change& c) {
  w.begin_object();
  w.string_member("type", c.type);
  w.string_member("system", c.system);
  // Every result change names an asset; fix-only changes (role.grant, directory.set) do not.
  if (!c.asset_kind.empty()) {
    w.key("asset");
    write_strings(w, {{"kind", c.asset_kind}, {"id", c.asset_id}});
  }
  if (c.principal) {
    w.key("principal");
    write_strings(w, {{"type", c.principal->type}, {"id", c.principal->id}});
  }
  w.key("before");
  w.optional_string(c.before);
  w.key("after");
  w.optional_string(c.after);
  w.end_object();
}

void write_changes(Writer& w, const std::vector<Change>& changes) {
  write_array(w, changes, [&](const Change& c) { write_change(w, c); });
}

void write_user(Writer& w, const AccessUser& u) { write_strings(w, {{"id", u.id}, {"name", u.name}}); }

void write_names(Writer& w, const std::vector<std::string>& names) {
  write_array(w, names, [&](const std::string& n) { w.string(n); });
}

void write_path(Writer& w, const AccessPath& p, bool uses_roles) {
  w.begin_object();
  w.string_member("type", p.type);
  if (p.group) {
    w.key("group");
    write_user(w, *p.group);
  }
  if (p.grant) {
    w.key(uses_roles ? "role" : "permission");
    w.string(*p.grant);
  }
  w.end_object();
}

void write_holder(Writer& w, const AccessHolder& h, bool uses_roles) {
  w.begin_object();
  if (h.user) {
    w.key("user");
    write_user(w, *h.user);
  } else {
    w.number_member("administrators", h.administrators);
  }
  if (uses_roles) {
    w.key("role");
    w.optional_string(h.role);
  } else {
    w.key("actions");
    write_names(w, h.actions);
  }
  w.key("via");
  write_array(w, h.via, [&](const AccessPath& p) { write_path(w, p, uses_roles); });
  w.end_object();
}

void write_delta(Writer& w, const AccessDelta& d, bool uses_roles) {
  w.begin_object();
  w.key("user");
  write_user(w, d.user);
  if (uses_roles) {
    w.key("from");
    w.optional_string(d.from);
    w.key("to");
    w.optional_string(d.to);
  } else {
    w.key("actions");
    write_names(w, d.actions);
  }
  w.end_object();
}

// Present only when a list was cut: its marker, and how many entries each list has in all.
void write_counts(Writer& w, const AccessCounts& c) {
  w.key("counts");
  w.begin_object();
  const std::pair<const char*, std::size_t> members[] = {{"before", c.before},
                                                         {"after", c.after},
                                                         {"gained", c.gained},
                                                         {"lost", c.lost}};
  for (const auto& [name, count] : members) {
    w.key(name);
    w.number(count);
  }
  w.end_object();
}

void write_asset_access(Writer& w, const AssetAccess& a) {
  w.begin_object();
  w.string_member("system", a.system);
  w.string_member("kind", a.kind);
  w.string_member("id", a.id);
  if (a.owner) {
    w.key("owner");
    write_strings(w, {{"from", a.owner->from}, {"to", a.owner->to}});
    w.end_object();
    return;
  }
  const auto holder = [&](const AccessHolder& h) { write_holder(w, h, a.uses_roles); };
  const auto delta = [&](const AccessDelta& d) { write_delta(w, d, a.uses_roles); };
  w.key("before");
  write_array(w, a.before, holder);
  w.key("after");
  write_array(w, a.after, holder);
  w.key("gained");
  write_array(w, a.gained, delta);
  w.key("lost");
  write_array(w, a.lost, delta);
  if (a.counts) write_counts(w, *a.counts);
  w.end_object();
}

void write_access(Writer& w, const Access& access) {
  w.begin_object();
  w.key("assets");
  write_array(w, access.assets, [&](const AssetAccess& a) { write_asset_access(w, a); });
  if (!access.owners.empty()) {
    w.key("owners");
    write_array(w, access.owners, [&](const auto& o) {
      w.begin_object();
      w.key("user");
      write_user(w, o.user);
      w.number_member("gained", o.gained);
      w.number_member("lost", o.lost);
      w.end_object();
    });
  }
  w.end_object();
}

void write_fix(Writer& w, const Fix& fix) {
  w.begin_object();
  w.string_member("sentence", fix.sentence);
  w.string_member("kind", fix.kind);
  w.key("changes");
  write_changes(w, fix.changes);
  w.end_object();
}

void write_vendor_error(Writer& w, const std::optional<VendorError>& error) {
  if (!error) {
    w.null();
    return;
  }
  w.begin_object();
  w.string_member("code", error->code);
  if (error->name) {
    w.string_member("name", *error->name);
  }
  w.string_member("message", error->message);
  w.end_object();
}

void write_decision_members(Writer& w, const Result& r) {
  w.key("ok");
  w.boolean(r.ok);
  w.key("response");
  w.value(r.response);
  w.key("error");
  write_vendor_error(w, r.error);
}

SHAREPOLICY_SMALL void write_moves(Writer& w, const std::vector<ReassignMove>& moves) {
  write_array(w, moves, [&](const ReassignMove& m) {
    write_strings(w, {{"id", m.id}, {"from", m.from}, {"to", m.to}});
  });
}

SHAREPOLICY_SMALL void write_skips(Writer& w, const std::vector<ReassignSkip>& skips) {
  write_array(w, skips, [&](const ReassignSkip& s) { write_strings(w, {{"id", s.id}, {"reason", s.reason}}); });
}

void write_warnings(Writer& w, const std::vector<Warning>& warnings) {
  write_array(w, warnings, [&](const Warning& x) { write_strings(w, {{"code", x.code}, {"message", x.message}}); });
}

// The paged form's counts: {"moved":N,"skipped":N,<reason>:N…}.
SHAREPOLICY_SMALL void write_reassign_counts(Writer& w, const ReassignPageFacts& page) {
  w.begin_object();
  w.number_member("moved", page.totals[2]);
  w.number_member("skipped", page.totals[3]);
  for (std::size_t i = 0; i < page.reasons.size(); ++i) {
    w.key(page.reasons[i]);
    w.number(page.skipped[i]);
  }
  w.end_object();
}

SHAREPOLICY_SMALL void write_reassign(Writer& w, const Reassign& reassign, const ReassignPageFacts* page) {
  w.begin_object();
  w.key("moved");
  write_moves(w, reassign.moved);
  w.key("skipped");
  write_skips(w, reassign.skipped);
  if (page) {
    w.key("counts");
    write_reassign_counts(w, *page);
  }
  w.end_object();
}

// {"limit":N,"totals":{<list>:N…}}: how far each list was cut.
SHAREPOLICY_SMALL void write_page(Writer& w, const ReassignPageFacts& page) {
  w.begin_object();
  w.number_member("limit", page.limit);
  w.key("totals");
  w.begin_object();
  for (std::size_t i = 0; i < page.names.size(); ++i) {
    w.key(page.names[i]);
    w.number(page.totals[i]);
  }
  w.end_object();
  w.end_object();
}

// `access_apart`: the access member holds null, its words written apart (write_result_access_apart).
void write_result(Writer& w, const Result& r, const ReassignPageFacts* page = nullptr, bool access_apart = false) {
  w.begin_object();
  w.string_member("operation", r.operation);
  write_decision_members(w, r);
  w.key("explanation");
  write_names(w, r.explanation);
  w.key("changes");
  write_changes(w, r.changes);
  w.key("warnings");
  write_warnings(w, r.warnings);
  w.string_member("fidelity", r.inferred ? "inferred" : "documented");
  if (!r.state_warnings.empty()) {
    w.key("stateWarnings");
    write_state_warnings(w, r.state_warnings);
  }
  if (r.reassign) {
    w.key("reassign");
    write_reassign(w, *r.reassign, page);
  }
  if (r.access) {
    w.key("access");
    if (access_apart) {
      w.null();
    } else {
      write_access(w, *r.access);
    }
  }
  if (r.fix) {
    w.key("fix");
    write_fix(w, *r.fix);
  }
  if (page) {
    w.key("page");
    write_page(w, *page);
  }
  w.end_object();
}

template <class T, class Write>
SHAREPOLICY_SMALL void write_page(Writer& w, const Page<T>& page, Write&& write_item) {
  w.begin_object();
  w.number_member("total", page.total);
  w.key("items");
  write_array(w, page.items, write_item);
  w.end_object();
}

SHAREPOLICY_SMALL void write_window(Writer& w, const Window& window) {
  w.number_member("offset", window.offset);
  w.number_member("limit", window.limit);
}

SHAREPOLICY_SMALL void write_group_grant(Writer& w, const GroupGrant& g, bool uses_roles) {
  w.begin_object();
  w.key("group");
  write_user(w, g.group);
  w.key(uses_roles ? "role" : "permission");
  w.string(g.grant);
  if (!uses_roles) {
    w.key("actions");
    write_names(w, g.actions);
  }
  w.number_member("users", g.users);
  w.end_object();
}

SHAREPOLICY_SMALL void write_who_can(Writer& w, const WhoCanAnswer& a) {
  w.begin_object();
  w.string_member("system", a.system);
  w.key("asset");
  w.begin_object();
  w.string_member("kind", a.kind);
  w.string_member("id", a.id);
  if (a.name) {
    w.string_member("name", *a.name);
  }
  w.end_object();
  if (a.administrators) {
    w.number_member("administrators", *a.administrators);
  }
  w.key("users");
  write_page(w, a.users, [&](const AccessHolder& h) { write_holder(w, h, a.uses_roles); });
  w.key("groups");
  write_page(w, a.groups, [&](const GroupGrant& g) { write_group_grant(w, g, a.uses_roles); });
  write_window(w, a.window);
  w.end_object();
}

SHAREPOLICY_SMALL void write_reached_asset(Writer& w, const ReachedAsset& r, bool uses_roles) {
  w.begin_object();
  w.string_member("kind", r.kind);
  w.string_member("id", r.id);
  if (r.name) {
    w.string_member("name", *r.name);
  }
  if (uses_roles) {
    w.key("role");
    w.optional_string(r.role);
  } else {
    w.key("actions");
    write_names(w, r.actions);
  }
  w.key("via");
  write_array(w, r.via, [&](const AccessPath& p) { write_path(w, p, uses_roles); });
  w.end_object();
}

SHAREPOLICY_SMALL void write_what_can(Writer& w, const WhatCanAnswer& a) {
  w.begin_object();
  w.string_member("system", a.system);
  w.key("principal");
  w.begin_object();
  w.string_member("type", a.type);
  w.string_member("id", a.principal.id);
  w.string_member("name", a.principal.name);
  if (a.members) {
    w.number_member("members", *a.members);
  }
  w.end_object();
  if (a.administrator_role) {
    w.key("administrator");
    w.begin_object();
    w.string_member("role", *a.administrator_role);
    if (a.administrator_group) {
      w.key("group");
      write_user(w, *a.administrator_group);
    }
    w.end_object();
  }
  w.key("assets");
  write_page(w, a.assets, [&](const ReachedAsset& r) { write_reached_asset(w, r, a.uses_roles); });
  write_window(w, a.window);
  w.end_object();
}

}  // namespace

SHAREPOLICY_SMALL void append_who_can_text(std::string& out, const WhoCanAnswer& a) {
  Writer w(out);
  write_who_can(w, a);
  w.finish();
}

SHAREPOLICY_SMALL void append_what_can_text(std::string& out, const WhatCanAnswer& a) {
  Writer w(out);
  write_what_can(w, a);
  w.finish();
}

// Text this file wrote, as a value. Read by the request reader, without the input limits: the
// package then holds one nlohmann parser, not two (Json::parse's DOM parser was 3.7 KB gzip).
namespace {
Json parse_written(const std::string& text) { return json_reader::parse_document(text, json_reader::kWrittenText); }
}  // namespace

SHAREPOLICY_SMALL Json who_can_to_json(const WhoCanAnswer& a) {
  std::string out;
  append_who_can_text(out, a);
  return parse_written(out);
}

SHAREPOLICY_SMALL Json what_can_to_json(const WhatCanAnswer& a) {
  std::string out;
  append_what_can_text(out, a);
  return parse_written(out);
}

void append_result_text(std::string& out, const Result& r) {
  Writer w(out);
  write_result(w, r);
  w.finish();
}

void write_result_access_apart(Writer& w, const Result& r) { write_result(w, r, nullptr, true); }

SHAREPOLICY_SMALL void append_paged_result_text(std::string& out, const Result& r, const ReassignPageFacts& page) {
  Writer w(out);
  write_result(w, r, &page);
  w.finish();
}

SHAREPOLICY_SMALL void append_list_text(std::string& out, const Result& r, std::size_t list) {
  Writer w(out);
  static const Reassign kNone;
  const Reassign& reassign = r.reassign ? *r.reassign : kNone;
  switch (list) {
    case 0: write_changes(w, r.changes); break;
    case 1: write_warnings(w, r.warnings); break;
    case 2: write_moves(w, reassign.moved); break;
    case 3: write_skips(w, reassign.skipped); break;
    default:
      w.begin_array();
      if (r.access) {
        for (const auto& a : r.access->assets) write_asset_access(w, a);
      }
      w.end_array();
  }
  w.finish();
}

void append_decision_text(std::string& out, const Result& r) {
  Writer w(out);
  w.begin_object();
  write_decision_members(w, r);
  w.end_object();
  w.finish();
}

std::string result_to_text(const Result& r) {
  std::string out;
  append_result_text(out, r);
  return out;
}

SHAREPOLICY_SMALL Json result_to_json(const Result& r) { return parse_written(result_to_text(r)); }

SHAREPOLICY_SMALL Json decision_to_json(const Result& r) {
  std::string out;
  append_decision_text(out, r);
  return parse_written(out);
}

void write_state_warnings(Writer& w, const std::vector<StateWarning>& warnings) {
  write_array(w, warnings, [&](const StateWarning& s) {
    write_strings(w, {{"code", s.code}, {"message", s.message}, {"pointer", s.pointer}});
  });
}

}  // namespace sharepolicy
