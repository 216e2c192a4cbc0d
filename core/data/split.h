// SPDX-License-Identifier: MIT
// Seeded train/eval split by prompt: all pairs of one prompt land on the same side, and each
// category stratum (a prompt's lowest category id, or its prompt kind when uncategorised)
// contributes its own share, so rare categories appear in both halves when they can.
#pragma once

#include <cstdint>
#include <vector>

#include "data/preference_pair.h"

namespace catdpo {

struct SplitOptions {
  double evalFraction = 0.1;  // share of prompts per stratum sent to eval, in [0, 1]
  std::uint64_t seed = 0;
};

struct DatasetSplit {
  std::vector<std::size_t> train;  // indices into the pairs, ascending
  std::vector<std::size_t> eval;
};

// Deterministic for a given (pairs, options) on every platform (own PRNG use, no std::shuffle).
// Throws catdpo::Error naming field "eval_fraction" when it is outside [0, 1].
DatasetSplit splitByPrompt(const std::vector<PreferencePair>& pairs, const SplitOptions& options);

// The stratum a pair's prompt belongs to (exposed for tests).
int splitStratum(const PreferencePair& pair);

}  // namespace catdpo
