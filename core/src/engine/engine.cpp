// api.md "Entry points": shape → route → actor → vendor checks, then the changes applied.
#include "sharepolicy/engine.h"

#include "common/input_failure.h"
#include "engine/reassign_text.h"
#include "engine/route.h"
#include "engine/access_words.h"
#include "engine/vendor_calls.h"
#include "hmp/decide_line.h"
#include "state/apply_changes.h"
#include "webex/reassign_outcome.h"

namespace sharepolicy {

namespace detail {
// A reassignment's outcome and the section its indexes point into.
struct KeptReassign {
  std::shared_ptr<const webex::Section> section;
  webex::ReassignOutcome outcome;
};
}  // namespace detail

namespace {

struct Routed {
  std::optional<RoutedHttp> http;  // nullopt: an HMP command line
  bool is_reassign() const { return http && is_reassign_operation(http->route.operation); }
  const char* pointer() const { return http ? "/http/path" : "/cli"; }
};

Routed route(const Request& req) {
  if (req.cli) return Routed{};
  auto routed = route_http(*req.http);
  if (!routed) {
    throw InputFailure(error_code::kUnsupportedOperation,
                       req.http->method + " " + req.http->path +
                           " matches no supported operation; supported: " + supported_http_operations(),
                       "/http/path");
  }
  return Routed{std::move(routed)};
}

void check_entry_point(const Routed& routed, EntryPoint called) {
  if (routed.is_reassign() && called == EntryPoint::kShare) {
    throw InputFailure(error_code::kWrongEntryPoint,
                       routed.http->route.operation +
                           " is a reassignment: call resolveReassign, not canShare/applyShare",
                       routed.pointer());
  }
  if (!routed.is_reassign() && called == EntryPoint::kReassign) {
    const std::string op = routed.http ? routed.http->route.operation : std::string("an HMP command line");
    throw InputFailure(error_code::kWrongEntryPoint,
                       op + " is a share request: call canShare or applyShare, not resolveReassign", routed.pointer());
  }
}

// api.md step 3: a system whose section is missing cannot resolve an actor.
template <class Section>
const Section& section_for_actor(const detail::SectionPtr<Section>& section, const char* system) {
  if (!section) {
    throw InputFailure(error_code::kRequestInvalid,
                       std::string("the state has no '") + system + "' section, so the actor cannot be resolved",
                       "/actor");
  }
  return *section;
}

// The vendor's answer, with who can do what before and after on what it changes (docs/ACCESS.md).
struct Options {
  Detail detail = Detail::kFull;
  AccessWindow window;
  AccessWords* words = nullptr;  // where the access preview goes, if not into the result
};

// A result with changes has a preview, written to `o.words` when there is one (started here, even
// when no asset of the changes has holders: the words then say so). In place, as set_wire below:
// a Result is a score of members, and each move of it was a call per member in the package.
template <class Section>
void add_access(const Section& s, Result& result, const Options& o) {
  if (o.detail != Detail::kFull || result.changes.empty()) return;
  if (o.words) o.words->start();
  describe_access(s, result, o.window, o.words);
}

// The Webex section a reassignment reads. An unauthenticated call is answered (401) even without one.
std::shared_ptr<const webex::Section> reassign_section(const detail::StateData& d, const Request& req) {
  static const webex::Section kEmpty;
  if (req.actor) section_for_actor(d.webex, "webex");
  if (d.webex) return d.webex.shared();
  return std::shared_ptr<const webex::Section>(std::shared_ptr<void>(), &kEmpty);  // owns nothing
}

Result evaluate_routed(const detail::StateData& d, const Request& req, const Routed& routed, const Options& o) {
  const Detail detail = o.detail;
  if (!routed.http) {
    const hmp::Section& s = section_for_actor(d.hmp, "hmp");
    if (answers_in_codes(detail)) {
      return hmp::decide_command_line(s, req.actor, *req.cli, detail);  // no access to describe
    }
    Result result = hmp::run_command_line(s, hmp::resolve_actor(s, req.actor), *req.cli, detail);
    add_access(s, result, o);
    return result;
  }
  const HttpRoute& r = routed.http->route;
  switch (routed.http->system) {
    case System::kHmp: {
      const hmp::Section& s = section_for_actor(d.hmp, "hmp");
      Result result = hmp::run_feed_share_call(s, hmp::resolve_actor(s, req.actor), r, *req.http, detail);
      add_access(s, result, o);
      return result;
    }
    case System::kWebex: {
      // With its access: the moves are described from their indexes (webex/reassign_outcome.h).
      const webex::Section& s = *reassign_section(d, req);
      return webex::reassign_recordings(s, webex::resolve_actor(s, req.actor), req.scopes, *req.http, detail);
    }
    case System::kOcm: {
      const ocm::Section& s = section_for_actor(d.ocm, "ocm");
      Result result = ocm::run_share_call(s, ocm::resolve_actor(s, req.actor), r, *req.http, detail);
      add_access(s, result, o);
      return result;
    }
  }
  throw std::logic_error("unrouted system");
}

// `wire` read off the rendered response: REST calls render theirs at every detail, and an HMP
// line renders one unless it answered in codes (Detail::kDecision, kOutcome), which then set
// `wire` themselves.
void set_wire(Result& result) {
  if (result.response.is_null()) return;
  if (const auto status = result.response.find("status"); status != result.response.end()) {
    result.wire.status = status->get<int>();
  }
  result.wire.set_code(result.error ? std::string_view(result.error->code) : std::string_view());
}

Result evaluate(const State& state, const Request& req, std::optional<EntryPoint> called, const Options& o = {}) {
  const Routed routed = route(req);
  if (called) check_entry_point(routed, *called);
  Result result = evaluate_routed(state.data(), req, routed, o);
  set_wire(result);
  // A batch decision leaves them out: the state's warnings do not change from one request to the next.
  if (o.detail == Detail::kFull) result.state_warnings = state.data().warnings;
  return result;
}

// A reassignment evaluated as evaluate() does, its lists kept as indexes (webex/reassign_outcome.h).
std::shared_ptr<detail::KeptReassign> keep_reassign(const State& state, const Request& req, Detail detail) {
  check_entry_point(route(req), EntryPoint::kReassign);
  auto kept = std::make_shared<detail::KeptReassign>();
  kept->section = reassign_section(state.data(), req);
  const webex::Section& s = *kept->section;
  kept->outcome = webex::reassign_outcome(s, webex::resolve_actor(s, req.actor), req.scopes, *req.http, detail);
  if (detail == Detail::kFull) {
    webex::describe_access(s, kept->outcome);
    kept->outcome.head.state_warnings = state.data().warnings;
  }
  return kept;
}

// The moves carried out by index; the kept section is then the changed one (ids do not change).
std::shared_ptr<detail::KeptReassign> resolve_kept_in_place(State& state, const Request& req, Detail detail) {
  auto kept = keep_reassign(state, req, detail);
  if (kept->outcome.moves.empty()) return kept;
  kept->section.reset();  // no second handle on the section about to change (it would be copied)
  detail::StateData& d = state.mutable_data();
  webex::apply_moves(d.webex.exclusive(), kept->outcome);
  kept->section = d.webex.shared();
  return kept;
}

// A call that applies its changes needs them: Detail::kDecision and kOutcome compute none.
Detail with_changes(Detail detail) { return answers_in_codes(detail) ? Detail::kResponse : detail; }

void apply_in_place(State& state, const Result& result) {
  if (result.changes.empty()) return;
  state::apply_changes(state.mutable_data(), result.changes);
}

template <class F>
auto guarded(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const InputFailure& failure) {
    return failure.error();
  }
}

}  // namespace

