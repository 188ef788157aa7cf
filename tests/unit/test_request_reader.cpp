// The request reader keeps only what is read (issue 16 item 4, docs/LIMITS.md "Requests"): unknown
// members and the body's unread members are checked as before (same errors, same pointers) but not
// built. Each case here is compared with the whole-document reader the request used to go through.
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "common/input_failure.h"
#include "fixture_support.h"
#include "common/json_reader.h"
#include "engine/plain_request.h"
#include "engine/vendor_calls.h"
#include "sharepolicy/limits.h"
#include "sharepolicy/request.h"
#include "sharepolicy/text_api.h"

using namespace sharepolicy;

namespace {

// The request as the whole-document reader reads it: a DOM, then the shape check.
Expected<Request> read_as_whole_document(const std::string& text) {
  try {
    return request_from_json(
        json_reader::parse_document(text, {error_code::kRequestInvalid, limits::kMaxRequestBytes, "request"}));
  } catch (const InputFailure& f) {
    return f.error();
  }
}

void check_same_answer(const std::string& text) {
  INFO(text);
  const Expected<Request> kept = parse_request(text);
  const Expected<Request> whole = read_as_whole_document(text);
  REQUIRE(kept.ok() == whole.ok());
  if (!kept.ok()) {
    CHECK(kept.error().to_json() == whole.error().to_json());
    return;
  }
  const Request& a = kept.value();
  const Request& b = whole.value();
  CHECK(a.cli == b.cli);
  CHECK(a.actor == b.actor);
  CHECK(a.scopes == b.scopes);
  REQUIRE(a.http.has_value() == b.http.has_value());
  if (!a.http) return;
  CHECK(a.http->method == b.http->method);
  CHECK(a.http->path == b.http->path);
  CHECK(a.http->has_body == b.http->has_body);
  CHECK(a.http->body_text == b.http->body_text);
  CHECK(a.http->body.type() == b.http->body.type());
}

const char* const kHttp = R"("http":{"method":"POST","path":"/v1/recordings/reassign")";

}  // namespace

TEST_CASE("requests read with the kept shape answer as the whole document did", "[request_reader]") {
  const std::vector<std::string> texts = {
      R"({"actor":"admin","cli":"x"})",
      R"({"actor":"admin","cli":"x","x":[{},{"a":[1,2,{"b":null}]},"s",1.5,-3,true]})",
      R"({"actor":"admin","cli":"x","x":{"a":1,"a":2}})",                // duplicate inside an unknown member
      R"({"actor":"admin","cli":"x","x":{"a":1,"\u0061":2}})",           // the same, spelt with an escape
      R"({"actor":"admin","cli":"x","x":{"a\"b":1,"a\\":2,"a\"b":3}})",  // escaped quotes and backslashes
      R"({"actor":"admin","cli":"x","x":{"\\\"":1,"\\\"":2}})",
      R"({"x":{"k":1},"x":{"k":1},"cli":"x"})",             // duplicate of a dropped member
      R"({"actor":"admin","cli":"x","x":[1,2,}]})",         // syntax error inside it
      R"({"actor":"admin","cli":"x","x":{"a":1e400}})",     // number overflow inside it
      R"({"actor":"admin","cli":"x","x":{"a":"\ud800"}})",  // lone surrogate inside it
      R"({"actor":1,"cli":"x","x":[1,}]})",                 // the syntax error wins
      R"({"actor":{"a":[1]},"cli":"x"})",                   // a type named: object
      R"({"actor":[1,2],"cli":"x"})",
      R"({"actor":"a","cli":{"a":1}})",
      R"({"actor":"a","cli":"x","scopes":["a",{"b":1},"c"]})",
      R"({"actor":"a","cli":"x","scopes":{"a":"b"}})",
      R"({"actor":"a","cli":"x","scopes":["a","b"]})",
      R"({"actor":"a","http":[1,{"a":2}]})",
      R"({"actor":"a","http":{"method":"POST"}})",
      R"({"actor":"a","http":{"method":["GET"],"path":"/"}})",
      R"({"actor":"a","http":{"path":"/","method":"get","x":{"y":{}}}})",
      R"({"actor":"a",)" + std::string(kHttp) + R"(,"body":{"reassignOwnerEmail":"a@b","zz":[{},{}]}}})",
      R"({"actor":"a",)" + std::string(kHttp) + R"(,"body":[{},{}]}})",
      R"({"actor":"a",)" + std::string(kHttp) + R"(,"body":"{\"a\":1}"}})",
      R"({"actor":"a",)" + std::string(kHttp) + R"(,"body":{"zz":{"q":1,"q":2}}}})",
      R"({"actor":"a",)" + std::string(kHttp) + R"(,"body":null}})",
      "{\"actor\":\"a\",\"cli\":\"x\",\"x\":\"\xff\"}",  // invalid UTF-8 inside an unknown member
      std::string("{\"cli\":\"x\"}\0{}", 14),            // a NUL, then more
      "[]",
      "",
      "\xEF\xBB\xBF{\"cli\":\"x\",\"x\":{\"a\":1,\"a\":1}}",  // after a byte order mark
  };
  for (const std::string& text : texts) check_same_answer(text);
}

