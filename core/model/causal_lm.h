// SPDX-License-Identifier: MIT
// INCLUDES LIBTORCH -- not for ui/. The decoder-only language model: one implementation for
// GPT-2, Llama, Qwen2 and Qwen3 with per-family options. Parameter names are the Hugging Face
// checkpoint names. Besides logits it exposes the final hidden states, the LM-head weight and a
// fused per-sequence log-prob sum (the DPO hot path) that only projects the target positions.
#pragma once

#include <ATen/ATen.h>
#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>

#include <cstdint>
#include <string>
#include <vector>

#include "model/layers.h"
#include "model/model_config.h"

namespace catdpo {

// Per-sequence sums of target-token log-probs and how many tokens were summed (both [B], on the
// model's device; `sum` is float32 and carries autograd when the model does).
struct SequenceLogprobs {
  at::Tensor sum;
  at::Tensor count;
};

class CausalLmImpl : public torch::nn::Module {
 public:
  explicit CausalLmImpl(const ModelConfig& config);

  const ModelConfig& config() const { return m_config; }

  // ids [B, T] (int64) -> logits [B, T, V]. attentionMask [B, T] (1 = token, 0 = left padding)
  // may be undefined; positionIds default to the count of real tokens before each position.
  at::Tensor forward(const at::Tensor& ids, const at::Tensor& attentionMask = {},
                     const at::Tensor& positionIds = {});

  // Final (normed) hidden states [B, T, E]. With `cache`, ids are the next tokens after
  // cache->length cached positions, attentionMask covers cached + new positions [B, S].
  at::Tensor hidden(const at::Tensor& ids, const at::Tensor& attentionMask = {},
                    const at::Tensor& positionIds = {}, KvCache* cache = nullptr);
  at::Tensor logitsFromHidden(const at::Tensor& hidden);
  // [V, E]: lm_head.weight, or the token embedding when tied.
  at::Tensor lmHeadWeight() const;

  // Sum over positions t >= 1 with targetMask[b, t] != 0 of log p(ids[b, t] | ids[b, < t]).
  // targetMask [B, T] (bool or 0/1) marks the response tokens; position 0 is never a target.
  // Only target rows are projected onto the vocabulary, `chunkRows` at a time (0 = all at once).
  SequenceLogprobs sequenceLogprobs(const at::Tensor& ids, const at::Tensor& attentionMask,
                                    const at::Tensor& targetMask, std::int64_t chunkRows = 4096);

  // An empty cache for `batch` sequences of up to `capacity` positions (model dtype/device).
  KvCache makeCache(std::int64_t batch, std::int64_t capacity) const;

  // Gradient checkpointing: training forwards keep only each block's input and recompute the
  // block in backward (less memory for about one more forward's time).
  void setGradientCheckpointing(bool enabled) { m_checkpointing = enabled; }
  bool gradientCheckpointing() const { return m_checkpointing; }

  std::vector<Block>& blocks() { return m_blocks; }
  at::Device device() const;
  at::ScalarType dtype() const;

 private:
  ModelConfig m_config;
  std::shared_ptr<torch::nn::Module> m_backbone;  // "model" or "transformer"
  std::shared_ptr<torch::nn::Module> m_stack;     // "layers" or "h"
  Embedding m_tokens{nullptr}, m_positions{nullptr};
  std::vector<Block> m_blocks;
  Norm m_finalNorm{nullptr};
  Projection m_lmHead{nullptr};
  bool m_checkpointing = false;
};
TORCH_MODULE(CausalLm);

// A model with freshly initialised weights (normal(0, initializer_range), GPT-2's scaled
// residual projections), reproducible from `seed` on any device: initialised in float32 on the
// CPU with its own generator, then moved to `device` and `dtype`.
CausalLm createModel(const ModelConfig& config, std::uint64_t seed,
                     const at::Device& device = at::kCPU, at::ScalarType dtype = at::kFloat);

}  // namespace catdpo
