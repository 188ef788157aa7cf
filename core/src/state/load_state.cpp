// state.md: the streaming loader. The root object, its three sections and their collections are
// descended into; every element arrives as a small DOM and goes straight to its section's builder.
#include "common/input_failure.h"
#include "common/json_reader.h"
#include "common/text_util.h"
#include "sharepolicy/limits.h"
#include "sharepolicy/state.h"
#include "state/element_reader.h"
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

using json_reader::Path;

constexpr const char* kSchema = "share-policy/state@1";

class StateVisitor : public json_reader::StreamVisitor {
 public:
  bool descend(const Path& path, bool is_object) override {
    if (path.empty()) return is_object;  // else value() reports it
    if (path.size() == 1) {
      SectionBuilder* b = builder_for(path[0].key, is_object);
      return b != nullptr;
    }
    if (path.size() == 2 && !is_object) {
      SectionBuilder* b = existing_builder(path[0].key);
      if (b != nullptr && b->is_collection(path[1].key)) {
        b->mark_collection_present(path[1].key);
        return true;
      }
    }
    if (is_streamed_asset_path(path)) return descend_into_asset(path, is_object);
    return false;
  }

  bool checks_own_keys(const Path& path) override { return is_streamed_asset_path(path); }

  void closed(const Path& path, bool is_object) override {
    if (!is_streamed_asset_path(path)) return;
    if (path.size() == 3) hmp_->end_asset();
    if (path.size() == 5 && is_object) hmp_->end_share();
  }

  void value(const Path& path, Json&& v) override {
    // The pointer is only for errors: built on demand, never per element.
    auto pointer = [&] { return json_reader::to_pointer(path); };
    if (path.empty()) {
      throw InputFailure(error_code::kStateInvalid,
                         std::string("the state must be a JSON object, not ") + json_type_name(v), "");
    }
    if (path.size() == 1) {
      top_level_member(path[0].key, std::move(v), pointer());
      return;
    }
    if (is_streamed_asset_path(path)) {
      asset_value(path, std::move(v));
      return;
    }
    SectionBuilder* b = existing_builder(path[0].key);
    if (path.size() == 2) {
      if (b->is_collection(path[1].key)) {
        throw InputFailure(error_code::kStateInvalid,
                           "'" + path[1].key + "' must be an array, not " + json_type_name(v), pointer());
      }
      b->add_member(path[1].key, std::move(v));
      return;
    }
    b->add_element(path[1].key, path[2].index, std::move(v));
  }

  detail::StateData finish() {
    detail::StateData data;
    data.schema = std::move(schema_);
    if (hmp_) data.hmp = hmp_->finish(data.warnings);
    if (webex_) data.webex = webex_->finish(data.warnings);
    if (ocm_) data.ocm = ocm_->finish(data.warnings);
    if (!extras_.empty()) data.extras = std::make_shared<const Json>(std::move(extras_));
    return data;
  }

 private:
  // Below /hmp/recordings/N (and feeds, sessions): streamed member by member (HmpBuilder).
  bool is_streamed_asset_path(const Path& path) const {
    return path.size() >= 3 && hmp_ && path[0].key == "hmp" && HmpBuilder::is_asset_collection(path[1].key);
  }

  bool descend_into_asset(const Path& path, bool is_object) {
    if (path.size() == 3 && is_object) {
      hmp_->begin_asset(path[1].key, path[2].index);
      return true;
    }
    if (path.size() == 4 && !is_object && path[3].key == "shares") {
      hmp_->begin_shares();
      return true;
    }
    if (path.size() == 5 && is_object && path[3].key == "shares") {
      hmp_->begin_share(path[4].index);
      return true;
    }
    return false;  // anything else arrives whole in value()
  }

  void asset_value(const Path& path, Json&& v) {
    auto pointer = [&] { return json_reader::to_pointer(path); };
    if (path.size() == 3) {  // an element that is not an object
      throw InputFailure(error_code::kStateInvalid,
                         std::string("an element of /hmp/") + path[1].key + " must be an object, not " + json_type_name(v),
                         pointer());
    }
    if (path.size() == 4) {
      hmp_->asset_member(path[3].key, std::move(v));
    } else if (path.size() == 5) {
      throw InputFailure(error_code::kStateInvalid, std::string("a share must be an object, not ") + json_type_name(v), pointer());
    } else if (path.size() == 6) {
      hmp_->share_member(path[5].key, std::move(v));
    }
  }

  SectionBuilder* existing_builder(const std::string& key) {
    if (key == "hmp") return hmp_.get();
    if (key == "webex") return webex_.get();
    if (key == "ocm") return ocm_.get();
    return nullptr;
  }

  SectionBuilder* builder_for(const std::string& key, bool is_object) {
    if (!is_object) return nullptr;
    if (key == "hmp") return (hmp_ = std::make_unique<HmpBuilder>()).get();
    if (key == "webex") return (webex_ = std::make_unique<WebexBuilder>()).get();
    if (key == "ocm") return (ocm_ = std::make_unique<OcmBuilder>()).get();
    return nullptr;
  }

  void top_level_member(const std::string& key, Json&& v, const std::string& pointer) {
    if (key == "hmp" || key == "webex" || key == "ocm") {
      throw InputFailure(error_code::kStateInvalid,
                         "the '" + key + "' section must be an object, not " + json_type_name(v), pointer);
    }
    if (key == "schema") {
      if (!v.is_string() || v.get_ref<const std::string&>() != kSchema) {
        throw InputFailure(error_code::kStateInvalid,
                           std::string("'schema' must be \"") + kSchema + "\" when present", pointer);
      }
      schema_ = v.get<std::string>();
      return;
    }
    // The reader has already rejected duplicate keys here, so append: ordered_json's operator[]
    // searches linearly, which made a state with 100k unknown top-level keys quadratic.
    extras_.get_ref<Json::object_t&>().emplace_back(key, std::move(v));
  }

  std::unique_ptr<HmpBuilder> hmp_;
  std::unique_ptr<WebexBuilder> webex_;
  std::unique_ptr<OcmBuilder> ocm_;
  std::optional<std::string> schema_;
  Json extras_ = Json::object();
};

}  // namespace
}  // namespace state

Expected<State> load_state(std::string_view json_text) {
  try {
    state::StateVisitor visitor;
    json_reader::parse_streaming(json_text, {error_code::kStateInvalid, limits::kMaxStateBytes, "state"}, visitor);
    return State(std::make_shared<detail::StateData>(visitor.finish()));
  } catch (const InputFailure& failure) {
    return failure.error();
  }
}

}  // namespace sharepolicy
