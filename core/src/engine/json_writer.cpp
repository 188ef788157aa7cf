#include "engine/json_writer.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <stdexcept>

#include "common/json_reader.h"
#include "common/size_hint.h"
#include "common/text_util.h"

namespace sharepolicy::json_writer {

namespace {

// Bytes a JSON string holds as they are: printable ASCII but the quote and the backslash.
struct PlainBytes {
  bool plain[256] = {};
  constexpr PlainBytes() {
    for (int c = 0x20; c < 0x80; ++c) plain[c] = c != '"' && c != '\\';
  }
};
constexpr PlainBytes kPlain;

// Whether the 8 bytes at `p` are all plain (kPlain), tested at once: a byte below 0x20, a quote,
// a backslash or a byte from 0x80 sets its high bit in the mask. (A subtraction borrows only at
// such a byte, so a word without one is never flagged.)
bool plain_word(const char* p) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  const std::uint64_t control = (w - 0x20 * kOnes) & ~w;
  const std::uint64_t quote = w ^ ('"' * kOnes), backslash = w ^ ('\\' * kOnes);
  const std::uint64_t special = ((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash);
  return ((control | special | w) & kHigh) == 0;
}

// Whether every byte of `s` is plain: eight at a time, the last few padded with spaces.
bool all_plain(std::string_view s) {
  const char* p = s.data();
  std::size_t n = s.size();
  for (; n >= 8; p += 8, n -= 8) {
    if (!plain_word(p)) return false;
  }
  if (n == 0) return true;  // (an empty view's data may be null: no copy from it)
  char tail[8] = {' ', ' ', ' ', ' ', ' ', ' ', ' ', ' '};
  std::memcpy(tail, p, n);
  return plain_word(tail);
}

// Whether every byte of `s` is below 0x80, eight at a time.
bool all_ascii(std::string_view s) {
  constexpr std::uint64_t kHigh = 0x8080808080808080ull;
  const char* p = s.data();
  std::size_t n = s.size();
  std::uint64_t any = 0;
  for (; n >= 8; p += 8, n -= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    any |= w;
  }
  for (; n > 0; ++p, --n) any |= static_cast<unsigned char>(*p);
  return (any & kHigh) == 0;
}

// FNV-1a: member names are a few bytes, and a table holds a few dozen.
std::uint32_t name_hash(std::string_view name) {
  std::uint32_t h = 2166136261u;
  for (const char c : name) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return h;
}

SHAREPOLICY_SMALL void place(MemberNames& m, std::uint32_t number) {
  const std::size_t mask = m.slots.size() - 1;
  std::size_t slot = name_hash(m.names[number]) & mask;
  while (m.slots[slot]) slot = (slot + 1) & mask;
  m.slots[slot] = number + 1;
}

SHAREPOLICY_SMALL void renumber(MemberNames& m, std::size_t slots) {
  m.slots.assign(slots, 0);
  for (std::uint32_t n = 0; n < m.names.size(); ++n) place(m, n);
}

// A name the table does not hold yet: the next number (once per name and table).
SHAREPOLICY_SMALL std::uint32_t add_name(MemberNames& m, std::string_view name) {
  const auto number = static_cast<std::uint32_t>(m.names.size());
  m.names.emplace_back(name);
  if (2 * m.names.size() > m.slots.size()) {
    renumber(m, std::max<std::size_t>(64, 2 * m.slots.size()));
  } else {
    place(m, number);
  }
  return number;
}

}  // namespace

// Most strings (keys, ids, names, sentences) need no escape: checked eight bytes at a time and
// copied whole. One table look-up per byte was a sixth of a share preview's instructions.
void Writer::put_string(std::string_view s) {
  if (!all_plain(s)) return put_escaping(s);
  put('"');
  put(s);
  put('"');
}

// One pass: plain runs are copied whole; an escape is written in place; the first non-ASCII byte
// sends the whole string through nlohmann (below), dropping what this pass wrote of it.
SHAREPOLICY_SMALL void Writer::put_escaping(std::string_view s) {
  const std::size_t mark = length_, flushed = out_.size();
  put('"');
  std::size_t run = 0;  // start of the bytes not yet copied
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (kPlain.plain[c]) continue;
    if (c >= 0x80) {
      put_non_ascii(s, mark, flushed);
      return;
    }
    put(s.data() + run, i - run);
    run = i + 1;
    put_escaped(c);
  }
  put(s.data() + run, s.size() - run);
  put('"');
}

