// What every vendor module's run (one evaluation of one call) shares: the Result being built,
// explanations kept only when the result is wanted in full, and a fix built only then. The
// vendor classes add their own response shapes (the HMP line, the REST envelopes) on top.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "sharepolicy/result.h"

namespace sharepolicy {

class VendorRun {
 public:
  VendorRun(std::string operation, Detail detail) : detail_(detail) { result_.operation = std::move(operation); }

  // A decision (Detail::kDecision) carries no explanation: batch items never show one, so costly
  // sentences need not even be built (check explaining() first).
  bool explaining() const { return detail_ == Detail::kFull; }
  // Detail::kDecision and kOutcome: `ok` and its codes (`wire`) are wanted, no text; a run that
  // can answer in codes builds no response, error or change (the HMP command line does).
  bool codes_only() const { return answers_in_codes(detail_); }
  void explain(std::string sentence) {
    if (explaining()) result_.explanation.push_back(std::move(sentence));
  }
  void warn(const char* code, std::string message) { result_.warnings.push_back(Warning{code, std::move(message)}); }
  void mark_inferred() { result_.inferred = true; }
  // The fix a denial suggests (docs/ACCESS.md); set before the error that ends the run.
  // Built only when the result is wanted in full (a fix may search every name in the state).
  template <class MakeFix>
  void suggest(MakeFix&& make_fix) {
    if (explaining()) result_.fix = make_fix();
  }
  Result& result() { return result_; }
  // Ends the run with the result built so far.
  Result take() { return std::move(result_); }

 protected:
  Result result_;

 private:
  Detail detail_;
};

// A fix of kind "request", "state" or "none" (docs/ACCESS.md), with the changes a state fix makes.
inline Fix make_fix(const char* kind, std::string sentence, std::vector<Change> changes = {}) {
  return Fix{std::move(sentence), kind, std::move(changes)};
}

}  // namespace sharepolicy
