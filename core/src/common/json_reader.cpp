#include "common/json_reader.h"

#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <unordered_set>

#include "common/input_failure.h"
#include "common/text_util.h"
#include "sharepolicy/limits.h"
#include "state/scanner.h"

namespace sharepolicy::json_reader {

InputFailure too_many_strings(std::size_t limit, std::string pointer) {
  return InputFailure(error_code::kLimitExceeded,
                      "this list holds more than " + std::to_string(limit) + " entries, the limit for it",
                      std::move(pointer));
}

std::string to_pointer(const Path& path) {
  std::string out;
  for (const auto& item : path) {
    if (!item.active) continue;
    out += '/';
    if (item.is_index) {
      out += std::to_string(item.index);
    } else {
      out += text_util::escape_pointer_token(item.key);
    }
  }
  return out;
}

namespace {

constexpr std::uint64_t kTextSubtype = 0x74657874;  // "text": a binary value made by close_as_text
constexpr std::uint64_t kJsonSubtype = 0x6a736f6e;  // "json": a kCompact container's compact text

// What parse_kept keeps of text it has checked already (a part of it, again): all of it.
const Shape kWholeValue{Shape::kWhole};
const Options kChecked{error_code::kRequestInvalid, limits::kMaxRequestBytes, "request"};

// A scalar token that dump() writes as it is: a literal, a string without escapes (the text was
// checked: it holds valid UTF-8 and no control character), an integer of at most 18 digits but
// "-0" (written "0"). Any other (an escape, a fraction, an exponent, a long integer) is parsed and
// written back by nlohmann itself, so that the text is dump()'s whatever its rules.
bool written_as_is(std::string_view token) {
  if (token[0] == '"') return token.find('\\') == std::string_view::npos;
  if (token[0] == 't' || token[0] == 'f' || token[0] == 'n') return true;
  const std::string_view digits = token[0] == '-' ? token.substr(1) : token;
  if (digits.size() > 18 || token == "-0") return false;
  for (char c : digits) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool is_punctuation(char c) { return c == '{' || c == '}' || c == '[' || c == ']' || c == ',' || c == ':'; }

// One past the token of valid JSON text starting at `i` (not white space): a punctuation mark, a
// string (its quotes included) or a scalar, which ends at white space or punctuation.
std::size_t token_end(std::string_view text, std::size_t i) {
  std::size_t end = i + 1;
  if (text[i] == '"') {
    while (text[end] != '"') end += text[end] == '\\' ? 2 : 1;
    return end + 1;
  }
  if (is_punctuation(text[i])) return end;
  while (end < text.size() && !is_json_space(text[end]) && !is_punctuation(text[end])) ++end;
  return end;
}

// What dump() writes of the container `text` (valid JSON: the reader checked it), without its DOM:
// white space dropped, each scalar as dump() writes it. An ordered_json object keeps its members in
// the order of the text, so the order is the DOM's too.
Json::binary_t::container_type compact(std::string_view text) {
  Json::binary_t::container_type out;
  out.reserve(text.size());
  const auto append = [&out](std::string_view bytes) {
    const std::size_t at = out.size();
    out.resize(at + bytes.size());
    std::memcpy(out.data() + at, bytes.data(), bytes.size());
  };
  for (std::size_t i = 0; i < text.size();) {
    if (is_json_space(text[i])) {
      ++i;
      continue;
    }
    const std::size_t end = token_end(text, i);
    const std::string_view token = text.substr(i, end - i);
    if (end - i == 1 || written_as_is(token)) {
      append(token);
    } else {
      append(parse_kept(token, kChecked, kWholeValue).dump());
    }
    i = end;
  }
  return out;
}

// nlohmann's messages start with "[json.exception.parse_error.101] parse error at line 1,
// column 4: "; keep the part a person needs and make sure it is valid UTF-8.
std::string describe_syntax_error(const std::string& what) {
  std::string msg = what;
  const auto bracket = msg.find("] ");
  if (msg.rfind("[json.exception", 0) == 0 && bracket != std::string::npos) msg = msg.substr(bracket + 2);
  return text_util::valid_utf8(msg);
}

// The distinct strings of a Shape::kDistinct list: 4 bytes an entry in an open-addressed table at
// most 3/4 full (16 bytes an entry while it doubles). A string without escapes is its offset in the
// text (it ends at the next quote: the read text has no quote inside a string but escaped ones); one
// with escapes is the place of its decoded copy (length, then bytes) in chunks that never move, so
// an id costs at most what its text does (a decoded string is shorter than its escaped text).
// Text offsets fit 31 bits (kMaxStateBytes); the copies are addressed by chunk (15 bits) and place
// (16 bits), 2 GiB of chunks: more is only reachable by a scenario of nearly 2 GiB whose one list
// is nearly all escaped distinct ids, and is answered as running out of memory (std::bad_alloc).
class DistinctSet {
 public:
  // False if `s` (decoded) is in the set already; `raw` is its text between the quotes.
  bool insert(const std::string& s, std::string_view raw, std::string_view text) {
    text_ = text;
    if (table_.empty()) table_.assign(64, 0);
    const std::size_t mask = table_.size() - 1;
    std::size_t i = hash(s) & mask;
    for (; table_[i] != 0; i = (i + 1) & mask) {
      if (name(table_[i]) == s) return false;
    }
    table_[i] = raw.size() == s.size() ? static_cast<std::uint32_t>(raw.data() - text.data()) : keep(s);
    if (++size_ * 4 > table_.size() * 3) grow();
    return true;
  }

 private:
  static constexpr std::uint32_t kCopy = 0x80000000u;  // an entry that is a decoded copy
  static constexpr unsigned kChunkBits = 16;
  static constexpr std::size_t kChunk = std::size_t{1} << kChunkBits;

  static std::uint64_t hash(std::string_view k) {
    std::uint64_t h = 1469598103934665603ull;  // FNV-1a
    for (unsigned char c : k) h = (h ^ c) * 1099511628211ull;
    return h;
  }

  std::string_view name(std::uint32_t e) const {
    if ((e & kCopy) == 0) {
      const char* at = text_.data() + e;
      const char* quote = static_cast<const char*>(std::memchr(at, '"', text_.size() - e));
      return std::string_view(at, static_cast<std::size_t>(quote - at));
    }
    const char* at = chunks_[(e & ~kCopy) >> kChunkBits].get() + (e & (kChunk - 1));
    std::uint32_t length;
    std::memcpy(&length, at, 4);
    return std::string_view(at + 4, length);
  }

  // Copies `s` after its length: into the current chunk, or a chunk of its own when it is long
  // (which it addresses from its start, so any length fits).
  std::uint32_t keep(const std::string& s) {
    const std::size_t need = 4 + s.size();
    std::size_t at = 0;
    if (need > kChunk / 4) {
      add_chunk(need);
      used_ = kChunk;  // the next short string starts a new chunk
    } else {
      if (chunks_.empty() || used_ + need > kChunk) {
        add_chunk(kChunk);
        used_ = 0;
      }
      at = used_;
      used_ += need;
    }
    char* out = chunks_.back().get() + at;
    const auto length = static_cast<std::uint32_t>(s.size());
    std::memcpy(out, &length, 4);
    std::memcpy(out + 4, s.data(), s.size());
    return kCopy | static_cast<std::uint32_t>(((chunks_.size() - 1) << kChunkBits) | at);
  }

  void add_chunk(std::size_t size) {
    if (chunks_.size() == (std::size_t{1} << (31 - kChunkBits))) throw std::bad_alloc();  // see above
    chunks_.push_back(std::make_unique<char[]>(size));
  }

  void grow() {
    std::vector<std::uint32_t> table(2 * table_.size(), 0);
    const std::size_t mask = table.size() - 1;
    for (std::uint32_t e : table_) {
      if (e == 0) continue;
      std::size_t i = hash(name(e)) & mask;
      while (table[i] != 0) i = (i + 1) & mask;
      table[i] = e;
    }
    table_.swap(table);
  }

  std::string_view text_;
  std::vector<std::uint32_t> table_;  // 0: an empty slot (no string starts at offset 0)
  std::size_t size_ = 0;
  std::vector<std::unique_ptr<char[]>> chunks_;
  std::size_t used_ = 0;  // in chunks_.back(), when it holds short strings
};

// nlohmann's input: the text, read at a place the handler sees and may move on (past a container
// it has checked itself, ContainerSkipper). The lexer reads no further than the token it reports
// (a number's one character of look-ahead aside), so at a bracket's event the place is just past it.
struct Cursor {
  const char* p;
  const char* end;
};
class CursorInput {
 public:
  using char_type = char;
  explicit CursorInput(Cursor& cursor) : cursor_(&cursor) {}
  std::char_traits<char>::int_type get_character() {
    if (cursor_->p == cursor_->end) return std::char_traits<char>::eof();
    return std::char_traits<char>::to_int_type(*cursor_->p++);
  }

 private:
  Cursor* cursor_;
};

// Checks a container that nothing reads inside (an unknown member, a kKind, kText or kCompact one)
// with the state loader's scanner, without reporting its content to the handler: nlohmann's lexer
// keeps every character since the last string or number for its error messages, in a buffer that
// doubles (`[{},{},…]` cost 3x its text in a WebAssembly memory, which keeps what it grew to; issue
// 16 item 4). The scanner accepts nothing that nlohmann refuses but a number out of double's range,
// so a container with a number that may be one is left to the lexer, as is one too deep or with a
// duplicate key (whose error the reader gives); a syntax error the scanner finds is thrown, never
// shown: the text is read again as before, whose error is the one to give. A scanner per container
// (it reserves 16 KB).
class ContainerSkipper {
 public:
  explicit ContainerSkipper(const Options& options) : options_(options) {}

  // `start` is at the container's '{' or '['; `outer` containers are open around it. Returns one
  // past its closing bracket, or nullptr when in doubt (a syntax error throws).
  const char* skip(std::string_view text, const char* start, std::size_t outer) {
    const std::string_view rest(start, static_cast<std::size_t>(text.data() + text.size() - start));
    state::Scanner s(rest, options_);
    is_object_.clear();
    for (;;) {
      const state::ValueKind kind = s.peek();
      if (kind == state::ValueKind::kObject || kind == state::ValueKind::kArray) {
        if (options_.input_limits && outer + is_object_.size() >= limits::kMaxNestingDepth) return nullptr;
        const bool is_object = kind == state::ValueKind::kObject;
        is_object ? s.enter_object() : s.enter_array();
        is_object_.push_back(is_object);
        if (keys_.size() < is_object_.size()) keys_.resize(is_object_.size());
        keys_[is_object_.size() - 1].clear();
      } else if (kind == state::ValueKind::kString) {
        s.string();
      } else {
        scalar_.clear();
        s.raw(scalar_);
        // nlohmann refuses a number whose double is not finite ("number overflow"): one with an
        // exponent or of many digits may be one, and is left to it.
        if (kind == state::ValueKind::kNumber &&
            (scalar_.size() > 18 || scalar_.find_first_of("eE") != std::string::npos))
          return nullptr;
      }
      const int next = positioned_on_next(s);
      if (next < 0) return nullptr;
      if (next == 0) return start + s.offset();
    }
  }

 private:
  // Closes what is complete and moves to the next value: 1, or 0 once the container is closed, or
  // -1 at a duplicate key.
  int positioned_on_next(state::Scanner& s) {
    for (;;) {
      if (is_object_.empty()) return 0;
      if (is_object_.back()) {
        std::string_view key;
        if (!s.next_member(key)) {
          is_object_.pop_back();
          continue;
        }
        return s.add_key(keys_[is_object_.size() - 1]) ? 1 : -1;
      }
      if (s.next_element()) return 1;
      is_object_.pop_back();
    }
  }

  const Options& options_;
  // Its own key sets, one a level: a key set keeps views into the scanner's text and copies.
  std::vector<state::KeySet> keys_;
  std::string is_object_;  // the containers open: 1 an object, 0 an array
  std::string scalar_;
};

// SAX handler: tracks the path, enforces the limits, keeps what the Shape asks for. Keeps its own
// explicit stack: nothing here recurses on the input's depth.
class LimitedSax {
 public:
  // `skipping`: containers that nothing reads inside are checked by a ContainerSkipper, not
  // reported by the lexer (false: the text is read again after a failure, for its exact error).
  LimitedSax(const Options& options, std::string_view text, const Shape& shape, Cursor& cursor, bool skipping)
      : options_(options),
        text_(text),
        after_string_(text.data()),
        root_shape_(shape),
        cursor_(cursor),
        skipper_(options),
        skipping_(skipping) {}

  Json take_root() { return std::move(root_); }
  // Whether a container was skipped: an error then may be one the lexer would have given otherwise
  // (its line, column and last token count what it read).
  bool skipped() const { return skipped_; }

  bool null() { return scalar(Json(nullptr)); }
  bool boolean(bool v) { return scalar(Json(v)); }
  bool number_integer(Json::number_integer_t v) { return scalar(Json(v)); }
  bool number_unsigned(Json::number_unsigned_t v) { return scalar(Json(v)); }
  bool number_float(Json::number_float_t v, const std::string&) { return scalar(Json(v)); }
  bool string(std::string& v) {
    check_string_length(v, false);
    const std::string_view raw = next_string_text();
    if (!frames_.empty() && frames_.back().dom != nullptr && frames_.back().shape->kind == Shape::kDistinct) {
      advance();
      keep_if_distinct(v, raw);
      value_done();
      return true;
    }
    return scalar(Json(std::move(v)));
  }
  bool binary(Json::binary_t&) { return fail_syntax("binary values are not JSON"); }

  bool start_object(std::size_t) { return open(true); }
  bool start_array(std::size_t) { return open(false); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(std::string& k) {
    check_string_length(k, true);
    const std::string_view name = key_text(k);
    path_.back().key = std::move(k);
    path_.back().active = true;
    if (!keys_[frames_.size() - 1]->insert(name, text_)) {
      throw InputFailure(options_.invalid_code,
                         "duplicate key '" + text_util::excerpt(path_.back().key) + "' in the " + options_.what,
                         to_pointer(path_));
    }
    return true;
  }

  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& ex) {
    return fail_syntax(describe_syntax_error(ex.what()));
  }

 private:
  struct Frame {
    bool is_object;
    Json* dom;           // the container being built; nullptr when its content is not kept
    const Shape* shape;  // what to keep of its content (with dom)
  };

  // The text between the quotes of the string (key or value) just reported. The lexer reports
  // every string in order and has checked it; between two strings the text holds no quote
  // (numbers, literals, punctuation, white space), so the next quote opens it, and it closes at
  // the next quote that no backslash escapes.
  std::string_view next_string_text() {
    const char* end = text_.data() + text_.size();
    const char* open = static_cast<const char*>(std::memchr(after_string_, '"', end - after_string_));
    const char* close = open;
    for (;;) {
      close = static_cast<const char*>(std::memchr(close + 1, '"', end - close - 1));
      const char* b = close;
      while (b[-1] == '\\') --b;
      if ((close - b) % 2 == 0) break;
    }
    after_string_ = close + 1;
    return std::string_view(open + 1, close - open - 1);
  }

  // The key just read as a view for the duplicate set: its text in the input when it had no
  // escapes (escapes always make the text longer than the name), else a decoded copy (shorter
  // than its text, kept to the end of the read).
  std::string_view key_text(const std::string& k) {
    const std::string_view raw = next_string_text();
    return raw.size() == k.size() ? raw : escaped_keys_.keep(k);
  }

  bool fail_syntax(const std::string& message) {
    throw InputFailure(options_.invalid_code, "the " + std::string(options_.what) + " is not valid JSON: " + message,
                       to_pointer(path_));
  }

  void check_string_length(const std::string& s, bool is_key) {
    if (s.size() > limits::kMaxStringBytes && options_.input_limits) {
      throw InputFailure(error_code::kLimitExceeded,
                         std::string(is_key ? "an object key" : "a string") + " of " + std::to_string(s.size()) +
                             " bytes exceeds the limit of " + std::to_string(limits::kMaxStringBytes) + " bytes",
                         to_pointer(path_));
    }
  }

  // Moves the path to the place of the next value in the innermost container.
  void advance() {
    if (frames_.empty()) return;
    Frame& f = frames_.back();
    if (!f.is_object) {
      PathItem& item = path_.back();
      item.index = next_index_.back()++;
      item.active = true;
    }
  }

  // A value is complete: until the next one starts, errors point at its container.
  void value_done() {
    if (!path_.empty()) path_.back().active = false;
  }

  // What to keep of the value starting here; nullptr: nothing.
  const Shape* shape_here() const {
    if (frames_.empty()) return &root_shape_;
    const Frame& f = frames_.back();
    if (f.dom == nullptr) return nullptr;
    switch (f.shape->kind) {
      case Shape::kWhole: return f.shape;
      case Shape::kEach:
        // Refused as it is reached, not once millions of elements are kept (a scenario of 3 000 000
        // empty steps cost 28x its text before its step count was read).
        if (f.shape->max_strings != 0 && f.dom->size() >= f.shape->max_strings)
          throw too_many_strings(f.shape->max_strings, to_pointer(Path(path_.begin(), path_.end() - 1)));
        return f.shape->each;
      case Shape::kDistinct:  // its strings are kept by keep_if_distinct
      case Shape::kStrings:
        if (!f.dom->empty() && !f.dom->back().is_string()) return nullptr;
        if (f.shape->kind == Shape::kStrings && f.shape->max_strings != 0 && f.dom->size() >= f.shape->max_strings)
          throw too_many_strings(f.shape->max_strings, to_pointer(path_));
        return &kKindOnly;
      case Shape::kMembers:
        for (const Shape::Member* m = f.shape->members; m->name != nullptr; ++m) {
          if (path_.back().key == m->name) return m->shape;
        }
        return f.shape->each;
      case Shape::kKind:
      case Shape::kText:
      case Shape::kCompact: break;
    }
    return nullptr;
  }

  // Where a value lands: into the DOM being built, or as the root.
  Json* place(Json&& v) {
    if (frames_.empty()) {
      root_ = std::move(v);
      return &root_;
    }
    Frame& f = frames_.back();
    if (f.is_object) {
      auto& members = f.dom->get_ref<Json::object_t&>();
      if (members.size() == members.capacity()) grow_moving(members);
      members.emplace_back(path_.back().key, std::move(v));
      return &members.back().second;
    }
    f.dom->push_back(std::move(v));
    return &f.dom->back();
  }

  // ordered_map's own growth copies its pairs (their key is const, so they cannot move): each
  // value deeply, then it destroys the originals, and nlohmann's destructor allocates (a vector of
  // the children it frees): under a memory budget, that allocation failing in a noexcept destructor
  // was std::terminate (issue 16 item 11). Here the values move; the originals are left empty.
  static void grow_moving(Json::object_t& members) {
    Json::object_t bigger;
    bigger.reserve(members.empty() ? 1 : 2 * members.size());
    for (auto& m : members) bigger.emplace_back(m.first, std::move(m.second));
    members.swap(bigger);
  }

  bool scalar(Json&& v) {
    advance();
    if (shape_here() != nullptr) place(std::move(v));
    value_done();
    return true;
  }

  // No room reserved ahead: an empty object costs its 16 bytes and an empty member list (issue 16:
  // room for 8 members made each "{}" of a request 400 bytes); an object grows by grow_moving.
  static Json new_container(bool is_object) { return is_object ? Json::object() : Json::array(); }

  bool open(bool is_object) {
    advance();
    if (frames_.size() >= limits::kMaxNestingDepth && options_.input_limits) {
      throw InputFailure(error_code::kLimitExceeded,
                         "the " + std::string(options_.what) + " nests deeper than " +
                             std::to_string(limits::kMaxNestingDepth) + " levels",
                         to_pointer(path_));
    }
    const Shape* shape = shape_here();
    if (shape != nullptr && (shape->kind == Shape::kText || shape->kind == Shape::kCompact))
      return open_as_text(is_object, shape->kind);
    Json* dom = shape != nullptr ? place(new_container(is_object)) : nullptr;
    if (shape != nullptr && is_object != (shape->kind == Shape::kMembers) && shape->kind != Shape::kWhole &&
        shape->kind != Shape::kKind) {
      shape = &kKindOnly;  // kMembers for an array, kEach or kStrings for an object
    }
    push_frame(is_object, dom, shape);
    if (dom != nullptr && shape->kind == Shape::kDistinct) distinct_ = std::make_unique<DistinctList>();
    if (dom == nullptr || shape->kind == Shape::kKind) skip_content();
    return true;
  }

  void push_frame(bool is_object, Json* dom, const Shape* shape) {
    frames_.push_back(Frame{is_object, dom, shape});
    if (keys_.size() < frames_.size()) keys_.push_back(std::make_unique<state::KeySet>());
    path_.push_back(PathItem{{}, 0, !is_object, false});
    next_index_.push_back(0);
  }

  // The container just opened keeps nothing of its content: checked by the skipper, the lexer
  // goes on at its closing bracket (which closes the frame as usual).
  void skip_content() {
    const char* open = cursor_.p - 1;
    if (!skipping_ || (*open != '{' && *open != '[')) return;
    skipped_ = true;  // a syntax error inside throws: read again
    const char* end = skipper_.skip(text_, open, frames_.size() - 1);
    if (end == nullptr) return;  // in doubt: the lexer reads it
    cursor_.p = end - 1;
    after_string_ = end;  // no string inside was reported
  }

  bool close() {
    if (frames_.back().is_object) keys_[frames_.size() - 1]->clear();
    if (text_frame_ == frames_.size()) close_as_text();
    if (frames_.back().dom != nullptr && frames_.back().shape->kind == Shape::kDistinct) close_distinct(frames_.back());
    frames_.pop_back();
    path_.pop_back();
    next_index_.pop_back();
    value_done();
    return true;
  }

  // The kDistinct list being read (they never nest: their elements are kept as kKind). Counting
  // millions of distinct ids costs about 16 bytes an id at most, and repeats cost nothing (issue 16
  // item 4: each was a DOM string, 48 bytes).
  struct DistinctList {
    DistinctSet seen, repeated;
    std::size_t count = 0;
  };

  // Keeps `v` (whose text is `raw`) at its first appearance and at its second, while at most
  // max_strings ids are distinct; past them, and after a non-string, only counts.
  void keep_if_distinct(std::string& v, std::string_view raw) {
    Frame& f = frames_.back();
    if (!f.dom->empty() && !f.dom->back().is_string()) return;  // the reader stops at a non-string
    DistinctList& d = *distinct_;
    const std::size_t max = f.shape->max_strings;
    if (d.seen.insert(v, raw, text_)) {
      if (d.count++ < max) f.dom->push_back(Json(std::move(v)));
    } else if (d.count <= max && d.repeated.insert(v, raw, text_)) {  // the list may still end within max
      f.dom->push_back(Json(std::move(v)));
    }
  }

  // A kDistinct list closes: past max_strings distinct ids, a last element that JSON text cannot
  // hold (a binary value, its subtype the count) tells distinct_strings how many there were.
  void close_distinct(Frame& f) {
    if (distinct_->count > f.shape->max_strings && (f.dom->empty() || f.dom->back().is_string())) {
      f.dom->push_back(Json::binary({}, distinct_->count));
    }
    distinct_.reset();
  }

  // A kText or kCompact container: a placeholder now, its text's place (or its compact text, or
  // its DOM) when it closes; nothing inside is kept. Its text starts at the bracket just read.
  bool open_as_text(bool is_object, Shape::Kind kind) {
    text_start_ = cursor_.p - 1;  // at its bracket
    text_kind_ = kind;
    text_value_ = place(Json());
    push_frame(is_object, nullptr, nullptr);
    text_frame_ = frames_.size();
    skip_content();
    return true;
  }

  // The container that opened at text_start_ has closed: the lexer has just read its bracket.
  void close_as_text() {
    const std::string_view container(text_start_, static_cast<std::size_t>(cursor_.p - text_start_));
    text_frame_ = 0;
    if (text_kind_ == Shape::kCompact && container.size() <= Shape::kCompactAbove) {
      *text_value_ = parse_kept(container, options_, kWholeValue);  // checked already
      return;
    }
    const std::uint64_t range[2] = {static_cast<std::uint64_t>(text_start_ - text_.data()), container.size()};
    Json::binary_t::container_type bytes(sizeof range);
    std::memcpy(bytes.data(), range, sizeof range);
    *text_value_ = Json::binary(std::move(bytes), text_kind_ == Shape::kCompact ? kJsonSubtype : kTextSubtype);
    // A large kCompact container is compacted once the parse is over (compact_pending), when only
    // the DOM is left of the read (and a read that fails makes no copy). The binary value stays
    // where it is while the DOM around it grows.
    if (text_kind_ == Shape::kCompact) pending_.push_back(&text_value_->get_binary());
  }

 public:
  // The large kCompact containers as their compact text (parse_kept, after the parse).
  void compact_pending() {
    for (Json::binary_t* value : pending_) {
      std::uint64_t range[2];
      std::memcpy(range, value->data(), sizeof range);
      static_cast<Json::binary_t::container_type&>(*value) = compact(text_.substr(range[0], range[1]));
    }
  }

 private:
  static const Shape kKindOnly;

  const Options& options_;
  std::string_view text_;
  const char* after_string_;  // just past the last string reported
  const Shape& root_shape_;
  Cursor& cursor_;
  Json root_;
  std::vector<Frame> frames_;
  // The keys of the object open at each nesting level reached (reused; a set of 128 bytes a level,
  // not one per level allowed), and the keys that had escapes, decoded.
  std::vector<std::unique_ptr<state::KeySet>> keys_;
  state::StableText escaped_keys_;
  ContainerSkipper skipper_;
  bool skipping_;  // false: the lexer reads everything
  bool skipped_ = false;
  Path path_;
  std::vector<std::size_t> next_index_;
  std::unique_ptr<DistinctList> distinct_;
  // The kText container open (they never nest: nothing inside one is kept): its frame's depth (0:
  // none), where its text starts, and its placeholder.
  std::size_t text_frame_ = 0;
  Shape::Kind text_kind_ = Shape::kText;
  const char* text_start_ = nullptr;
  Json* text_value_ = nullptr;
  std::vector<Json::binary_t*> pending_;  // large kCompact containers, still as their place
};

const Shape LimitedSax::kKindOnly{Shape::kKind};

void check_size(std::string_view text, const Options& options) {
  if (text.size() > options.max_bytes) {
    throw InputFailure(error_code::kLimitExceeded,
                       "the " + std::string(options.what) + " is " + std::to_string(text.size()) +
                           " bytes, more than the limit of " + std::to_string(options.max_bytes) + " bytes",
                       "");
  }
}

// nlohmann's lexer takes a NUL byte outside a string for the end of the input, so "{}\0garbage"
// would parse as "{}". Inside a string a NUL is an error of its own and before the end of the
// document it is "unexpected end of input"; so a NUL in a text that parsed can only follow the
// document: trailing content, refused like any other.
void check_no_trailing_nul(std::string_view text, const Options& options) {
  const void* nul = std::memchr(text.data(), 0, text.size());
  if (nul == nullptr) return;
  const auto offset = static_cast<const char*>(nul) - text.data();
  throw InputFailure(options.invalid_code,
                     "the " + std::string(options.what) + " continues after its JSON document (a NUL byte at offset " +
                         std::to_string(offset) + "): nothing may follow the document",
                     "");
}

}  // namespace

std::optional<DistinctStrings> distinct_strings(const Json& list) {
  if (!list.is_array()) return std::nullopt;
  DistinctStrings out;
  std::unordered_set<std::string> seen, repeated;
  for (const Json& id : list) {
    if (id.is_binary()) {  // the count of a list read as kDistinct (see close_distinct)
      out.count = id.get_binary().subtype();
      continue;
    }
    if (!id.is_string()) return std::nullopt;
    const auto& text = id.get_ref<const std::string&>();
    if (seen.insert(text).second) {
      out.first.push_back(text);
    } else if (repeated.insert(text).second) {
      out.repeated.push_back(text);
    }
  }
  if (out.count < out.first.size()) out.count = out.first.size();
  return out;
}

bool equal_compact(std::string_view a, std::string_view b) {
  if (a == b) return true;
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const std::size_t x_end = token_end(a, i), y_end = token_end(b, j);
    const std::string_view x = a.substr(i, x_end - i), y = b.substr(j, y_end - j);
    i = x_end;
    j = y_end;
    if (x == y) continue;
    // dump() writes a string, a literal, an integer one way only; numbers that differ may be equal.
    const auto is_number = [](char c) { return c == '-' || (c >= '0' && c <= '9'); };
    if (!is_number(x[0]) || !is_number(y[0]) || parse_document(x, kWrittenText) != parse_document(y, kWrittenText))
      return false;
  }
  return i == a.size() && j == b.size();
}

std::optional<std::string_view> text_range(const Json& value, std::string_view text) {
  if (!value.is_binary() || value.get_binary().subtype() != kTextSubtype || value.get_binary().size() != 16)
    return std::nullopt;
  std::uint64_t range[2];
  std::memcpy(range, value.get_binary().data(), sizeof range);
  if (range[0] > text.size() || range[1] > text.size() - range[0]) return std::nullopt;
  return text.substr(range[0], range[1]);
}

std::optional<std::string_view> json_text(const Json& value) {
  if (!value.is_binary() || value.get_binary().subtype() != kJsonSubtype) return std::nullopt;
  const auto& bytes = value.get_binary();
  return std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

namespace {

// nullopt: a failure after a container was skipped (LimitedSax::skipped), to be read again without.
std::optional<Json> read_kept(std::string_view text, const Options& options, const Shape& shape, bool skipping) {
  Cursor cursor{text.data(), text.data() + text.size()};
  LimitedSax sax(options, text, shape, cursor, skipping);
  try {
    nlohmann::detail::parser<Json, CursorInput>(CursorInput(cursor)).sax_parse(&sax, true);
  } catch (const InputFailure&) {
    if (sax.skipped()) return std::nullopt;
    throw;
  }
  check_no_trailing_nul(text, options);
  sax.compact_pending();
  return sax.take_root();
}

}  // namespace

Json parse_kept(std::string_view text, const Options& options, const Shape& shape) {
  check_size(text, options);
  std::optional<Json> kept = read_kept(text, options, shape, true);
  if (!kept) kept = read_kept(text, options, shape, false);  // its error, exactly as the lexer gives it
  return std::move(*kept);
}

Json parse_document(std::string_view text, const Options& options) {
  static const Shape kWholeDocument{Shape::kWhole};
  return parse_kept(text, options, kWholeDocument);
}

}  // namespace sharepolicy::json_reader
