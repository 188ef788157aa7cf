// api.md "Limits" (docs/LIMITS.md): every named limit in sharepolicy/limits.h, just under and just
// over, natively. Over a limit is LIMIT_EXCEEDED with a pointer to where it was crossed.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string>
#include <vector>

#if defined(__unix__) || defined(__APPLE__)
#include <sys/mman.h>
#define SHAREPOLICY_HAVE_MMAP 1
#endif

#include "common/closest_names.h"
#include "sharepolicy/engine.h"
#include "sharepolicy/limits.h"
#include "sharepolicy/scenario.h"
#include "sharepolicy/text_api.h"
#include "test_support.h"

using namespace sharepolicy;
namespace lim = sharepolicy::limits;

namespace {

std::string nested_arrays(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

// `depth` containers in all: {"x":[[…]]} (the root object counts as one).
std::string state_with_depth(std::size_t depth) { return "{\"x\":" + nested_arrays(depth - 1) + "}"; }

const char* kHmpState = R"({"hmp":{"roles":[{"name":"Admin","administrator":true}],
  "users":[{"id":"0f1e2d3c-4b5a-4697-8877-665544332211","username":"admin","roles":["Admin"],"groups":[]}]}})";

#ifdef SHAREPOLICY_HAVE_MMAP
// A read-only view of `size` bytes that costs no memory: an anonymous mapping that is reserved but
// never touched (the size check runs before any byte is read). Zero pages read as NUL if touched.
class HugeView {
 public:
  explicit HugeView(std::size_t size) : size_(size) {
    void* p = mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    data_ = p == MAP_FAILED ? nullptr : static_cast<const char*>(p);
  }
  ~HugeView() {
    if (data_ != nullptr) munmap(const_cast<char*>(data_), size_);
  }
  HugeView(const HugeView&) = delete;
  HugeView& operator=(const HugeView&) = delete;
  bool ok() const { return data_ != nullptr; }
  std::string_view view() const { return {data_, size_}; }

 private:
  const char* data_ = nullptr;
  std::size_t size_;
};
#endif

}  // namespace

TEST_CASE("limits: the named constants are the documented ones", "[limits]") {
  STATIC_REQUIRE(lim::kMaxNestingDepth == 256);
  STATIC_REQUIRE(lim::kMaxStateBytes == 2048ull * 1024 * 1024);
  STATIC_REQUIRE(lim::kMaxRequestBytes == 64ull * 1024 * 1024);
  STATIC_REQUIRE(lim::kMaxCliLineBytes == 1024ull * 1024);
  STATIC_REQUIRE(lim::kMaxStringBytes == 16ull * 1024 * 1024);
  STATIC_REQUIRE(lim::kMaxScenarioSteps == 100000);
  STATIC_REQUIRE(lim::kMaxOcmUserIds == 1000);
  STATIC_REQUIRE(lim::kMaxWebexRecordingIds == 100);
}

TEST_CASE("limits: nesting depth 256 in a state", "[limits]") {
  CHECK(load_state(state_with_depth(lim::kMaxNestingDepth)).ok());
  auto over = load_state(state_with_depth(lim::kMaxNestingDepth + 1));
  REQUIRE_FALSE(over.ok());
  CHECK(over.error().code == "LIMIT_EXCEEDED");
  // The deepest container's pointer: /x then 254 array positions (the 257th container opens at
  // index 0 of the 256th).
  std::string expected = "/x";
  for (std::size_t i = 0; i < lim::kMaxNestingDepth - 1; ++i) expected += "/0";
  CHECK(over.error().pointer == expected);
}

TEST_CASE("limits: nesting depth inside a known section points into it", "[limits]") {
  const std::string deep = "{\"hmp\":{\"users\":[{\"id\":\"u\",\"extra\":" + nested_arrays(300) + "}]}}";
  auto e = load_state(deep);
  REQUIRE_FALSE(e.ok());
  CHECK(e.error().code == "LIMIT_EXCEEDED");
  CHECK(e.error().pointer.rfind("/hmp/users/0/extra/0/0", 0) == 0);
}

