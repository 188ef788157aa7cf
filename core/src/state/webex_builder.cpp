// state.md "webex": reading, resolving and indexing the Webex section.
#include "common/input_failure.h"
#include "common/text_util.h"
#include "state/reading.h"
#include "state/section_builders.h"
#include "state/vocabulary.h"

namespace sharepolicy::state {

using text_util::pointer_append;

namespace {
using vocabulary::kPersonStatuses;
using vocabulary::kPersonTypes;
using vocabulary::kRecordingStatuses;
std::string in_quotes(std::string_view s) { return "'" + text_util::excerpt(s) + "'"; }
}  // namespace

struct WebexBuilder::Pending {
  explicit Pending(Scanner& s) : scanner(s), element(s) {}
  Scanner& scanner;
  ObjectReader element;
  std::vector<std::string_view> owner_ids;  // views into the text (copies when it streams)
};

WebexBuilder::WebexBuilder(Scanner& s)
    : section_(std::make_shared<webex::Section>()), pending_(std::make_unique<Pending>(s)) {
  webex::Section& sec = *section_;
  bind(vocabulary::webex_collection::kNames, vocabulary::webex_collection::kCount, sec.present_collections,
       sec.extras_text, sec.extras);
}
WebexBuilder::~WebexBuilder() = default;

void WebexBuilder::read_element(int bit) { bit == 0 ? read_person() : read_recording(); }

void WebexBuilder::read_person() {
  Scanner& sc = pending_->scanner;
  webex::Section& s = *section_;
  ObjectReader& r = pending_->element;
  std::string_view key, v;
  r.begin("person");
  webex::Person p;
  while (r.next(key)) {
    if (is_key(key, "id")) {
      r.known(1);
      p.id = r.string();
    } else if (is_key(key, "email")) {
      r.known(2);
      p.email = r.string();
    } else if (is_key(key, "displayName")) {
      r.known(4);
      if (r.optional_string(v)) p.display_name = std::string(v);
    } else if (is_key(key, "type")) {
      r.known(8);
      p.type = static_cast<webex::PersonType>(r.enumeration(kPersonTypes));
    } else if (is_key(key, "status")) {
      r.known(16);
      if (sc.peek() == ValueKind::kNull) {
        r.keep();
      } else {
        p.status = static_cast<webex::PersonStatus>(r.enumeration(kPersonStatuses));
      }
    } else {
      r.keep();
    }
  }
  p.extras = r.end(s.extras_text);
  r.require(1, "id");
  r.require(2, "email");
  r.require(8, "type");
  s.people.push_back(std::move(p));
}

void WebexBuilder::read_recording() {
  Scanner& sc = pending_->scanner;
  webex::Section& s = *section_;
  ObjectReader& r = pending_->element;
  std::string_view key, v;
  r.begin("recording");
  webex::Recording rec;
  std::string_view owner;
  while (r.next(key)) {
    if (is_key(key, "id")) {
      r.known(1);
      rec.id = r.string();
    } else if (is_key(key, "topic")) {
      r.known(2);
      if (r.optional_string(v)) rec.topic = std::string(v);
    } else if (is_key(key, "ownerId")) {
      r.known(4);
      owner = sc.stable(r.string());
    } else if (is_key(key, "status")) {
      r.known(8);
      if (sc.peek() == ValueKind::kNull) {
        r.keep();
      } else {
        rec.status = static_cast<webex::RecordingStatus>(r.enumeration(kRecordingStatuses));
      }
    } else if (is_key(key, "serviceType") || is_key(key, "createTime")) {
      // Shown on the page, never decisive: type-checked and passed through.
      r.passthrough(ValueKind::kString, "a string");
    } else if (is_key(key, "sizeBytes") || is_key(key, "durationSeconds")) {
      r.passthrough(ValueKind::kNumber, "a number");
    } else {
      r.keep();
    }
  }
  rec.extras = r.end(s.extras_text);
  r.require(1, "id");
  r.require(4, "ownerId");
  pending_->owner_ids.push_back(owner);
  s.recordings.push_back(std::move(rec));
}

void index_webex_owners(webex::Section& s) {
  s.recordings_by_owner.assign(s.people.size(), {});
  for (Index r = 0; r < s.recordings.size(); ++r) s.recordings_by_owner[s.recordings[r].owner].push_back(r);
}

std::shared_ptr<webex::Section> WebexBuilder::finish(std::vector<StateWarning>& warnings) {
  webex::Section& s = *section_;
  reserve_index(s.person_by_id, s.people.size(), [&](std::size_t i) -> const std::string& { return s.people[i].id; });
  reserve_index(s.people_by_email, s.people.size(),
                [&](std::size_t i) -> const std::string& { return s.people[i].email; });
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
  reserve_index(s.recording_by_id, s.recordings.size(),
                [&](std::size_t i) -> const std::string& { return s.recordings[i].id; });
  for (Index i = 0; i < s.recordings.size(); ++i) {
    auto base = [&] { return pointer_append("/webex/recordings", i); };
    if (!s.recording_by_id.insert_unique(s.recordings[i].id, i)) {
      throw InputFailure(error_code::kStateInvalid,
                         "duplicate id " + in_quotes(s.recordings[i].id) + " in /webex/recordings", base() + "/id");
    }
    const Index owner = s.person_by_id.find(pending_->owner_ids[i]);
    if (owner == kNoIndex) {
      throw InputFailure(error_code::kStateInvalid,
                         "ownerId " + in_quotes(pending_->owner_ids[i]) + " is not in /webex/people",
                         base() + "/ownerId");
    }
    s.recordings[i].owner = owner;
  }
  index_webex_owners(s);
  pending_.reset();
  s.people.shrink_to_fit();  // see HmpBuilder::finish
  s.recordings.shrink_to_fit();
  s.extras_text.shrink_to_fit();
  return std::move(section_);
}

}  // namespace sharepolicy::state