TEST_CASE("the plain {actor, cli} request is read without a DOM, and only when it is plain", "[request_reader]") {
  // Read by read_plain_cli_request: the same Request as the whole document gives (check_same_answer
  // compares parse_request, which reads these with it, with the whole document).
  const std::vector<std::string> plain = {
      R"({"actor":"admin","cli":"shareRecordingWithUser bob WATCH r1"})",
      R"({"cli":"x","actor":"admin"})",
      R"({"cli":"x"})",
      " \t\r\n{ \"actor\" : \"a\" ,\n\"cli\" : \"\" } \n",
      R"({"actor":"","cli":"~!@#$%^&*()_+{}[]:;',.<>?/|` "})",
  };
  for (const std::string& text : plain) {
    INFO(text);
    Request plain;
    CHECK(read_plain_cli_request(text, plain));
    check_same_answer(text);
  }
  // Left to the full reader (valid or not), which answers as before.
  const std::vector<std::string> other = {
      R"({"actor":null,"cli":"x"})",
      R"({"actor":"a"})",
      R"({"actor":"a","cli":"x","scopes":[]})",
      R"({"actor":"a","cli":"x\"y"})",
      R"({"actor":"a","cli":"\u0078"})",
      "{\"actor\":\"\xc3\xa9\",\"cli\":\"x\"}",
      "{\"actor\":\"\xff\",\"cli\":\"x\"}",
      "{\"actor\":\"a\",\"cli\":\"x\ty\"}",
      std::string("{\"cli\":\"x\"}\0", 12),
      R"({"cli":"x","cli":"y"})",
      R"({"cli":"x",})",
      R"({"cli":"x"} x)",
      R"({"cli":"x"}})",
      R"({"cli":"x")",
      R"({"cli" "x"})",
      R"({"cli":1})",
      R"({})",
      R"([{"cli":"x"}])",
      "{\"cli\":\"" + std::string(limits::kMaxCliLineBytes + 1, 'x') + "\"}",
      "{\"cli\":\"x\",\"actor\":\"" + std::string(limits::kMaxStringBytes + 1, 'x') + "\"}",
  };
  for (const std::string& text : other) {
    INFO(text);
    Request plain;
    CHECK_FALSE(read_plain_cli_request(text, plain));
    check_same_answer(text);
  }
}

