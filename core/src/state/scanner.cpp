#include "state/scanner.h"

#include <algorithm>

#include "common/input_failure.h"
#include "common/text_util.h"
#include "sharepolicy/limits.h"

namespace sharepolicy::state {

namespace {

std::uint64_t hash_key(std::string_view k) {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a
  for (unsigned char c : k) h = (h ^ c) * 1099511628211ull;
  return h;
}

constexpr std::uint64_t kOnes = 0x0101010101010101ull;
constexpr std::uint64_t kHighs = 0x8080808080808080ull;
inline std::uint64_t zero_bytes(std::uint64_t x) { return (x - kOnes) & ~x & kHighs; }

// Whether the 8 bytes hold anything a string scan must look at: '"', '\\', a control character or
// a byte of a multi-byte UTF-8 sequence.
inline bool needs_attention(const char* p) {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return (zero_bytes(v ^ (kOnes * '"')) | zero_bytes(v ^ (kOnes * '\\')) | ((v - kOnes * 0x20) & ~v & kHighs) |
          (v & kHighs)) != 0;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

// ---------------------------------------------------------------- KeySet

std::uint32_t KeySet::entry(std::string_view key, std::string_view text) {
  base_ = text.data();
  end_ = text.data() + text.size();
  const bool in_text = key.data() > base_ && key.data() < end_;
  const auto offset = static_cast<std::size_t>(key.data() - base_);
  if (in_text && offset < kEscaped) return static_cast<std::uint32_t>(offset);
  escaped_.push_back(key);
  return kEscaped | static_cast<std::uint32_t>(escaped_.size() - 1);
}

std::string_view KeySet::name(std::uint32_t e) const {
  if (e & kEscaped) return escaped_[e & ~kEscaped];
  const char* at = base_ + e;
  const auto* quote = static_cast<const char*>(std::memchr(at, '"', static_cast<std::size_t>(end_ - at)));
  return std::string_view(at, static_cast<std::size_t>(quote - at));
}

// A key of the input has no escapes, so no '"' inside: it equals `key` if it starts with `key`
// and its closing quote follows.
bool KeySet::same(std::uint32_t e, std::string_view key) const {
  if (e & kEscaped) return escaped_[e & ~kEscaped] == key;
  const char* at = base_ + e;
  return static_cast<std::size_t>(end_ - at) > key.size() && std::memcmp(at, key.data(), key.size()) == 0 &&
         at[key.size()] == '"';
}

bool KeySet::insert(std::string_view key, std::string_view text) {
  if (capacity_ == 0) {
    for (std::size_t i = 0; i < size_; ++i) {
      if (same(small_[i], key)) return false;
    }
    small_[size_++] = entry(key, text);
    if (size_ == kLinear) grow();
    return true;
  }
  const std::size_t mask = capacity_ - 1;
  std::size_t i = hash_key(key) & mask;
  for (; table_[i] != 0; i = (i + 1) & mask) {
    if (same(table_[i], key)) return false;
  }
  table_[i] = entry(key, text);
  if (++size_ * 4 > capacity_ * 3) grow();
  return true;
}

// Doubles the table (the first one holds the kLinear keys a quarter full).
void KeySet::grow() {
  const std::size_t capacity = capacity_ == 0 ? 4 * kLinear : 2 * capacity_;
  std::unique_ptr<std::uint32_t[]> table(new std::uint32_t[capacity]());
  const std::size_t mask = capacity - 1;
  const auto place = [&](std::uint32_t e) {
    std::size_t i = hash_key(name(e)) & mask;
    while (table[i] != 0) i = (i + 1) & mask;
    table[i] = e;
  };
  if (capacity_ == 0) {
    for (std::size_t k = 0; k < size_; ++k) place(small_[k]);
  } else {
    for (std::size_t k = 0; k < capacity_; ++k) {
      if (table_[k] != 0) place(table_[k]);
    }
  }
  table_ = std::move(table);
  capacity_ = capacity;
}

std::string_view StableText::keep(std::string_view s) {
  // Chunks are left unfilled (make_unique<char[]> would zero them), and the first is small: a
  // small streamed state zeroed 64 KiB it never used.
  if (s.size() > kChunk / 4) {
    chunks_.emplace_back(new char[s.size()]);
    std::memcpy(chunks_.back().get(), s.data(), s.size());
    return {chunks_.back().get(), s.size()};
  }
  if (!current_ || used_ + s.size() > current_size_) {
    current_size_ = current_ ? std::min(kChunk, current_size_ * 4) : kFirstChunk;
    if (current_size_ < s.size()) current_size_ = kChunk;
    chunks_.emplace_back(new char[current_size_]);
    current_ = chunks_.back().get();
    used_ = 0;
  }
  char* at = current_ + used_;
  if (!s.empty()) std::memcpy(at, s.data(), s.size());
  used_ += s.size();
  return {at, s.size()};
}

// ---------------------------------------------------------------- Scanner

Scanner::Scanner(std::string_view text, const json_reader::Options& options)
    : text_(text), begin_(text.data()), p_(text.data()), end_(text.data() + text.size()), options_(options) {
  skip_bom();
  path_.reserve(limits::kMaxNestingDepth + 1);
  lazy_keys_.reserve(limits::kMaxNestingDepth + 1);
  first_.reserve(limits::kMaxNestingDepth + 1);
}

const json_reader::Path& Scanner::path() const {
  for (std::size_t i = 0; i < lazy_keys_.size(); ++i) {
    if (lazy_keys_[i].data() == nullptr) continue;
    path_[i].key.assign(lazy_keys_[i].data(), lazy_keys_[i].size());
    lazy_keys_[i] = {};
  }
  return path_;
}

std::string Scanner::container_pointer() const {
  json_reader::Path copy(path());
  if (!copy.empty()) copy.back().active = false;
  return json_reader::to_pointer(copy);
}

const char* Scanner::describe_next() const {
  if (p_ >= end_) return "the end of the text";
  switch (*p_) {
    case '{': return "'{'";
    case '}': return "'}'";
    case '[': return "'['";
    case ']': return "']'";
    case ',': return "','";
    case ':': return "':'";
    case '"': return "a string";
    case '\0': return "a NUL byte";
    default: return static_cast<unsigned char>(*p_) < 0x20 ? "a control character" : "an unexpected character";
  }
}

void Scanner::fail_syntax(const std::string& what) const {
  throw InputFailure(options_.invalid_code,
                     "the " + std::string(options_.what) + " is not valid JSON: " + what + " at byte " +
                         std::to_string(offset()),
                     pointer());
}

void Scanner::fail_at(const std::string& message) const {
  throw InputFailure(options_.invalid_code, message, pointer());
}

void Scanner::expect(char c, const char* context) {
  skip_ws();
  if (p_ < end_ && *p_ == c) {
    ++p_;
    return;
  }
  fail_syntax(std::string("expected '") + c + "' " + context + ", found " + describe_next());
}

ValueKind Scanner::peek() {
  skip_ws();
  if (p_ >= end_) return ValueKind::kEnd;
  switch (*p_) {
    case '{': return ValueKind::kObject;
    case '[': return ValueKind::kArray;
    case '"': return ValueKind::kString;
    case 't': return ValueKind::kTrue;
    case 'f': return ValueKind::kFalse;
    case 'n': return ValueKind::kNull;
    default:
      if (*p_ == '-' || is_digit(*p_)) return ValueKind::kNumber;
      fail_syntax(std::string("expected a value, found ") + describe_next());
  }
}

void Scanner::push(bool is_object) {
  if (path_.size() >= limits::kMaxNestingDepth) {
    throw InputFailure(error_code::kLimitExceeded,
                       "the " + std::string(options_.what) + " nests deeper than " +
                           std::to_string(limits::kMaxNestingDepth) + " levels",
                       pointer());
  }
  ++p_;
  path_.push_back(json_reader::PathItem{{}, 0, !is_object, false});
  lazy_keys_.emplace_back();
  first_.push_back(1);
}

void Scanner::enter_object() {
  if (peek() != ValueKind::kObject) fail_syntax(std::string("expected '{', found ") + describe_next());
  push(true);
}

void Scanner::enter_array() {
  if (peek() != ValueKind::kArray) fail_syntax(std::string("expected '[', found ") + describe_next());
  push(false);
}

// Steps past the closing bracket: the container's value is complete, so errors name its parent.
void Scanner::close_container() {
  ++p_;
  path_.pop_back();
  lazy_keys_.pop_back();
  first_.pop_back();
  if (!path_.empty()) path_.back().active = true;
}

bool Scanner::next_member(std::string_view& key) {
  json_reader::PathItem& item = path_.back();
  item.active = false;  // the previous value is complete: errors name the object
  skip_ws();
  if (p_ < end_ && *p_ == '}') {
    close_container();
    return false;
  }
  if (!first_.back()) {
    if (p_ >= end_ || *p_ != ',')
      fail_syntax(std::string("expected ',' or '}' after a member, found ") + describe_next());
    ++p_;
    skip_ws();
  }
  first_.back() = 0;
  if (p_ >= end_ || *p_ != '"') fail_syntax(std::string("expected a member name, found ") + describe_next());
  const char* start = p_;
  ++p_;
  std::string_view k = scan_string(true);
  key_raw_ = std::string_view(start, static_cast<std::size_t>(p_ - start));
  const bool plain = key_raw_.size() == k.size() + 2;  // no escapes: `k` is a view into the text
  if (plain && path_.size() > kEagerKeyLevels) {
    lazy_keys_.back() = k;
  } else {
    item.key.assign(k.data(), k.size());
    lazy_keys_.back() = {};
    k = item.key;
  }
  member_key_ = k;
  item.active = true;
  skip_ws();
  if (p_ >= end_ || *p_ != ':') fail_syntax(std::string("expected ':' after a member name, found ") + describe_next());
  ++p_;
  key = k;
  return true;
}

bool Scanner::next_element() {
  json_reader::PathItem& item = path_.back();
  item.active = false;
  skip_ws();
  if (p_ < end_ && *p_ == ']') {
    close_container();
    return false;
  }
  if (!first_.back()) {
    if (p_ >= end_ || *p_ != ',')
      fail_syntax(std::string("expected ',' or ']' after an element, found ") + describe_next());
    ++p_;
    ++item.index;
  }
  first_.back() = 0;
  item.active = true;
  return true;
}

// ---------------------------------------------------------------- strings

const char* Scanner::validate_utf8(const char* s) const {
  const auto* u = reinterpret_cast<const unsigned char*>(s);
  const auto* e = reinterpret_cast<const unsigned char*>(end_);
  const unsigned char c = u[0];
  auto cont = [&](std::size_t i) { return u + i < e && (u[i] & 0xC0) == 0x80; };
  std::size_t n = 0;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (u + 1 < e) {
      if (c == 0xE0 && u[1] < 0xA0) n = 0;  // overlong
      if (c == 0xED && u[1] > 0x9F) n = 0;  // UTF-16 surrogate
    }
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (u + 1 < e) {
      if (c == 0xF0 && u[1] < 0x90) n = 0;
      if (c == 0xF4 && u[1] > 0x8F) n = 0;
    }
  }
  for (std::size_t i = 1; i < n; ++i) {
    if (!cont(i)) n = 0;
  }
  if (n == 0) fail_syntax("invalid UTF-8 in a string");
  return s + n;
}

std::string_view Scanner::scan_string(bool is_key) {
  const char* start = p_;
  const char* s = p_;
  bool escaped = false;
  for (;;) {
    while (end_ - s >= 8 && !needs_attention(s)) s += 8;
    if (s >= end_) {
      p_ = s;
      fail_syntax("a string is not closed");
    }
    const auto c = static_cast<unsigned char>(*s);
    if (c == '"') break;
    if (c == '\\') {
      escaped = true;
      s += 2;  // the escape itself is checked by decode_escapes
      if (s > end_) {
        p_ = end_;
        fail_syntax("a string is not closed");
      }
    } else if (c < 0x20) {
      p_ = s;
      fail_syntax("a control character must be escaped in a string");
    } else if (c >= 0x80) {
      s = validate_utf8(s);
    } else {
      ++s;
    }
  }
  last_raw_ = std::string_view(start - 1, static_cast<std::size_t>(s - start) + 2);
  std::string_view out = escaped ? decode_escapes(start, s)
                                 : std::string_view(start, static_cast<std::size_t>(s - start));
  p_ = s + 1;
  if (out.size() > limits::kMaxStringBytes) {
    json_reader::Path copy(path());
    if (is_key && !copy.empty()) copy.back().active = false;
    throw InputFailure(error_code::kLimitExceeded,
                       std::string(is_key ? "an object key" : "a string") + " of " + std::to_string(out.size()) +
                           " bytes exceeds the limit of " + std::to_string(limits::kMaxStringBytes) + " bytes",
                       json_reader::to_pointer(copy));
  }
  return out;
}

namespace {
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}
}  // namespace

std::string_view Scanner::decode_escapes(const char* start, const char* stop) {
  std::string& out = scratch_;
  out.clear();
  const char* s = start;
  auto bad = [&](const char* at, const char* what) {
    p_ = at;
    fail_syntax(what);
  };
  auto read_hex4 = [&](const char* at) -> std::int32_t {
    if (stop - at < 4) bad(at, "an incomplete \\u escape");
    std::int32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      const int h = hex_value(at[i]);
      if (h < 0) bad(at, "an invalid \\u escape");
      v = v * 16 + h;
    }
    return v;
  };
  while (s < stop) {
    if (*s != '\\') {
      const char* run = s;
      while (s < stop && *s != '\\') ++s;
      out.append(run, static_cast<std::size_t>(s - run));
      continue;
    }
    const char e = s[1];
    s += 2;
    switch (e) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case '/': out += '/'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': {
        std::uint32_t cp = static_cast<std::uint32_t>(read_hex4(s));
        s += 4;
        if (cp >= 0xDC00 && cp <= 0xDFFF) bad(s - 6, "a lone low surrogate in a \\u escape");
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          if (stop - s < 6 || s[0] != '\\' || s[1] != 'u') bad(s - 6, "a lone high surrogate in a \\u escape");
          const auto low = static_cast<std::uint32_t>(read_hex4(s + 2));
          if (low < 0xDC00 || low > 0xDFFF) bad(s - 6, "a lone high surrogate in a \\u escape");
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          s += 6;
        }
        append_utf8(out, cp);
        break;
      }
      default: bad(s - 2, "an invalid escape in a string");
    }
  }
  return out;
}

