// SPDX-License-Identifier: MIT
// INCLUDES LIBTORCH -- not for ui/. The building blocks of the decoder: projections (with
// optional LoRA), norms, attention with grouped-query heads and a preallocated KV cache, MLPs,
// blocks. Submodules are registered under Hugging Face's names, so named_parameters() yields
// exactly the checkpoint's tensor names and loading/saving needs no name table.
#pragma once

#include <ATen/ATen.h>
#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>

#include <memory>
#include <string>
#include <vector>

#include "model/model_config.h"

namespace catdpo {

// A module that only holds one parameter named "weight" (embeddings, LoRA factors).
class TensorHolderImpl : public torch::nn::Module {
 public:
  explicit TensorHolderImpl(at::Tensor value) { weight = register_parameter("weight", value); }
  at::Tensor weight;
};

// A linear map y = x W^T + b. `conv1d` stores W as [in, out] (GPT-2's Conv1D layout) so its
// checkpoints load and save without transposes. A LoRA adapter adds scale * B(A(dropout(x))).
class ProjectionImpl : public torch::nn::Module {
 public:
  ProjectionImpl(std::int64_t in, std::int64_t out, bool bias, bool conv1d = false);
  at::Tensor forward(const at::Tensor& x);

  // Adds lora_A [rank, in] (Kaiming-uniform from `gen`) and lora_B [out, rank] (zeros).
  void addLora(std::int64_t rank, double alpha, double dropout, at::Generator gen);
  bool hasLora() const { return m_loraA != nullptr; }
  void setLoraEnabled(bool enabled) { m_loraEnabled = enabled; }
  // Folds scale * B A into the weight and removes the adapter.
  void mergeLora();
  // scale * B A in the weight's layout ([out,in], or [in,out] for conv1d).
  at::Tensor loraDelta() const;

  at::Tensor weight, bias;
  std::int64_t inFeatures, outFeatures;
  bool conv1d;

 private:
  // Registered as child modules "lora_A"/"lora_B" holding "weight", i.e. PEFT's tensor names;
  // children (unlike parameters) can be unregistered when the adapter is merged.
  std::shared_ptr<TensorHolderImpl> m_loraA, m_loraB;
  double m_loraScale = 0.0;
  double m_loraDropout = 0.0;
  bool m_loraEnabled = true;
};
TORCH_MODULE(Projection);

// RMSNorm (Llama family, computed in float32 like the reference) or LayerNorm (GPT-2).
// `plusOne`: Gemma's RMSNorm, which scales by (1 + weight) and stores weight starting at zero.
class NormImpl : public torch::nn::Module {
 public:
  NormImpl(std::int64_t dim, double eps, bool layerNorm, bool plusOne = false);
  at::Tensor forward(const at::Tensor& x);
  at::Tensor weight, bias;

 private:
  double m_eps;
  bool m_layerNorm;
  bool m_plusOne;
};
TORCH_MODULE(Norm);

// A lookup table holding one "weight" parameter (token or position embeddings).
class EmbeddingImpl : public TensorHolderImpl {
 public:
  EmbeddingImpl(std::int64_t count, std::int64_t dim) : TensorHolderImpl(at::empty({count, dim})) {}
  at::Tensor forward(const at::Tensor& ids) { return at::embedding(weight, ids); }
};
TORCH_MODULE(Embedding);

// One layer's cached keys and values, [B, kvHeads, capacity, headDim].
struct LayerCache {
  at::Tensor keys, values;
};

// Cache for incremental decoding; `length` positions are filled, shared by all layers.
struct KvCache {
  std::vector<LayerCache> layers;
  std::int64_t length = 0;
  std::int64_t capacity = 0;
};

// What every layer of one forward call shares: the additive mask [B or 1, 1, T, S] (undefined
// when nothing is masked) and RoPE tables [B or 1, 1, T, rotary dims] (undefined for GPT-2);
// the sliding-window layers' mask, and their own RoPE tables where they have their own base.
struct AttentionContext {
  at::Tensor mask;
  at::Tensor cos, sin;
  at::Tensor slidingMask;
  at::Tensor localCos, localSin;
  std::int64_t pastLength = 0;
};

class AttentionImpl : public torch::nn::Module {
 public:
  AttentionImpl(const ModelConfig& config, std::int64_t layer);
  at::Tensor forward(const at::Tensor& x, const AttentionContext& ctx, LayerCache* cache);
  // Projections present for this family, by HF name (q_proj/k_proj/v_proj/o_proj, qkv_proj/o_proj
  // or c_attn/c_proj).
  std::vector<std::pair<std::string, Projection>> projections() const;

 private:
  std::int64_t m_heads, m_kvHeads, m_headDim;
  bool m_gpt2, m_sliding, m_fused;
  double m_scale, m_softcap;
  Projection m_q{nullptr}, m_k{nullptr}, m_v{nullptr}, m_qkv{nullptr}, m_o{nullptr};
  Norm m_qNorm{nullptr}, m_kNorm{nullptr};
};
TORCH_MODULE(Attention);

class MlpImpl : public torch::nn::Module {
 public:
  explicit MlpImpl(const ModelConfig& config);
  at::Tensor forward(const at::Tensor& x);
  std::vector<std::pair<std::string, Projection>> projections() const;

 private:
  bool m_gpt2, m_fused;
  std::string m_act;
  Projection m_gate{nullptr}, m_up{nullptr}, m_down{nullptr}, m_fc{nullptr}, m_proj{nullptr};
  Projection m_gateUp{nullptr};
};
TORCH_MODULE(Mlp);

class BlockImpl : public torch::nn::Module {
 public:
  BlockImpl(const ModelConfig& config, std::int64_t layer);
  at::Tensor forward(const at::Tensor& x, const AttentionContext& ctx, LayerCache* cache);
  Attention attention{nullptr};
  Mlp mlp{nullptr};

 private:
  Norm m_norm1{nullptr}, m_norm2{nullptr};
  Norm m_preFeedforward{nullptr}, m_postFeedforward{nullptr};  // Gemma's sandwich norms
};
TORCH_MODULE(Block);

// Applies rotate-half RoPE to the leading cos.size(-1) dims of x [B, h, T, D] (all of them
// unless the rotary embedding is partial), cos/sin [B or 1, 1, T, rotary dims].
at::Tensor applyRope(const at::Tensor& x, const at::Tensor& cos, const at::Tensor& sin);

}  // namespace catdpo