Expected<EntryPoint> entry_point_for(const State& state, const Request& request) {
  (void)state;
  return guarded([&]() -> Expected<EntryPoint> {
    return route(request).is_reassign() ? EntryPoint::kReassign : EntryPoint::kShare;
  });
}

Expected<Result> can_share(const State& state, const Request& request, Detail detail) {
  return guarded([&]() -> Expected<Result> { return evaluate(state, request, EntryPoint::kShare, {detail, {}}); });
}

Expected<Decision> decide_share(const State& state, const Request& request) {
  return guarded([&]() -> Expected<Decision> {
    // A command line is decided on views (hmp/decide_line.h) as evaluate() decides it at
    // Detail::kDecision; what that path does not read (no actor, an actor naming no single user,
    // a quoted token) and every REST call go the whole way.
    if (request.cli) {
      const hmp::Section& s = section_for_actor(state.data().hmp, "hmp");
      const hmp::LineDecision decided = hmp::decide_request_line(s, request.actor, *request.cli);
      if (decided.outcome != hmp::LineOutcome::kNotRead) return hmp::decision_of(decided);
    }
    const Result result = evaluate(state, request, EntryPoint::kShare, {Detail::kDecision, {}});
    return Decision{result.ok, result.wire};
  });
}

Expected<Result> can_share(const State& state, const Request& request, const AccessWindow& window) {
  return guarded([&]() -> Expected<Result> {
    return evaluate(state, request, EntryPoint::kShare, {Detail::kFull, window});
  });
}

