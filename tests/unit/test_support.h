// Helpers for the unit tests: load a state and evaluate a request in one line. Each helper
// REQUIREs that the step worked (an assertion of its own), naming the input error when it did not.
#pragma once
#include <catch2/catch.hpp>
#include <string>

#include "sharepolicy/engine.h"

namespace test_support {

// The value of a step that must not answer an input error: REQUIREd, with the error as message.
template <typename T>
T required(sharepolicy::Expected<T>&& r, const char* step) {
  INFO(step << ": " << (r.ok() ? std::string() : r.error().to_json()));
  REQUIRE(r.ok());
  return std::move(r.value());
}

inline sharepolicy::State load(const std::string& text) {
  return required(sharepolicy::load_state(text), "state did not load");
}

inline sharepolicy::Request request(const std::string& text) {
  auto r = sharepolicy::parse_request(text);
  if (!r.ok()) FAIL("request did not parse: " << r.error().to_json());
  return r.value();
}

inline sharepolicy::Result check(const sharepolicy::State& s, const std::string& req) {
  return required(sharepolicy::can_share(s, request(req)), "input error");
}

inline sharepolicy::Applied apply(const sharepolicy::State& s, const std::string& req) {
  return required(sharepolicy::apply_share(s, request(req)), "input error");
}

// resolveReassign: the result and the state after the reassignment.
inline sharepolicy::Applied reassign(const sharepolicy::State& s, const std::string& req) {
  return required(sharepolicy::resolve_reassign(s, request(req)), "input error");
}

// A Webex reassignment call (webex.md) with `body`, from `actor` holding `scopes`.
inline std::string reassign_request(const sharepolicy::Json& body, const sharepolicy::Json& actor = "admin@example.com",
                                    const sharepolicy::Json& scopes = {"spark-admin:recordings_write"}) {
  const sharepolicy::Json http = {{"method", "POST"}, {"path", "/v1/convergedRecordings/reassign"}, {"body", body}};
  return sharepolicy::Json{{"actor", actor}, {"scopes", scopes}, {"http", http}}.dump();
}

inline sharepolicy::InputError input_error(const sharepolicy::State& s, const std::string& req) {
  auto parsed = sharepolicy::parse_request(req);
  if (!parsed.ok()) return parsed.error();
  auto r = sharepolicy::can_share(s, parsed.value());
  if (r.ok()) FAIL("expected an input error, got " << sharepolicy::result_to_text(r.value()));
  return r.error();
}

inline sharepolicy::InputError state_error(const std::string& text) {
  auto s = sharepolicy::load_state(text);
  if (s.ok()) FAIL("expected the state to be rejected");
  return s.error();
}

}  // namespace test_support
