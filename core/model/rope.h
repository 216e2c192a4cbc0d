// SPDX-License-Identifier: MIT
// INCLUDES LIBTORCH -- not for ui/. Rotary position tables for the Llama family, including the
// linear, dynamic (NTK) and llama3 frequency scalings. Tables are computed in float64 per forward
// call from the position ids (cheap next to the layers) and cast to the model's dtype.
#pragma once

#include <ATen/ATen.h>

#include <utility>

#include "model/model_config.h"

namespace catdpo {

// Inverse frequencies [headDim/2] (float64, CPU) for a forward whose largest position is
// `maxPosition` (only the dynamic scaling depends on it).
at::Tensor ropeInverseFrequencies(const ModelConfig& config, std::int64_t maxPosition);

// cos and sin tables [B, 1, T, headDim] for positions [B, T], in `dtype` on the positions' device.
std::pair<at::Tensor, at::Tensor> ropeTables(const ModelConfig& config, const at::Tensor& positions,
                                             at::ScalarType dtype);

}  // namespace catdpo
