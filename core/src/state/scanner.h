// A typed, pull-style JSON scanner for the state loader (state.md). The loader asks for what the
// schema expects next (an object, a member, a string …); the scanner checks the text as it goes
// (syntax, UTF-8, lone surrogates, nesting depth, string length) and keeps the JSON pointer of the
// place it reads, so every error names it. Values the loader does not know are validated and
// copied as compact text (no DOM). Strings without escapes come back as views into the input:
// reading the state allocates nothing per token.
#pragma once
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/json_reader.h"

namespace sharepolicy::state {

// Distinct key names of one object, for duplicate detection in 4 bytes per key: a key without
// escapes is its offset in the input text (it ends at the next '"'), a key with escapes the index
// of its view in a side list (high bit set). Up to kLinear keys are compared in place; past that, an
// open-addressing table of those entries, at most 3/4 full. So a hostile object of a million short
// keys costs at most 16 bytes a key while the table grows (old and new table together), about
// 10 steady, against at least 9 of text a key (`"abcd":0,`): the load stays within 4x its text.
class KeySet {
 public:
  // Forgets the keys and gives back the table (most objects need none: a table is for the few
  // objects past kLinear keys, and a large one must not outlive its object).
  void clear() {
    size_ = 0;
    table_.reset();
    capacity_ = 0;
    if (!escaped_.empty()) std::vector<std::string_view>().swap(escaped_);
  }
  // False if `key` is already in the set. `key` is a view into `text` (the input) or, when it had
  // escapes, into storage valid until clear().
  bool insert(std::string_view key, std::string_view text);

 private:
  static constexpr std::size_t kLinear = 16;
  static constexpr std::uint32_t kEscaped = 0x80000000u;
  std::uint32_t entry(std::string_view key, std::string_view text);
  std::string_view name(std::uint32_t entry) const;
  bool same(std::uint32_t entry, std::string_view key) const;
  void grow();

  const char* base_ = nullptr;  // the input text the offsets count from
  const char* end_ = nullptr;
  std::size_t size_ = 0;
  std::uint32_t small_[kLinear] = {};
  std::unique_ptr<std::uint32_t[]> table_;  // 0 is an empty slot (no key starts at offset 0)
  std::size_t capacity_ = 0;                // a power of two, or 0 while size_ <= kLinear
  std::vector<std::string_view> escaped_;
};

// Storage whose strings never move (chunks), for strings that had escapes.
class StableText {
 public:
  std::string_view keep(std::string_view s);
  void clear() {
    chunks_.clear();
    current_ = nullptr;
    current_size_ = 0;
    used_ = 0;
  }

 private:
  static constexpr std::size_t kFirstChunk = 1024, kChunk = 64 * 1024;
  std::vector<std::unique_ptr<char[]>> chunks_;
  // The chunk short strings are packed into (kFirstChunk, then four times the last up to kChunk).
  // Not chunks_.back(): a long string gets a chunk of its own, pushed after it.
  char* current_ = nullptr;
  std::size_t current_size_ = 0;
  std::size_t used_ = 0;
};

enum class ValueKind : std::uint8_t { kObject, kArray, kString, kNumber, kTrue, kFalse, kNull, kEnd };

class Scanner {
 public:
  Scanner(std::string_view text, const json_reader::Options& options);

  // --- where we are (for errors)
  std::string pointer() const { return json_reader::to_pointer(path()); }
  // The pointer of the current member's container (what "an element … needs 'id'" names).
  std::string container_pointer() const;
  // The byte offset in the whole text (a streamed text: counted from its first piece).
  std::uint64_t offset() const { return base_ + static_cast<std::uint64_t>(p_ - begin_); }
  std::size_t depth() const { return path_.size(); }    // containers open
  bool at_first() const { return first_.back() != 0; }  // no member/element read yet in this one

  // --- streaming (state_loader.h): the text arrives in pieces. `text` holds the bytes from offset
  // `text_offset` on, at least up to offset() and on past it; reading goes on from offset(). Views
  // the scanner handed out before into earlier bytes are no longer valid, so a streaming scanner
  // copies what stable() and lasting_key() return.
  void rebase(std::string_view text, std::uint64_t text_offset) {
    const std::uint64_t at = offset();
    text_ = text;
    begin_ = text.data();
    end_ = text.data() + text.size();
    p_ = begin_ + (at - text_offset);
    base_ = text_offset;
    streaming_ = true;
  }
  // A UTF-8 byte order mark is accepted at the start, as JSON.parse's callers strip it.
  void skip_bom() {
    if (offset() == 0 && end_ - p_ >= 3 && std::memcmp(p_, "\xEF\xBB\xBF", 3) == 0) p_ += 3;
  }
  void skip_ws() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }

  // --- structure
  ValueKind peek();  // the kind of the next value (after white space); does not consume
  // Consume '{' / '[' and enter it (checks the nesting limit).
  void enter_object();
  void enter_array();
  // After enter_object: the next member's key (false once '}' is consumed and the object left).
  // The key is a view valid until the next call.
  bool next_member(std::string_view& key);
  // After enter_array: whether another element follows (false once ']' is consumed).
  bool next_element();
  std::size_t element_index() const { return path_.back().index; }
  const std::string& key() const { return path().back().key; }  // the current member's name
  // The key next_member read last, without a copy: valid until the next key at its level.
  std::string_view member_key() const { return member_key_; }

  // --- values
  // A string value; a view into the input, or into scratch storage valid until the next string.
  std::string_view string();
  bool boolean();  // true / false
  void null();
  // Any value, validated and appended to `out` as compact JSON text (number text, string escapes
  // as written; white space outside strings dropped). Duplicate keys are refused inside it.
  void raw(std::string& out);
  // The current member (after next_member: its key and its value) appended to `out` as raw_key()
  // and raw() would, after a ',' unless `out` is empty. A scalar written with no white space
  // around its ':' is its bytes as written, copied at once (an unknown member of every Webex
  // recording: five out-of-line string appends each in the package, one here).
  void raw_member(std::string& out);
  // The current key, valid for the whole load (a view into the input unless it had escapes).
  std::string_view stable_key() {
    const std::string_view k = member_key_;
    if (key_raw_.size() == k.size() + 2) return std::string_view(key_raw_.data() + 1, k.size());
    return raw_key_text_.keep(k);
  }
  // The current key, valid for the whole load even when the text streams (for the keys of the
  // root and section objects, which outlive the bytes they were read from).
  std::string_view lasting_key() {
    if (streaming_) return raw_key_text_.keep(member_key_);
    return stable_key();
  }
  // A string read by string(), valid for the whole load. When the text streams, a copy, shared
  // with an equal recent one: references repeat (a few principals and permissions across many
  // shares); on M this keeps a quarter of the streamed load's peak memory.
  std::string_view stable(std::string_view v) {
    if (streaming_) return interned(v);
    if (v.data() >= begin_ && v.data() <= end_) return v;
    return raw_key_text_.keep(v);
  }
  // Adds the current key to `keys`; false if it is already there.
  bool add_key(KeySet& keys) { return keys.insert(stable_key(), text_); }
  // The same for a set that outlives the bytes read (the root's and the sections' keys).
  bool add_lasting_key(KeySet& keys) { return keys.insert(lasting_key(), text_); }
  // Appends `"key":` in compact form (the key as written in the input).
  void raw_key(std::string& out) const {
    out.append(key_raw_.data(), key_raw_.size());
    out += ':';
  }

  // The document must end after its value (white space aside).
  void finish();

  [[noreturn]] void fail_syntax(const std::string& what) const;
  [[noreturn]] void fail_at(const std::string& message) const;  // STATE_INVALID at pointer()

  const json_reader::Options& options() const { return options_; }
  const char* describe_next() const;

 private:
  void expect(char c, const char* context);
  void push(bool is_object);
  void close_container();  // after a closing } or ]
  void literal(const char* word, std::size_t n);
  std::string_view number();
  // Scans a string starting after its opening quote; sets raw_ (the bytes between the quotes).
  std::string_view scan_string(bool is_key);
  std::string_view decode_escapes(const char* start, const char* stop);
  std::string_view interned(std::string_view v);
  const char* validate_utf8(const char* s) const;  // at a byte >= 0x80; returns past the sequence

  std::string_view text_;
  const char* begin_;
  const char* p_;
  const char* end_;
  std::uint64_t base_ = 0;  // the offset of begin_ in the whole text
  bool streaming_ = false;
  json_reader::Options options_;
  // The path, its lazily kept keys copied in (for a pointer or a message).
  const json_reader::Path& path() const;

  // A member key is copied into path_ only when a pointer or a message needs it: a key without
  // escapes inside an element is kept as a view into the text in lazy_keys_ (per open container;
  // empty: path_ holds it). Copying every key was a seventh of loading M in the package, where
  // std::string's assign is an out-of-line libc++ call. The keys of the root and section objects
  // are copied at once: a streamed text drops their bytes long before the section ends.
  static constexpr std::size_t kEagerKeyLevels = 2;
  mutable json_reader::Path path_;
  mutable std::vector<std::string_view> lazy_keys_;
  std::string_view member_key_;   // the key next_member read last (into the text, or path_'s copy)
  std::vector<char> first_;       // per open container: no member/element read yet
  std::string scratch_;           // decoded string with escapes
  std::string_view key_raw_;      // the current key as written, quotes included
  std::string_view last_raw_;     // the last string's bytes as written, quotes included
  std::vector<KeySet> raw_keys_;  // per nesting level inside raw()
  StableText raw_key_text_;
  // Streaming: the last copy stable() made per hash slot (a direct-mapped cache, no allocation
  // per string: a full set cost a quarter of the streamed load's time). A power of two of slots.
  static constexpr std::size_t kMaxRecent = std::size_t{1} << 14;
  std::vector<std::string_view> recent_;  // empty until the first string
  std::size_t recent_kept_ = 0;           // strings the cache has copied
  void grow_recent();
};

}  // namespace sharepolicy::state