TEST_CASE("mutations of a plain request answer as the whole document does", "[request_reader]") {
  // Every byte changed, dropped or doubled, and random bytes put anywhere: wherever the plain reader
  // accepts a text, the full reader must too, with the same request (a seeded sweep).
  const std::string base = R"({"actor":"ad min","cli":"shareRecordingWithUser bob WATCH r1"})";
  std::string alphabet = "{}[]:,\"\\ \t\nacx01-\x7f\xc3\xa9";
  alphabet += '\0';
  std::mt19937 random(12345);
  std::size_t accepted = 0;
  const auto check = [&](const std::string& text) {
    Request plain;
    accepted += read_plain_cli_request(text, plain);
    check_same_answer(text);
  };
  for (std::size_t i = 0; i < base.size(); ++i) {
    check(base.substr(0, i) + base.substr(i + 1));
    check(base.substr(0, i + 1) + base.substr(i));
    for (char c : alphabet) check(base.substr(0, i) + c + base.substr(i + 1));
  }
  for (int n = 0; n < 2000; ++n) {
    std::string text = base;
    for (int k = 0; k < 3; ++k) text.insert(random() % (text.size() + 1), 1, alphabet[random() % alphabet.size()]);
    check(text);
  }
  CHECK(accepted > 100);  // the sweep does reach the plain reader
}

TEST_CASE("depth and string limits hold inside members that are not kept", "[request_reader]") {
  const std::string deep = "{\"cli\":\"x\",\"x\":" + std::string(limits::kMaxNestingDepth, '[') +
                           std::string(limits::kMaxNestingDepth, ']') + "}";
  const auto parsed = parse_request(deep);
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error().code == "LIMIT_EXCEEDED");
  check_same_answer(deep);
  std::string keys = "{\"cli\":\"x\",\"x\":{";
  for (int i = 0; i < 300; ++i) keys += "\"k" + std::to_string(i) + "\":{},";  // past the linear key scan
  check_same_answer(keys + "\"k17\":1}}");
  check_same_answer(keys + "\"k\\u00317\":1}}");
  check_same_answer(keys + "\"new\":1}}");
}

TEST_CASE("a body keeps the members vendors read and nothing else", "[request_reader]") {
  const std::string text = R"({"actor":"a",)" + std::string(kHttp) +
                           R"(,"body":{"reassignOwnerEmail":"a@b","ownerEmail":"c@d","recordingIds":["r1",{"x":1}],)"
                           R"("userID":{"u":[1,2]},"role":[3],"unknown":{"big":[{},{},{}]},"id":[1]}}})";
  const auto parsed = parse_request(text);
  REQUIRE(parsed.ok());
  const Json& body = parsed.value().http->body;
  CHECK(body.dump() == R"({"reassignOwnerEmail":"a@b","ownerEmail":"c@d","recordingIds":["r1",{}],)"
                       R"("userID":{"u":[1,2]},"role":[3],"id":[]})");
  const BodyJson read = body_as_json(*parsed.value().http);
  CHECK(read.get() == &body);  // the request's own body, not a copy
}

TEST_CASE("a raw body is read with the same shape", "[request_reader]") {
  HttpCall call;
  call.has_body = true;
  call.body_is_text = true;
  call.body_text = R"({"permission":"WATCH","extra":[[[]]],"name":"n"})";
  const BodyJson read = body_as_json(call);
  REQUIRE(read);
  CHECK(read->dump() == R"({"permission":"WATCH","name":"n"})");
  call.body_text = R"({"permission":"WATCH","extra":{"a":1,"a":2}})";
  CHECK_FALSE(body_as_json(call));  // a duplicate anywhere is still not JSON the vendor accepts
}

