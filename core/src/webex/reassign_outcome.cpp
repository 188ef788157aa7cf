// A reassignment's lists written from its indexes (webex/reassign_outcome.h): the full result and
// every page of it come from the same functions, so pages always concatenate to the full lists.
#include "webex/reassign_outcome.h"

#include <algorithm>

#include "engine/vendor_calls.h"
#include "state/apply_changes.h"

namespace sharepolicy::webex {

const char* skip_reason_name(SkipReason reason) {
  switch (reason) {
    case SkipReason::kNotOwnedByOwner: return "not-owned-by-owner";
    case SkipReason::kPurged: return "purged";
    case SkipReason::kAlreadyOwned: return "already-owned";
  }
  return "purged";
}

std::size_t ReassignOutcome::total(ReassignList list) const {
  switch (list) {
    case ReassignList::kWarnings: return head.warnings.size() + recycled.size();
    case ReassignList::kSkipped: return skips.size();
    case ReassignList::kAssets: return described_access ? moves.size() : 0;
    case ReassignList::kChanges:
    case ReassignList::kMoved: return moves.size();
  }
  return 0;
}

namespace {

// The index range [offset, offset + limit) clipped to a list of `size` items.
struct Range {
  std::size_t begin, end;
};
Range clip(std::size_t size, std::size_t offset, std::size_t limit) {
  const std::size_t begin = std::min(offset, size);
  return {begin, begin + std::min(limit, size - begin)};
}

void slice_changes(const Section& s, const ReassignOutcome& o, std::size_t offset, std::size_t limit,
                   std::vector<Change>& out) {
  const Range range = clip(o.moves.size(), offset, limit);
  out.reserve(out.size() + (range.end - range.begin));
  const std::string& to = range.begin < range.end ? s.people[o.destination].id : std::string();
  for (std::size_t i = range.begin; i < range.end; ++i) {
    const OutcomeMove& m = o.moves[i];
    Change c;
    c.type = "owner.set";
    c.system = "webex";
    c.asset_kind = "recording";
    c.asset_id = s.recordings[m.recording].id;
    c.before = s.people[m.from].id;
    c.after = to;
    out.push_back(std::move(c));  // push_back(T&&), as elsewhere: one instantiation less in the wasm
  }
}

void slice_warnings(const Section& s, const ReassignOutcome& o, std::size_t offset, std::size_t limit,
                    std::vector<Warning>& out) {
  const Range range = clip(o.total(ReassignList::kWarnings), offset, limit);
  const std::size_t before = o.head.warnings.size();
  for (std::size_t i = range.begin; i < range.end; ++i) {
    if (i < before) {
      out.push_back(Warning(o.head.warnings[i]));
      continue;
    }
    const Recording& rec = s.recordings[o.moves[o.recycled[i - before]].recording];
    out.push_back(Warning{"IN_RECYCLE_BIN", "recording " + rec.id +
                                                " is in the recycle bin (status deleted); it moves to " +
                                                s.people[o.destination].email + " and stays in the recycle bin"});
  }
}

void slice_moved(const Section& s, const ReassignOutcome& o, std::size_t offset, std::size_t limit,
                 std::vector<ReassignMove>& out) {
  const Range range = clip(o.moves.size(), offset, limit);
  out.reserve(out.size() + (range.end - range.begin));
  for (std::size_t i = range.begin; i < range.end; ++i) {
    const OutcomeMove& m = o.moves[i];
    out.push_back(ReassignMove{s.recordings[m.recording].id, s.people[m.from].id, s.people[o.destination].id});
  }
}

void slice_skipped(const Section& s, const ReassignOutcome& o, std::size_t offset, std::size_t limit,
                   std::vector<ReassignSkip>& out) {
  const Range range = clip(o.skips.size(), offset, limit);
  for (std::size_t i = range.begin; i < range.end; ++i) {
    out.push_back(ReassignSkip{s.recordings[o.skips[i].recording].id, skip_reason_name(o.skips[i].reason)});
  }
}

void slice_assets(const Section& s, const ReassignOutcome& o, std::size_t offset, std::size_t limit,
                  std::vector<AssetAccess>& out) {
  const Range range = clip(o.total(ReassignList::kAssets), offset, limit);
  out.reserve(out.size() + (range.end - range.begin));
  for (std::size_t i = range.begin; i < range.end; ++i) {
    const OutcomeMove& m = o.moves[i];
    AssetAccess a;
    a.system = "webex";
    a.kind = "recording";
    a.id = s.recordings[m.recording].id;
    a.owner = OwnerMove{s.people[m.from].id, s.people[o.destination].id};
    out.push_back(std::move(a));
  }
}

}  // namespace

Result reassign_result(const Section& s, const ReassignOutcome& o, std::size_t offset, std::size_t limit,
                       unsigned lists) {
  const auto wanted = [&](ReassignList list) { return (lists >> static_cast<unsigned>(list)) & 1u; };
  // Member by member: a head has no changes, lists or access, and copying a whole Result would
  // bring the copy of every access type into the wasm for nothing.
  const Result& h = o.head;
  Result r;
  r.operation = h.operation;
  r.ok = h.ok;
  r.response = h.response;
  r.error = h.error;
  r.explanation = h.explanation;
  r.inferred = h.inferred;
  r.state_warnings = h.state_warnings;
  r.reassign = Reassign{};
  r.fix = h.fix;
  if (wanted(ReassignList::kChanges)) slice_changes(s, o, offset, limit, r.changes);
  if (wanted(ReassignList::kWarnings)) slice_warnings(s, o, offset, limit, r.warnings);
  if (wanted(ReassignList::kMoved)) slice_moved(s, o, offset, limit, r.reassign->moved);
  if (wanted(ReassignList::kSkipped)) slice_skipped(s, o, offset, limit, r.reassign->skipped);
  // docs/ACCESS.md: access only when there are changes.
  if (o.described_access && !o.moves.empty()) {
    Access access;
    if (wanted(ReassignList::kAssets)) slice_assets(s, o, offset, limit, access.assets);
    access.owners = o.owners;
    r.access = std::move(access);
  }
  return r;
}

Result reassign_recordings(const Section& s, std::optional<Index> actor, const std::vector<std::string>& scopes,
                           const HttpCall& call, Detail detail) {
  ReassignOutcome o = reassign_outcome(s, actor, scopes, call, detail);
  if (detail == Detail::kFull) describe_access(s, o);
  return reassign_result(s, o, 0, kAllItems);
}

void apply_moves(Section& s, const ReassignOutcome& o) {
  if (o.moves.empty()) return;
  std::vector<std::pair<Index, Index>> pairs;
  pairs.reserve(o.moves.size());
  for (const OutcomeMove& m : o.moves) pairs.emplace_back(m.recording, o.destination);
  state::set_recording_owners(s, pairs);
}

}  // namespace sharepolicy::webex
