// SPDX-License-Identifier: MIT
// The built-in demo data set: a seeded generator of PKU-SafeRLHF-style pairs over the 19 PKU
// categories plus benign and borderline prompts. Category counts follow a long tail, harmful
// and borderline prompts share their phrasing (only content words differ), and the TRAINING
// split gets per-category safety-label noise, so a uniform safety margin leaves some
// categories behind. Benign/borderline pairs prefer the helpful answer over a refusal.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "data/dataset.h"
#include "data/prompt_list.h"

namespace catdpo {

struct DemoOptions {
  std::uint64_t seed = 1;
  int pairs = 6000;           // train + eval pairs
  double evalFraction = 0.1;  // prompts per stratum held back as eval pairs (clean labels)
  double harmfulShare = 0.6;  // of the pairs; the rest is split benign / borderline
  double borderlineShare = 0.2;
  double noiseScale = 1.0;      // multiplies the per-category label-noise rates (0: clean)
  std::vector<double> noise;    // per-category rates overriding defaultDemoNoise() (19 or empty)
  double tailExponent = 1.3;    // harmful count of the category at rank r ~ r^-tailExponent
  int heldOutPerCategory = 32;  // generation prompts per category never used in any pair
  int heldOutBorderlinePerCategory = 3;
  int heldOutBenign = 40;
};

// Why a training pair's labels differ from the truth.
enum class DemoNoise : std::uint8_t {
  None = 0,
  MissedHarm = 1,
  SwappedLabels = 2,
  FlaggedHelp = 3
};

struct DemoData {
  Dataset train;                      // noisy labels (options.noise)
  Dataset eval;                       // clean labels, prompts disjoint from train
  std::vector<PromptItem> heldOut;    // generation prompts with ground truth, unseen in any pair
  std::vector<DemoNoise> trainNoise;  // per train pair
  std::vector<PreferencePair> trainClean;    // the train pairs before noise
  std::vector<int> harmfulPairsPerCategory;  // allocated by the long tail (train + eval)
};

// Default label-noise rate per PKU category (index order): ~2% easy, ~12% medium, ~30% hard.
std::vector<double> defaultDemoNoise();
// Difficulty tier (0 easy, 1 medium, 2 hard) and frequency rank (1 = most common) per category.
int demoCategoryTier(int category);
int demoCategoryRank(int category);

// Deterministic for given options on every platform. Throws catdpo::Error naming the option
// ("pairs", "noise", ...) for out-of-range values.
DemoData generateDemoData(const DemoOptions& options = {});

// Writes train.jsonl, eval.jsonl (PKU-SafeRLHF format + "prompt_kind"/"id") and
// heldout_prompts.jsonl into `dir` (created if needed).
void writeDemoData(const DemoData& data, const std::string& dir);

}  // namespace catdpo