TEST_CASE("a batch keeps each request as one request is kept", "[request_reader]") {
  text::LoadedState loaded;
  REQUIRE(loaded.load(fixtures::sample("hmp.json")) == R"({"result":null})");
  for (const auto& path : fixtures::all()) {
    const Json f = Json::parse(fixtures::read_file(path));
    const Json& request = f.at("request");
    if (!request.contains("http") || !request["http"].contains("body")) continue;
    INFO(path.filename().string());
    Json noisy = request;
    noisy["x"] = Json::array({Json::object(), Json::object()});
    if (noisy["http"]["body"].is_object()) noisy["http"]["body"]["zz"] = Json::object({{"a", Json::array()}});
    const std::string plain = "[" + request.dump() + "," + request.dump() + "]";
    const std::string with_noise = "[" + noisy.dump() + "," + request.dump() + "]";
    CHECK(loaded.can_share_batch(with_noise) == loaded.can_share_batch(plain));
  }
  // Errors inside what is not kept are found as before, with the batch's pointers.
  CHECK(
      loaded.can_share_batch(R"([{"cli":"x"},{"cli":"x","x":{"a":1,"a":2}}])") ==
      R"({"error":{"code":"REQUEST_INVALID","message":"duplicate key 'a' in the batch of requests","pointer":"/1/x/a"}})");
  CHECK(loaded.can_share_batch(R"({"a":[1,2]})").find("must be a JSON array") != std::string::npos);
}

TEST_CASE("scopes: at most kMaxScopes, from a request's text and from a DOM alike", "[request_reader][limits]") {
  auto with_scopes = [](std::size_t n, const std::string& tail = "") {
    std::string t = R"({"actor":"a","cli":"x","scopes":[)";
    for (std::size_t i = 0; i < n; ++i) t += i ? ",\"\"" : "\"\"";
    return t + tail + "]}";
  };
  const Expected<Request> at_limit = parse_request(with_scopes(limits::kMaxScopes));
  REQUIRE(at_limit.ok());
  CHECK(at_limit.value().scopes.size() == limits::kMaxScopes);
  const Expected<Request> over = parse_request(with_scopes(limits::kMaxScopes + 1));
  REQUIRE_FALSE(over.ok());
  CHECK(over.error().code == "LIMIT_EXCEEDED");
  CHECK(over.error().pointer == "/scopes/" + std::to_string(limits::kMaxScopes));
  check_same_answer(with_scopes(limits::kMaxScopes + 1));  // a scenario's step (a DOM) says the same
  check_same_answer(with_scopes(3, ",7") + "");            // a non-string before the limit: the shape error
  check_same_answer(with_scopes(limits::kMaxScopes + 5, ",7"));
}

namespace {

// `n` ids: "r<i % distinct>", so each of the first `distinct` ids comes back n / distinct times.
std::string reassign_with_ids(std::size_t n, std::size_t distinct, const std::string& tail = "") {
  std::string t = R"({"actor":"a",)" + std::string(kHttp) + R"(,"body":{"reassignOwnerEmail":"a@b","recordingIds":[)";
  for (std::size_t i = 0; i < n; ++i) t += (i ? ",\"r" : "\"r") + std::to_string(i % distinct) + "\"";
  return t + tail + "]}}}";
}

// What the Webex reader takes from recordingIds, for the request read both ways.
void check_same_ids(const std::string& text) {
  INFO(text.substr(0, 300));
  check_same_answer(text);
  const Expected<Request> kept = parse_request(text);
  const Expected<Request> whole = read_as_whole_document(text);
  if (!kept.ok() || !whole.ok()) return;
  const auto a = json_reader::distinct_strings(kept.value().http->body["recordingIds"]);
  const auto b = json_reader::distinct_strings(whole.value().http->body["recordingIds"]);
  REQUIRE(a.has_value() == b.has_value());
  if (!a) return;
  CHECK(a->count == b->count);
  if (b->count > limits::kMaxWebexRecordingIds) return;  // the vendor's 400 reads only the count
  CHECK(a->first == b->first);
  CHECK(a->repeated == b->repeated);
}

}  // namespace