// Non-ASCII text goes through nlohmann itself, so that its UTF-8 checks (and the exception an
// invalid sequence raises) stay exactly as they were. Rare: names and messages are mostly ASCII.
// What put_string wrote of this string is dropped first: it began at byte `mark` of the buffer
// when `out_` held `flushed` bytes; once the buffer was flushed, those `mark` bytes are in `out_`.
void Writer::put_non_ascii(std::string_view s, std::size_t mark, std::size_t flushed) {
  if (out_.size() == flushed) {
    length_ = mark;
  } else {
    out_.resize(flushed + mark);
    length_ = 0;
  }
  put(Json(std::string(s)).dump());
}

void Writer::put_escaped(unsigned char c) {
  switch (c) {
    case '"': put("\\\"", 2); return;
    case '\\': put("\\\\", 2); return;
    case '\b': put("\\b", 2); return;
    case '\f': put("\\f", 2); return;
    case '\n': put("\\n", 2); return;
    case '\r': put("\\r", 2); return;
    case '\t': put("\\t", 2); return;
    default: {  // other control characters: \u00XX in lower-case hex, as nlohmann writes them
      static const char kHex[] = "0123456789abcdef";
      const char escape[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xf]};
      put(escape, sizeof escape);
    }
  }
}

void Writer::flush() {
  out_.append(buffer_, length_);
  length_ = 0;
}

// A large piece (an OCM echo of a large userID or role) is most of the text: room for a tail after
// it, so that the next flush does not copy it again (issue 16 item 4).
SHAREPOLICY_SMALL void Writer::append_large(const char* bytes, std::size_t n) {
  if (out_.capacity() - out_.size() < n) out_.reserve(std::max(2 * out_.capacity(), out_.size() + n + 65536));
  out_.append(bytes, n);
}

void Writer::finish() { flush(); }

void Writer::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (tape_) return count_entry();
  if (!first_) put(',');
  first_ = false;
}

void Writer::open(char c) {
  before_value();
  if (tape_) {
    tape_->open.push_back(tape_->words.size());
    return word(c == '{' ? Tape::kObject : Tape::kArray, 0);
  }
  put(c);
  first_ = true;
}

void Writer::close(char c) {
  if (tape_) return tape_->open.pop_back();
  put(c);
  first_ = false;
}

void Writer::key(std::string_view name) {
  if (tape_) {
    count_entry();
    tape_string(Tape::kString, name);  // not numbered: a name from data may be any of many
    after_key_ = true;
    return;
  }
  if (!first_) put(',');
  first_ = false;
  put_string(name);
  put(':');
  after_key_ = true;
}

void Writer::key_as_written(std::string_view name) {
  if (tape_) {
    count_entry();
    tape_name(name);
    after_key_ = true;
    return;
  }
  if (!first_) put(',');
  first_ = false;
  put('"');
  put(name);
  put("\":", 2);
  after_key_ = true;
}

void Writer::string(std::string_view s) {
  before_value();
  if (tape_) return tape_string(Tape::kString, s);
  put_string(s);
}

void Writer::optional_string(const std::optional<std::string>& s) {
  if (s) {
    string(*s);
  } else {
    null();
  }
}

void Writer::boolean(bool b) {
  before_value();
  if (tape_) return word(Tape::kAtom, b ? Tape::kTrue : Tape::kFalse);
  put(b ? std::string_view("true") : std::string_view("false"));
}

void Writer::null() {
  before_value();
  if (tape_) return word(Tape::kAtom, Tape::kNull);
  put("null", 4);
}

template <class Integer>
void Writer::put_integer(Integer n) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
  const std::string_view text(digits, static_cast<std::size_t>(end - digits));
  if (tape_) return tape_string(Tape::kJsonText, text);
  put(text);
}

void Writer::number(std::size_t n) {
  before_value();
  if (tape_ && n <= Tape::kMaxPayload) return word(Tape::kCount, n);
  put_integer(n);
}

