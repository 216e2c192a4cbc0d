// SPDX-License-Identifier: MIT
// INCLUDES LIBTORCH -- internal to core/model. RMSNorm and rotate-half RoPE as single autograd
// nodes with hand-written backwards: under plain autograd each is a chain of 5-8 elementwise
// nodes (pow, mean, rsqrt, mul, slice, cat, neg) that all allocate and are replayed backwards;
// these save only what the closed-form gradient needs.
#pragma once

#include <ATen/ATen.h>

namespace catdpo {

// y = x * rsqrt(mean(x^2, -1) + eps) * weight, statistics in float32 for reduced precision.
// plusOne (Gemma): y = normed * (1 + weight), the product taken in float32 before rounding.
at::Tensor rmsNorm(const at::Tensor& x, const at::Tensor& weight, double eps, bool plusOne = false);

// x W^T + bias for a weight stored [out, in] (nn.Linear), or x W + bias for one stored [in, out]
// (GPT-2's Conv1D): the projections of every layer and the LM head. One row on the CPU goes
// through a matrix-vector product: BLAS's matrix-matrix product first packs the whole weight
// into its panel layout, and for a single row (each step of generation with the KV cache) the
// packing costs more than the product itself.
at::Tensor project(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias,
                   bool inOutLayout);

// x * cos + rotate_half(x) * sin with rotate_half(x) = cat(-x2, x1); cos/sin broadcast to x.
at::Tensor rotaryEmbedding(const at::Tensor& x, const at::Tensor& cos, const at::Tensor& sin);

}  // namespace catdpo
