// Paged reassignments (docs/DECISIONS.md "Paged reassignment results"): the summary's lists are
// the full result's first items, pages concatenate to the full lists, and the full JSON written
// from the kept indexes is today's, byte for byte.
#include <catch2/catch.hpp>
#include <string>

#include "sharepolicy/engine.h"
#include "sharepolicy/request.h"
#include "sharepolicy/result.h"
#include "sharepolicy/state.h"
#include "sharepolicy/text_api.h"
#include "state_builders.h"
#include "test_support.h"

using namespace sharepolicy;

namespace {

// 240 recordings of A: every 7th deleted (IN_RECYCLE_BIN), every 11th purged (skipped); B owns two.
Json paged_state_json() {
  using namespace state_builders::webex;
  state_builders::Rows recordings;
  for (int i = 0; i < 240; ++i) {
    Json r = recording("R" + std::to_string(i), "P_A");
    if (i % 11 == 3) {
      r["status"] = "purged";
    } else if (i % 7 == 2) {
      r["status"] = "deleted";
    }
    recordings.push_back(r);
  }
  recordings.push_back(recording("RB1", "P_B"));
  recordings.push_back(recording("RB2", "P_B"));
  return state({person("P_ADMIN", "admin@example.com"), person("P_A", "a@example.com"), person("P_B", "b@example.com"),
                person("P_C", "c@example.com")},
               recordings);
}

State paged_state() { return state_builders::load(paged_state_json()); }

const std::string kAll = test_support::reassign_request(
    {{"ownerEmail", "a@example.com"}, {"reassignOwnerEmail", "b@example.com"}});
// Listed ids with an owner filter (RB1: not owned by A; R1 twice: DUPLICATE_IDS), and without one
// (RB1: already owned by the destination).
const std::string kListed = test_support::reassign_request({{"ownerEmail", "a@example.com"},
                                                            {"recordingIds", {"R1", "RB1", "R2", "R3", "R1"}},
                                                            {"reassignOwnerEmail", "c@example.com"}});
const std::string kAlready = test_support::reassign_request(
    {{"recordingIds", {"RB1", "R9", "R10"}}, {"reassignOwnerEmail", "b@example.com"}});
const std::string kDenied = test_support::reassign_request(
    {{"ownerEmail", "a@example.com"}, {"reassignOwnerEmail", "nobody@example.com"}});

Request request_of(const std::string& text) { return test_support::required(parse_request(text), "request"); }

std::string full_text(const State& s, const std::string& req) {
  return result_to_text(test_support::required(preview_reassign(s, request_of(req)), "preview"));
}

// The member at a dotted list name ("reassign.moved") of a result.
const Json& list_at(const Json& result, const std::string& name) {
  const auto dot = name.find('.');
  if (dot == std::string::npos) return result.at(name);
  return result.at(name.substr(0, dot)).at(name.substr(dot + 1));
}

Json items_of(const ReassignPages& pages, const std::string& list, std::size_t offset, std::size_t limit) {
  std::string out;
  REQUIRE(pages.append_items_text(out, list, offset, limit));
  return Json::parse(out);
}

}  // namespace

TEST_CASE("paged reassignment: the full result from the kept indexes is today's, byte for byte",
          "[webex][reassign][pages]") {
  const State s = paged_state();
  for (const std::string& req : {kAll, kListed, kAlready, kDenied}) {
    const ReassignPages pages = test_support::required(preview_reassign_pages(s, request_of(req)), "pages");
    CHECK(result_to_text(pages.full_result()) == full_text(s, req));
  }
}

TEST_CASE("paged reassignment: pages concatenate to the full lists and the summary holds the first items",
          "[webex][reassign][pages]") {
  const State s = paged_state();
  for (const std::string& req : {kAll, kListed, kAlready}) {
    const Json full = Json::parse(full_text(s, req));
    const ReassignPages pages = test_support::required(preview_reassign_pages(s, request_of(req)), "pages");
    std::string summary_text;
    pages.append_summary_text(summary_text, 5);
    const Json summary = Json::parse(summary_text);
    for (const char* list : ReassignPages::kLists) {
      INFO(list);
      static const Json kNone = Json::array();
      const Json& whole = full.contains("access") || std::string(list) != "access.assets" ? list_at(full, list) : kNone;
      CHECK(summary["page"]["totals"][list] == whole.size());
      CHECK(pages.total(list) == whole.size());
      Json first = Json::array();
      for (std::size_t i = 0; i < std::min<std::size_t>(5, whole.size()); ++i) first.push_back(whole[i]);
      if (whole.size()) CHECK(list_at(summary, list) == first);
      Json joined = Json::array();
      for (std::size_t offset = 0; offset < whole.size() + 7; offset += 7) {
        for (const Json& item : items_of(pages, list, offset, 7)) joined.push_back(item);
      }
      CHECK(joined.dump() == whole.dump());
    }
    // Everything but the cut lists, counts and page is the full result's.
    Json rest = summary;
    rest.erase("page");
    rest["reassign"].erase("counts");
    Json expected = full;
    for (const char* list : ReassignPages::kLists) {
      const std::string name = list;
      if (name == "access.assets" && !full.contains("access")) continue;
      Json& cut = name.find('.') == std::string::npos
                      ? expected[name]
                      : expected[name.substr(0, name.find('.'))][name.substr(name.find('.') + 1)];
      while (cut.size() > 5) cut.erase(cut.size() - 1);
    }
    CHECK(rest.dump() == expected.dump());
  }
}

