// SPDX-License-Identifier: MIT
// Shared by the model tests: loading the tiny fixture models (made by others with Hugging Face
// transformers / NumPy) together with their token sequences and expected logits.
#pragma once

#include <ATen/ATen.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "model/checkpoint.h"

namespace catdpo::test {

struct FixtureModel {
  LoadedModel loaded;
  at::Tensor ids;       // [3, 16] int64
  at::Tensor expected;  // [3, 16, V] float64
};

// `name`: llama | qwen2 | qwen3 | gpt2; `modelsDir`: the fixtures' models folder. GPT-2's config
// lives inside its logits file and is rewritten as an HF config.json into `scratch`.
FixtureModel loadFixtureModel(const std::filesystem::path& modelsDir, const std::string& name,
                              const std::filesystem::path& scratch,
                              const std::string& dtype = "float32");

double maxAbsDiff(const at::Tensor& a, const at::Tensor& b);

}  // namespace catdpo::test