TEST_CASE("limits: 200k-deep nesting is refused without recursion", "[limits]") {
  auto state = load_state(nested_arrays(200000));
  REQUIRE_FALSE(state.ok());
  CHECK(state.error().code == "LIMIT_EXCEEDED");
  // The pointer names where the 257th container would open: "/0" for each of the 256 levels above it.
  CHECK(state.error().pointer.size() == 2 * lim::kMaxNestingDepth);
  auto req = parse_request("{\"cli\":" + nested_arrays(200000) + "}");
  REQUIRE_FALSE(req.ok());
  CHECK(req.error().code == "LIMIT_EXCEEDED");
  CHECK(req.error().pointer.rfind("/cli/0/0", 0) == 0);
}

TEST_CASE("limits: nesting depth 256 in a request", "[limits]") {
  // {"cli":"x","extra":[[…]]}: unknown members are ignored, so only the depth can fail.
  auto at = parse_request("{\"cli\":\"x\",\"extra\":" + nested_arrays(lim::kMaxNestingDepth - 1) + "}");
  CHECK(at.ok());
  auto over = parse_request("{\"cli\":\"x\",\"extra\":" + nested_arrays(lim::kMaxNestingDepth) + "}");
  REQUIRE_FALSE(over.ok());
  CHECK(over.error().code == "LIMIT_EXCEEDED");
  CHECK(over.error().pointer.rfind("/extra/0", 0) == 0);
}

TEST_CASE("limits: a raw HTTP body nested too deep is the vendor's 400, not an input error", "[limits]") {
  const State s = test_support::load(
      R"({"ocm":{"users":[{"id":"U1","loginName":"a","displayName":"A","provisioningStatus":"active"}],
    "groups":[],"folders":[{"id":"F1","ownedBy":"U1","members":[]}]}})");
  Json req = {{"actor", "U1"},
              {"http",
               {{"method", "PUT"}, {"path", "/documents/api/1.2/shares/F1/role"}, {"body", nested_arrays(300)}}}};
  const Result r = test_support::check(s, req.dump());
  CHECK_FALSE(r.ok);
  CHECK(r.response["status"] == 400);
}

TEST_CASE("limits: state text of 2 GiB", "[limits]") {
// A 32-bit WebAssembly heap (2 GiB at most) cannot map 2 GiB + 1 bytes: the check is the same code.
#if defined(SHAREPOLICY_HAVE_MMAP) && !defined(__EMSCRIPTEN__)
  HugeView huge(lim::kMaxStateBytes + 1);
  REQUIRE(huge.ok());
  auto e = load_state(huge.view());
  REQUIRE_FALSE(e.ok());
  CHECK(e.error().code == "LIMIT_EXCEEDED");
  CHECK(e.error().pointer == "");
  CHECK_THAT(e.error().message, Catch::Contains("2147483649 bytes"));
  // The text API (the WebAssembly binding's path) answers the same.
  const std::string doc = text::can_share(huge.view(), "{}");
  CHECK(doc.rfind("{\"error\":{\"code\":\"LIMIT_EXCEEDED\"", 0) == 0);
#else
  WARN("no mmap of 2 GiB here: the state size check is covered by the same code path as the request limit");
#endif
}

TEST_CASE("limits: request text of 64 MiB", "[limits]") {
#ifdef SHAREPOLICY_HAVE_MMAP
  HugeView huge(lim::kMaxRequestBytes + 1);
  REQUIRE(huge.ok());
  auto e = parse_request(huge.view());
#else
  auto e = parse_request(std::string(lim::kMaxRequestBytes + 1, ' '));
#endif
  REQUIRE_FALSE(e.ok());
  CHECK(e.error().code == "LIMIT_EXCEEDED");
  CHECK(e.error().pointer == "");
  // Just under the limit, white space around a request is fine.
  std::string padded = "{\"cli\":\"x\",\"actor\":\"a\"}";
  padded.resize(lim::kMaxRequestBytes, ' ');
  CHECK(parse_request(padded).ok());
}

