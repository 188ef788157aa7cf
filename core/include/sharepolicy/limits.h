// Input limits shared by every host (native CLI, WebAssembly package, page).
// Exceeding one is the input error LIMIT_EXCEEDED with a JSON pointer (api.md "Limits").
#pragma once
#include <cstddef>

namespace sharepolicy::limits {

inline constexpr std::size_t kMaxNestingDepth = 256;                 // containers open at once, any document
inline constexpr std::size_t kMaxStateBytes = std::size_t{2} << 30;  // state text: 2 GiB (fits a 32-bit size_t)
inline constexpr std::size_t kMaxRequestBytes = 64u << 20;           // request text: 64 MiB
inline constexpr std::size_t kMaxCliLineBytes = 1u << 20;            // one HMP command line: 1 MiB
inline constexpr std::size_t kMaxStringBytes = 16u << 20;            // one JSON string (or object key): 16 MiB
inline constexpr std::size_t kMaxScenarioSteps = 100000;             // steps in one `run` scenario
inline constexpr std::size_t kMaxBatchRequests = 100000;   // requests in one canShareBatch (text: kMaxRequestBytes)
inline constexpr std::size_t kMaxOcmUserIds = 1000;        // ocm.md: "no more than 1000 total IDs"
inline constexpr std::size_t kMaxWebexRecordingIds = 100;  // webex.md check 5 (inferred)
// `scopes` a request may list: a token has a few dozen; each is kept, so millions of "" cost 40x
// their text (issue 16 item 4).
inline constexpr std::size_t kMaxScopes = 1000;
// Holders each list of a result's `access` carries unless the caller asks for another window
// (docs/ACCESS.md "Bounded lists"): the counts are exact, the lists stop here.
inline constexpr std::size_t kAccessHolders = 50;

}  // namespace sharepolicy::limits
