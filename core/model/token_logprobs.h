// SPDX-License-Identifier: MIT
// INCLUDES LIBTORCH -- internal to core/model. log p(target | hidden) for selected rows, fused:
// one [n, V] buffer holds the logits, becomes the softmax in place and is reused for the
// gradient in backward, instead of the three or four [n, V] temporaries that
// log_softmax + gather cost under autograd. This is the DPO step's largest tensor.
#pragma once

#include <ATen/ATen.h>

namespace catdpo {

// hidden [n, E], weight [V, E], targets [n] (int64) -> [n] log-softmax(hidden W^T) at the target
// column, in float32 for bf16/fp16 inputs and in the inputs' type otherwise. Differentiable with
// respect to hidden and weight. softcap > 0 (Gemma): the logits are cap * tanh(logits / cap)
// first; that keeps a second [n, V] buffer (the tanh) for backward.
at::Tensor targetLogprobs(const at::Tensor& hidden, const at::Tensor& weight,
                          const at::Tensor& targets, double softcap = 0.0);

}  // namespace catdpo
