#include "state/reading.h"

#include "state/element_reader.h"

#include <limits>

namespace sharepolicy::state {

const char* kind_name(ValueKind k) {
  switch (k) {
    case ValueKind::kNull: return "null";
    case ValueKind::kTrue:
    case ValueKind::kFalse: return "a boolean";
    case ValueKind::kString: return "a string";
    case ValueKind::kArray: return "an array";
    case ValueKind::kObject: return "an object";
    case ValueKind::kNumber: return "a number";
    default: return "nothing";
  }
}

Extras keep_extras(std::string& arena, const std::string& text) {
  if (text.empty()) return {};
  // A state is at most 2 GiB (limits.h), so its extras fit 32-bit offsets.
  if (arena.size() + text.size() > std::numeric_limits<std::uint32_t>::max()) throw std::bad_alloc();
  const auto offset = static_cast<std::uint32_t>(arena.size());
  arena += text;
  return {offset, static_cast<std::uint32_t>(text.size())};
}

void ObjectReader::begin(const char* what) {
  what_ = what;
  const ValueKind k = s_.peek();
  if (k != ValueKind::kObject) {
    s_.fail_at(std::string("a ") + what + " must be an object, not " + kind_name(k));
  }
  s_.enter_object();
  seen_ = 0;
  buf_.clear();
  keys_.clear();
}

void ObjectReader::known(unsigned bit) {
  if (seen_ & bit) s_.fail_at("duplicate key '" + text_util::excerpt(s_.key()) + "' in the state");
  seen_ |= bit;
}

void ObjectReader::wrong_type(const char* expected) const {
  s_.fail_at("'" + text_util::excerpt(text_util::valid_utf8(s_.key())) + "' must be " + expected + ", not " +
             kind_name(s_.peek()));
}

std::string_view ObjectReader::string() {
  if (s_.peek() != ValueKind::kString) wrong_type("a string");
  return s_.string();
}

bool ObjectReader::optional_string(std::string_view& out) {
  const ValueKind k = s_.peek();
  if (k == ValueKind::kNull) {
    keep();
    return false;
  }
  if (k != ValueKind::kString) wrong_type("a string");
  out = s_.string();
  return true;
}

bool ObjectReader::boolean() {
  const ValueKind k = s_.peek();
  if (k != ValueKind::kTrue && k != ValueKind::kFalse) wrong_type("a boolean");
  return s_.boolean();
}

std::optional<bool> ObjectReader::optional_bool() {
  if (s_.peek() == ValueKind::kNull) {
    keep();
    return std::nullopt;
  }
  return boolean();
}

void ObjectReader::passthrough(ValueKind kind, const char* kind_word) {
  const ValueKind k = s_.peek();
  if (k != kind && k != ValueKind::kNull) wrong_type(kind_word);
  keep();
}

void ObjectReader::keep() {
  if (!s_.add_key(keys_)) {
    s_.fail_at("duplicate key '" + text_util::excerpt(text_util::valid_utf8(s_.key())) + "' in the state");
  }
  s_.raw_member(buf_);
}

void ObjectReader::require(unsigned bit, const char* key) const {
  if (!(seen_ & bit)) s_.fail_at(std::string("a ") + what_ + " needs '" + key + "'");
}

namespace {
// `value == name` without strlen's call (a share type per share): byte by byte up to `name`'s end.
bool equals(std::string_view value, const char* name) {
  std::size_t i = 0;
  for (; i < value.size(); ++i) {
    if (name[i] == '\0' || name[i] != value[i]) return false;
  }
  return name[i] == '\0';
}
}  // namespace

int ObjectReader::enum_index(std::string_view value, const char* const* names, std::size_t n) const {
  for (std::size_t i = 0; i < n; ++i) {
    if (equals(value, names[i])) return static_cast<int>(i);
  }
  std::string allowed;
  for (std::size_t i = 0; i < n; ++i) {
    allowed += (i ? ", " : "");
    allowed += names[i];
  }
  s_.fail_at("'" + s_.key() + "' is '" + text_util::excerpt(value) + "'; it must be one of: " + allowed);
}

}  // namespace sharepolicy::state

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

}  // namespace sharepolicy::state
