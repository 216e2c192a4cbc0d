// SPDX-License-Identifier: MIT
// The architecture of a decoder-only model, read from a Hugging Face config.json. One struct
// covers GPT-2, Llama, Qwen2 and Qwen3: the family picks the defaults, explicit fields override.
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

enum class ModelFamily { Gpt2, Llama, Qwen2, Qwen3 };

std::string familyName(ModelFamily family);  // "gpt2", "llama", "qwen2", "qwen3"
// The model_type / architectures values we can load, for error messages and --help.
std::string supportedArchitectures();

struct RopeScaling {
  std::string type;  // "" (none), "linear", "dynamic", "llama3"
  double factor = 1.0;
  double lowFreqFactor = 1.0;             // llama3
  double highFreqFactor = 4.0;            // llama3
  std::int64_t originalMaxPositions = 0;  // llama3 / dynamic; 0 = maxPositions
};

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
  bool qkNorm = false;             // Qwen3: RMSNorm over each head of q and k
  std::string hiddenAct = "silu";  // "silu" (SwiGLU) or "gelu_new" (GPT-2)
  double initializerRange = 0.02;
  std::optional<std::int64_t> bosTokenId;
  std::vector<std::int64_t> eosTokenIds;
  std::optional<std::int64_t> padTokenId;
  nlohmann::json extra = nlohmann::json::object();  // keys not listed above, written back as-is

  bool isGpt2() const { return family == ModelFamily::Gpt2; }
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
