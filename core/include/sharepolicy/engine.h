// The three entry points (api.md "Entry points").
#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "sharepolicy/input_error.h"
#include "sharepolicy/request.h"
#include "sharepolicy/result.h"
#include "sharepolicy/state.h"

namespace sharepolicy {

struct Applied {
  Result result;
  State state;  // the new state; the input state when nothing changed
};

enum class EntryPoint { kShare, kReassign };

// Which entry point a request belongs to; an input error if it routes nowhere.
Expected<EntryPoint> entry_point_for(const State& state, const Request& request);

// Evaluates a share request; never changes the state. Detail::kResponse leaves out `fix`,
// `access`, `stateWarnings` and the explanation (result.h); every other field is the same.
// Detail::kDecision answers `ok` and `wire` (status, error code) alone; kOutcome `ok` alone. The
// in-place calls below compute at least the changes they apply: both are read there as kResponse.
Expected<Result> can_share(const State& state, const Request& request, Detail detail = Detail::kFull);
// The decision alone, as can_share(…, Detail::kDecision) answers `ok` and `wire`, and the same
// input errors; no Result is built, so a plain HMP command line is decided with no allocation and
// nothing to destroy (a grid's cell; the CLI's and the package's batches decide on views already).
Expected<Decision> decide_share(const State& state, const Request& request);
// The full result with each asset's access lists holding `window` (docs/ACCESS.md "Bounded lists");
// the call above lists the default window, the first limits::kAccessHolders of each list.
Expected<Result> can_share(const State& state, const Request& request, const AccessWindow& window);
// Evaluates a share request and returns the state with its changes applied.
Expected<Applied> apply_share(const State& state, const Request& request);
// Evaluates a reassignment; on success the new state has the ownership moved.
Expected<Applied> resolve_reassign(const State& state, const Request& request);

// Evaluates a reassignment without applying it: the result resolveReassign would give, for a
// preview on a loaded state that must stay as it is.
Expected<Result> preview_reassign(const State& state, const Request& request, Detail detail = Detail::kFull);

// In place: `state` is updated (copy-on-write: other handles keep the old data).
Expected<Result> apply_share_in_place(State& state, const Request& request, Detail detail = Detail::kFull);
Expected<Result> resolve_reassign_in_place(State& state, const Request& request, Detail detail = Detail::kFull);

// Picks the entry point from the request (the CLI's rule): reassignments go to resolveReassign.
Expected<Result> apply_any_in_place(State& state, const Request& request, const AccessWindow& window = {});

namespace detail {
struct KeptReassign;
}

// A reassignment whose per-recording lists (changes, warnings, reassign.moved, reassign.skipped,
// access.assets) stay indexes into the state, written a page at a time (docs/DECISIONS.md "Paged
// reassignment results"). It shares the state's Webex section: a later change in place to that
// state copies the section first, so drop it before one.
class ReassignPages {
 public:
  // The list names, in the order of the result's members.
  static constexpr const char* kLists[] = {"changes", "warnings", "reassign.moved", "reassign.skipped",
                                           "access.assets"};
  // The result's JSON (api.md) with every list cut to its first `limit` items, plus
  // reassign.counts {"moved","skipped",<reason>…} and page {"limit","totals":{<list>:N…}}.
  void append_summary_text(std::string& out, std::size_t limit) const;
  // Items [offset, offset + limit) of a list as a JSON array, byte for byte that slice of the full
  // result's list. False (nothing written) when no list has that name.
  bool append_items_text(std::string& out, std::string_view list, std::size_t offset, std::size_t limit) const;
  // The full result, as preview_reassign (Detail::kFull) answers it.
  Result full_result() const;
  std::size_t total(std::string_view list) const;  // 0 for an unknown name

 private:
  friend Expected<ReassignPages> preview_reassign_pages(const State&, const Request&);
  friend Expected<ReassignPages> resolve_reassign_pages_in_place(State&, const Request&);
  std::shared_ptr<const detail::KeptReassign> kept_;
};

// preview_reassign and resolve_reassign_in_place (Detail::kFull), their lists kept as indexes.
Expected<ReassignPages> preview_reassign_pages(const State& state, const Request& request);
Expected<ReassignPages> resolve_reassign_pages_in_place(State& state, const Request& request);

}  // namespace sharepolicy
