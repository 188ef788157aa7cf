// "Who can / what can": reads the query, finds the asset or principal in its system's section,
// and hands it to the vendor module (engine/explore_calls.h). Look-ups follow the state's keys:
// HMP ids compare case-insensitively, names (username, groupname, loginName, email) too.
#include "sharepolicy/explore.h"

#include "common/input_failure.h"
#include "common/text_util.h"
#include "engine/explore_calls.h"

namespace sharepolicy {
namespace {

[[noreturn]] void invalid(const std::string& pointer, const std::string& message) {
  throw InputFailure(error_code::kRequestInvalid, message, pointer);
}

const Json& member(const Json& object, const char* key, const std::string& pointer) {
  auto it = object.find(key);
  if (it == object.end()) invalid(pointer, std::string("the query needs '") + key + "'");
  return *it;
}

std::string string_member(const Json& object, const char* key, const std::string& pointer) {
  const Json& v = member(object, key, pointer + "/" + key);
  if (!v.is_string() || v.get_ref<const std::string&>().empty()) {
    invalid(pointer + "/" + key, std::string("'") + key + "' must be a non-empty string");
  }
  return v.get<std::string>();
}

std::size_t count_member(const Json& query, const char* key, std::size_t fallback, std::size_t max) {
  auto it = query.find(key);
  if (it == query.end() || it->is_null()) return fallback;
  // Read through pointers to the stored number: no conversion templates for one member.
  std::uint64_t n = 0;
  if (const auto* u = it->get_ptr<const Json::number_unsigned_t*>()) {
    n = *u;
  } else if (const auto* i = it->get_ptr<const Json::number_integer_t*>(); i && *i >= 0) {
    n = static_cast<std::uint64_t>(*i);
  } else {
    invalid(std::string("/") + key, std::string("'") + key + "' must be a whole number, 0 or more");
  }
  if (n > max) invalid(std::string("/") + key, std::string("'") + key + "' may be at most " + std::to_string(max));
  return static_cast<std::size_t>(n);
}

Window window_of(const Json& query) {
  Window w;
  w.offset = count_member(query, "offset", 0, 0xffffffffu);
  w.limit = count_member(query, "limit", w.limit, kMaxExploreLimit);
  return w;
}

std::string system_of(const Json& query) {
  if (!query.is_object()) invalid("", "a query must be a JSON object");
  std::string system = string_member(query, "system", "");
  if (system != "hmp" && system != "webex" && system != "ocm") invalid("/system", "'system' must be hmp, webex or ocm");
  return system;
}

template <class F>
auto guarded(F&& f) -> Expected<decltype(f())> {
  try {
    return f();
  } catch (const InputFailure& failure) {
    return failure.error();
  }
}

template <class Section>
const Section& section_of(const detail::SectionPtr<Section>& section, const std::string& system) {
  if (!section) invalid("/system", "the state has no '" + system + "' section");
  return *section;
}

Index find_in(const UniqueIndex& index, const std::string& key) {
  return index.find(key);  // kNoIndex when absent
}

// By id, else by a name that only one principal has.
Index find_principal(const UniqueIndex& by_id, const std::string& id_key, const MultiIndex* by_name,
                     const std::string& id, const char* what) {
  if (Index i = find_in(by_id, id_key); i != kNoIndex) return i;
  if (by_name) {
    const IndexSpan named = by_name->find_all(id);  // the index folds case where names do
    if (named.size() == 1) return named.front();
    if (!named.empty()) {
      invalid("/principal/id", text_util::quoted(id) + " is the name of " + std::to_string(named.size()) + " " + what +
                                   "s that differ only in case: give the id");
    }
  }
  invalid("/principal/id", text_util::quoted(id) + " names no " + what);
}

// ---- who can -------------------------------------------------------------------------------

WhoCanAnswer hmp_who_can(const hmp::Section& s, const WhoCanQuery& q) {
  const std::string key = text_util::lower_ascii(q.id);
  const auto found = [&](hmp::AssetKind kind, const CowVector<hmp::Asset>& assets, const UniqueIndex& index) {
    const Index i = find_in(index, key);
    if (i == kNoIndex)
      invalid("/asset/id", "no HMP " + std::string(hmp::asset_kind_name(kind)) + " has id " + text_util::quoted(q.id));
    return hmp::who_can(s, kind, assets[i], q.window);
  };
  if (q.kind == "recording") return found(hmp::AssetKind::kRecording, s.recordings, s.recording_by_id);
  if (q.kind == "feed") return found(hmp::AssetKind::kFeed, s.feeds, s.feed_by_id);
  if (q.kind == "session") return found(hmp::AssetKind::kSession, s.sessions, s.session_by_id);
  invalid("/asset/kind", "an HMP asset's 'kind' is recording, feed or session");
}

WhoCanAnswer ocm_who_can(const ocm::Section& s, const WhoCanQuery& q) {
  if (q.kind != "folder") invalid("/asset/kind", "an OCM asset's 'kind' is folder");
  const Index f = find_in(s.folder_by_id, q.id);
  if (f == kNoIndex) invalid("/asset/id", "no OCM folder has id " + text_util::quoted(q.id));
  return ocm::who_can(s, s.folders[f], q.window);
}

WhoCanAnswer webex_who_can(const webex::Section& s, const WhoCanQuery& q) {
  if (q.kind != "recording") invalid("/asset/kind", "a Webex asset's 'kind' is recording");
  const Index r = find_in(s.recording_by_id, q.id);
  if (r == kNoIndex) invalid("/asset/id", "no Webex recording has id " + text_util::quoted(q.id));
  return webex::who_can(s, s.recordings[r], q.window);
}

// ---- what can ------------------------------------------------------------------------------

void check_type(const WhatCanQuery& q, bool ok, const char* types) {
  if (!ok) invalid("/principal/type", "a " + q.system + " principal's 'type' is " + types);
}

// Both queries have one shape: {"system", subject: {what, "id"}, "offset"?, "limit"?}, with
// subject asset/kind for who-can and principal/type for what-can.
template <class Query>
Expected<Query> query_from_json(const Json& value, const char* subject, const char* what,
                                std::string Query::*what_member) {
  return guarded([&] {
    Query q;
    q.system = system_of(value);
    const std::string pointer = std::string("/") + subject;
    const Json& part = member(value, subject, pointer);
    if (!part.is_object()) {
      invalid(pointer, std::string("'") + subject + "' must be an object {\"" + what + "\", \"id\"}");
    }
    q.*what_member = string_member(part, what, pointer);
    q.id = string_member(part, "id", pointer);
    q.window = window_of(value);
    return q;
  });
}

}  // namespace

Expected<WhoCanQuery> who_can_query_from_json(const Json& value) {
  return query_from_json<WhoCanQuery>(value, "asset", "kind", &WhoCanQuery::kind);
}

Expected<WhatCanQuery> what_can_query_from_json(const Json& value) {
  return query_from_json<WhatCanQuery>(value, "principal", "type", &WhatCanQuery::type);
}

Explorer::Explorer(State state) : state_(std::move(state)) {}
Explorer::~Explorer() = default;
Explorer::Explorer(Explorer&&) noexcept = default;
Explorer& Explorer::operator=(Explorer&&) noexcept = default;

Expected<WhoCanAnswer> Explorer::who_can(const WhoCanQuery& q) const {
  return guarded([&] {
    const detail::StateData& d = state_.data();
    if (q.system == "hmp") return hmp_who_can(section_of(d.hmp, q.system), q);
    if (q.system == "ocm") return ocm_who_can(section_of(d.ocm, q.system), q);
    return webex_who_can(section_of(d.webex, q.system), q);
  });
}

Expected<WhatCanAnswer> Explorer::what_can(const WhatCanQuery& q) const {
  return guarded([&] {
    const detail::StateData& d = state_.data();
    if (!index_) index_ = std::make_unique<explore::AssetsByPrincipal>();
    if (q.system == "hmp") {
      const hmp::Section& s = section_of(d.hmp, q.system);
      check_type(q, q.type == "user" || q.type == "group", "user or group");
      if (!index_->hmp) index_->hmp = std::make_unique<explore::HmpIndex>(hmp::build_explore_index(s));
      const std::string key = text_util::lower_ascii(q.id);
      if (q.type == "user") {
        return hmp::what_can_user(s, *index_->hmp,
                                  find_principal(s.user_by_id, key, &s.users_by_name, q.id, "HMP user"), q.window);
      }
      return hmp::what_can_group(s, *index_->hmp,
                                 find_principal(s.group_by_id, key, &s.groups_by_name, q.id, "HMP group"), q.window);
    }
    if (q.system == "ocm") {
      const ocm::Section& s = section_of(d.ocm, q.system);
      check_type(q, q.type == "user" || q.type == "group", "user or group");
      if (!index_->ocm) index_->ocm = std::make_unique<explore::OcmIndex>(ocm::build_explore_index(s));
      if (q.type == "user") {
        return ocm::what_can_user(s, *index_->ocm,
                                  find_principal(s.user_by_id, q.id, &s.users_by_login, q.id, "OCM user"), q.window);
      }
      return ocm::what_can_group(s, *index_->ocm, find_principal(s.group_by_id, q.id, nullptr, q.id, "OCM group id"),
                                 q.window);
    }
    const webex::Section& s = section_of(d.webex, q.system);
    check_type(q, q.type == "person", "person");
    return webex::what_can_person(s, find_principal(s.person_by_id, q.id, &s.people_by_email, q.id, "Webex person"),
                                  q.window);
  });
}

}  // namespace sharepolicy
