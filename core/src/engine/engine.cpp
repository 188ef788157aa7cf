// api.md "Entry points": shape → route → actor → vendor checks, then the changes applied.
#include "sharepolicy/engine.h"

#include "common/input_failure.h"
#include "engine/route.h"
#include "engine/vendor_calls.h"
#include "state/apply_changes.h"

namespace sharepolicy {
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
const Section& section_for_actor(const std::shared_ptr<Section>& section, const char* system) {
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
};

template <class Section>
Result with_access(const Section& s, Result result, const Options& o) {
  if (o.detail == Detail::kFull && !result.changes.empty()) describe_access(s, result, o.window);
  return result;
}

Result evaluate_routed(const detail::StateData& d, const Request& req, const Routed& routed, const Options& o) {
  const Detail detail = o.detail;
  if (!routed.http) {
    const hmp::Section& s = section_for_actor(d.hmp, "hmp");
    return with_access(s, hmp::run_command_line(s, hmp::resolve_actor(s, req.actor), *req.cli, detail), o);
  }
  const HttpRoute& r = routed.http->route;
  switch (routed.http->system) {
    case System::kHmp: {
      const hmp::Section& s = section_for_actor(d.hmp, "hmp");
      return with_access(s, hmp::run_feed_share_call(s, hmp::resolve_actor(s, req.actor), r, *req.http, detail),
                         o);
    }
    case System::kWebex: {
      static const webex::Section kEmpty;
      // An unauthenticated call is answered (401) even without a Webex section.
      const webex::Section& s = req.actor ? section_for_actor(d.webex, "webex") : (d.webex ? *d.webex : kEmpty);
      return with_access(
          s, webex::reassign_recordings(s, webex::resolve_actor(s, req.actor), req.scopes, *req.http, detail), o);
    }
    case System::kOcm: {
      const ocm::Section& s = section_for_actor(d.ocm, "ocm");
      return with_access(s, ocm::run_share_call(s, ocm::resolve_actor(s, req.actor), r, *req.http, detail), o);
    }
  }
  throw std::logic_error("unrouted system");
}

Result evaluate(const State& state, const Request& req, std::optional<EntryPoint> called, const Options& o = {}) {
  const Routed routed = route(req);
  if (called) check_entry_point(routed, *called);
  Result result = evaluate_routed(state.data(), req, routed, o);
  // A batch decision leaves them out: the state's warnings do not change from one request to the next.
  if (o.detail == Detail::kFull) result.state_warnings = state.data().warnings;
  return result;
}

// A call that applies its changes needs them: Detail::kOutcome computes none.
Detail with_changes(Detail detail) { return detail == Detail::kOutcome ? Detail::kDecision : detail; }

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

Expected<Result> can_share(const State& state, const Request& request, const AccessWindow& window) {
  return guarded([&]() -> Expected<Result> {
    return evaluate(state, request, EntryPoint::kShare, {Detail::kFull, window});
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
    Result result = evaluate(state, request, EntryPoint::kReassign, {with_changes(detail), {}});
    apply_in_place(state, result);
    return result;
  });
}

Expected<Result> apply_any_in_place(State& state, const Request& request, const AccessWindow& window) {
  return guarded([&]() -> Expected<Result> {
    Result result = evaluate(state, request, std::nullopt, {Detail::kFull, window});
    apply_in_place(state, result);
    return result;
  });
}

}  // namespace sharepolicy
