// SPDX-License-Identifier: MIT
// What training a model takes in device memory, counted from the model's shapes the way this
// engine lays the step out: weights, gradients and AdamW's two moments (float32 master weights
// under bf16-mixed, bfloat16 under pure bf16), LoRA adapters, the tensors autograd keeps from
// the forward pass for the backward pass (with gradient checkpointing: each block's input, and
// one block recomputed at a time), and the fused log-prob head. The reference policy costs
// nothing here: its log-probs are computed once and cached (4 bytes per response).
// bench_memory_model checks these counts against the CPU allocator's own accounting.
// No LibTorch here (the app and the CLI show the estimate).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/model_config.h"

namespace catdpo {

struct MemoryShape {
  std::int64_t sequences = 4;      // rows of one micro-batch (chosen + rejected responses)
  std::int64_t length = 512;       // tokens per row, padding included
  std::int64_t projectedRows = 0;  // rows projected onto the vocabulary (response tokens)
  int bytesPerElement = 2;         // activations: 2 (bf16/fp16), 4 (fp32)
  // Weights, gradients and AdamW moments: 0 = bytesPerElement; 4 with bytesPerElement 2 is
  // bf16-mixed (float32 master weights; autocast keeps a bfloat16 copy of each projection's
  // weight for backward).
  int weightBytes = 0;
  bool gradientCheckpointing = false;
  bool lora = false;
  std::int64_t loraRank = 16;
  double loraDropout = 0.0;
  std::vector<std::string> loraTargets{"q_proj", "k_proj", "v_proj", "o_proj"};
};

struct MemoryEstimate {
  std::int64_t parameters = 0;  // of the base model
  std::int64_t trainableParameters = 0;
  double weights = 0;      // bytes: base weights (+ adapters)
  double gradients = 0;    // of the trainable parameters
  double optimizer = 0;    // AdamW's first and second moments
  double activations = 0;  // saved for backward by the blocks and the final norm
  double logprobHead = 0;  // saved by the fused log-prob head (float32 softmax rows)
  double transient = 0;    // the largest short-lived working set on top (one layer's)
  double steady() const { return weights + gradients + optimizer; }
  double peak() const { return steady() + activations + logprobHead + transient; }
};

MemoryEstimate estimateTrainingMemory(const ModelConfig& config, const MemoryShape& shape);
// parameters, trainable_parameters, weights, gradients, optimizer, activations, logprob_head,
// transient and peak (bytes).
nlohmann::json memoryEstimateToJson(const MemoryEstimate& estimate);

// The LoRA targets that name no projection of this architecture (to refuse, as applyLora does).
std::vector<std::string> unmatchedLoraTargets(const ModelConfig& config,
                                              const std::vector<std::string>& targets);

// Whether a projection's module path (e.g. "model.layers.0.self_attn.q_proj") is named by a
// LoRA target: its last component, or a dotted suffix such as "attn.c_proj".
bool loraTargetMatches(const std::string& path, const std::string& target);

}  // namespace catdpo
