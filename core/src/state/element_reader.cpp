#include "state/element_reader.h"

#include "common/input_failure.h"
#include "common/text_util.h"

namespace sharepolicy::state {

const char* json_type_name(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return "a boolean";
    case Json::value_t::string: return "a string";
    case Json::value_t::array: return "an array";
    case Json::value_t::object: return "an object";
    default: return "a number";
  }
}

ElementReader::ElementReader(Json&& value, std::string pointer, const char* what)
    : object_(std::move(value)), kept_(Json::object()), pointer_(std::move(pointer)), what_(what) {
  if (!object_.is_object()) {
    throw InputFailure(error_code::kStateInvalid,
                       std::string("a ") + what_ + " must be an object, not " + json_type_name(object_), pointer_);
  }
}

std::string ElementReader::member_pointer(const char* key) const { return text_util::pointer_append(pointer_, key); }

void ElementReader::fail(const char* key, const std::string& message) const {
  throw InputFailure(error_code::kStateInvalid, message, key ? member_pointer(key) : pointer_);
}

Json* ElementReader::find(const char* key) {
  auto& members = object_.get_ref<Json::object_t&>();
  for (auto& m : members) {
    if (m.first == key) return &m.second;
  }
  return nullptr;
}

bool ElementReader::has(const char* key) const {
  for (const auto& m : object_.get_ref<const Json::object_t&>()) {
    if (m.first == key) return true;
  }
  return false;
}

Json ElementReader::take(const char* key) {
  auto& members = object_.get_ref<Json::object_t&>();
  for (auto it = members.begin(); it != members.end(); ++it) {
    if (it->first == key) {
      Json v = std::move(it->second);
      members.erase(it);
      return v;
    }
  }
  return Json();
}

std::string ElementReader::required_string(const char* key) {
  Json* v = find(key);
  if (v == nullptr) fail(nullptr, std::string("a ") + what_ + " needs '" + key + "'");
  if (!v->is_string()) fail(key, std::string("'") + key + "' must be a string, not " + json_type_name(*v));
  Json taken = take(key);
  return std::move(taken.get_ref<std::string&>());
}

std::optional<std::string> ElementReader::optional_string(const char* key) {
  Json* v = find(key);
  if (v == nullptr) return std::nullopt;
  if (v->is_null()) {
    kept_[key] = take(key);
    return std::nullopt;
  }
  if (!v->is_string()) fail(key, std::string("'") + key + "' must be a string, not " + json_type_name(*v));
  Json taken = take(key);
  return std::move(taken.get_ref<std::string&>());
}

bool ElementReader::required_bool(const char* key) {
  Json* v = find(key);
  if (v == nullptr) fail(nullptr, std::string("a ") + what_ + " needs '" + key + "'");
  if (!v->is_boolean()) fail(key, std::string("'") + key + "' must be a boolean, not " + json_type_name(*v));
  return take(key).get<bool>();
}

std::optional<bool> ElementReader::optional_bool(const char* key) {
  Json* v = find(key);
  if (v == nullptr) return std::nullopt;
  if (v->is_null()) {
    kept_[key] = take(key);
    return std::nullopt;
  }
  if (!v->is_boolean()) fail(key, std::string("'") + key + "' must be a boolean, not " + json_type_name(*v));
  return take(key).get<bool>();
}

std::optional<Json> ElementReader::optional_array(const char* key) {
  Json* v = find(key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_array()) fail(key, std::string("'") + key + "' must be an array, not " + json_type_name(*v));
  return take(key);
}

std::optional<std::vector<std::string>> ElementReader::optional_string_list(const char* key) {
  auto arr = optional_array(key);
  if (!arr) return std::nullopt;
  std::vector<std::string> out;
  out.reserve(arr->size());
  for (std::size_t i = 0; i < arr->size(); ++i) {
    Json& item = (*arr)[i];
    if (!item.is_string()) {
      throw InputFailure(error_code::kStateInvalid,
                         std::string("'") + key + "' must hold strings, not " + json_type_name(item),
                         text_util::pointer_append(member_pointer(key), i));
    }
    out.push_back(std::move(item.get_ref<std::string&>()));
  }
  return out;
}

void ElementReader::passthrough_number(const char* key) {
  Json* v = find(key);
  if (v == nullptr) return;
  if (!v->is_number() && !v->is_null()) fail(key, std::string("'") + key + "' must be a number, not " + json_type_name(*v));
  kept_[key] = take(key);
}

void ElementReader::passthrough_string(const char* key) {
  Json* v = find(key);
  if (v == nullptr) return;
  if (!v->is_string() && !v->is_null()) fail(key, std::string("'") + key + "' must be a string, not " + json_type_name(*v));
  kept_[key] = take(key);
}

int ElementReader::enum_index(const char* key, const std::string& value, const char* const* names,
                              std::size_t n) const {
  for (std::size_t i = 0; i < n; ++i) {
    if (value == names[i]) return static_cast<int>(i);
  }
  std::string allowed;
  for (std::size_t i = 0; i < n; ++i) {
    allowed += (i ? ", " : "");
    allowed += names[i];
  }
  fail(key, std::string("'") + key + "' is '" + text_util::excerpt(value) + "'; it must be one of: " + allowed);
}

Extras ElementReader::take_extras() {
  // Keys are unique (the reader rejects duplicates) and kept_ holds only keys already taken out
  // of object_, so append: operator[] searches linearly, quadratic for an element with 100k keys.
  auto& kept = kept_.get_ref<Json::object_t&>();
  for (auto& m : object_.get_ref<Json::object_t&>()) kept.emplace_back(m.first, std::move(m.second));
  object_ = Json::object();
  if (kept_.empty()) return nullptr;
  return std::make_shared<const Json>(std::move(kept_));
}

}  // namespace sharepolicy::state
