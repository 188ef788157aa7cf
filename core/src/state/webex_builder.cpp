// state.md "webex": reading, resolving and indexing the Webex section.
#include "common/input_failure.h"
#include "common/text_util.h"
#include "state/element_reader.h"
#include "state/section_builders.h"

namespace sharepolicy::state {

using text_util::pointer_append;

namespace {
const char* const kPersonTypes[] = {"user", "virtualLine", "workspace", "place", "callQueue"};
const char* const kPersonStatuses[] = {"active", "inactive"};
const char* const kRecordingStatuses[] = {"available", "deleted", "purged"};
std::string in_quotes(const std::string& s) { return "'" + text_util::excerpt(s) + "'"; }
}  // namespace

struct WebexBuilder::Pending {
  std::vector<std::string> owner_ids;
  Json extras = Json::object();  // the section's unknown members
};

WebexBuilder::WebexBuilder() : pending_(std::make_unique<Pending>()), section_(std::make_shared<webex::Section>()) {}
WebexBuilder::~WebexBuilder() = default;

bool WebexBuilder::is_collection(const std::string& key) const { return key == "people" || key == "recordings"; }

void WebexBuilder::mark_collection_present(const std::string& key) {
  section_->present_collections |= key == "people" ? 1 : 2;
}

void WebexBuilder::add_element(const std::string& collection, std::size_t index, Json&& element) {
  const std::string pointer = pointer_append(pointer_append("/webex", collection), index);
  webex::Section& s = *section_;
  if (collection == "people") {
    ElementReader r(std::move(element), pointer, "person");
    webex::Person p;
    p.id = r.required_string("id");
    p.email = r.required_string("email");
    p.display_name = r.optional_string("displayName");
    p.type = static_cast<webex::PersonType>(r.required_enum("type", kPersonTypes));
    if (auto st = r.optional_enum("status", kPersonStatuses)) p.status = static_cast<webex::PersonStatus>(*st);
    p.extras = r.take_extras();
    s.people.push_back(std::move(p));
  } else {
    ElementReader r(std::move(element), pointer, "recording");
    webex::Recording rec;
    rec.id = r.required_string("id");
    rec.topic = r.optional_string("topic");
    pending_->owner_ids.push_back(r.required_string("ownerId"));
    if (auto st = r.optional_enum("status", kRecordingStatuses)) rec.status = static_cast<webex::RecordingStatus>(*st);
    // Shown on the page, never decisive: type-checked and passed through.
    r.passthrough_string("serviceType");
    r.passthrough_string("createTime");
    r.passthrough_number("sizeBytes");
    r.passthrough_number("durationSeconds");
    rec.extras = r.take_extras();
    s.recordings.push_back(std::move(rec));
  }
}

void WebexBuilder::add_member(const std::string& key, Json&& value) {
  // Collected in pending_ and published by finish(): copying the extras for every member was
  // quadratic for a section with many unknown keys. The reader has rejected duplicate keys.
  pending_->extras.get_ref<Json::object_t&>().emplace_back(key, std::move(value));
}

void index_webex_owners(webex::Section& s) {
  s.recordings_by_owner.assign(s.people.size(), {});
  for (Index r = 0; r < s.recordings.size(); ++r) s.recordings_by_owner[s.recordings[r].owner].push_back(r);
}

std::shared_ptr<webex::Section> WebexBuilder::finish(std::vector<StateWarning>& warnings) {
  webex::Section& s = *section_;
  if (!pending_->extras.empty()) s.extras = std::make_shared<const Json>(std::move(pending_->extras));
  s.person_by_id.reserve(s.people.size());
  for (Index i = 0; i < s.people.size(); ++i) {
    if (!s.person_by_id.insert_unique(s.people[i].id, i)) {
      throw InputFailure(error_code::kStateInvalid, "duplicate id " + in_quotes(s.people[i].id) + " in /webex/people",
                         pointer_append("/webex/people", i) + "/id");
    }
    if (s.people_by_email.add(s.people[i].email, i) == 2) {
      warnings.push_back({"AMBIGUOUS_EMAIL",
                          "two entries of /webex/people have the email " + in_quotes(s.people[i].email) +
                              " apart from case; a look-up by that email is refused",
                          pointer_append("/webex/people", i) + "/email"});
    }
  }
  s.email_order.build(s.people.size(), [&](std::size_t i) -> const std::string& { return s.people[i].email; });
  s.recording_by_id.reserve(s.recordings.size());
  for (Index i = 0; i < s.recordings.size(); ++i) {
    const std::string base = pointer_append("/webex/recordings", i);
    if (!s.recording_by_id.insert_unique(s.recordings[i].id, i)) {
      throw InputFailure(error_code::kStateInvalid, "duplicate id " + in_quotes(s.recordings[i].id) + " in /webex/recordings",
                         base + "/id");
    }
    const Index owner = s.person_by_id.find(pending_->owner_ids[i]);
    if (owner == kNoIndex) {
      throw InputFailure(error_code::kStateInvalid,
                         "ownerId " + in_quotes(pending_->owner_ids[i]) + " is not in /webex/people", base + "/ownerId");
    }
    s.recordings[i].owner = owner;
  }
  index_webex_owners(s);
  pending_.reset();
  return std::move(section_);
}

}  // namespace sharepolicy::state
