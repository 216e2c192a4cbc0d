// SPDX-License-Identifier: MIT
// INCLUDES LIBTORCH -- not for ui/. Hugging Face checkpoint folders: load (config.json +
// model.safetensors or shards; tokenizer files located, not parsed), save atomically as a whole
// folder (written beside the target, then swapped in by renames, so a crash never leaves half a
// checkpoint where a good one was), and a fingerprint over config + tensor bytes.
#pragma once

#include <ATen/ATen.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "model/causal_lm.h"
#include "model/model_config.h"
#include "model/safetensors_torch.h"

namespace catdpo {

// The tokenizer-related files found in a checkpoint folder (empty paths when absent).
struct TokenizerFiles {
  std::filesystem::path tokenizerJson;  // tokenizer.json
  std::filesystem::path vocabJson;      // vocab.json (+ merges.txt)
  std::filesystem::path mergesTxt;
  std::filesystem::path sentencePiece;     // tokenizer.model
  std::filesystem::path tokenizerConfig;   // tokenizer_config.json
  std::filesystem::path specialTokensMap;  // special_tokens_map.json
  std::filesystem::path addedTokens;       // added_tokens.json
  std::filesystem::path generationConfig;  // generation_config.json
  bool any() const;
  std::vector<std::filesystem::path> all() const;  // the existing ones
};
TokenizerFiles findTokenizerFiles(const std::filesystem::path& dir);

struct LoadOptions {
  std::string device = "cpu";     // auto | cpu | cuda | cuda:N
  std::string dtype = "float32";  // auto | float32 | bfloat16 | float16 | float64
  // config.json to use instead of the folder's (required when loading a bare .safetensors file
  // whose folder has none).
  std::filesystem::path configPath;
};

struct LoadedModel {
  CausalLm model{nullptr};
  ModelConfig config;
  std::filesystem::path directory;  // the checkpoint folder (or the file's folder)
  TokenizerFiles tokenizer;
};

// `path`: a checkpoint folder, a .safetensors file or a model.safetensors.index.json.
LoadedModel loadPretrained(const std::filesystem::path& path, const LoadOptions& options = {});

// Copies every tensor of `model` from `store` by HF name (converting dtype). Known derived
// buffers (GPT-2 attn.bias masks, rotary inv_freq, a tied lm_head) are ignored; a missing,
// misshapen or unexpected tensor throws catdpo::Error naming the file and the tensor.
void loadWeights(CausalLm& model, const TensorStore& store);
// Checks, from the files' headers alone, that `store` holds every weight `config` needs with the
// config's shape and a floating-point dtype: run before the model is allocated, so a config
// describing a model the files do not hold is refused without allocating it.
void checkWeightsMatchConfig(const ModelConfig& config, const TensorStore& store);
// True for the dtypes a weight may have (F64, F32, F16, BF16).
bool isFloatingDtype(TensorDtype dtype);
// Every id the tokenizer can produce must index the model's embedding: throws catdpo::Error
// naming `dir` when the tokenizer has more ids than the config's vocab_size.
void requireTokenizerFitsModel(int tokenizerIds, const ModelConfig& config,
                               const std::filesystem::path& dir);

// The model's tensors in HF naming, without LoRA factors (merge them first to keep them).
NamedTensors hfStateDict(CausalLm& model);

struct SaveOptions {
  // Files copied into the checkpoint as-is (tokenizer.json, merges.txt, ...).
  std::vector<std::filesystem::path> copyFiles;
  // Called with the temporary folder before it is moved into place (e.g. the tokenizer writes
  // its files there).
  std::function<void(const std::filesystem::path& tempDir)> writeExtra;
  std::map<std::string, std::string> metadata;  // safetensors __metadata__ (format=pt is added)
  std::uint64_t maxShardBytes = 0;              // 0: one model.safetensors
  // Convert the weights to this dtype when saving (Undefined = keep the model's).
  at::ScalarType dtype = at::ScalarType::Undefined;
};

// Writes config.json + model.safetensors (+ extra files) as a complete folder at `dir`,
// replacing an existing checkpoint there only once the new one is fully written.
void savePretrained(const std::filesystem::path& dir, CausalLm& model,
                    const SaveOptions& options = {});

// Hex SHA-256 over the canonical config JSON and every tensor's name, dtype, shape and bytes.
std::string modelFingerprint(CausalLm& model);

}  // namespace catdpo
