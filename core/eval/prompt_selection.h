// SPDX-License-Identifier: MIT
// Which held-out prompts an evaluation generates answers for: harmful prompts per category,
// and benign and borderline prompts for over-refusal, each spread evenly over the categories.
// Plain code (no LibTorch): the CLI reuses the prompt classes for XSTest.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "data/prompt_list.h"

namespace catdpo {

struct GenerationEvalOptions {
  int promptsPerCategory = 8;       // harmful prompts per category (0: none)
  int benignPrompts = 32;           // benign prompts for over-refusal (0: none)
  int borderlinePrompts = 38;       // borderline prompts for over-refusal (0: none)
  std::string degenerate = "fail";  // how empty or looping answers count (eval.degenerate)
  std::int64_t maxNewTokens = 48;
  double temperature = 0.0;
  double topP = 1.0;
  std::int64_t topK = 0;
  std::uint64_t seed = 1;
  int batchSize = 16;
};

// Which evaluation class a prompt belongs to: harmful (unsafe, with a category of the
// taxonomy), borderline (kind Borderline and not unsafe), benign (any other prompt that is not
// unsafe); unsafe prompts without a usable category are not used.
enum class PromptClass { Harmful, Benign, Borderline, Unused };
PromptClass promptClass(const PromptItem& prompt, int categories);

// The prompts an evaluation uses, all in list order within a category (stable across the
// evaluations of a run, so curves compare like with like): the first promptsPerCategory
// harmful prompts of each category; then benignPrompts benign and borderlinePrompts borderline
// prompts, each drawn evenly across their categories (round robin over the categories in index
// order, uncategorised prompts as one more group first), so no category fills the set.
std::vector<PromptItem> selectEvalPrompts(const std::vector<PromptItem>& prompts, int categories,
                                          const GenerationEvalOptions& options);

}  // namespace catdpo