TEST_CASE("limits: an HMP command line of 1 MiB", "[limits]") {
  const State s = test_support::load(kHmpState);
  const std::string at = std::string(lim::kMaxCliLineBytes, 'a');
  const Result r = test_support::check(s, Json{{"actor", "admin"}, {"cli", at}}.dump());
  CHECK(r.response["line"] == "ERROR|Command not found");
  auto over = parse_request(Json{{"actor", "admin"}, {"cli", at + "a"}}.dump());
  REQUIRE_FALSE(over.ok());
  CHECK(over.error().code == "LIMIT_EXCEEDED");
  CHECK(over.error().pointer == "/cli");
}

TEST_CASE("limits: a string of 16 MiB", "[limits]") {
  const std::string at(lim::kMaxStringBytes, 'x');
  const std::string over = at + "x";
  SECTION("in a state, as a value") {
    CHECK(load_state("{\"note\":\"" + at + "\"}").ok());
    auto e = load_state("{\"hmp\":{\"users\":[{\"id\":\"u\",\"username\":\"" + over + "\"}]}}");
    REQUIRE_FALSE(e.ok());
    CHECK(e.error().code == "LIMIT_EXCEEDED");
    CHECK(e.error().pointer == "/hmp/users/0/username");
  }
  SECTION("in a state, as an object key (points at the object)") {
    auto e = load_state("{\"hmp\":{\"users\":[{\"" + over + "\":1}]}}");
    REQUIRE_FALSE(e.ok());
    CHECK(e.error().code == "LIMIT_EXCEEDED");
    CHECK(e.error().pointer == "/hmp/users/0");
  }
  SECTION("in a request") {
    auto e = parse_request("{\"cli\":\"x\",\"actor\":\"" + over + "\"}");
    REQUIRE_FALSE(e.ok());
    CHECK(e.error().code == "LIMIT_EXCEEDED");
    CHECK(e.error().pointer == "/actor");
  }
  SECTION("escapes count as the bytes they decode to") {
    // 16 MiB + 1 "\n" escapes: 32 MiB of text (under the request limit), 16 MiB + 1 decoded.
    std::string escaped;
    escaped.reserve(2 * (lim::kMaxStringBytes + 1));
    for (std::size_t i = 0; i <= lim::kMaxStringBytes; ++i) escaped += "\\n";
    auto e = parse_request("{\"cli\":\"x\",\"actor\":\"" + escaped + "\"}");
    REQUIRE_FALSE(e.ok());
    CHECK(e.error().code == "LIMIT_EXCEEDED");
    CHECK(e.error().pointer == "/actor");
  }
}

TEST_CASE("limits: scenario steps", "[limits]") {
  std::string steps;
  for (std::size_t i = 0; i <= lim::kMaxScenarioSteps; ++i)
    steps += (i ? ",{\"request\":{\"cli\":\"x\"}}" : "{\"request\":{\"cli\":\"x\"}}");
  auto e = parse_scenario("{\"state\":{},\"steps\":[" + steps + "]}");
  REQUIRE_FALSE(e.ok());
  CHECK(e.error().code == "LIMIT_EXCEEDED");
  CHECK(e.error().pointer == "/steps");
}

TEST_CASE("limits: OCM's 1000 ids and Webex's 100 recording ids are vendor answers, not input errors", "[limits]") {
  SECTION("OCM userID with 1001 ids: 400 -1 naming dUserID") {
    const State s = test_support::load(
        R"({"ocm":{"users":[{"id":"U1","loginName":"a","displayName":"A","provisioningStatus":"active"}],
      "groups":[],"folders":[{"id":"F1","ownedBy":"U1","members":[]}]}})");
    std::string ids;
    for (std::size_t i = 0; i <= lim::kMaxOcmUserIds; ++i) ids += (i ? ",X" : "X") + std::to_string(i);
    Json req = {{"actor", "U1"},
                {"http",
                 {{"method", "PUT"},
                  {"path", "/documents/api/1.2/shares/F1/role"},
                  {"body", {{"userID", ids}, {"role", "viewer"}}}}}};
    const Result r = test_support::check(s, req.dump());
    CHECK(r.response["status"] == 400);
    CHECK(r.response["body"]["errorCode"] == "-1");
    CHECK_THAT(r.response["body"]["errorMessage"].get<std::string>(), Catch::Contains("dUserID"));
  }
  SECTION("Webex recordingIds with 101 distinct ids: 400") {
    const State s = test_support::load(
        R"({"webex":{"people":[{"id":"P1","email":"a@example.com","type":"user"}],"recordings":[]}})");
    Json ids = Json::array();
    for (std::size_t i = 0; i <= lim::kMaxWebexRecordingIds; ++i) ids.push_back("R" + std::to_string(i));
    Json req = {{"actor", "P1"},
                {"scopes", {"spark-admin:recordings_write"}},
                {"http",
                 {{"method", "POST"},
                  {"path", "/v1/convergedRecordings/reassign"},
                  {"body", {{"recordingIds", ids}, {"reassignOwnerEmail", "a@example.com"}}}}}};
    auto r = resolve_reassign(s, test_support::request(req.dump()));
    REQUIRE(r.ok());
    CHECK(r.value().result.response["status"] == 400);
    CHECK(r.value().result.response["body"]["message"] == "recordingIds size must not exceed 100");
  }
}

