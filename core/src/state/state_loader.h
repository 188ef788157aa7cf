// The state loader (state.md), for a whole text (load_state) and for a text that arrives in pieces
// (StateStream). The scanner reads the text pull-style; this walks the top levels — the root
// object, each section object, each collection array — one unit at a time: a member of the root
// or of a section (its key and, unless it opens a section or a collection, its whole value), or
// one element of a collection (handed to the section's builder). A streamed text is read a unit
// once its bytes have all arrived, which a small resumable look-ahead decides (a string-, escape-
// and depth-aware byte scan), so the scanner never meets the end of a piece, and the bytes of
// read units are dropped: the text never sits whole in memory. Errors are those of the whole
// text: the same scanner code reads the same bytes in the same order.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "sharepolicy/state.h"
#include "state/model.h"
#include "state/scanner.h"
#include "state/section_builders.h"

namespace sharepolicy::state {

class Loader {
 public:
  Loader();                                 // a stream: read() is given the bytes as they arrive
  explicit Loader(std::string_view whole);  // the whole text, read by one read(whole, 0, true)
  ~Loader();

  // Reads every unit whose bytes are all in `text` (which holds the bytes from offset
  // `text_offset`, from offset() at the latest); `final`: no byte follows `text`.
  void read(std::string_view text, std::uint64_t text_offset, bool final);
  // Everything read so far: the bytes before it are no longer needed.
  std::uint64_t offset() const { return scanner_.offset(); }
  // After a final read: resolves, checks and indexes (state.md "Integrity").
  detail::StateData finish();

 private:
  enum class Level : std::uint8_t { kStart, kRoot, kSection, kCollection, kEnd, kDone };
  // The steps of a unit's look-ahead (Look::step; look_ahead.cpp).
  enum Step : std::uint8_t { kLead, kKeyOpen, kKey, kBeforeColon, kBeforeValue, kValue, kWord, kString, kNested };
  // Where the look-ahead of the next unit stands (offsets in the whole text).
  struct Look {
    std::uint64_t at = 0;
    std::uint8_t step = 0;
    bool in_string = false, escape = false;
    std::uint32_t depth = 0;
    std::uint64_t key_at = 0, key_end = 0;  // the key's bytes between its quotes
  };

  static bool is_section_key(std::string_view key);  // hmp, webex or ocm
  bool unit_ready(std::string_view text, std::uint64_t text_offset);
  bool value_needs_all(std::string_view key, char first) const;
  bool scan_value(const char*& p, const char* end, Look& look) const;
  void read_unit();
  void read_start();
  void read_root_member();
  void read_section_member();
  void read_section(std::string_view key);
  void read_schema();

  Scanner scanner_;
  bool stream_;
  Level level_ = Level::kStart;
  Look look_;
  KeySet root_keys_;
  detail::StateData data_;
  std::unique_ptr<HmpBuilder> hmp_;
  std::unique_ptr<WebexBuilder> webex_;
  std::unique_ptr<OcmBuilder> ocm_;
  SectionBuilder* section_ = nullptr;  // the section being read
  int collection_ = -1;                // the collection being read (its bit)
};

}  // namespace sharepolicy::state
