// state.md: the loader. One pass of the typed scanner over the text builds the model directly: no
// DOM, no string per token (ids and names aside), unknown members kept as compact text.
#include <new>

#include "common/input_failure.h"
#include "common/text_util.h"
#include "sharepolicy/limits.h"
#include "sharepolicy/state.h"
#include "state/reading.h"
#include "state/scanner.h"
#include "state/section_builders.h"
#include "state/state_loader.h"

namespace sharepolicy {

State::State() : data_(std::make_shared<detail::StateData>()) {}
State::State(std::shared_ptr<detail::StateData> data) : data_(std::move(data)) {}

detail::StateData& State::mutable_data() { return exclusive_owner(data_); }

const std::vector<StateWarning>& state_warnings(const State& state) { return state.data().warnings; }

namespace state {
namespace {

constexpr const char* kSchema = "share-policy/state@1";

}  // namespace

bool Loader::is_section_key(std::string_view key) {
  return is_key(key, "hmp") || is_key(key, "webex") || is_key(key, "ocm");
}

void SectionBuilder::end_section() { *extras_ = keep_extras(*arena_, unknown); }

Loader::Loader() : Loader(std::string_view()) { stream_ = true; }
Loader::Loader(std::string_view whole)
    : scanner_(whole, {error_code::kStateInvalid, limits::kMaxStateBytes, "state"}), stream_(false) {}
Loader::~Loader() = default;

void Loader::read(std::string_view text, std::uint64_t text_offset, bool final) {
  if (stream_) scanner_.rebase(text, text_offset);
  while (level_ != Level::kDone) {
    if (!final && !unit_ready(text, text_offset)) {
      // White space before the unit is dropped with the bytes read (a hostile run of it included).
      if (level_ != Level::kStart && look_.step == kLead) scanner_.skip_ws();
      return;
    }
    read_unit();
    look_ = Look{};
    look_.at = scanner_.offset();
  }
}

void Loader::read_unit() {
  switch (level_) {
    case Level::kStart: read_start(); break;
    case Level::kRoot: read_root_member(); break;
    case Level::kSection: read_section_member(); break;
    case Level::kCollection:
      if (scanner_.next_element()) {
        section_->read_element(collection_);
      } else {
        level_ = Level::kSection;
      }
      break;
    case Level::kEnd:
      scanner_.finish();
      data_.extras_text.shrink_to_fit();  // growth by doubling left up to half of it unused
      level_ = Level::kDone;
      break;
    case Level::kDone: break;
  }
}

void Loader::read_start() {
  scanner_.skip_bom();
  const ValueKind root = scanner_.peek();
  if (root != ValueKind::kObject) {
    std::string ignored;
    scanner_.raw(ignored);  // a syntax error or the depth limit inside it comes first
    throw InputFailure(error_code::kStateInvalid,
                       std::string("the state must be a JSON object, not ") + kind_name(root), "");
  }
  scanner_.enter_object();
  level_ = Level::kRoot;
}

// The root object: its sections go to their builders, `schema` is checked, anything else is kept
// as compact text for the round trip.
void Loader::read_root_member() {
  Scanner& s = scanner_;
  std::string_view key;
  if (!s.next_member(key)) {
    level_ = Level::kEnd;
    return;
  }
  if (!s.add_lasting_key(root_keys_)) {
    s.fail_at("duplicate key '" + text_util::excerpt(text_util::valid_utf8(key)) + "' in the state");
  }
  if (is_section_key(key)) {
    read_section(key);
  } else if (is_key(key, "schema")) {
    read_schema();
  } else {
    if (!data_.extras_text.empty()) data_.extras_text += ',';
    s.raw_key(data_.extras_text);
    s.raw(data_.extras_text);
  }
}

void Loader::read_section(std::string_view key) {
  const ValueKind k = scanner_.peek();
  if (k != ValueKind::kObject) {
    std::string ignored;
    scanner_.raw(ignored);
    scanner_.fail_at("the '" + std::string(key) + "' section must be an object, not " + kind_name(k));
  }
  if (is_key(key, "hmp")) {
    hmp_ = std::make_unique<HmpBuilder>(scanner_);
    section_ = hmp_.get();
  } else if (is_key(key, "webex")) {
    webex_ = std::make_unique<WebexBuilder>(scanner_);
    section_ = webex_.get();
  } else {
    ocm_ = std::make_unique<OcmBuilder>(scanner_);
    section_ = ocm_.get();
  }
  scanner_.enter_object();
  level_ = Level::kSection;
}

// A member of a section: a collection (an array, its elements read unit by unit), another known
// member or an unknown one, kept as the section's extras. Duplicate keys are refused.
void Loader::read_section_member() {
  Scanner& s = scanner_;
  SectionBuilder& b = *section_;
  std::string_view key;
  if (!s.next_member(key)) {
    b.end_section();
    level_ = Level::kRoot;
    return;
  }
  if (!s.add_lasting_key(b.keys)) {
    s.fail_at("duplicate key '" + text_util::excerpt(text_util::valid_utf8(key)) + "' in the state");
  }
  const int bit = b.collection_bit(key);
  if (bit >= 0) {
    const ValueKind k = s.peek();
    if (k != ValueKind::kArray) s.fail_at("'" + std::string(key) + "' must be an array, not " + kind_name(k));
    b.mark_present(bit);
    s.enter_array();
    collection_ = bit;
    level_ = Level::kCollection;
  } else if (!b.read_member(key)) {
    if (!b.unknown.empty()) b.unknown += ',';
    s.raw_key(b.unknown);
    s.raw(b.unknown);
  }
}

void Loader::read_schema() {
  Scanner& s = scanner_;
  // The kind is taken before the value is read: a peek after it would look past the value.
  if (s.peek() == ValueKind::kString) {
    if (s.string() == kSchema) {
      data_.schema = kSchema;
      return;
    }
  } else {
    std::string ignored;
    s.raw(ignored);
  }
  s.fail_at(std::string("'schema' must be \"") + kSchema + "\" when present");
}

detail::StateData Loader::finish() {
  if (hmp_) data_.hmp = hmp_->finish(data_.warnings);
  if (webex_) data_.webex = webex_->finish(data_.warnings);
  if (ocm_) data_.ocm = ocm_->finish(data_.warnings);
  return std::move(data_);
}

}  // namespace state

Expected<State> load_state(std::string_view json_text) {
  try {
    if (json_text.size() > limits::kMaxStateBytes) {
      return InputError{error_code::kLimitExceeded,
                        "the state is " + std::to_string(json_text.size()) + " bytes, more than the limit of " +
                            std::to_string(limits::kMaxStateBytes) + " bytes",
                        ""};
    }
    state::Loader loader(json_text);
    loader.read(json_text, 0, true);
    return State(std::make_shared<detail::StateData>(loader.finish()));
  } catch (const InputFailure& failure) {
    return failure.error();
  } catch (const std::bad_alloc&) {
    // api.md "Limits": memory that runs out before a limit is reached is LIMIT_EXCEEDED too.
    return InputError{error_code::kLimitExceeded,
                      "not enough memory to load a state of " + std::to_string(json_text.size()) + " bytes", ""};
  }
}

}  // namespace sharepolicy