namespace {

// The slot of a string in interned()'s cache: its length and three 8-byte words (head, middle,
// tail), mixed. Not every byte: a collision costs one more copy, never a wrong answer (the slot is
// compared in full), and FNV-1a's byte-at-a-time chain over every reference was a tenth of a
// streamed load's time (measured on S, native).
std::uint64_t word_at(const char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, sizeof w);
  return w;
}
std::uint64_t cache_hash(std::string_view v) {
  const std::size_t n = v.size();
  if (n < 8) return hash_key(v);
  const char* p = v.data();
  std::uint64_t h = (n * 0x9E3779B97F4A7C15ull) ^ word_at(p);
  h = (h ^ (h >> 29)) * 0xBF58476D1CE4E5B9ull ^ word_at(p + (n - 8) / 2);
  h = (h ^ (h >> 31)) * 0x94D049BB133111EBull ^ word_at(p + n - 8);
  h = (h ^ (h >> 29)) * 0xBF58476D1CE4E5B9ull;
  return h ^ (h >> 32);
}

}  // namespace

std::string_view Scanner::interned(std::string_view v) {
  if (recent_.empty()) recent_.resize(64);
  std::string_view& slot = recent_[cache_hash(v) & (recent_.size() - 1)];
  if (slot.data() != nullptr && slot == v) return slot;
  slot = raw_key_text_.keep(v);
  if (++recent_kept_ > recent_.size() / 2 && recent_.size() < kMaxRecent) grow_recent();
  return slot;
}

