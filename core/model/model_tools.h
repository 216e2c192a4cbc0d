// SPDX-License-Identifier: MIT
// LibTorch-free entry points over the model module for the CLI and the app: logits for a
// token sequence, and a loaded model + tokenizer that turns prompts into text. The model
// lives behind a pointer to an implementation, so this header includes no LibTorch.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "model/generation_options.h"
#include "model/model_config.h"

namespace catdpo {

struct LogitsReport {
  ModelConfig config;
  std::string fingerprint;  // modelFingerprint() of the loaded weights
  std::vector<std::int64_t> ids;
  std::vector<std::vector<float>> logits;  // [position][vocab]
};

// `model`: checkpoint folder, .safetensors file or shard index; `config`: optional config.json.
// Throws catdpo::Error for bad paths, files or ids outside the vocabulary.
LogitsReport computeLogits(const std::filesystem::path& model, const std::filesystem::path& config,
                           const std::vector<std::int64_t>& ids, const std::string& device = "cpu");

// "1,2, 3" -> {1, 2, 3}; throws catdpo::Error (field `field`) on anything else.
std::vector<std::int64_t> parseIdList(const std::string& text, const std::string& field = "ids");

struct GeneratedText {
  std::string prompt;
  std::string text;  // decoded new tokens (special tokens skipped)
  std::vector<std::int64_t> tokens;
  bool stopped = false;  // ended by a stop token rather than the length limit
};

// A checkpoint folder's model and tokenizer, loaded once, generating on demand. Not thread-safe:
// one thread at a time calls generate().
class TextGenerator {
 public:
  // Throws catdpo::Error when the folder has no loadable model or tokenizer.
  static TextGenerator load(const std::filesystem::path& dir, const std::string& device = "auto",
                            const std::string& dtype = "auto");
  ~TextGenerator();
  TextGenerator(TextGenerator&&) noexcept;
  TextGenerator& operator=(TextGenerator&&) noexcept;

  // Stop tokens default to the tokenizer's and config's end-of-sequence ids when
  // options.stopTokenIds is empty; padding uses the tokenizer's pad (or eos) id.
  std::vector<GeneratedText> generate(const std::vector<std::string>& prompts,
                                      GenerationOptions options) const;
  const ModelConfig& config() const;
  std::string deviceName() const;

 private:
  struct Impl;
  explicit TextGenerator(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace catdpo
