// SPDX-License-Identifier: MIT
// Refusal detection for any English response (demo judge, generated-answer samples, XSTest
// over-refusal). Rules follow how refusals are actually phrased: an apology or "No," opening,
// a first-person "can't / won't / am unable to" followed by a request verb (help, provide,
// assist, ...) near the start, or an AI-identity disclaimer. Only the opening of the answer is
// read, so a compliant answer that later says "I can't stress enough" is not a refusal.
#pragma once

#include <string>
#include <string_view>

namespace catdpo {

struct RefusalMatch {
  bool refusal = false;
  std::string cue;  // the phrase that decided it (lower case), empty when not a refusal
};

RefusalMatch detectRefusal(std::string_view text);

}  // namespace catdpo
