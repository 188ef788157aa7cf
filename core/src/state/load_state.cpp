// state.md: the loader. One pass of the typed scanner over the text builds the model directly: no
// DOM, no string per token (ids and names aside), unknown members kept as compact text.
#include <algorithm>
#include <cstring>
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

bool is_ws(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }
// The bytes a number or a literal may hold: one is read once a byte outside them follows it.
bool is_word_byte(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '+' || c == '-';
}
// Moves `p` to the closing quote of the string it is in (true), or to `end` (false; `escape`
// tells whether the last byte seen opened an escape). Eight bytes at a time between escapes.
bool find_string_end(const char*& p, const char* end, bool& escape) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
  auto has_zero = [](std::uint64_t x) { return ((x - kOnes) & ~x & kHighs) != 0; };
  for (;;) {
    if (escape) {
      if (p == end) return false;
      ++p;
      escape = false;
    }
    for (std::uint64_t v; end - p >= 8; p += 8) {
      std::memcpy(&v, p, 8);
      if (has_zero(v ^ (kOnes * '"')) || has_zero(v ^ (kOnes * '\\'))) break;
    }
    while (p < end && *p != '"' && *p != '\\') ++p;
    if (p == end) return false;
    if (*p == '"') return true;
    ++p;
    escape = true;
  }
}

bool is_section_key(std::string_view key) { return is_key(key, "hmp") || is_key(key, "webex") || is_key(key, "ocm"); }

// The steps of a unit's look-ahead (Loader::Look::step).
enum Step : std::uint8_t { kLead, kKeyOpen, kKey, kBeforeColon, kBeforeValue, kValue, kWord, kString, kNested };

}  // namespace

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

// Whether the bytes of the next unit are all in `text`, or enough of them that the scanner fails
// inside them (it then reads no further). Resumes where the last call stopped.
bool Loader::unit_ready(std::string_view text, std::uint64_t text_offset) {
  Look& l = look_;
  const char* begin = text.data();
  const char* end = begin + text.size();
  const char* p = begin + (l.at - text_offset);
  auto wait = [&] {
    l.at = text_offset + static_cast<std::uint64_t>(p - begin);
    return false;
  };
  auto skip_ws = [&] {
    while (p < end && is_ws(*p)) ++p;
    return p < end;
  };
  const bool object = level_ == Level::kRoot || level_ == Level::kSection;
  for (;;) {
    switch (l.step) {
      case kLead:
        if (level_ == Level::kStart) {
          static const char kBom[] = "\xEF\xBB\xBF";
          const std::size_t n = std::min<std::size_t>(3, static_cast<std::size_t>(end - p));
          if (std::memcmp(p, kBom, n) == 0) {
            if (n < 3) return wait();
            p += 3;
          }
          l.step = kBeforeValue;
          break;
        }
        if (!skip_ws()) return wait();
        if (level_ == Level::kEnd) return true;  // trailing content: an error
        if (*p == (object ? '}' : ']')) return true;
        if (!scanner_.at_first()) {
          if (*p != ',') return true;
          ++p;
        }
        l.step = object ? kKeyOpen : kBeforeValue;
        break;
      case kKeyOpen:
        if (!skip_ws()) return wait();
        if (*p != '"') return true;
        ++p;
        l.key_at = text_offset + static_cast<std::uint64_t>(p - begin);
        l.step = kKey;
        break;
      case kKey:
        if (!find_string_end(p, end, l.escape)) return wait();
        l.key_end = text_offset + static_cast<std::uint64_t>(p - begin);
        ++p;
        l.step = kBeforeColon;
        break;
      case kBeforeColon:
        if (!skip_ws()) return wait();
        if (*p != ':') return true;
        ++p;
        l.step = kBeforeValue;
        break;
      case kBeforeValue:
        if (!skip_ws()) return wait();
        if (object) {
          const std::string_view key(begin + (l.key_at - text_offset), static_cast<std::size_t>(l.key_end - l.key_at));
          if (!value_needs_all(key, *p)) return true;
        } else if (level_ == Level::kStart && *p == '{') {
          return true;
        }
        l.step = kValue;
        break;
      default: return scan_value(p, end, l) || wait();
    }
  }
}

// The value's bytes (the look-ahead's steps from kValue on): true once it is whole, or once the
// scanner is sure to fail inside the bytes seen (a container past the nesting limit).
bool Loader::scan_value(const char*& p, const char* end, Look& l) const {
  const std::size_t depth = scanner_.depth();
  for (;;) {
    if (p == end) return false;
    switch (l.step) {
      case kValue:
        if (*p == '{' || *p == '[') {
          if (depth >= limits::kMaxNestingDepth) return true;
          l.depth = 1;
          l.step = kNested;
        } else if (*p == '"') {
          l.step = kString;
        } else if (is_word_byte(*p)) {
          l.step = kWord;
          continue;
        } else {
          return true;  // not a value: the scanner fails on this byte
        }
        ++p;
        break;
      case kWord:
        while (p < end && is_word_byte(*p)) ++p;
        if (p == end) return false;
        return true;
      case kString:
        if (!find_string_end(p, end, l.escape)) return false;
        ++p;
        return true;
      default:  // kNested
        for (; p < end; ++p) {
          if (l.in_string) {
            if (!find_string_end(p, end, l.escape)) return false;
            l.in_string = false;
            continue;
          }
          const char c = *p;
          if (c == '"') {
            l.in_string = true;
          } else if (c == '{' || c == '[') {
            if (depth + l.depth >= limits::kMaxNestingDepth) return true;
            ++l.depth;
          } else if (c == '}' || c == ']') {
            if (--l.depth == 0) {
              ++p;
              return true;
            }
          }
        }
        return false;
    }
  }
}

bool Loader::value_needs_all(std::string_view key, char first) const {
  // A key with escapes is not compared: its value is then read whole, which is always correct.
  if (key.find('\\') != std::string_view::npos) return true;
  if (level_ == Level::kRoot) return !(first == '{' && is_section_key(key));
  return !(first == '[' && section_->collection_bit(key) >= 0);
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
