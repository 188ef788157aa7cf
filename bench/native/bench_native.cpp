// Native figures for BENCHMARKS.md: state load time and model memory, µs per decision (text API,
// as the WebAssembly package calls it, the typed API without JSON on either side, and the
// decision alone as canShareBatch computes it), and
// reassign-all of the big Webex owner.
//
//   sharepolicy_bench_native STATE.json QUERIES.json [ROUNDS] [--no-dom]
//
// QUERIES.json is scripts/gen-state.mjs's query file: {"shareRecordingWithUser":[request…],
// "reassign":[request…]}; reassign[0] must be the reassign-all of the big owner. Prints one JSON
// object on standard output.
#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sharepolicy/engine.h"
#include "sharepolicy/request.h"
#include "sharepolicy/state.h"
#include "sharepolicy/text_api.h"
#include "bench_common.h"

namespace {

using bench::Clock;
using bench::read_file;
using bench::seconds_since;

// Bytes held by malloc (arena + mmapped blocks): the model's footprint when measured around a load.
size_t heap_in_use() {
  struct mallinfo2 mi = mallinfo2();
  return mi.uordblks + mi.hblkhd;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s STATE.json QUERIES.json [ROUNDS]\n", argv[0]);
    return 2;
  }
  const int rounds = argc > 3 ? std::atoi(argv[3]) : 3;
  // Decisions are timed as the peers are in bench/run.mjs, as the best of several passes over the
  // query mix (best_pass below), whatever ROUNDS (which scripts/bench lowers to 1 for the large states' loads and
  // reassignments): a pass of 5 000 decisions is milliseconds, and a single pass measured the first
  // touch of every page the decisions read (M's decision-only figure 0.9 µs single, 0.3 best of 5).
  const int decision_rounds = std::max(rounds, 5);
  // The best pass of `pass` (one pass over the query mix): at least decision_rounds passes, then
  // more until a second is spent or 50 passes are made, the rule bench/run.mjs times the peers by
  // (perCall). Five passes alone left M's figures to a cold page or a noisy moment.
  const auto best_pass = [decision_rounds](auto&& pass) {
    double best = 1e30, spent = 0;
    for (int r = 0; r < 50 && (r < decision_rounds || spent < 1.0); ++r) {
      const auto t0 = Clock::now();
      pass();
      const double t = seconds_since(t0);
      spent += t;
      best = std::min(best, t);
    }
    return best;
  };
  const bool with_dom = !(argc > 4 && std::string(argv[4]) == "--no-dom");
  nlohmann::json out;

  const auto queries = nlohmann::json::parse(read_file(argv[2]));
  std::vector<std::string> decision_texts;
  for (const auto& q : queries["shareRecordingWithUser"]) decision_texts.push_back(q.dump());
  const std::string reassign_text = queries["reassign"].at(0).dump();
  auto reverse = queries["reassign"].at(0);
  std::swap(reverse["http"]["body"]["ownerEmail"], reverse["http"]["body"]["reassignOwnerEmail"]);
  const std::string reassign_back_text = reverse.dump();

  size_t text_bytes = 0;
  double load_s = 1e30;
  size_t model_bytes = 0;
  sharepolicy::State state;
  for (int r = 0; r < rounds; ++r) {
    state = sharepolicy::State();
    const size_t before = heap_in_use();
    std::string text = read_file(argv[1]);
    text_bytes = text.size();
    const auto t0 = Clock::now();
    auto loaded = sharepolicy::load_state(text);
    const double s = seconds_since(t0);
    if (!loaded) {
      std::fprintf(stderr, "load failed: %s\n", loaded.error().message.c_str());
      return 1;
    }
    std::string().swap(text);
    state = std::move(loaded.value());
    model_bytes = heap_in_use() - before;
    if (s < load_s) load_s = s;
  }
  // nlohmann DOM of the same text, for comparison (what a naive loader would hold).
  if (with_dom) {
    std::string text = read_file(argv[1]);
    const size_t before = heap_in_use();
    const auto t0 = Clock::now();
    auto dom = nlohmann::json::parse(text);
    const double s = seconds_since(t0);
    std::string().swap(text);
    out["nlohmannDom"] = {{"parseSeconds", s}, {"bytes", heap_in_use() - before}};
  }
  out["textBytes"] = text_bytes;
  out["load"] = {{"seconds", load_s}, {"modelBytes", model_bytes}};

  // Typed API: requests parsed once, evaluation only (no JSON on either side).
  std::vector<sharepolicy::Request> requests;
  for (const auto& t : decision_texts) requests.push_back(sharepolicy::parse_request(t).value());
  {
    size_t oks = 0;
    const double best = best_pass([&] {
      oks = 0;
      for (const auto& req : requests) {
        auto res = sharepolicy::can_share(state, req);
        if (res && res.value().ok) ++oks;
      }
    });
    out["decisionTyped"] = {{"usPerCall", best * 1e6 / requests.size()}, {"calls", requests.size()}, {"ok", oks}};
  }

