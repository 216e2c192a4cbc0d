// SPDX-License-Identifier: MIT
// INCLUDES LIBTORCH -- internal to core/model. Gradient (activation) checkpointing of one
// decoder block: the forward keeps only the block's input, the backward runs the block again
// with autograd on and takes the gradients from that second pass. The block's trainable
// parameters are inputs of the checkpoint's autograd node, so LoRA adapters behind a frozen
// embedding still get gradients. The recomputation replays the forward's random state
// (dropout) and autocast setting, so it produces the very same activations.
#pragma once

#include <ATen/ATen.h>

#include "model/layers.h"

namespace catdpo {

// block(x, context) whose intermediate activations are recomputed in backward. Only for
// training forwards without a KV cache.
at::Tensor checkpointedBlock(BlockImpl& block, const at::Tensor& x,
                             const AttentionContext& context);

}  // namespace catdpo