TEST_CASE("paged reassignment: counts per outcome and the warnings that name recordings", "[webex][reassign][pages]") {
  const State s = paged_state();
  const ReassignPages pages = test_support::required(preview_reassign_pages(s, request_of(kAll)), "pages");
  std::string text;
  pages.append_summary_text(text, 0);
  const Json summary = Json::parse(text);
  // 240 of A: 22 purged (i % 11 == 3), the rest move; deleted ones warn.
  CHECK(summary["reassign"]["counts"].dump() ==
        R"({"moved":218,"skipped":22,"not-owned-by-owner":0,"purged":22,"already-owned":0})");
  CHECK(summary["changes"].empty());
  CHECK(summary["reassign"]["moved"].empty());
  CHECK(summary["access"]["assets"].empty());
  CHECK(summary["access"]["owners"].size() == 2);  // not cut: one entry per person
  const Json warnings = items_of(pages, "warnings", 0, 1);
  CHECK(warnings.dump() == R"([{"code":"IN_RECYCLE_BIN","message":"recording R2 is in the recycle bin (status )"
                           R"(deleted); it moves to b@example.com and stays in the recycle bin"}])");
  CHECK(items_of(pages, "reassign.moved", 1000, 5).empty());
  std::string out;
  CHECK_FALSE(pages.append_items_text(out, "moves", 0, 5));
  CHECK(out.empty());
}

TEST_CASE("paged reassignment in place: the same result and state as resolve_reassign_in_place",
          "[webex][reassign][pages]") {
  for (const std::string& req : {kAll, kListed, kAlready, kDenied}) {
    State typed = paged_state(), paged = paged_state();
    const Result r = test_support::required(resolve_reassign_in_place(typed, request_of(req)), "typed");
    const ReassignPages pages = test_support::required(resolve_reassign_pages_in_place(paged, request_of(req)),
                                                       "paged");
    CHECK(result_to_text(pages.full_result()) == result_to_text(r));
    CHECK(write_state(paged) == write_state(typed));
    // And both as the copying resolve_reassign (changes applied through apply_changes) has it.
    const Applied applied = test_support::reassign(paged_state(), req);
    CHECK(result_to_text(applied.result) == result_to_text(r));
    CHECK(write_state(applied.state) == write_state(typed));
  }
}

TEST_CASE("paged reassignment through the text API: summary, items, and what drops them", "[webex][reassign][pages]") {
  text::LoadedState loaded;
  REQUIRE(loaded.load(paged_state_json().dump()) == R"({"result":null})");
  CHECK(loaded.reassign_items("changes", 0, 5).find("\"REQUEST_INVALID\"") != std::string::npos);
  const std::string summary = loaded.reassign_page(kAll, false, 3);
  const Json page = Json::parse(summary)["result"];
  CHECK(page["changes"].size() == 3);
  CHECK(page["page"]["limit"] == 3);
  const Json items = Json::parse(loaded.reassign_items("changes", 3, 2))["result"];
  CHECK(items.size() == 2);
  CHECK(items[0]["asset"]["id"] == "R4");  // R3 is purged
  CHECK(loaded.reassign_items("nothing", 0, 2).find("no reassignment list is named 'nothing'") != std::string::npos);
  // The preview changed nothing; the paged resolve moves, and its items read the moves.
  CHECK(loaded.preview_reassign(kAll) == "{\"result\":" + full_text(paged_state(), kAll) + "}");
  const Json applied = Json::parse(loaded.reassign_page(kAll, true, 1))["result"];
  CHECK(applied["page"]["totals"]["changes"] == 218);
  CHECK(Json::parse(loaded.reassign_items("reassign.moved", 217, 5))["result"].size() == 1);
  // A's recordings have moved: a second preview moves nothing (it drops the kept lists too).
  CHECK(Json::parse(loaded.reassign_page(kAll, false, 0))["result"]["reassign"]["counts"]["moved"] == 0);
  CHECK(Json::parse(loaded.reassign_items("changes", 0, 5))["result"].empty());
  loaded.resolve_reassign(kAll);  // any change in place drops the kept lists
  CHECK(loaded.reassign_items("changes", 0, 5).find("no paged reassignment is kept") != std::string::npos);
  // So does a load, whole or in pieces: the lists kept were another state's.
  for (const bool in_pieces : {false, true}) {
    REQUIRE(Json::parse(loaded.reassign_page(kAll, false, 0))["result"].contains("page"));
    REQUIRE(Json::parse(loaded.reassign_items("changes", 0, 5))["result"].is_array());
    const std::string text = paged_state_json().dump();
    if (in_pieces) {
      loaded.load_begin();
      REQUIRE(loaded.load_piece(text) == R"({"result":null})");
      REQUIRE(loaded.load_end() == R"({"result":null})");
    } else {
      REQUIRE(loaded.load(text) == R"({"result":null})");
    }
    CHECK(loaded.reassign_items("changes", 0, 5).find("no paged reassignment is kept") != std::string::npos);
  }
}