// ---- issue 16: trailing content, and the bounded cost of "did you mean" ----------------------

TEST_CASE("limits: nothing may follow a JSON document, a NUL byte included", "[limits][trailing]") {
  const std::string state = kHmpState;
  for (const std::string& tail : {std::string("\0", 1), std::string("\0garbage", 8), std::string("\0{\"hmp\":{}}", 11),
                                  std::string(" \0", 2), std::string("\n\0\0\0", 4), std::string(" x")}) {
    INFO("tail of " << tail.size() << " bytes");
    auto loaded = load_state(state + tail);
    REQUIRE_FALSE(loaded.ok());
    CHECK(loaded.error().code == "STATE_INVALID");
    CHECK(loaded.error().pointer == "");
    auto parsed = parse_request(std::string(R"({"actor":"admin","cli":"x"})") + tail);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().code == "REQUEST_INVALID");
    CHECK(parsed.error().pointer == "");
  }
  CHECK(load_state(state + " \n\t").ok());  // white space is not content
}

TEST_CASE("limits: a raw body with a NUL and more JSON after it is the vendor's 400", "[limits][trailing]") {
  const State s = test_support::load(
      R"({"ocm":{"users":[{"id":"U1","loginName":"a","displayName":"A","provisioningStatus":"active"}],
    "groups":[],"folders":[{"id":"F1","ownedBy":"U1","members":[]}]}})");
  auto call = [&](const std::string& body) {
    Json req = {{"actor", "U1"},
                {"http", {{"method", "PUT"}, {"path", "/documents/api/1.2/shares/F1/role"}, {"body", body}}}};
    return result_to_text(test_support::check(s, req.dump()));
  };
  const std::string body = R"({"userID":"U1","role":"viewer"})";
  const std::string with_nul = call(body + std::string("\0{\"userID\":\"U2\"}", 16));
  CHECK(with_nul == call(body + " {\"userID\":\"U2\"}"));  // the same answer as any trailing text
  CHECK(with_nul != call(body));
}

namespace {
using sharepolicy::text_util::ClosestNames;
using sharepolicy::text_util::NameNeighbours;
using Names = std::vector<std::string>;

std::size_t full_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}
}  // namespace

TEST_CASE("did you mean: the banded distance agrees with the full one", "[limits][closest]") {
  std::uint32_t seed = 16;
  auto next = [&] { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7fff; };
  for (int trial = 0; trial < 20000; ++trial) {
    std::string a, b;
    for (std::size_t n = next() % 12; n > 0; --n) a += static_cast<char>('a' + next() % 3);
    for (std::size_t n = next() % 12; n > 0; --n) b += static_cast<char>('a' + next() % 3);
    const std::size_t bound = std::max<std::size_t>(2, a.size() / 3);
    ClosestNames closest(a);
    closest.consider(b);
    INFO(a << " / " << b);
    CHECK(closest.best().empty() == (full_distance(a, b) > bound));
  }
}