// dump() would write a container kept as its compact text (json_reader::json_text) as a binary
// value; it is written as that text, and the containers around it member by member.
SHAREPOLICY_SMALL void Writer::value(const Json& j) {
  if (const auto text = json_reader::json_text(j)) return raw(*text);
  if (!j.is_structured()) return scalar(j);
  open(j.is_object() ? '{' : '[');
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (j.is_object()) key(it.key());
    value(*it);
  }
  close(j.is_object() ? '}' : ']');
}

// Strings, integers, booleans and null written here as dump() writes them (put_string is its
// escaping, byte for byte), without the serializer and the string dump() returns: every result's
// wire response is a small nlohmann object, and dump() was a tenth of a short denial in the package
// (measured). A floating-point number keeps dump()'s formatting.
void Writer::scalar(const Json& j) {
  switch (j.type()) {
    case Json::value_t::string: return string(j.get_ref<const std::string&>());
    case Json::value_t::boolean: return boolean(j.get<bool>());
    case Json::value_t::null: return null();
    case Json::value_t::number_unsigned: before_value(); return put_integer(j.get<std::uint64_t>());
    case Json::value_t::number_integer: before_value(); return put_integer(j.get<std::int64_t>());
    default: before_value(); return tape_ ? tape_string(Tape::kJsonText, j.dump()) : put(j.dump());
  }
}

void Writer::raw(std::string_view json_text) {
  before_value();
  if (tape_) return tape_string(Tape::kJsonText, json_text);
  put(json_text);
}

[[gnu::noinline]] void Writer::word(Tape::Tag tag, std::size_t payload) {
  if (payload > Tape::kMaxPayload) throw std::length_error("a value too large for the package's words");
  tape_->words.push_back(static_cast<std::uint32_t>(payload) << 3 | tag);
}

[[gnu::noinline]] void Writer::count_entry() {
  if (!tape_->open.empty()) tape_->words[tape_->open.back()] += 1u << 3;
}

// Bytes from 0x80 are checked as the text writer checks them (put_non_ascii: nlohmann's strict
// UTF-8, the same exception); the pool holds them as they are. Checked here first: nlohmann's
// serializer, run only to check, was a quarter of a denial whose fix lists access permissions
// ("…": a non-ASCII sentence, on M); it runs now only to throw its exception.
[[gnu::noinline]] void Writer::tape_string(Tape::Tag tag, std::string_view s) {
  if (!all_ascii(s) && !text_util::is_valid_utf8(s)) (void)Json(std::string(s)).dump();
  word(tag, s.size());
  put(s);
}

[[gnu::noinline]] void Writer::tape_name(std::string_view name) {
  if (!tape_->members) return tape_string(Tape::kString, name);
  bool fresh = false;
  const std::uint32_t number = number_of(*tape_->members, name, fresh);
  if (!fresh) return word(Tape::kKnownName, number);
  word(Tape::kNewName, name.size());
  put(name);
}

std::uint32_t number_of(MemberNames& m, std::string_view name, bool& fresh) {
  if (!m.slots.empty()) {
    const std::size_t mask = m.slots.size() - 1;
    for (std::size_t slot = name_hash(name) & mask; m.slots[slot]; slot = (slot + 1) & mask) {
      const std::uint32_t number = m.slots[slot] - 1;
      if (m.names[number] == name) return number;
    }
  }
  fresh = true;
  return add_name(m, name);
}

SHAREPOLICY_SMALL void drop_unhanded(MemberNames& m) {
  if (m.names.size() == m.handed_over) return;
  m.names.resize(m.handed_over);
  renumber(m, m.slots.size());
}

SHAREPOLICY_SMALL void append_tape(std::string& out, std::uint32_t table, const Tape& tape, std::string_view pool) {
  const std::uint32_t head[] = {Tape::kMagic, table, static_cast<std::uint32_t>(tape.words.size())};
  out.append(reinterpret_cast<const char*>(head), sizeof head);
  out.append(reinterpret_cast<const char*>(tape.words.data()), 4 * tape.words.size());
  out.append(pool.data(), pool.size());
}

}  // namespace sharepolicy::json_writer
