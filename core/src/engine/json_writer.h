// Writes JSON text straight into a string, byte for byte what nlohmann's compact dump() writes for
// the same values, without building a DOM first (a full preview spent most of its time building and
// destroying nlohmann values only to print them).
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sharepolicy/result.h"
#include "sharepolicy/text_api.h"

namespace sharepolicy::json_writer {

// The same values as words, for the package's canShare (index.ts TapeReader): JSON.parse of a
// preview's head was a fifth of a denied preview in JavaScript; reading words and slicing strings
// from one decoded pool takes less than half of it (docs/DECISIONS.md "A preview's head as
// words"). Each value is 32-bit words (host byte order), the first (payload << 3) | tag; string
// bytes go to the pool, in order, and are valid UTF-8 (checked as the text writer checks them).
struct Tape {
  enum Tag : std::uint32_t {
    kAtom = 0,       // payload kNull, kFalse or kTrue
    kCount = 1,      // a whole number up to kMaxPayload
    kString = 2,     // payload: its length in bytes
    kArray = 3,      // payload: its elements' count; they follow
    kObject = 4,     // payload: its members' count; each is a name (below) and a value
    kKnownName = 5,  // a member name by number (MemberNames), handed over before
    kNewName = 6,    // a member name numbered now (the next number): payload its length in bytes
    kJsonText = 7,   // JSON text of one value (a large or fractional number, text kept as text)
  };
  static constexpr std::uint32_t kNull = 0, kFalse = 1, kTrue = 2;
  static constexpr std::uint32_t kMagic = 0x45504154;  // "TAPE": JSON text starts with '{' instead
  static constexpr std::uint32_t kMaxPayload = (1u << 29) - 1;

  explicit Tape(MemberNames* members = nullptr) : members(members) {}
  std::vector<std::uint32_t> words;
  std::vector<std::size_t> open;  // where each open array's or object's word is
  MemberNames* members;           // nullptr: member names as strings (kString)
};

// The number of a member name in `m`, numbering it now (and setting `fresh`) if it has none.
std::uint32_t number_of(MemberNames& m, std::string_view name, bool& fresh);
// Drops the names numbered by answers that were not handed over (MemberNames::handed_over).
void drop_unhanded(MemberNames& m);
// The head of an answer as words: kMagic, the number of the host's table of names (text_api.h
// SentNames, whose MemberNames the words number), the words' count, the words, the pool.
void append_tape(std::string& out, std::uint32_t table, const Tape& tape, std::string_view pool);

// Bytes gather in a buffer inside the writer and reach `out` a few kilobytes at a time, and once
// more in finish(): in the package, std::string's own push_back and append are calls into libc++
// that cannot be inlined (its basic_string is an extern template), and a full preview made
// thousands of them, one per character written — a fifth of its time in WebAssembly.
class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}
  // Words into `tape`, string bytes into `pool` (Tape above).
  Writer(std::string& pool, Tape& tape) : out_(pool), tape_(&tape) {}
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  // A member name; the next value written is its value.
  void key(std::string_view name);
  // A name written in the source (plain ASCII: nothing to escape or check) is copied as it is: a
  // result writes a few dozen, and checking each was a twentieth of a preview's instructions.
  template <std::size_t N>
  void key(const char (&name)[N]) {
    key_as_written(std::string_view(name, N - 1));
  }

  void string(std::string_view s);
  // A member whose value is a string, or a count (its name as key() takes it).
  template <class Name>
  void string_member(const Name& name, std::string_view value) {
    key(name);
    string(value);
  }
  template <class Name>
  void number_member(const Name& name, std::size_t n) {
    key(name);
    number(n);
  }
  void optional_string(const std::optional<std::string>& s);
  void boolean(bool b);
  void null();
  void number(std::size_t n);
  void value(const Json& j);  // an nlohmann value, as its dump() writes it (json_reader::json_text: as that text)
  // Text already serialized as one JSON value.
  void raw(std::string_view json_text);

  // Appends what is still buffered to `out`. Call it once the value is written: the destructor
  // does not (it could not report running out of memory), so `out` is whole only after finish().
  void finish();

 private:
  void open(char c);
  void close(char c);
  void before_value();
  void scalar(const Json& j);  // value's: not an array or object
  template <class Integer>
  void put_integer(Integer n);  // its decimal digits (defined and used in json_writer.cpp)
  // A string as nlohmann dump() writes it (ensure_ascii off, strict UTF-8).
  void put_string(std::string_view s);
  void key_as_written(std::string_view name);
  void put_escaping(std::string_view s);  // put_string's path for a string with a byte to escape or check
  void put_escaped(unsigned char c);
  void put_non_ascii(std::string_view s, std::size_t mark, std::size_t flushed);
  void flush();
  void append_large(const char* bytes, std::size_t n);
  // The tape's side of the writer.
  void word(Tape::Tag tag, std::size_t payload);
  void count_entry();  // one more element or member in the open array or object
  void tape_string(Tape::Tag tag, std::string_view s);
  void tape_name(std::string_view name);

  void put(char c) {
    if (length_ == sizeof buffer_) flush();
    buffer_[length_++] = c;
  }
  void put(const char* bytes, std::size_t n) {
    if (n > sizeof buffer_ - length_) {
      flush();
      if (n > sizeof buffer_) {
        append_large(bytes, n);
        return;
      }
    }
    std::memcpy(buffer_ + length_, bytes, n);
    length_ += n;
  }
  void put(std::string_view s) { put(s.data(), s.size()); }

  std::string& out_;
  Tape* tape_ = nullptr;
  bool first_ = true;       // no member or element yet at the current depth
  bool after_key_ = false;  // a key was just written
  std::size_t length_ = 0;  // bytes in buffer_
  char buffer_[4096];
};

}  // namespace sharepolicy::json_writer