  // Text API on a loaded state: what the WebAssembly binding runs per canShare.
  sharepolicy::text::LoadedState loaded;
  {
    std::string text = read_file(argv[1]);
    const std::string err = loaded.load(text);
    if (err != R"({"result":null})") {
      std::fprintf(stderr, "text load failed: %s\n", err.c_str());
      return 1;
    }
  }
  {
    size_t bytes = 0;
    const double best = best_pass([&] {
      bytes = 0;
      for (const auto& t : decision_texts) bytes += loaded.can_share(t).size();
    });
    out["decisionText"] = {{"usPerCall", best * 1e6 / decision_texts.size()},
                           {"resultBytesPerCall", bytes / decision_texts.size()}};
  }

  // The decision alone, typed (decide_share, and can_share at Detail::kDecision: `ok` and the
  // response's status and error code), and as one batch text (canShareBatch, which renders each item's response:
  // Detail::kResponse).
  {
    // µs per request of one typed evaluation at `detail`, best pass.
    const auto typed_us = [&](sharepolicy::Detail detail) {
      const double best = best_pass([&] {
        for (const auto& req : requests) (void)sharepolicy::can_share(state, req, detail);
      });
      return best * 1e6 / requests.size();
    };
    // The decision alone through decide_share: `ok` and its codes with no Result built (issue 11's
    // target 3).
    {
      std::size_t oks = 0;
      const double best = best_pass([&] {
        oks = 0;
        for (const auto& req : requests) oks += sharepolicy::decide_share(state, req).value().ok;
      });
      out["decisionOnlyTyped"] = {{"usPerCall", best * 1e6 / requests.size()}, {"ok", oks}};
    }
    // The same answer inside a Result (can_share at Detail::kDecision).
    out["decisionCodedResultTyped"] = {{"usPerCall", typed_us(sharepolicy::Detail::kDecision)}};
    // The outcome alone (Detail::kOutcome, what decide_rows computes per row): `ok` and nothing else.
    out["decisionOutcomeTyped"] = {{"usPerCall", typed_us(sharepolicy::Detail::kOutcome)}};
    // The decision with its response rendered (Detail::kResponse, what each canShareBatch item
    // shows: the response line or body, the vendor error, the changes).
    out["decisionResponseTyped"] = {{"usPerCall", typed_us(sharepolicy::Detail::kResponse)}};
    const std::string batch = queries["shareRecordingWithUser"].dump();
    size_t bytes = 0;
    double best = best_pass([&] { bytes = loaded.can_share_batch(batch).size(); });
    out["decisionBatch"] = {{"usPerCall", best * 1e6 / requests.size()},
                            {"resultBytesPerCall", bytes / requests.size()}};
    // The fast batch (decide_rows, as canShareBatchCodes): command-line rows, outcome codes.
    std::vector<sharepolicy::text::BatchRow> rows;
    std::vector<std::string> keep;
    keep.reserve(2 * requests.size());
    for (const auto& req : requests) {
      sharepolicy::text::BatchRow row;
      if (req.cli) {
        keep.push_back(*req.cli);
        row.text = keep.back();
        if (req.actor) {
          keep.push_back(*req.actor);
          row.actor = keep.back();
        }
      } else {
        row.is_json = true;
      }
      rows.push_back(row);
    }
    std::vector<std::int32_t> codes;
    best = best_pass([&] { loaded.decide_rows(rows, codes); });
    out["decisionRows"] = {{"usPerCall", best * 1e6 / requests.size()}};
  }

  // Reassign-all of the big owner, in place, there and back (each moves every recording).
  {
    double best_typed = 1e30, best_text = 1e30, best_paged = 1e30;
    size_t result_bytes = 0;
    auto req = sharepolicy::parse_request(reassign_text).value();
    auto back = sharepolicy::parse_request(reassign_back_text).value();
    size_t moved = 0;
    for (int r = 0; r < rounds; ++r) {
      auto t0 = Clock::now();
      auto res = sharepolicy::resolve_reassign_in_place(state, req);
      best_typed = std::min(best_typed, seconds_since(t0));
      if (!res || !res.value().ok) {
        std::fprintf(stderr, "reassign failed\n");
        return 1;
      }
      moved = res.value().changes.size();
      sharepolicy::resolve_reassign_in_place(state, back);
      // The paged form: moves kept as indexes, the summary with the first 100 items of each list.
      t0 = Clock::now();
      {
        auto pages = sharepolicy::resolve_reassign_pages_in_place(state, req);
        std::string summary;
        pages.value().append_summary_text(summary, 100);
        best_paged = std::min(best_paged, seconds_since(t0));
      }
      sharepolicy::resolve_reassign_in_place(state, back);
      t0 = Clock::now();
      const std::string s = loaded.resolve_reassign(reassign_text);
      best_text = std::min(best_text, seconds_since(t0));
      result_bytes = s.size();
      loaded.resolve_reassign(reassign_back_text);
    }
    out["reassignAll"] = {{"typedMs", best_typed * 1e3},
                          {"pagedMs", best_paged * 1e3},
                          {"textMs", best_text * 1e3},
                          {"moved", moved},
                          {"resultBytes", result_bytes}};
  }
  std::cout << out.dump() << "\n";
  return 0;
}
