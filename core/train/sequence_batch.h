// SPDX-License-Identifier: MIT
// INCLUDES LIBTORCH -- engine-internal. Turns (example, response) rows into one right-padded
// id tensor with a target mask over the response tokens. Right padding needs no attention
// mask under causal attention: real tokens never attend to the pads after them.
#pragma once

#include <ATen/ATen.h>

#include <cstdint>
#include <utility>
#include <vector>

#include "train/pair_examples.h"

namespace catdpo {

struct SequenceBatch {
  at::Tensor ids;           // [N, T] int64
  at::Tensor targetMask;    // [N, T] bool: response token positions
  std::int64_t tokens = 0;  // real (non-pad) tokens
};

// rows: (example index, response index 0/1).
SequenceBatch makeSequenceBatch(const std::vector<PairExample>& examples,
                                const std::vector<std::pair<int, int>>& rows, std::int32_t padId,
                                const at::Device& device);

}  // namespace catdpo
