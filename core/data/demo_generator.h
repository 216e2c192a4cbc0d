// SPDX-License-Identifier: MIT
// The built-in demo data set: a seeded generator of PKU-SafeRLHF-style pairs over the 19 PKU
// categories plus benign and borderline prompts. Harmful and borderline prompts share their
// phrasing (only content words differ); category frequency, the annotators' preference for the
// harmful answer and the TRAINING split's label noise are separate knobs (data/demo_settings.h)
// with named presets. Benign/borderline pairs prefer the helpful answer over a refusal.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "data/dataset.h"
#include "data/demo_settings.h"
#include "data/prompt_list.h"

namespace catdpo {

struct DemoOptions {
  std::uint64_t seed = 1;
  int pairs = 6000;           // train + eval pairs
  double evalFraction = 0.1;  // prompts per stratum held back as eval pairs (clean labels)
  double harmfulShare = 0.6;  // of the pairs; the rest is split benign / borderline
  double borderlineShare = 0.2;
  DemoSettings settings;  // preset, knobs and held-out prompt counts
};

// Why a training pair's labels differ from the truth.
enum class DemoNoise : std::uint8_t {
  None = 0,
  MissedHarm = 1,
  SwappedLabels = 2,
  FlaggedHelp = 3
};

struct DemoData {
  DemoOptions options;                // what made it
  DemoFactors factors;                // the knobs as used, one value per category
  Dataset train;                      // labels with the factors' noise
  Dataset eval;                       // clean labels, prompts disjoint from train
  std::vector<PromptItem> heldOut;    // generation prompts with ground truth, unseen in any pair
  std::vector<DemoNoise> trainNoise;  // per train pair
  std::vector<int> trainCategory;     // per train pair: the category its prompt is of, or -1
  std::vector<PreferencePair> trainClean;    // the train pairs before noise
  std::vector<int> harmfulPairsPerCategory;  // allocated by the frequency (train + eval)
};

// Deterministic for given options on every platform. Throws catdpo::Error naming the option
// ("pairs", "demo.label_noise", ...) for out-of-range values.
DemoData generateDemoData(const DemoOptions& options = {});

// Seed, size, resolved factors and fingerprints, as written to demo_settings.json.
nlohmann::json describeDemoData(const DemoData& data);

// Writes train.jsonl, eval.jsonl (PKU-SafeRLHF format + "prompt_kind"/"id"),
// heldout_prompts.jsonl and demo_settings.json into `dir` (created if needed).
void writeDemoData(const DemoData& data, const std::string& dir);

}  // namespace catdpo
