// Text in, text out: the surface of the WebAssembly binding (the CLI calls engine.h directly).
// Every function and method returns one JSON document (an envelope) and never throws:
//   {"result":{…}}                   on an evaluated call (apply adds "state" inside the result)
//   {"error":{"code","message","pointer"}}  on an input error (or "INTERNAL" on a fault)
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sharepolicy/engine.h"
#include "sharepolicy/explore.h"
#include "sharepolicy/state.h"

namespace sharepolicy {
class AccessWords;  // core/src/engine/access_words.h

// The member names written in the source ("operation", "ok", "explanation", …) by number, kept
// with a host's table of names: a preview's head as words (json_writer.h, Tape) carries a name's
// text only the first time the table meets it, after that its number. Names numbered by an answer
// that was not handed over are dropped by the next answer (text_api.cpp).
struct MemberNames {
  std::vector<std::string> names;    // by number
  std::vector<std::uint32_t> slots;  // open addressing by the name's bytes: 1 + its number, 0 empty
  std::size_t handed_over = 0;       // names[0, handed_over) the host holds
  void forget() {
    names.clear();
    slots.clear();
    handed_over = 0;
  }
};

// The HMP users and groups whose id and name a host holds, by their index in the state
// (LoadedState::can_share_access_apart with a names table): an answer's access preview then names
// them by number and hands over only the names it has not handed over before. The host's table has
// the number `table`; a call naming another (a new host table, 0, or one the host lost) or the
// first call after the state changed starts a new table, whose number the answer carries. A copy
// (a clone) starts empty, as its host's table does.
struct SentNames {
  SentNames() = default;
  SentNames(const SentNames& other) : last_table(other.last_table) {}
  SentNames& operator=(const SentNames& other) {
    forget();
    last_table = other.last_table;
    return *this;
  }
  // The state changed: the same index may be another user now.
  void forget() {
    table = 0;
    users.clear();
    groups.clear();
    members.forget();
  }
  std::uint32_t table = 0, last_table = 0;
  MemberNames members;
  std::vector<std::uint8_t> users, groups;  // 1: handed over
};

// The buffers an answer's access words are written in (core/src/engine/access_words.h), kept by a
// loaded state for its next answer: an allowed preview on M writes about two thousand words, and
// growing them from empty for every preview was a twentieth of its instructions (callgrind). A
// copy (a clone) starts with none.
struct WordBuffers {
  static constexpr int kParts = 6;
  WordBuffers() = default;
  WordBuffers(const WordBuffers&) {}
  WordBuffers& operator=(const WordBuffers&) { return *this; }
  std::vector<std::uint32_t> words[kParts];
  std::unique_ptr<char[]> pools[kParts];
  std::size_t pool_sizes[kParts] = {};
  // The head's (json_writer.h Tape): its words, its open containers, its pool.
  std::vector<std::uint32_t> head_words;
  std::vector<std::size_t> head_open;
  std::string head_pool;
};
}  // namespace sharepolicy

