// A head written as words (engine/json_writer.h Tape) back to JSON text, as the package's
// TapeReader reads it (index.ts), written by the text writer: so a head compares byte for byte
// with the JSON text of the same result. The host's member names (MemberNames) are `names`: a
// numbered name read for the first time is added, as the package's NameTable adds it.
#pragma once
#include <catch2/catch.hpp>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "engine/json_writer.h"

namespace tape_text {

using sharepolicy::json_writer::Tape;
using sharepolicy::json_writer::Writer;

class Reader {
 public:
  // `names`: the member names the host holds for the table the head names (cleared by the caller
  // when it names another).
  Reader(std::string_view head, std::vector<std::string>& names) : head_(head), names_(names) {
    REQUIRE(head.size() >= 12);
    REQUIRE(word_at(0) == Tape::kMagic);
    table = word_at(1);
    count_ = word_at(2);
    REQUIRE(head.size() >= 12 + 4 * std::size_t{count_});
    pool_ = head.substr(12 + 4 * std::size_t{count_});
  }

  // The head's JSON text; every word and pool byte read exactly once.
  std::string text() {
    std::string out;
    Writer w(out);
    value(w);
    w.finish();
    CHECK(next_ == 3 + std::size_t{count_});
    CHECK(at_ == pool_.size());
    return out;
  }

  std::uint32_t table = 0;
  std::size_t new_names = 0;  // member names read as text and numbered
  std::size_t named_by_number = 0;

 private:
  std::uint32_t word_at(std::size_t i) const {
    std::uint32_t v;
    std::memcpy(&v, head_.data() + 4 * i, 4);
    return v;
  }
  std::uint32_t next_word() {
    REQUIRE(next_ < 3 + std::size_t{count_});
    return word_at(next_++);
  }
  std::string_view bytes(std::size_t n) {
    REQUIRE(at_ + n <= pool_.size());
    const auto s = pool_.substr(at_, n);
    at_ += n;
    return s;
  }

  void value(Writer& w) {
    const std::uint32_t word = next_word(), n = word >> 3;
    switch (word & 7) {
      case Tape::kAtom:
        REQUIRE(n <= Tape::kTrue);
        if (n == Tape::kNull) {
          w.null();
        } else {
          w.boolean(n == Tape::kTrue);
        }
        return;
      case Tape::kCount: return w.number(n);
      case Tape::kString: return w.string(bytes(n));
      case Tape::kJsonText: return w.raw(bytes(n));
      case Tape::kArray:
        w.begin_array();
        for (std::uint32_t k = 0; k < n; ++k) value(w);
        return w.end_array();
      case Tape::kObject:
        w.begin_object();
        for (std::uint32_t k = 0; k < n; ++k) {
          name(w);
          value(w);
        }
        return w.end_object();
      default: {
        std::string seen;
        for (std::size_t i = 3; i < next_; ++i)
          seen += std::to_string(word_at(i) & 7) + "/" + std::to_string(word_at(i) >> 3) + " ";
        FAIL("a value's word with tag " << (word & 7) << " at " << next_ << ": " << seen << " pool " << pool_);
      }
    }
  }

  void name(Writer& w) {
    const std::uint32_t word = next_word(), n = word >> 3;
    switch (word & 7) {
      case Tape::kString: return w.key(bytes(n));
      case Tape::kNewName:
        names_.emplace_back(bytes(n));
        ++new_names;
        return w.key(names_.back());
      case Tape::kKnownName:
        REQUIRE(n < names_.size());
        ++named_by_number;
        return w.key(names_[n]);
      default: FAIL("a member name's word with tag " << (word & 7));
    }
  }

  std::string_view head_, pool_;
  std::vector<std::string>& names_;
  std::uint32_t count_ = 0;
  std::size_t next_ = 3, at_ = 0;
};

// The text of a head read without a host's member names (written without a table of names).
inline std::string text_of(std::string_view head) {
  std::vector<std::string> names;
  return Reader(head, names).text();
}

}  // namespace tape_text
