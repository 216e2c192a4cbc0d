// SPDX-License-Identifier: MIT
// Resolves a run's data: the built-in demo set ("demo" or "demo:N" pairs) with its held-out
// generation prompts, or a file split by prompt (a fixed split seed, so every run on the same
// file compares on the same held-out pairs). Plain header: no LibTorch.
#pragma once

#include <string>
#include <vector>

#include "data/dataset.h"
#include "data/prompt_list.h"
#include "train/train_config.h"

namespace catdpo {

struct PreparedData {
  Dataset full;  // what the user pointed at (the demo: train + eval together)
  Dataset train;
  Dataset eval;
  std::vector<PromptItem> prompts;  // generation prompts (held out), harmful and benign
  std::vector<std::string> categories;
  bool demo = false;
};

// The split seed: fixed, so runs with different training seeds share one held-out set.
inline constexpr std::uint64_t kSplitSeed = 20260417;

PreparedData prepareData(const TrainConfig& config);

// Generation prompts made from held-out pairs: harmful when a response is unsafe (category =
// the first of C(x)), benign when both responses are safe.
std::vector<PromptItem> promptsFromPairs(const std::vector<PreferencePair>& pairs);

}  // namespace catdpo
