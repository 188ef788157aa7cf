// The streamed load's look-ahead (state_loader.h): whether the bytes of the next unit have all
// arrived, decided by a resumable, string-, escape- and depth-aware scan of its bytes. Apart from
// load_state.cpp, which the WebAssembly build compiles for size (wasm/CMakeLists.txt's cold list),
// so that it is compiled for speed: a streamed load of M took 0.683 s of CPU at -Oz, 0.617 s at
// -O2, for 4 bytes gzip (docs/DECISIONS.md "loadStream speed").
#include <algorithm>
#include <cstring>

#include "sharepolicy/limits.h"
#include "state/reading.h"
#include "state/state_loader.h"

namespace sharepolicy::state {
namespace {

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

}  // namespace

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

}  // namespace sharepolicy::state
