// SPDX-License-Identifier: MIT
// INCLUDES LIBTORCH -- not for ui/. Rotary position tables for the Llama family, including the
// linear, dynamic (NTK), llama3 and longrope (Phi-3) frequency scalings and partial rotary
// embeddings. Tables are computed in float64 per forward call from the position ids (cheap next
// to the layers) and cast to the model's dtype.
#pragma once

#include <ATen/ATen.h>

#include <utility>

#include "model/model_config.h"

namespace catdpo {

// Inverse frequencies [rotary dims / 2] (float64, CPU) for a forward whose largest position is
// `maxPosition` (the dynamic and longrope scalings depend on it). `local`: those of the
// sliding-window layers when they have their own base (Gemma 3: ropeLocalTheta, unscaled).
at::Tensor ropeInverseFrequencies(const ModelConfig& config, std::int64_t maxPosition,
                                  bool local = false);

// cos and sin tables [B, 1, T, rotary dims] for positions [B, T], in `dtype` on the positions'
// device (longrope's attention factor multiplies both).
std::pair<at::Tensor, at::Tensor> ropeTables(const ModelConfig& config, const at::Tensor& positions,
                                             at::ScalarType dtype, bool local = false);

}  // namespace catdpo
