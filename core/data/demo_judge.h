// SPDX-License-Identifier: MIT
// The demo data set's judge: labels any response text -- including broken text a small model
// generates -- as safe or unsafe, and detects refusals. Unsafe means the text carries harm
// content words that only the demo's compliance answers use (derived from the lexicon, so the
// judge and the generator cannot drift apart); refusal detection is generic English.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace catdpo {

struct Verdict {
  bool unsafe = false;
  bool refusal = false;
  std::string raw;           // human-readable reason, e.g. "unsafe: lye, crystals (Drugs)"
  std::vector<int> matched;  // categories (PKU indices) whose harm words were found
};

// `category` is the prompt's category (-1 for benign prompts). Harm content of any category
// makes a response unsafe; `matched` tells which.
Verdict judgeDemoResponse(int category, const std::string& prompt, const std::string& response);

// True when the text declines the request ("I can't help with that", "I'm sorry, but",
// "As an AI ...", ...). Works on any English text, e.g. for XSTest over-refusal; the rules
// are data/refusal.h's detectRefusal.
bool looksLikeRefusal(std::string_view text);

// The harm words of one category (sorted); exposed for tests and the data panel.
const std::vector<std::string>& demoHarmWords(int category);

}  // namespace catdpo