namespace sharepolicy::text {

// One row of the fast batch: an HMP command line and its actor (the common grid cell, read
// without any JSON), or a whole request as JSON text.
struct BatchRow {
  std::optional<std::string_view> actor;  // nullopt: no actor (omitted or null)
  std::string_view text;                  // the command line, or the request's JSON text
  bool is_json = false;
};
// A row's outcome: what the row's can_share_batch item would say, as one number.
enum BatchOutcome : std::int32_t { kBatchInputError = -1, kBatchDenied = 0, kBatchAllowed = 1 };

std::string can_share(std::string_view state_text, std::string_view request_text);
std::string apply_share(std::string_view state_text, std::string_view request_text);
std::string resolve_reassign(std::string_view state_text, std::string_view request_text);

// A scenario {"state","steps":[{"request","expect"?,"name"?}]}: {"result":[{"result":…,"mismatches":[…]}…]},
// one entry per step; an input error stops it (pointer /steps/N/request/…).
std::string run_scenario(std::string_view scenario_text);

// A state parsed and indexed once, for many calls; its apply calls update it in place.
class LoadedState {
 public:
  // {"result":null} on success, else the error document.
  std::string load(std::string_view state_text);
  // The same load with the text given in pieces (a file stream): load_begin() drops any load in
  // progress; load_piece(bytes) answers {"result":null}, or the error envelope as soon as the bytes
  // so far prove one (LIMIT_EXCEEDED past the state limit or the memory, STATE_INVALID, …), after
  // which the caller stops reading; load_end() answers what load would for the whole text. As with
  // load, the loaded state is replaced only by a successful load_end.
  std::string load_begin();
  std::string load_piece(std::string_view piece);
  std::string load_end();
  std::string can_share(std::string_view request_text) const;
  // can_share with each asset's access lists holding `window` instead of the first
  // limits::kAccessHolders (docs/ACCESS.md "Bounded lists"): "show all" asks for kAllHolders.
  std::string can_share_window(std::string_view request_text, const AccessWindow& window) const;
  // can_share_window's answer for a host that reads it as words (the package's canShare): the
  // envelope {"result":{…,"access":null,…}} as words (engine/json_writer.h Tape, read by index.ts
  // TapeReader: JSON.parse of it was a fifth of a denied preview in JavaScript), then, when the
  // result has access, a line break, up to three spaces (to a multiple of four bytes) and the
  // access preview as words (engine/access_words.h). An error is its envelope's JSON text, which
  // starts with '{' where words start with Tape::kMagic.
  // With `names_table` (the number of the host's table of names, SentNames), HMP users and groups
  // in the access words are numbers, member names in the head too (MemberNames), and the envelope
  // carries the names this answer hands over first: {"result":{…},"names":{"table":N,
  // "add":[number,id,name,…]}} (no "names" when the table is the host's and no name is new).
  // Not for two threads at once on one LoadedState.
  // `head_bytes`, when given and the access preview comes apart: set to the head's length (the
  // line break's position), so that the host need not search for it; left alone otherwise.
  std::string can_share_access_apart(std::string_view request_text, const AccessWindow& window,
                                     std::optional<std::uint32_t> names_table = std::nullopt,
                                     std::size_t* head_bytes = nullptr) const;
  // Many share previews at once, for a grid: `requests_text` is a JSON array of requests. Answers
  // {"result":[item…]}, one item per request in order: {"ok","response","error"} — exactly those
  // members of what can_share would answer (computed with Detail::kResponse, so no explanation is
  // serialized and no fix or access is computed) — or {"ok":false,"inputError":{"code","message",
  // "pointer"}} where can_share would answer an error envelope (pointer within that request).
  // A batch that is not a JSON array of at most kMaxBatchRequests is one error envelope.
  std::string can_share_batch(std::string_view requests_text) const;
  // The fast batch: each row decided exactly as can_share_batch decides its item, its outcome
  // stored in `codes` (one per row). Answers {"result":N} (N rows), or one error envelope when
  // there are more than kMaxBatchRequests rows. A cli row is {"actor","cli"} without the JSON.
  std::string decide_rows(const std::vector<BatchRow>& rows, std::vector<std::int32_t>& codes) const;
  std::string apply_share(std::string_view request_text);
  std::string resolve_reassign(std::string_view request_text);
  // The reassignment's result without applying it (the loaded state is unchanged).
  std::string preview_reassign(std::string_view request_text) const;
  // The paged form of resolve_reassign (apply) or preview_reassign (docs/DECISIONS.md "Paged
  // reassignment results"): the result with each per-recording list cut to its first `limit`
  // items, plus reassign.counts and page.totals. The full lists stay here as indexes, for
  // reassign_items, until the next reassign_page, change in place, load or release_reassign.
  std::string reassign_page(std::string_view request_text, bool apply, std::size_t limit);
  // {"result":[item…]}: items [offset, offset + limit) of a kept list (ReassignPages::kLists),
  // each byte for byte as the full result lists it.
  std::string reassign_items(std::string_view list, std::size_t offset, std::size_t limit);
  void release_reassign() { pages_.reset(); }
  // Both, as the WebAssembly binding calls them: `call` kPreviewPage or kResolvePage (`text`: the
  // request; `a`: the limit), kItemsNamed (`text`: the list's name), or the position of a list in
  // ReassignPages::kLists (`a`: offset, `b`: limit).
  enum : int { kPreviewPage = -1, kResolvePage = -2, kItemsNamed = -3 };
  std::string reassign_call(std::string_view text, int call, std::size_t a, std::size_t b);
  // "Who can?": {"system","asset":{"kind","id"},"offset"?,"limit"?} → {"result":{…}}, and "What
  // can?": {"system","principal":{"type","id"},"offset"?,"limit"?} → {"result":{…}}
  // (docs/ACCESS.md "Who can / what can"). The first what_can after a load or an apply indexes the
  // assets of every principal once; every answer after that costs what it reaches.
  std::string who_can(std::string_view query_text) const;
  std::string what_can(std::string_view query_text) const;
  // Steps alone, a JSON array of {"request","expect"?,"name"?}, run one after another from the
  // loaded state as run_scenario runs them; the loaded state itself is unchanged (pointers /N/request/…).
  std::string run_scenario(std::string_view steps_text) const;
  // A second handle on the same state, for an undo history: copy-on-write, so cloning costs no
  // copy and a later apply on either copies only the section it changes.
  LoadedState clone() const { return *this; }
  std::string to_json() const;  // {"result":<state>}
  // {"result":<state outline>}: write_state's StateView::kOutline (a page's pickers: ids and names).
  std::string outline() const;
  // {"result":{"hmp":{"users":N,…},"webex":{…},"ocm":{…},"stateWarnings":[…]}}
  std::string summary() const;

 private:
  const Explorer& explorer() const;
  // With `words`, the access preview is written there (result.access then holds no asset).
  Result evaluate_share(std::string_view request_text, const AccessWindow& window, AccessWords* words = nullptr) const;
  std::string load_step(const std::string_view* piece);  // load_piece, or (nullptr) load_end
  void state_changes();                                  // drops explorer_, sent_names_ and pages_
  State state_;
  // The load in progress (load_begin … load_end), if any; shared by a clone, which never loads.
  std::shared_ptr<StateStream> stream_;
  // Dropped before every change in place, so that it never holds a second handle on the data
  // being changed (which would make the change copy it).
  mutable std::shared_ptr<Explorer> explorer_;
  // The last paged reassignment; dropped with explorer_ (state_changes: it shares the Webex section).
  std::optional<ReassignPages> pages_;
  // Forgotten with explorer_ (state_changes): a state loaded or changed may hold other users at
  // the same index.
  mutable SentNames sent_names_;
  mutable WordBuffers word_buffers_;  // can_share_access_apart's
};

}  // namespace sharepolicy::text
