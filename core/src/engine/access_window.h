// Fills an asset's before/after/gained/lost lists within an AccessWindow (docs/ACCESS.md "Bounded
// lists"): every entry is counted, and only those the window holds are built, so a preview of an
// asset shared with 100k groups builds (and prints) a few dozen holders, not hundreds of thousands.
#pragma once
#include "sharepolicy/result.h"

namespace sharepolicy {

class WindowedAccess {
 public:
  WindowedAccess(AssetAccess& out, const AccessWindow& window) : out_(out), window_(window) {}

  // `make` builds the entry; it is called only when the window holds it.
  template <class Make>
  void add_before(Make&& make) {
    add(out_.before, counts_.before, make);
  }
  template <class Make>
  void add_after(Make&& make) {
    add(out_.after, counts_.after, make);
  }
  template <class Make>
  void add_gained(Make&& make) {
    add(out_.gained, counts_.gained, make);
  }
  template <class Make>
  void add_lost(Make&& make) {
    add(out_.lost, counts_.lost, make);
  }

  // The counts go out only when a list was cut, so whole lists keep their former text.
  void finish() {
    if (out_.before.size() < counts_.before || out_.after.size() < counts_.after ||
        out_.gained.size() < counts_.gained || out_.lost.size() < counts_.lost) {
      out_.counts = counts_;
    }
  }

 private:
  // Every entry is counted; only those inside the window are built.
  template <class List, class Make>
  void add(List& list, std::size_t& count, Make& make) {
    if (window_.holds(count++)) list.push_back(make());
  }

  AssetAccess& out_;
  AccessWindow window_;
  AccessCounts counts_;
};

}  // namespace sharepolicy
