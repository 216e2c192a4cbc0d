// SPDX-License-Identifier: MIT
// The parameters a config describes (Hugging Face names and shapes), computed without building
// the model, so a checkpoint's header can be checked against config.json before a single
// weight is allocated: a config.json that claims a huge model is refused by the weights file
// that does not hold it, instead of allocating it first. No LibTorch here.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/model_config.h"

namespace catdpo {

struct ExpectedWeight {
  std::string name;                 // e.g. "model.layers.0.self_attn.q_proj.weight"
  std::vector<std::int64_t> shape;  // as CausalLm registers it
};

// In CausalLm's registration order; the tied head (tie_word_embeddings) is not listed.
std::vector<ExpectedWeight> expectedWeights(const ModelConfig& config);

// Elements of all expected weights; an Error naming `source` when the count overflows or
// exceeds kMaxModelParameters.
std::int64_t expectedParameterCount(const ModelConfig& config, const std::string& source = {});
inline constexpr std::int64_t kMaxModelParameters = std::int64_t{1} << 40;  // ~1.1 * 10^12

}  // namespace catdpo
