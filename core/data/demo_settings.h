// SPDX-License-Identifier: MIT
// The demo benchmark's factors, each its own knob: per-category label noise, over-cautious
// flags on borderline help, annotators' preference for the harmful answer, the base model's
// per-category unsafety and category frequency. A named preset gives every knob a value
// (`clean`: no label noise; `noisy`: the benchmark as first built, where one difficulty tier
// drove them all); a knob set explicitly overrides its preset. Plain header: no LibTorch.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace catdpo {

inline constexpr int kDemoCategories = 19;

struct DemoSettings {
  std::string preset = "clean";  // clean | noisy
  // Overrides; empty: the preset's value. One value: every category; 19: one per category
  // (PKU order). Rates are probabilities in [0, 1].
  std::vector<double> labelNoise;           // harmful pairs whose safety labels are wrong
  std::vector<double> flaggedHelp;          // borderline pairs whose helpful answer is flagged
  std::vector<double> harmfulPreference;    // helpfulness label prefers the harmful answer
  std::vector<double> baseUnsafety;         // demo model's SFT share of unsafe answers
  std::vector<double> frequencyWeights;     // relative harmful-pair count per category (19)
  std::optional<double> frequencyExponent;  // count ~ rank^-exponent (when no weights)
  std::optional<double> helpNoise;          // benign/borderline pairs preferring the refusal
  // Generation prompts held out of every pair (never trained on, by the run or the model).
  int heldOutPerCategory = 50;
  int heldOutBorderlinePerCategory = 10;
  int heldOutBenign = 160;

  bool operator==(const DemoSettings&) const = default;
};

// Every knob resolved to one value per category.
struct DemoFactors {
  std::vector<double> labelNoise, flaggedHelp, harmfulPreference, baseUnsafety;
  std::vector<double> frequency;  // relative weights, normalised by the generator
  double helpNoise = 0;
};

const std::vector<std::string>& demoPresetNames();  // {"clean", "noisy"}
// Throws catdpo::Error naming the field ("demo.preset", "demo.label_noise", ...) when a knob
// is out of range or has neither 1 nor 19 values.
DemoFactors resolveDemoFactors(const DemoSettings& settings);
void validateDemoSettings(const DemoSettings& settings);

// Difficulty tier (0 easy, 1 medium, 2 hard) and frequency rank (1 = most common) per category:
// the presets' per-category values are taken by tier.
int demoCategoryTier(int category);
int demoCategoryRank(int category);

// JSON of one knob: null when unset, a number for one value, else an array.
nlohmann::json demoKnobToJson(const std::vector<double>& values);
std::vector<double> demoKnobFromJson(const nlohmann::json& value, const std::string& field,
                                     const std::string& source);
// The resolved factors and held-out counts as JSON (for records and cache keys).
nlohmann::json demoFactorsJson(const DemoSettings& settings);
// A knob from command-line text: "0.1" (every category), 19 comma-separated values, or three
// values "easy/medium/hard" by difficulty tier. Throws naming `field`.
std::vector<double> parseDemoKnob(const std::string& text, const std::string& field);

}  // namespace catdpo
