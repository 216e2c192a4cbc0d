// SPDX-License-Identifier: MIT
// One preference pair as every method sees it: a prompt, two responses in file order, the
// helpfulness order, per-response safety labels and severities, and the pair's harm-category
// set C(x). SafeDPO's safety-aware ordering T is computed once at import (orderForSafety).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace catdpo {

// How a pair whose two responses are both unsafe is treated by the safety-aware ordering.
enum class BothUnsafePolicy { Drop, KeepSafer };

// Where the prompt of a pair comes from, as far as the data set says.
enum class PromptKind : std::int8_t {
  Unknown = 0,
  Harmful = 1,     // a harm-category prompt
  Benign = 2,      // an ordinary request
  Borderline = 3,  // reuses a category's words but deserves a helpful answer (XSTest-style)
};

struct PreferencePair {
  std::string prompt;
  std::string response[2];             // file order (response_0 / response_1, or chosen / rejected)
  int better = 0;                      // index of the helpfulness winner
  int safer = -1;                      // index of the safer response when the data says, else -1
  std::int8_t unsafe[2] = {-1, -1};    // h(y): 1 unsafe, 0 safe, -1 unknown
  std::int8_t severity[2] = {-1, -1};  // 0..3 when known (PKU severity levels), else -1
  std::vector<int> categories;         // C(x): sorted indices into the data set's taxonomy
  PromptKind kind = PromptKind::Unknown;
  std::int64_t sourceLine = 0;  // 1-based line (JSONL) or element index (JSON array) in the file
  std::string id;               // stable id within the data set (e.g. "L17" or the file's own id)

  bool hasSafetyLabels() const { return unsafe[0] >= 0 && unsafe[1] >= 0; }
  bool bothUnsafe() const { return unsafe[0] == 1 && unsafe[1] == 1; }
  bool bothSafe() const { return unsafe[0] == 0 && unsafe[1] == 0; }
};

// A pair ordered for one objective: `chosen` is preferred over `rejected`.
struct OrderedPair {
  int chosen = 0;  // index into PreferencePair::response
  int rejected = 1;
  int hChosen = 0;    // h(y_w) in {0,1}; 0 when unknown
  int hRejected = 0;  // h(y_l)
  bool keep = true;   // false when the ordering drops the pair (both unsafe under Drop)
  // Safety-contrastive: after ordering, h_l - h_w = 1.
  bool contrastive() const { return keep && hRejected - hChosen == 1; }
};

// Helpfulness order: winner = `better`, no safety.
OrderedPair orderForHelpfulness(const PreferencePair& pair);
// SafeDPO's T: start from the helpfulness order; swap when the winner is unsafe and the loser
// safe; both unsafe -> dropped (Drop) or ordered by `safer` (KeepSafer; dropped if unknown).
OrderedPair orderForSafety(const PreferencePair& pair, BothUnsafePolicy policy);
// "DPO on the safer response": winner = the safer response (by `safer`, else by labels, else
// by helpfulness).
OrderedPair orderForSafer(const PreferencePair& pair);

}  // namespace catdpo
