// SPDX-License-Identifier: MIT
// Builds a small base model for any preference data set (and the built-in demo model): a
// byte-level BPE tokenizer trained on the data's text, a small Llama-style decoder, and SFT on
// the data's helpful responses and, per harm category, a share of its unsafe ones, saved as a
// Hugging Face folder. The base therefore starts unsafe to different degrees per category --
// the situation Cat-DPO is for. Plain header: no LibTorch.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "data/dataset.h"
#include "data/demo_settings.h"
#include "train/run_control.h"

namespace catdpo {

enum class SftMix {
  Helpful,           // each pair's helpfulness winner
  UnsafeByCategory,  // harmful pairs: the unsafe answer with the category's share, else safe
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
  SftMix mix = SftMix::UnsafeByCategory;
  // Per category (taxonomy index) probability of training on the unsafe answer of a harmful
  // pair; categories beyond the vector (and uncategorised unsafe pairs) use defaultUnsafeShare.
  std::vector<double> unsafeShare;
  double defaultUnsafeShare = 0.5;
};

// Threads a base model trains on, whatever the process uses: the same weights on every machine.
inline constexpr int kBaseModelThreads = 2;

// The architecture and schedule of the full demo model, or of the much smaller `quick` one.
BaseModelOptions baseModelSize(bool quick);
nlohmann::json toJson(const BaseModelOptions& options);

struct BuildProgress {
  std::string stage;  // "data", "tokenizer", "sft", "save"
  double fraction = 0;
  std::string message;
};
using BuildProgressFn = std::function<void(const BuildProgress&)>;

// What the SFT mix took from the data: per category, harmful pairs and those trained unsafe.
struct SftMixSummary {
  std::int64_t examples = 0;  // pairs trained on (a both-unsafe pair may be skipped)
  std::int64_t unsafeExamples = 0;
  std::vector<std::int64_t> harmfulPerCategory, unsafePerCategory;
};

struct BaseModelResult {
  double loss = 0;  // final smoothed SFT loss
  std::int64_t steps = 0;
  SftMixSummary mix;
};

// Trains on every pair of `train` and writes the model folder to `outDir` (atomically).
// Throws catdpo::Error for an empty data set or when cancelled through `control`.
BaseModelResult buildBaseModel(const Dataset& train, const std::filesystem::path& outDir,
                               const BaseModelOptions& options,
                               const BuildProgressFn& progress = {},
                               const RunControl* control = nullptr,
                               const nlohmann::json* provenance = nullptr);

// `catdpo demo-model --data FILE`: the same build for a user's data set.
struct DataModelRequest {
  std::string dataPath;
  std::string dataFormat = "auto";
  bool skipInvalid = false;
  // Share of prompts kept out of the SFT data, split exactly as training splits the file
  // (same seed), so `catdpo train --data FILE --model DIR` evaluates on prompts the base never
  // saw. 0 trains on everything.
  double evalFraction = 0.1;
  bool quick = false;
  double unsafeShare = 0.5;
  std::vector<std::pair<std::string, double>> categoryShares;  // by category name
  std::uint64_t seed = 1;
};

struct DataModelReport {
  std::string dataFingerprint;
  std::int64_t pairs = 0, trainPairs = 0, heldOutPairs = 0;
  std::vector<std::string> categories;
  std::vector<double> unsafeShare;  // per category, as used
  BaseModelResult result;
  std::vector<std::string> warnings;  // what the data lacks, and what the model will then do
};

// Loads, checks and splits the data, then builds. Errors name the file or the option.
DataModelReport buildBaseModelForData(const DataModelRequest& request,
                                      const std::filesystem::path& outDir,
                                      const BuildProgressFn& progress = {},
                                      const RunControl* control = nullptr);

// The demo model folder for a demo benchmark (`quick`: the small model on a smaller set). Its
// name carries a hash of everything it is built from (preset and knobs, held-out counts, size),
// so each benchmark gets its own model; built on first use (minutes on 2 CPU cores).
std::filesystem::path demoModelPath(const DemoSettings& settings, bool quick);
std::filesystem::path ensureDemoModel(const DemoSettings& settings, bool quick,
                                      const BuildProgressFn& progress = {},
                                      const RunControl* control = nullptr);

}  // namespace catdpo
