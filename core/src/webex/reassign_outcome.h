// A reassignment's outcome with its per-recording lists kept as indexes into the Webex section
// (docs/DECISIONS.md "Paged reassignment results"). Reassign-all of an owner moves 100k
// recordings: as indexes that is 8 bytes a move; ids are written only for the items asked for.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/vendor_calls.h"

#include "sharepolicy/result.h"
#include "state/model.h"

namespace sharepolicy::webex {

enum class SkipReason : std::uint8_t { kNotOwnedByOwner, kPurged, kAlreadyOwned };
const char* skip_reason_name(SkipReason reason);

struct OutcomeMove {
  Index recording, from;  // the recording and its owner before the move
};
struct OutcomeSkip {
  Index recording;
  SkipReason reason;
};

// The lists of a reassignment result that grow with the number of recordings, in result order
// (their names: ReassignPages::kLists).
enum class ReassignList : std::uint8_t { kChanges, kWarnings, kMoved, kSkipped, kAssets };
constexpr std::size_t kReassignLists = 5;

struct ReassignOutcome {
  ReassignOutcome() = default;
  ReassignOutcome(Result r) : head(std::move(r)) {}  // a refusal: no lists (implicit: `return run.error(…)`)

  // The result without its per-recording lists: no changes, moved, skipped or access, and of the
  // warnings only those that do not name one recording.
  Result head;
  Index destination = kNoIndex;
  std::vector<OutcomeMove> moves;  // changes, reassign.moved and access.assets: one item per move
  std::vector<OutcomeSkip> skips;
  // Positions in `moves` of recordings in the recycle bin. Their IN_RECYCLE_BIN warnings follow
  // head.warnings (the only warning after them, NOTHING_TO_MOVE, comes when nothing moves).
  std::vector<std::uint32_t> recycled;
  bool described_access = false;       // Detail::kFull: access.assets (one per move) and access.owners
  std::vector<OwnershipTotal> owners;  // access.owners

  std::size_t total(ReassignList list) const;
};

// Check 1-9 and the selection (reassign_recordings.cpp).
ReassignOutcome reassign_outcome(const Section& s, std::optional<Index> actor, const std::vector<std::string>& scopes,
                                 const HttpCall& call, Detail detail);
// Access before and after (access_delta.cpp): sets described_access and totals access.owners.
void describe_access(const Section& s, ReassignOutcome& outcome);

constexpr std::size_t kAllItems = static_cast<std::size_t>(-1);
constexpr unsigned kAllLists = (1u << kReassignLists) - 1;  // bit i: ReassignList i
// The result with the lists in `lists` holding their items [offset, offset + limit), each as the
// full result holds it, and the others empty. (0, kAllItems, kAllLists): the full result, as
// reassign_recordings answers it. Access is there when described and something moves. `s`: the
// section the outcome was computed on, or that section after the moves (ids are the same).
Result reassign_result(const Section& s, const ReassignOutcome& o, std::size_t offset, std::size_t limit,
                       unsigned lists = kAllLists);

// Carries out the moves on `s` (exclusively owned), as state::apply_changes does for their changes.
void apply_moves(Section& s, const ReassignOutcome& o);

}  // namespace sharepolicy::webex