TEST_CASE("recordingIds: repeats are not kept, only what the answer reads", "[request_reader]") {
  // 100 000 repeats of three ids: the answer needs the three, and the ids listed twice.
  const Expected<Request> parsed = parse_request(reassign_with_ids(100000, 3));
  REQUIRE(parsed.ok());
  const Json& ids = parsed.value().http->body["recordingIds"];
  CHECK(ids.size() <= 6);
  const auto d = json_reader::distinct_strings(ids);
  REQUIRE(d);
  CHECK(d->count == 3);
  CHECK(d->first == std::vector<std::string>{"r0", "r1", "r2"});
  CHECK(d->repeated == std::vector<std::string>{"r0", "r1", "r2"});
  // Past the vendor's cap only the number of distinct ids is read: at most the cap is kept.
  const Expected<Request> over = parse_request(reassign_with_ids(50000, 5000));
  REQUIRE(over.ok());
  CHECK(over.value().http->body["recordingIds"].size() <= limits::kMaxWebexRecordingIds + 1);
  CHECK(json_reader::distinct_strings(over.value().http->body["recordingIds"])->count == 5000);

  check_same_ids(reassign_with_ids(0, 1));
  check_same_ids(reassign_with_ids(7, 7));
  check_same_ids(reassign_with_ids(1000, 3));
  check_same_ids(reassign_with_ids(1000, 100));
  check_same_ids(reassign_with_ids(1000, 101));
  check_same_ids(reassign_with_ids(1000, 999));
  check_same_ids(reassign_with_ids(50, 50, R"(,"r3","r60","r3","r1")"));
  check_same_ids(reassign_with_ids(300, 200, ",7"));  // a non-string after the cap: the shape error
  check_same_ids(reassign_with_ids(300, 2, R"(,{"a":[1]},"x")"));
  check_same_ids(reassign_with_ids(3, 3, R"(,"\u0072\u0031","r\"","r\"","\\","\\")"));  // escapes: "r1" again
  check_same_ids(reassign_with_ids(3, 3, ",\"\xff\""));                                 // invalid UTF-8: its pointer
  check_same_ids(reassign_with_ids(120, 120, R"(,"\ud800")"));                          // a lone surrogate past the cap
  // Ids with escapes are kept decoded, in chunks of 64 KiB (a long one in its own): past a chunk,
  // past the cap, and spelt both ways.
  auto escaped_ids = [](std::size_t n, std::size_t distinct, std::size_t length) {
    std::string t;
    for (std::size_t i = 0; i < n; ++i) {
      const std::string id = std::to_string(i % distinct);
      t += std::string(",\"") + (i % 2 ? "\\u0078" : "x") + std::string(length, 'x') + id + "\"";
      if (i % 3 == 0) t += ",\"\\n" + id + "\"";
    }
    return t;
  };
  check_same_ids(reassign_with_ids(1, 1, escaped_ids(400, 100, 1000)));
  check_same_ids(reassign_with_ids(1, 1, escaped_ids(30, 3, 40000)));
  check_same_ids(reassign_with_ids(1, 1, escaped_ids(20000, 5000, 20)));
  check_same_ids(R"({"actor":"a",)" + std::string(kHttp) +
                 R"(,"body":{"reassignOwnerEmail":"a@b","recordingIds":{"a":"b"}}}})");
  check_same_ids(R"({"actor":"a",)" + std::string(kHttp) +
                 R"(,"body":{"reassignOwnerEmail":"a@b","recordingIds":null}}})");
}

TEST_CASE("recordingIds: the Webex answer is the same from a request's text and from a DOM", "[request_reader]") {
  text::LoadedState loaded;
  REQUIRE(loaded.load(fixtures::sample("webex.json")) == R"({"result":null})");
  const std::string head =
      R"({"actor":"admin@example.com","scopes":["spark-admin:recordings_write"],"http":{"method":"POST",)"
      R"("path":"https://webexapis.com/v1/convergedRecordings/reassign","body":{"reassignOwnerEmail":"brenda.song@example.com","recordingIds":[)";
  const std::string a = "\"4f914b1dfe3c4d11a61730f18c0f5387\"", b = "\"4f914b1dfe3c4d11a61730f18c0f5388\"";
  const std::string request = head + a + "," + b + "," + b + "," + a + "," + a + "]}}}";
  const std::string answer = loaded.preview_reassign(request);
  CHECK(answer.find("recordingIds lists 4f914b1dfe3c4d11a61730f18c0f5388, 4f914b1dfe3c4d11a61730f18c0f5387 more "
                    "than once") != std::string::npos);
  std::string many;
  for (int i = 0; i < 20000; ++i) many += (i ? ",\"x" : "\"x") + std::to_string(i % 150) + "\"";
  const std::string over = loaded.preview_reassign(head + many + "]}}}");
  CHECK(over.find("recordingIds size must not exceed 100") != std::string::npos);
  CHECK(over.find("recordingIds lists 150 distinct ids") != std::string::npos);
  CHECK(over.find("(150 ids: 2 calls)") != std::string::npos);
}

TEST_CASE("a scenario is read with a kept shape: the same answers, the state read where it is", "[request_reader]") {
  const std::string state = fixtures::sample("hmp.json");  // pretty-printed
  const std::string compact = Json::parse(state).dump();
  const std::string step =
      R"({"request":{"actor":"admin","cli":"shareRecordingWithUser viewer EDIT f678f415-0665-48cd-b141-1e95283469f1"}})";
  auto scenario = [&](const std::string& s, const std::string& extra = "") {
    return R"({"state":)" + s + R"(,"steps":[)" + step + "," + step + "]" + extra + "}";
  };
  const std::string answer = text::run_scenario(scenario(compact));
  REQUIRE(answer.find("\"ok\":true") != std::string::npos);
  CHECK(text::run_scenario(scenario(state)) == answer);  // the loader reads the text as written
  CHECK(text::run_scenario(scenario(state, R"(,"x":[{},{"a":[1,"]}"]}],"y":"{")")) == answer);
  // A state with strings holding brackets, quotes and escapes ends where its object does.
  Json tricky = Json::parse(state);
  tricky["x"] = {{"a", "}]\"\\"}, {"b", Json::array({"[", "{\"", "\\\\"})}};
  CHECK(text::run_scenario(scenario(tricky.dump(2))) == text::run_scenario(scenario(tricky.dump())));
  // Errors: the same pointers as one DOM gave.
  CHECK(text::run_scenario(scenario(state, R"(,"x":{"a":1,"a":2})")).find(R"("pointer":"/x/a")") != std::string::npos);
  CHECK(text::run_scenario(R"({"state":{"hmp":{"users":[{"id":1}]}},"steps":[]})").find(R"("pointer":"/state/hmp)") !=
        std::string::npos);
  CHECK(text::run_scenario(R"({"state":5,"steps":[]})") == text::run_scenario(R"({"state":  5 ,"steps":[]})"));
  CHECK(text::run_scenario(R"({"state":[],"steps":[]})").find("STATE_INVALID") != std::string::npos);
  // A step's scopes past kMaxScopes: said where request_from_json says it, after the errors before.
  std::string scopes = R"({"actor":"a","cli":"x","scopes":[)";
  for (std::size_t i = 0; i <= limits::kMaxScopes; ++i) scopes += i ? ",\"s\"" : "\"s\"";
  scopes += "]}";
  CHECK(text::run_scenario(scenario(compact, R"(,"z":[1,}])")).find("not valid JSON") != std::string::npos);
  const std::string with_scopes = R"({"state":)" + compact + R"(,"steps":[{"request":)" + scopes + "}]}";
  CHECK(text::run_scenario(with_scopes).find(R"("pointer":"/steps/0/request/scopes/1000")") != std::string::npos);
  const std::string bad_state_first = R"({"state":{"hmp":[]},"steps":[{"request":)" + scopes + "}]}";
  CHECK(text::run_scenario(bad_state_first).find("STATE_INVALID") != std::string::npos);
}