// The cache grows with the strings it has kept, up to kMaxRecent slots: a whole set of 2^14 at
// the first string (256 KiB zeroed) was most of what a small streamed state cost. What it holds
// moves to the larger table (where two strings want one slot, one is kept: the other is
// copied again if it comes back, as after any miss).
void Scanner::grow_recent() {
  std::vector<std::string_view> larger(recent_.size() * 4);
  for (const std::string_view kept : recent_) {
    if (kept.data() != nullptr) larger[cache_hash(kept) & (larger.size() - 1)] = kept;
  }
  recent_.swap(larger);
}

std::string_view Scanner::string() {
  skip_ws();
  if (p_ >= end_ || *p_ != '"') fail_syntax(std::string("expected a string, found ") + describe_next());
  ++p_;
  return scan_string(false);
}

// ---------------------------------------------------------------- other values

void Scanner::literal(const char* word, std::size_t n) {
  if (static_cast<std::size_t>(end_ - p_) < n || std::memcmp(p_, word, n) != 0) fail_syntax("an invalid literal");
  p_ += n;
}

bool Scanner::boolean() {
  skip_ws();
  if (p_ < end_ && *p_ == 't') {
    literal("true", 4);
    return true;
  }
  literal("false", 5);
  return false;
}

void Scanner::null() {
  skip_ws();
  literal("null", 4);
}

