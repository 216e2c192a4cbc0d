// SPDX-License-Identifier: MIT
// Builds a small base model for any preference data set (and the built-in demo model): a
// byte-level BPE tokenizer trained on the data's text, a small Llama-style decoder, and SFT on
// the data's responses, saved as a Hugging Face folder. The demo mix answers each harm
// category unsafely at its own rate, so the base starts unsafe to different degrees per
// category -- the situation Cat-DPO is for. Plain header: no LibTorch.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "data/dataset.h"
#include "train/run_control.h"

namespace catdpo {

enum class SftMix {
  Helpful,               // each pair's helpfulness winner
  DemoUnsafeByCategory,  // harmful prompts: unsafe answer with the category's rate, else safe
};

struct BaseModelOptions {
  int vocabSize = 2048;
  int hidden = 128;
  int layers = 4;
  int heads = 4;
  int kvHeads = 2;
  int intermediate = 352;
  int maxLength = 128;
  double epochs = 2.0;
  int batchSize = 32;
  double learningRate = 3e-3;
  std::uint64_t seed = 1;
  std::string chatTemplate = "pku";
  SftMix mix = SftMix::Helpful;
  // Per category probability of training on the unsafe answer (DemoUnsafeByCategory); empty:
  // by demo difficulty tier (easy 0.35, medium 0.6, hard 0.85).
  std::vector<double> unsafeRate;
};

struct BuildProgress {
  std::string stage;  // "tokenizer", "sft", "save"
  double fraction = 0;
  std::string message;
};
using BuildProgressFn = std::function<void(const BuildProgress&)>;

// Trains and writes the model folder to `outDir` (atomically). Returns the final SFT loss.
double buildBaseModel(const Dataset& train, const std::filesystem::path& outDir,
                      const BaseModelOptions& options, const BuildProgressFn& progress = {},
                      const RunControl* control = nullptr);

// Options of the built-in demo model (`quick` = a much smaller one for tests).
BaseModelOptions demoModelOptions(bool quick = false);
// The demo model folder in the user data directory, built from the demo data set on first use
// (a few minutes on 2 CPU cores) and reused afterwards.
std::filesystem::path ensureDemoModel(const BuildProgressFn& progress = {},
                                      const RunControl* control = nullptr, bool quick = false);

}  // namespace catdpo
