// Fills an asset's before/after/gained/lost lists within an AccessWindow (docs/ACCESS.md "Bounded
// lists"): every entry is counted, and only those the window holds are built, so a preview of an
// asset shared with 100k groups builds (and prints) a few dozen holders, not hundreds of thousands.
// With an AccessWords writer (the package's canShare), the entries go to it as they are built and
// the lists stay empty.
#pragma once
#include <type_traits>

#include "engine/access_words.h"
#include "sharepolicy/result.h"

namespace sharepolicy {

class WindowedAccess {
 public:
  WindowedAccess(AssetAccess& out, const AccessWindow& window, AccessWords* words = nullptr)
      : out_(out), window_(window), words_(words) {
    if (words_) words_->begin_asset(out.system, out.kind, out.id, out.uses_roles);
  }

  // `make` builds the entry, called only when the window holds it: either it answers the entry,
  // or it fills the one it is handed (every member: the same one is handed again).
  template <class Make>
  void add_before(Make&& make) {
    add(AccessWords::kBefore, out_.before, counts_.before, listed_.before, make);
  }
  template <class Make>
  void add_after(Make&& make) {
    add(AccessWords::kAfter, out_.after, counts_.after, listed_.after, make);
  }
  template <class Make>
  void add_gained(Make&& make) {
    add(AccessWords::kGained, out_.gained, counts_.gained, listed_.gained, make);
  }
  template <class Make>
  void add_lost(Make&& make) {
    add(AccessWords::kLost, out_.lost, counts_.lost, listed_.lost, make);
  }

  // A holder listed the same before and after (a user the changes do not touch): made once, for
  // whichever of the two lists the window holds it in.
  template <class Make>
  void add_unchanged(Make&& make) {
    const bool before = window_.holds(counts_.before++), after = window_.holds(counts_.after++);
    if (!before && !after) return;
    make(view_);
    listed_.before += before;
    listed_.after += after;
    if (words_) {
      words_->holder_in(before, after, view_);
      return;
    }
    if (before) out_.before.push_back(holder_of(view_));
    if (after) out_.after.push_back(before ? out_.before.back() : holder_of(view_));
  }

  // The counts go out only when a list was cut, so whole lists keep their former text.
  void finish() {
    const bool cut = listed_.before < counts_.before || listed_.after < counts_.after ||
                     listed_.gained < counts_.gained || listed_.lost < counts_.lost;
    if (cut) out_.counts = counts_;
    if (words_) words_->end_asset(out_.counts);
  }

 private:
  // A holder fills a HolderView (views of the state: copied once, by the writer or into the list's
  // AccessHolder); a delta fills the AccessDelta it is handed; any entry may instead be answered.
  template <class List, class Make>
  void add(AccessWords::List which, List& list, std::size_t& count, std::size_t& listed, Make& make) {
    if (!window_.holds(count++)) return;
    ++listed;
    if constexpr (std::is_invocable_v<Make&, HolderView&>) {
      make(view_);
      if (words_) words_->holder(which, view_);
      else list.push_back(holder_of(view_));
    } else if constexpr (std::is_invocable_v<Make&, AccessDelta&>) {
      AccessDelta& delta = words_ ? delta_ : list.emplace_back();
      make(delta);
      if (words_) words_->delta(which, delta);
    } else if (words_) {
      write(which, make());
    } else {
      list.push_back(make());
    }
  }
  void write(AccessWords::List which, const AccessHolder& h) { words_->holder(which, h); }
  void write(AccessWords::List which, const AccessDelta& d) { words_->delta(which, d); }

  AssetAccess& out_;
  AccessWindow window_;
  AccessWords* words_;
  AccessCounts counts_, listed_;
  HolderView view_;    // every holder's, filled again and again (its lists' memory kept)
  AccessDelta delta_;  // with a writer: every delta's, likewise
};

}  // namespace sharepolicy
