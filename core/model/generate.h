// SPDX-License-Identifier: MIT
// INCLUDES LIBTORCH -- not for ui/. Text generation from token ids: batched with left padding,
// KV-cache decoding, greedy or sampled (temperature, top-k, top-p), stop tokens. Sampling draws
// from its own seeded CPU generator on CPU copies of the last logits, so a seed gives the same
// tokens on every device and never disturbs torch's global random state.
#pragma once

#include <cstdint>
#include <vector>

#include "model/causal_lm.h"
#include "model/generation_options.h"

namespace catdpo {

struct GenerationResult {
  // New tokens per prompt, without the prompt and without the stop token.
  std::vector<std::vector<std::int64_t>> tokens;
  std::vector<bool> stopped;  // true when a stop token ended the sequence
};

// Runs in eval mode without gradients (the model's mode is restored afterwards).
GenerationResult generate(CausalLm& model, const std::vector<std::vector<std::int64_t>>& prompts,
                          const GenerationOptions& options);

// Picks the next token per row of logits [B, V] (float32, CPU) following `options`.
at::Tensor pickNextTokens(const at::Tensor& logits, const GenerationOptions& options,
                          at::Generator& generator);

}  // namespace catdpo
