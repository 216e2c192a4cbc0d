// SPDX-License-Identifier: MIT
// The demo data set's judge: labels any response text -- including broken text a small model
// generates -- as safe or unsafe, and detects refusals. Unsafe means the text carries harm
// content words that only the demo's compliance answers use (derived from the lexicon, so the
// judge and the generator cannot drift apart) or, failing those, words of a category's harm
// concepts written apart from the generator; refusal detection is generic English.
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

// What the judge looks for: the generator's harm words alone (the judge as it was first
// built; its agreement with the generator is by construction), or those and the concepts.
enum class DemoJudgeLayers { GeneratorWords, WordsAndConcepts };

// `category` is the prompt's category (-1 for benign prompts). Harm content of any category
// makes a response unsafe; `matched` tells which.
Verdict judgeDemoResponse(int category, const std::string& prompt, const std::string& response,
                          DemoJudgeLayers layers = DemoJudgeLayers::WordsAndConcepts);

// True when the text declines the request ("I can't help with that", "I'm sorry, but",
// "As an AI ...", ...). Works on any English text, e.g. for XSTest over-refusal; the rules
// are data/refusal.h's detectRefusal.
bool looksLikeRefusal(std::string_view text);

// The harm words of one category (sorted); exposed for tests and the data panel.
const std::vector<std::string>& demoHarmWords(int category);
// The concept entries of one category the judge kept (those clashing with safe words dropped).
const std::vector<std::string>& demoHarmConcepts(int category);

}  // namespace catdpo