std::string_view Scanner::number() {
  const char* start = p_;
  auto digits = [&] {
    const char* d = p_;
    while (p_ < end_ && is_digit(*p_)) ++p_;
    return p_ > d;
  };
  if (p_ < end_ && *p_ == '-') ++p_;
  if (p_ < end_ && *p_ == '0') {
    ++p_;
  } else if (!digits()) {
    fail_syntax("an invalid number");
  }
  if (p_ < end_ && *p_ == '.') {
    ++p_;
    if (!digits()) fail_syntax("an invalid number");
  }
  if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
    ++p_;
    if (p_ < end_ && (*p_ == '+' || *p_ == '-')) ++p_;
    if (!digits()) fail_syntax("an invalid number");
  }
  return std::string_view(start, static_cast<std::size_t>(p_ - start));
}

void Scanner::raw_member(std::string& out) {
  const bool comma = !out.empty();
  const char* member = key_raw_.data();
  if (p_ == member + key_raw_.size() + 1 && p_ < end_) {
    const char c = *p_;
    bool scalar = true;
    if (c == '"') {
      ++p_;
      scan_string(false);
    } else if (c == '-' || is_digit(c)) {
      number();
    } else if (c == 't') {
      literal("true", 4);
    } else if (c == 'f') {
      literal("false", 5);
    } else if (c == 'n') {
      literal("null", 4);
    } else {
      scalar = false;
    }
    if (scalar) {
      const auto n = static_cast<std::size_t>(p_ - member);
      const std::size_t at = out.size() + comma;
      out.resize(at + n);  // one call where += and two appends were three
      if (comma) out[at - 1] = ',';
      std::memcpy(&out[at], member, n);
      return;
    }
  }
  if (comma) out += ',';
  raw_key(out);
  raw(out);
}

