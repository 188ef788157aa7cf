// A focused look at the decision alone (not part of scripts/bench, whose figures come from
// bench_native.cpp): one mode looped for a while, so that `perf record -g` sees only it.
//
//   sharepolicy_bench_decision STATE.json QUERIES.json [outcome|decision|alone|rows|all] [SECONDS]
//
// outcome: can_share(Detail::kOutcome) on parsed requests; decision: Detail::kDecision; alone:
// decide_share (the decision with no Result, scripts/bench's "native decision only"); rows:
// LoadedState::decide_rows over command-line rows (what canShareBatchCodes runs per batch).
// Prints µs per decision (best pass) for each mode run; CHUNKED=1 in the environment times the
// typed modes in chunks instead (best of each chunk), which a busy machine disturbs less.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bench_common.h"
#include "sharepolicy/engine.h"
#include "sharepolicy/request.h"
#include "sharepolicy/text_api.h"

namespace {

using bench::Clock;
using bench::seconds_since;

// Best µs per call of `pass` (which makes `calls` calls), passes repeated for about `seconds`.
template <class Pass>
double best_us(std::size_t calls, double seconds, Pass&& pass) {
  double best = 1e30;
  const auto start = Clock::now();
  do {
    const auto t0 = Clock::now();
    pass();
    best = std::min(best, seconds_since(t0));
  } while (seconds_since(start) < seconds);
  return best * 1e6 / calls;
}

// µs per call when the calls are timed in chunks of kChunk and each chunk's best time is kept:
// on a busy machine (2 cores, builds running) a whole pass is nearly always preempted, while most
// chunks of a few dozen µs run through in some pass. `call(i)` makes call i of `calls`.
constexpr std::size_t kChunk = 64;
template <class Call>
double best_chunked_us(std::size_t calls, double seconds, Call&& call) {
  std::vector<double> best((calls + kChunk - 1) / kChunk, 1e30);
  const auto start = Clock::now();
  do {
    for (std::size_t c = 0; c < best.size(); ++c) {
      const auto t0 = Clock::now();
      for (std::size_t i = c * kChunk; i < std::min(calls, (c + 1) * kChunk); ++i) call(i);
      best[c] = std::min(best[c], seconds_since(t0));
    }
  } while (seconds_since(start) < seconds);
  double total = 0;
  for (double b : best) total += b;
  return total * 1e6 / calls;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s STATE.json QUERIES.json [outcome|decision|alone|rows|all] [SECONDS]\n", argv[0]);
    return 2;
  }
  const std::string mode = argc > 3 ? argv[3] : "all";
  const double seconds = argc > 4 ? std::atof(argv[4]) : 1.0;
  const std::string text = bench::read_file(argv[1]);
  sharepolicy::text::LoadedState loaded;
  if (loaded.load(text) != R"({"result":null})") return 1;
  const sharepolicy::State state = bench::load_state_or_exit(argv[1]);
  const auto queries = nlohmann::json::parse(bench::read_file(argv[2]))["shareRecordingWithUser"];
  std::vector<sharepolicy::Request> requests;
  std::vector<sharepolicy::text::BatchRow> rows;
  for (const auto& q : queries) requests.push_back(sharepolicy::parse_request(q.dump()).value());
  for (const auto& req : requests) {
    sharepolicy::text::BatchRow row;
    row.text = *req.cli;
    if (req.actor) row.actor = *req.actor;
    rows.push_back(row);
  }
  const std::size_t n = requests.size();
  std::size_t oks = 0;
  // CHUNKED=1: time in chunks (best_chunked_us), for a busy machine.
  const bool chunked = std::getenv("CHUNKED") != nullptr;
  auto typed = [&](sharepolicy::Detail detail) {
    if (chunked) {
      oks = 0;
      for (const auto& req : requests) oks += sharepolicy::can_share(state, req, detail).value().ok;
      return best_chunked_us(n, seconds,
                             [&](std::size_t i) { (void)sharepolicy::can_share(state, requests[i], detail); });
    }
    return best_us(n, seconds, [&] {
      oks = 0;
      for (const auto& req : requests) oks += sharepolicy::can_share(state, req, detail).value().ok;
    });
  };
  // (µs first: the count is that of the last pass)
  if (mode == "outcome" || mode == "all") {
    const double us = typed(sharepolicy::Detail::kOutcome);
    std::printf("outcome  %.3f µs (ok %zu)\n", us, oks);
  }
  if (mode == "decision" || mode == "all") {
    const double us = typed(sharepolicy::Detail::kDecision);
    std::printf("decision %.3f µs (ok %zu)\n", us, oks);
  }
  if (mode == "alone" || mode == "all") {
    const double us = best_us(n, seconds, [&] {
      oks = 0;
      for (const auto& req : requests) oks += sharepolicy::decide_share(state, req).value().ok;
    });
    std::printf("alone    %.3f µs (ok %zu)\n", us, oks);
  }
  if (mode == "rows" || mode == "all") {
    std::vector<std::int32_t> codes;
    const double us = best_us(n, seconds, [&] { loaded.decide_rows(rows, codes); });
    std::size_t allowed = 0;
    for (auto c : codes) allowed += c == sharepolicy::text::kBatchAllowed;
    std::printf("rows     %.3f µs (ok %zu)\n", us, allowed);
  }
  return 0;
}
