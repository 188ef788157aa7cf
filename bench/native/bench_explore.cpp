// Native figures for "who can / what can" (issue 14), a section of scripts/bench of its own:
// µs per answer on a generated state, as the text API answers (query JSON in, answer JSON out),
// for 1000 recordings, 1000 users and up to 200 groups spread over the state, and the one-off
// cost of indexing the assets of every principal (the first "what can").
//
//   sharepolicy_bench_explore STATE.json      → one JSON object on standard output
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "sharepolicy/explore.h"
#include "state/model.h"
#include "bench_common.h"

namespace {

using bench::Clock;
using bench::seconds_since;
using sharepolicy::Json;

// Every n-th element's id, `count` of them.
template <class Items, class F>
std::vector<std::string> spread(const Items& items, std::size_t count, F id) {
  std::vector<std::string> out;
  if (items.empty()) return out;
  const std::size_t step = std::max<std::size_t>(1, items.size() / count);
  for (std::size_t i = 0; i < items.size() && out.size() < count; i += step) out.push_back(id(items[i]));
  return out;
}

struct Figures {
  double us_per_answer = 0;
  double mean_total = 0;  // how many items an answer reaches, on average
};

// The text API's work: parse the query, answer, write the answer.
template <class Parse, class Ask, class Write>
Figures time_answers(const std::vector<std::string>& queries, Parse parse, Ask ask, Write write) {
  double best = 1e30;
  std::size_t totals = 0;
  for (int round = 0; round < 3; ++round) {
    totals = 0;
    const auto t0 = Clock::now();
    for (const std::string& q : queries) {
      auto parsed = parse(Json::parse(q));
      auto answer = ask(parsed.value());
      if (!answer.ok()) {
        std::fprintf(stderr, "query failed: %s\n", answer.error().message.c_str());
        std::exit(1);
      }
      totals += write(answer.value());
    }
    best = std::min(best, seconds_since(t0));
  }
  return {best * 1e6 / queries.size(), static_cast<double>(totals) / queries.size()};
}

Json figures_json(const Figures& f, std::size_t n) {
  return Json{{"usPerAnswer", f.us_per_answer}, {"answers", n}, {"meanReached", f.mean_total}};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s STATE.json\n", argv[0]);
    return 2;
  }
  const sharepolicy::State state = bench::load_state_or_exit(argv[1]);
  const auto& hmp = *state.data().hmp;
  sharepolicy::Explorer explorer(state);
  Json out = Json::object();

  // The first "what can" indexes the assets of every principal.
  const auto t0 = Clock::now();
  (void)explorer.what_can({"hmp", "user", hmp.users.front().id, {0, 50}});
  out["indexMs"] = seconds_since(t0) * 1e3;

  std::vector<std::string> who, what_user, what_group;
  for (const auto& id : spread(hmp.recordings, 1000, [](const auto& r) { return r.id; })) {
    who.push_back(Json{{"system", "hmp"}, {"asset", {{"kind", "recording"}, {"id", id}}}, {"limit", 50}}.dump());
  }
  for (const auto& id : spread(hmp.users, 1000, [](const auto& u) { return u.id; })) {
    what_user.push_back(Json{{"system", "hmp"}, {"principal", {{"type", "user"}, {"id", id}}}, {"limit", 50}}.dump());
  }
  for (const auto& id : spread(hmp.groups, 200, [](const auto& g) { return g.id; })) {
    what_group.push_back(Json{{"system", "hmp"}, {"principal", {{"type", "group"}, {"id", id}}}, {"limit", 50}}.dump());
  }
  const auto who_can = [&](const sharepolicy::WhoCanQuery& q) { return explorer.who_can(q); };
  const auto what_can = [&](const sharepolicy::WhatCanQuery& q) { return explorer.what_can(q); };
  const auto write_who = [](const sharepolicy::WhoCanAnswer& a) {
    (void)sharepolicy::who_can_to_json(a).dump();
    return a.users.total;
  };
  const auto write_what = [](const sharepolicy::WhatCanAnswer& a) {
    (void)sharepolicy::what_can_to_json(a).dump();
    return a.assets.total;
  };
  out["whoCanRecording"] = figures_json(time_answers(who, sharepolicy::who_can_query_from_json, who_can, write_who),
                                        who.size());
  out["whatCanUser"] = figures_json(time_answers(what_user, sharepolicy::what_can_query_from_json, what_can,
                                                 write_what),
                                    what_user.size());
  out["whatCanGroup"] = figures_json(time_answers(what_group, sharepolicy::what_can_query_from_json, what_can,
                                                  write_what),
                                     what_group.size());
  std::cout << out.dump() << "\n";
  return 0;
}