// Iterative, with the same depth limit and path as the typed reads: an unknown value may be as
// deep as the limit allows without recursion.
void Scanner::raw(std::string& out) {
  const std::size_t base = path_.size();
  for (;;) {
    // One value at the current position.
    switch (peek()) {
      case ValueKind::kObject: {
        push(true);
        out += '{';
        const std::size_t level = path_.size() - base - 1;
        if (raw_keys_.size() <= level) raw_keys_.resize(level + 1);
        raw_keys_[level].clear();
        break;
      }
      case ValueKind::kArray:
        push(false);
        out += '[';
        break;
      case ValueKind::kString: {
        ++p_;
        scan_string(false);
        out.append(last_raw_.data(), last_raw_.size());
        break;
      }
      case ValueKind::kNumber: {
        const std::string_view n = number();
        out.append(n.data(), n.size());
        break;
      }
      case ValueKind::kTrue:
        literal("true", 4);
        out += "true";
        break;
      case ValueKind::kFalse:
        literal("false", 5);
        out += "false";
        break;
      case ValueKind::kNull:
        literal("null", 4);
        out += "null";
        break;
      case ValueKind::kEnd: fail_syntax("expected a value, found the end of the text");
    }
    // Close what is complete, then position on the next value.
    for (;;) {
      if (path_.size() == base) return;
      const bool is_object = !path_.back().is_index;
      const bool first = first_.back() != 0;
      if (is_object) {
        std::string_view key;
        if (!next_member(key)) {
          out += '}';
          raw_keys_[path_.size() - base].clear();  // the object is closed: give back its table
          continue;
        }
        KeySet& keys = raw_keys_[path_.size() - base - 1];
        // The key must outlive this call's next key: keep a copy only when it had escapes.
        if (!add_key(keys)) {
          fail_at("duplicate key '" + text_util::excerpt(text_util::valid_utf8(key)) + "' in the " + options_.what);
        }
        if (!first) out += ',';
        out.append(key_raw_.data(), key_raw_.size());
        out += ':';
        break;
      }
      if (!next_element()) {
        out += ']';
        continue;
      }
      if (!first) out += ',';
      break;
    }
  }
}

void Scanner::finish() {
  skip_ws();
  if (p_ != end_) {
    throw InputFailure(options_.invalid_code,
                       "the " + std::string(options_.what) + " is not valid JSON: " + describe_next() +
                           " after the end of the document at byte " + std::to_string(offset()),
                       "");
  }
}

}  // namespace sharepolicy::state
