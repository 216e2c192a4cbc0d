// SPDX-License-Identifier: MIT
// INCLUDES LIBTORCH -- internal to core/model. RMSNorm and rotate-half RoPE as single autograd
// nodes with hand-written backwards: under plain autograd each is a chain of 5-8 elementwise
// nodes (pow, mean, rsqrt, mul, slice, cat, neg) that all allocate and are replayed backwards;
// these save only what the closed-form gradient needs.
#pragma once

#include <ATen/ATen.h>

namespace catdpo {

// y = x * rsqrt(mean(x^2, -1) + eps) * weight, statistics in float32 for reduced precision.
at::Tensor rmsNorm(const at::Tensor& x, const at::Tensor& weight, double eps);

// x * cos + rotate_half(x) * sin with rotate_half(x) = cat(-x2, x1); cos/sin broadcast to x.
at::Tensor rotaryEmbedding(const at::Tensor& x, const at::Tensor& cos, const at::Tensor& sin);

}  // namespace catdpo
