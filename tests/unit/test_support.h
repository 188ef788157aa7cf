// Helpers for the unit tests: load a state and evaluate a request in one line.
#pragma once
#include <catch2/catch.hpp>
#include <string>

#include "sharepolicy/engine.h"

namespace test_support {

inline sharepolicy::State load(const std::string& text) {
  auto s = sharepolicy::load_state(text);
  if (!s.ok()) FAIL("state did not load: " << s.error().to_json());
  return s.value();
}

inline sharepolicy::Request request(const std::string& text) {
  auto r = sharepolicy::parse_request(text);
  if (!r.ok()) FAIL("request did not parse: " << r.error().to_json());
  return r.value();
}

inline sharepolicy::Result check(const sharepolicy::State& s, const std::string& req) {
  auto r = sharepolicy::can_share(s, request(req));
  if (!r.ok()) FAIL("input error: " << r.error().to_json());
  return r.value();
}

inline sharepolicy::Applied apply(const sharepolicy::State& s, const std::string& req) {
  auto r = sharepolicy::apply_share(s, request(req));
  if (!r.ok()) FAIL("input error: " << r.error().to_json());
  return r.value();
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
