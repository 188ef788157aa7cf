// The whole pipeline: state + request → result (api.md "Entry points").
// Input: STATE "\n@@\n" REQUEST, or (no separator) a request against the combined sample state.
// Invariants: canShare never changes the state; applyShare's state differs only when there are
// changes; results are deterministic; the decision-only evaluation (canShareBatch) and the
// outcome-only one (canShareBatchCodes) decide as the full call does, and so does a command-line
// row of decide_rows (its own path: hmp::decide_line on the row's bytes); the text API never
// reports INTERNAL.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.h"
#include "sharepolicy/engine.h"
#include "sharepolicy/text_api.h"

namespace {

const sharepolicy::State& sample_state() {
  static const sharepolicy::State state = [] {
    auto loaded = sharepolicy::load_state(fuzz_support::read_sample("combined.json"));
    if (!loaded.ok()) fuzz_support::invariant_broken("sample state loads", loaded.error().to_json());
    return loaded.value();
  }();
  return state;
}

void exercise(const sharepolicy::State& state, const sharepolicy::Request& request) {
  using namespace sharepolicy;
  const std::string before = write_state(state);
  auto entry = entry_point_for(state, request);
  if (!entry.ok()) return;
  if (entry.value() == EntryPoint::kShare) {
    auto checked = can_share(state, request);
    FUZZ_CHECK(write_state(state) == before, "canShare changed the state");
    auto applied = apply_share(state, request);
    FUZZ_CHECK(checked.ok() == applied.ok(), "canShare and applyShare disagree on input errors");
    // canShareBatch's evaluation (Detail::kResponse) must decide exactly as the full call.
    auto decided = can_share(state, request, Detail::kResponse);
    FUZZ_CHECK(decided.ok() == checked.ok(), "the response-only evaluation disagrees on input errors");
    // The decision in codes (Detail::kDecision): the same `ok`, status and error code.
    auto coded = can_share(state, request, Detail::kDecision);
    FUZZ_CHECK(coded.ok() == checked.ok(), "the decision-only evaluation disagrees on input errors");
    // canShareBatchCodes's evaluation (Detail::kOutcome) must answer the same `ok`.
    auto outcome = can_share(state, request, Detail::kOutcome);
    FUZZ_CHECK(outcome.ok() == checked.ok(), "the outcome-only evaluation disagrees on input errors");
    if (!checked.ok()) return;
    FUZZ_CHECK(outcome.value().ok == checked.value().ok, result_to_text(checked.value()));
    FUZZ_CHECK(decision_to_json(decided.value()) == decision_to_json(checked.value()), result_to_text(decided.value()));
    const WireCode& full_wire = checked.value().wire;
    FUZZ_CHECK(coded.value().ok == checked.value().ok && coded.value().wire.status == full_wire.status &&
                   coded.value().wire.code_text() == full_wire.code_text(),
               result_to_text(checked.value()));
    const std::string r1 = result_to_text(checked.value());
    FUZZ_CHECK(r1 == result_to_text(applied.value().result), r1);
    FUZZ_CHECK(r1 == result_to_text(can_share(state, request).value()), "non-deterministic result");
    const std::string after = write_state(applied.value().state);
    if (applied.value().result.changes.empty())
      FUZZ_CHECK(after == before, "a result without changes changed the state");
    FUZZ_CHECK(load_state(after).ok(), after);
    FUZZ_CHECK(write_state(state) == before, "applyShare changed the input state");
  } else {
    auto a = resolve_reassign(state, request);
    FUZZ_CHECK(write_state(state) == before, "resolveReassign changed the input state");
    if (!a.ok()) return;
    auto b = resolve_reassign(state, request);
    FUZZ_CHECK(result_to_text(a.value().result) == result_to_text(b.value().result), "non-deterministic result");
    FUZZ_CHECK(load_state(write_state(a.value().state)).ok(), "reassigned state does not load");
  }
}

// A {actor, cli} request as a decide_rows row answers the code of the full call's envelope.
void check_cli_row(std::string_view state_text, const sharepolicy::State& state, const sharepolicy::Request& request) {
  using namespace sharepolicy;
  if (!request.cli || request.http) return;
  text::LoadedState loaded;
  if (loaded.load(state_text) != R"({"result":null})") return;
  text::BatchRow row;
  row.text = *request.cli;
  if (request.actor) row.actor = *request.actor;
  std::vector<std::int32_t> codes;
  loaded.decide_rows({row}, codes);
  Request plain;
  plain.cli = request.cli;
  plain.actor = request.actor;
  auto full = can_share(state, plain);
  const std::int32_t expected = !full.ok()        ? text::kBatchInputError
                                : full.value().ok ? text::kBatchAllowed
                                                  : text::kBatchDenied;
  FUZZ_CHECK(codes.size() == 1 && codes[0] == expected, "decide_rows disagrees with the full call on a cli row");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  static constexpr std::string_view kSeparator = "\n@@\n";
  const auto cut = input.find(kSeparator);
  if (cut == std::string_view::npos) {
    auto request = sharepolicy::parse_request(input);
    if (request.ok()) exercise(sample_state(), request.value());
    return 0;
  }
  const std::string_view state_text = input.substr(0, cut);
  const std::string_view request_text = input.substr(cut + kSeparator.size());
  for (const std::string& out : {sharepolicy::text::can_share(state_text, request_text),
                                 sharepolicy::text::apply_share(state_text, request_text),
                                 sharepolicy::text::resolve_reassign(state_text, request_text)}) {
    FUZZ_CHECK(out.rfind("{\"error\":{\"code\":\"INTERNAL\"", 0) != 0, out);
  }
  auto state = sharepolicy::load_state(state_text);
  auto request = sharepolicy::parse_request(request_text);
  if (state.ok() && request.ok()) {
    exercise(state.value(), request.value());
    check_cli_row(state_text, state.value(), request.value());
  }
  return 0;
}