TEST_CASE("did you mean: names up to 64 bytes (the bit-parallel distance) rank as the full distance does",
          "[limits][closest]") {
  std::uint32_t seed = 64;
  auto next = [&] { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7fff; };
  auto lower = [](std::string t) {
    for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return t;
  };
  auto random_name = [&](std::size_t max) {
    std::string t;
    for (std::size_t n = next() % (max + 1); n > 0; --n) t += "abAB.c"[next() % 6];
    return t;
  };
  for (int trial = 0; trial < 20000; ++trial) {
    const std::string a = random_name(64).substr(0, 64) + "a";  // 1 to 65 bytes: both algorithms
    std::string b1 = random_name(70), b2 = random_name(70);
    if (trial % 2) b1 = a.substr(0, a.size() / 2) + b1.substr(0, 3) + a.substr(a.size() / 2);  // near ones too
    const std::size_t bound = std::max<std::size_t>(2, std::min<std::size_t>(16, a.size() / 3));
    const std::size_t d1 = full_distance(lower(a), lower(b1)), d2 = full_distance(lower(a), lower(b2));
    ClosestNames closest(a, 1);
    closest.consider(b1);
    closest.consider(b2);
    INFO(a << " / " << b1 << " (" << d1 << ") / " << b2 << " (" << d2 << ")");
    if (std::min(d1, d2) > bound) {
      CHECK(closest.best().empty());
    } else {
      CHECK(closest.best() == Names{d1 <= d2 ? b1 : b2});
    }
  }
}

TEST_CASE("did you mean: 1000 near-identical 4 KB names cost a bounded number of cells", "[limits][closest]") {
  // Every name is 3 edits from the wanted one and differs at its very end: no early exit, and the
  // length gap (1) is within every bound. Unbanded, each distance would be 4099 * 4099 cells.
  const std::string common(4096, 'x');
  ClosestNames closest(common + "ab");
  auto three_digits = [](int i) {
    return std::string(1, char('0' + i / 100)) + char('0' + i / 10 % 10) + char('0' + i % 10);
  };
  for (int i = 0; i < 1000; ++i) closest.consider(common + three_digits(i));
  CHECK(closest.cells_computed() <= ClosestNames::kMaxCells);
  CHECK(closest.candidates_skipped() > 0);  // the budget, not the names, ended the search
  CHECK(closest.best() == Names{common + "000", common + "001", common + "002"});  // the first compared still answer
  // Names differing in the middle (no early exit, no help from the length gap) are bounded alike.
  ClosestNames middle(std::string(2048, 'y') + "q" + std::string(2048, 'y'));
  for (int i = 0; i < 1000; ++i)
    middle.consider(std::string(2048, 'y') + std::to_string(i % 10) + std::string(2048, 'y'));
  CHECK(middle.cells_computed() <= ClosestNames::kMaxCells);
}

TEST_CASE("did you mean: a distance costs a band, not the square of the length", "[limits][closest]") {
  const std::string name(50000, 'n');
  ClosestNames closest(name);
  closest.consider(name + "s");
  CHECK(closest.best().size() == 1);
  // max(2, min(kMaxEdits, n / 3)) edits on each side of the diagonal, one row per byte.
  CHECK(closest.cells_computed() <= (name.size() + 1) * (2 * ClosestNames::kMaxEdits + 1));
}

TEST_CASE("did you mean: 100k names that share a long beginning", "[limits][closest]") {
  const std::string prefix(200, 'u');
  std::vector<std::string> names;
  for (int i = 0; i < 100000; ++i) names.push_back(prefix + std::to_string(i));
  auto name = [&](std::size_t i) -> const std::string& { return names[i]; };
  NameNeighbours index;
  index.build(names.size(), name);
  // The orders look at kOrderBytes bytes only: names equal in their first 64 keep collection order,
  // so the forward neighbours of any such name are the first kPerSide names; the backward order
  // (which sees the digits) still finds the misspelt one.
  const std::string wanted = prefix + "5000x";
  const auto candidates = index.candidates(wanted, name);
  REQUIRE(candidates.size() <= 4 * NameNeighbours::kPerSide);
  for (NameNeighbours::Position p = 0; p < NameNeighbours::kPerSide; ++p)
    CHECK(std::count(candidates.begin(), candidates.end(), p) == 1);
  ClosestNames closest(wanted);
  for (auto i : candidates) closest.consider(name(i));
  CHECK(closest.cells_computed() <= ClosestNames::kMaxCells);
  CHECK_FALSE(closest.best().empty());
}
