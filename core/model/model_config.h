// SPDX-License-Identifier: MIT
// The architecture of a decoder-only model, read from a Hugging Face config.json. One struct
// covers GPT-2, Llama, Qwen2, Qwen3, Mistral, Gemma 2, Gemma 3 (text) and Phi-3: the family picks
// the defaults (those of its transformers config class), explicit fields override, and each
// architectural difference is a field of its own rather than a test of the family in the layers.
// Keys we do not interpret are kept in `extra`, so writing the config back loses nothing.
// No LibTorch here (the app shows these fields).
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace catdpo {

enum class ModelFamily { Gpt2, Llama, Qwen2, Qwen3, Mistral, Gemma2, Gemma3, Phi3 };

// The model_type: "gpt2", "llama", "qwen2", "qwen3", "mistral", "gemma2", "gemma3_text", "phi3".
std::string familyName(ModelFamily family);
// The model_type / architectures values we can load, for error messages and --help.
std::string supportedArchitectures();

struct RopeScaling {
  std::string type;  // "" (none), "linear", "dynamic", "llama3", "longrope"
  double factor = 1.0;
  double lowFreqFactor = 1.0;             // llama3
  double highFreqFactor = 4.0;            // llama3
  std::int64_t originalMaxPositions = 0;  // llama3 / dynamic / longrope; 0 = maxPositions
  // longrope (Phi-3): per-frequency divisors for sequences within / beyond originalMaxPositions,
  // and the factor cos and sin are multiplied by (0 = derived from the context extension).
  std::vector<double> shortFactor, longFactor;
  double attentionFactor = 0.0;
};

enum class LayerAttention { Full, Sliding };

struct ModelConfig {
  ModelFamily family = ModelFamily::Llama;
  std::string architecture;  // e.g. "LlamaForCausalLM"
  std::int64_t vocabSize = 0;
  std::int64_t hiddenSize = 0;
  std::int64_t intermediateSize = 0;
  std::int64_t numLayers = 0;
  std::int64_t numHeads = 0;
  std::int64_t numKvHeads = 0;
  std::int64_t headDim = 0;  // hiddenSize / numHeads unless the config says otherwise (Qwen3)
  std::int64_t maxPositions = 0;
  double normEps = 1e-5;
  double ropeTheta = 10000.0;
  RopeScaling ropeScaling;
  bool tieWordEmbeddings = false;
  bool attentionBias = false;  // q/k/v biases (Qwen2 always; Llama/Qwen3 when attention_bias)
  bool outputBias = false;     // o_proj bias (Llama attention_bias)
  bool mlpBias = false;
  bool qkNorm = false;             // Qwen3, Gemma 3: RMSNorm over each head of q and k
  std::string hiddenAct = "silu";  // "silu" (SwiGLU), "gelu_new"/"gelu_pytorch_tanh", "gelu"
  std::int64_t rotaryDim = 0;      // leading dims of each head that RoPE rotates; 0 = headDim
  // Gemma: RMSNorm scales by (1 + weight), in float32; embeddings are multiplied by
  // sqrt(hidden_size) (rounded to the weights' type); each block also normalises the outputs of
  // attention and MLP (post_attention_layernorm, pre_/post_feedforward_layernorm).
  bool normPlusOne = false;
  bool scaleEmbeddings = false;
  bool sandwichNorms = false;
  double queryPreAttnScalar = 0.0;  // attention scale 1/sqrt(this); 0 = head_dim (Gemma: set)
  double attnSoftcap = 0.0;         // scores -> cap * tanh(scores / cap); 0 = off (Gemma 2)
  double finalSoftcap = 0.0;        // the same on the logits (Gemma 2, optionally Gemma 3)
  // Sliding-window attention: a query sees only the last slidingWindow keys (itself included)
  // in the layers marked Sliding; layerTypes is empty or one entry per layer.
  std::int64_t slidingWindow = 0;
  std::vector<LayerAttention> layerTypes;
  // Gemma 3: the sliding layers use their own RoPE base, without the scaling (0 = the same RoPE
  // as the full layers).
  double ropeLocalTheta = 0.0;
  bool fusedProjections = false;  // Phi-3: qkv_proj = [q; k; v], gate_up_proj = [gate; up]
  double initializerRange = 0.02;
  std::optional<std::int64_t> bosTokenId;
  std::vector<std::int64_t> eosTokenIds;
  std::optional<std::int64_t> padTokenId;
  nlohmann::json extra = nlohmann::json::object();  // keys not listed above, written back as-is

  bool isGpt2() const { return family == ModelFamily::Gpt2; }
  bool slidingLayer(std::int64_t layer) const {
    return slidingWindow > 0 && layer < static_cast<std::int64_t>(layerTypes.size()) &&
           layerTypes[static_cast<std::size_t>(layer)] == LayerAttention::Sliding;
  }
  std::int64_t rotaryDims() const { return rotaryDim > 0 ? rotaryDim : headDim; }
  // Throws catdpo::Error (field named) when sizes are inconsistent.
  void validate(const std::string& source = {}) const;
  // A short human-readable summary, e.g. "llama: 2 layers, hidden 8, 2 heads (1 kv), vocab 11".
  std::string summary() const;
};

// Parses an HF config.json object; `source` names the file in errors.
ModelConfig modelConfigFromJson(const nlohmann::json& json, const std::string& source = {});
ModelConfig loadModelConfig(const std::filesystem::path& path);
// The HF config.json for `config` (round-trips through modelConfigFromJson).
nlohmann::json modelConfigToJson(const ModelConfig& config);

}  // namespace catdpo
