// SPDX-License-Identifier: MIT
// INCLUDES LIBTORCH -- not for ui/. LoRA adapters on chosen projections of a CausalLm. The base
// weights are frozen and shared: switching adapters off gives the base model (the DPO reference
// policy) without a second copy of the weights. Adapters save/load alone in PEFT's format
// (adapter_config.json + adapter_model.safetensors) or merge into a plain HF checkpoint.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "model/causal_lm.h"
#include "model/safetensors_torch.h"

namespace catdpo {

struct LoraConfig {
  std::int64_t rank = 8;
  double alpha = 16.0;
  double dropout = 0.0;
  // Projection names (q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj; GPT-2:
  // c_attn, c_proj, c_fc) or dotted suffixes such as "attn.c_proj".
  std::vector<std::string> targetModules = {"q_proj", "v_proj"};
};

// Adds adapters (A Kaiming-uniform from `seed`, B zero, so the output is unchanged), freezes
// every other parameter and returns how many projections were adapted. Throws catdpo::Error
// (field "target_modules") when a target matches nothing, listing the available names.
int applyLora(CausalLm& model, const LoraConfig& config, std::uint64_t seed);
bool hasAdapters(CausalLm& model);
void setAdaptersEnabled(CausalLm& model, bool enabled);
// Folds every adapter into its weight, removes the adapters and makes all weights trainable.
void mergeAdapters(CausalLm& model);
// Parameters with requires_grad (the adapters when LoRA is on, else everything).
std::vector<at::Tensor> trainableParameters(CausalLm& model);

// Runs a scope with the adapters switched off (the reference policy) and back on afterwards.
class AdaptersDisabled {
 public:
  explicit AdaptersDisabled(CausalLm& model);
  ~AdaptersDisabled();
  AdaptersDisabled(const AdaptersDisabled&) = delete;
  AdaptersDisabled& operator=(const AdaptersDisabled&) = delete;

 private:
  CausalLm m_model;
};

// Adapter tensors in PEFT naming: base_model.model.<module>.lora_A.weight / lora_B.weight.
NamedTensors adapterStateDict(CausalLm& model);
void saveAdapters(const std::filesystem::path& dir, CausalLm& model, const LoraConfig& config);
// Reads adapter_config.json, applies LoRA to `model` and loads the adapter weights.
LoraConfig loadAdapters(const std::filesystem::path& dir, CausalLm& model);

}  // namespace catdpo
