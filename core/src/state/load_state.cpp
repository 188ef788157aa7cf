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

namespace sharepolicy {

State::State() : data_(std::make_shared<detail::StateData>()) {}
State::State(std::shared_ptr<detail::StateData> data) : data_(std::move(data)) {}

detail::StateData& State::mutable_data() {
  if (data_.use_count() != 1) data_ = std::make_shared<detail::StateData>(*data_);
  return *data_;
}

const std::vector<StateWarning>& state_warnings(const State& state) { return state.data().warnings; }

namespace state {
namespace {

constexpr const char* kSchema = "share-policy/state@1";

// The root object: its sections go to their builders, `schema` is checked, anything else is kept
// as compact text for the round trip.
class StateReader {
 public:
  explicit StateReader(Scanner& s) : s_(s) {}

  void read() {
    const ValueKind root = s_.peek();
    if (root != ValueKind::kObject) {
      std::string ignored;
      s_.raw(ignored);  // a syntax error or the depth limit inside it comes first
      throw InputFailure(error_code::kStateInvalid,
                         std::string("the state must be a JSON object, not ") + kind_name(root), "");
    }
    KeySet keys;
    s_.enter_object();
    std::string_view key;
    while (s_.next_member(key)) {
      if (!s_.add_key(keys)) {
        s_.fail_at("duplicate key '" + text_util::excerpt(text_util::valid_utf8(key)) + "' in the state");
      }
      if (key == "hmp" || key == "webex" || key == "ocm") {
        section(key);
      } else if (key == "schema") {
        schema();
      } else {
        if (!data_.extras_text.empty()) data_.extras_text += ',';
        s_.raw_key(data_.extras_text);
        s_.raw(data_.extras_text);
      }
    }
    s_.finish();
    data_.extras_text.shrink_to_fit();  // growth by doubling left up to half of it unused
  }

  detail::StateData finish() {
    if (hmp_) data_.hmp = hmp_->finish(data_.warnings);
    if (webex_) data_.webex = webex_->finish(data_.warnings);
    if (ocm_) data_.ocm = ocm_->finish(data_.warnings);
    return std::move(data_);
  }

 private:
  void section(std::string_view key) {
    const ValueKind k = s_.peek();
    if (k != ValueKind::kObject) {
      std::string ignored;
      s_.raw(ignored);
      s_.fail_at("the '" + std::string(key) + "' section must be an object, not " + kind_name(k));
    }
    if (key == "hmp") {
      hmp_ = std::make_unique<HmpBuilder>(s_);
      hmp_->read();
    } else if (key == "webex") {
      webex_ = std::make_unique<WebexBuilder>(s_);
      webex_->read();
    } else {
      ocm_ = std::make_unique<OcmBuilder>(s_);
      ocm_->read();
    }
  }

  void schema() {
    if (s_.peek() == ValueKind::kString && s_.string() == kSchema) {
      data_.schema = kSchema;
      return;
    }
    if (s_.peek() != ValueKind::kString) {
      std::string ignored;
      s_.raw(ignored);
    }
    s_.fail_at(std::string("'schema' must be \"") + kSchema + "\" when present");
  }

  Scanner& s_;
  detail::StateData data_;
  std::unique_ptr<HmpBuilder> hmp_;
  std::unique_ptr<WebexBuilder> webex_;
  std::unique_ptr<OcmBuilder> ocm_;
};

}  // namespace
}  // namespace state

Expected<State> load_state(std::string_view json_text) {
  try {
    if (json_text.size() > limits::kMaxStateBytes) {
      return InputError{error_code::kLimitExceeded,
                        "the state is " + std::to_string(json_text.size()) + " bytes, more than the limit of " +
                            std::to_string(limits::kMaxStateBytes) + " bytes",
                        ""};
    }
    state::Scanner scanner(json_text, {error_code::kStateInvalid, limits::kMaxStateBytes, "state"});
    state::StateReader reader(scanner);
    reader.read();
    return State(std::make_shared<detail::StateData>(reader.finish()));
  } catch (const InputFailure& failure) {
    return failure.error();
  } catch (const std::bad_alloc&) {
    // api.md "Limits": memory that runs out before a limit is reached is LIMIT_EXCEEDED too.
    return InputError{error_code::kLimitExceeded,
                      "not enough memory to load a state of " + std::to_string(json_text.size()) + " bytes", ""};
  }
}

}  // namespace sharepolicy