Expected<Result> can_share_writing_access(const State& state, const Request& request, const AccessWindow& window,
                                          AccessWords& words) {
  return guarded([&]() -> Expected<Result> {
    return evaluate(state, request, EntryPoint::kShare, {Detail::kFull, window, &words});
  });
}

Expected<Applied> apply_share(const State& state, const Request& request) {
  return guarded([&]() -> Expected<Applied> {
    Applied applied{evaluate(state, request, EntryPoint::kShare), state};
    apply_in_place(applied.state, applied.result);
    return applied;
  });
}

Expected<Applied> resolve_reassign(const State& state, const Request& request) {
  return guarded([&]() -> Expected<Applied> {
    Applied applied{evaluate(state, request, EntryPoint::kReassign), state};
    apply_in_place(applied.state, applied.result);
    return applied;
  });
}

Expected<Result> preview_reassign(const State& state, const Request& request, Detail detail) {
  return guarded([&]() -> Expected<Result> { return evaluate(state, request, EntryPoint::kReassign, {detail, {}}); });
}

Expected<Result> apply_share_in_place(State& state, const Request& request, Detail detail) {
  return guarded([&]() -> Expected<Result> {
    Result result = evaluate(state, request, EntryPoint::kShare, {with_changes(detail), {}});
    apply_in_place(state, result);
    return result;
  });
}

Expected<Result> resolve_reassign_in_place(State& state, const Request& request, Detail detail) {
  return guarded([&]() -> Expected<Result> {
    const auto kept = resolve_kept_in_place(state, request, with_changes(detail));
    Result result = webex::reassign_result(*kept->section, kept->outcome, 0, webex::kAllItems);
    set_wire(result);
    return result;
  });
}

Expected<ReassignPages> preview_reassign_pages(const State& state, const Request& request) {
  return guarded([&]() -> Expected<ReassignPages> {
    ReassignPages pages;
    pages.kept_ = keep_reassign(state, request, Detail::kFull);
    return pages;
  });
}

Expected<ReassignPages> resolve_reassign_pages_in_place(State& state, const Request& request) {
  return guarded([&]() -> Expected<ReassignPages> {
    ReassignPages pages;
    pages.kept_ = resolve_kept_in_place(state, request, Detail::kFull);
    return pages;
  });
}

namespace {

webex::ReassignList list_named(std::string_view name, bool& found) {
  for (std::size_t i = 0; i < std::size(ReassignPages::kLists); ++i) {
    if (name == ReassignPages::kLists[i]) {
      found = true;
      return static_cast<webex::ReassignList>(i);
    }
  }
  found = false;
  return webex::ReassignList::kChanges;
}

}  // namespace

void ReassignPages::append_summary_text(std::string& out, std::size_t limit) const {
  const webex::ReassignOutcome& o = kept_->outcome;
  ReassignPageFacts page;
  page.limit = limit;
  for (std::size_t i = 0; i < page.totals.size(); ++i) {
    page.names[i] = kLists[i];
    page.totals[i] = o.total(static_cast<webex::ReassignList>(i));
  }
  for (std::size_t i = 0; i < page.reasons.size(); ++i) {
    page.reasons[i] = webex::skip_reason_name(static_cast<webex::SkipReason>(i));
  }
  for (const webex::OutcomeSkip& skip : o.skips) ++page.skipped[static_cast<std::size_t>(skip.reason)];
  append_paged_result_text(out, webex::reassign_result(*kept_->section, o, 0, limit), page);
}

bool ReassignPages::append_items_text(std::string& out, std::string_view list, std::size_t offset,
                                      std::size_t limit) const {
  bool found = false;
  const webex::ReassignList which = list_named(list, found);
  if (!found) return false;
  const detail::KeptReassign& k = *kept_;
  const auto index = static_cast<unsigned>(which);
  append_list_text(out, webex::reassign_result(*k.section, k.outcome, offset, limit, 1u << index), index);
  return true;
}

Result ReassignPages::full_result() const {
  Result result = webex::reassign_result(*kept_->section, kept_->outcome, 0, webex::kAllItems);
  set_wire(result);
  return result;
}

std::size_t ReassignPages::total(std::string_view list) const {
  bool found = false;
  const webex::ReassignList which = list_named(list, found);
  return found ? kept_->outcome.total(which) : 0;
}

Expected<Result> apply_any_in_place(State& state, const Request& request, const AccessWindow& window) {
  return guarded([&]() -> Expected<Result> {
    Result result = evaluate(state, request, std::nullopt, {Detail::kFull, window});
    apply_in_place(state, result);
    return result;
  });
}

}  // namespace sharepolicy
