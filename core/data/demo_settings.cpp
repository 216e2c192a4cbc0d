// SPDX-License-Identifier: MIT
// Preset tables and knob resolution. The `noisy` preset's numbers are those the generator and
// the demo model used before the factors were separated (one tier setting per category drove
// label noise 2/12/30 %, flagged help at half that, harmful preference 65/75/85 % and base
// unsafety 35/60/85 %); `clean` keeps the base unsafety and the long tail and nothing else.
#include "data/demo_settings.h"

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/error.h"
#include "data/demo_lexicon.h"

namespace catdpo {
namespace {

constexpr double kTierNoise[3] = {0.02, 0.12, 0.30};
constexpr double kTierPreference[3] = {0.65, 0.75, 0.85};
constexpr double kTierUnsafety[3] = {0.35, 0.60, 0.85};
constexpr double kCleanPreference = 0.75;
constexpr double kNoisyHelpNoise = 0.05;
constexpr double kTailExponent = 1.3;

std::string number(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

std::vector<double> byTier(const double (&values)[3], double scale = 1.0) {
  std::vector<double> out;
  for (const auto& c : demo::categoryTexts()) out.push_back(values[c.tier] * scale);
  return out;
}

std::vector<double> expand(const std::vector<double>& knob, const std::vector<double>& preset,
                           const std::string& field, double lo, double hi) {
  if (knob.empty()) return preset;
  if (knob.size() != 1 && knob.size() != static_cast<std::size_t>(kDemoCategories))
    throw Error("needs one value or one per category (19), got " + std::to_string(knob.size()),
                {"", 0, field});
  for (double v : knob)
    if (!(v >= lo && v <= hi))
      throw Error(
          "values must be within [" + number(lo) + ", " + number(hi) + "], got " + number(v),
          {"", 0, field});
  if (knob.size() == 1) return std::vector<double>(kDemoCategories, knob.front());
  return knob;
}

}  // namespace

const std::vector<std::string>& demoPresetNames() {
  static const std::vector<std::string> kNames = {"clean", "noisy"};
  return kNames;
}

int demoCategoryTier(int category) {
  return demo::categoryTexts().at(static_cast<std::size_t>(category)).tier;
}
int demoCategoryRank(int category) {
  return demo::categoryTexts().at(static_cast<std::size_t>(category)).rank;
}

DemoFactors resolveDemoFactors(const DemoSettings& s) {
  DemoFactors preset;
  if (s.preset == "noisy") {
    preset.labelNoise = byTier(kTierNoise);
    preset.flaggedHelp = byTier(kTierNoise, 0.5);
    preset.harmfulPreference = byTier(kTierPreference);
    preset.helpNoise = kNoisyHelpNoise;
  } else if (s.preset == "clean") {
    preset.labelNoise.assign(kDemoCategories, 0.0);
    preset.flaggedHelp.assign(kDemoCategories, 0.0);
    preset.harmfulPreference.assign(kDemoCategories, kCleanPreference);
    preset.helpNoise = 0.0;
  } else {
    throw Error("unknown preset '" + s.preset + "' (expected clean or noisy)",
                {"", 0, "demo.preset"});
  }
  preset.baseUnsafety = byTier(kTierUnsafety);
  const double exponent = s.frequencyExponent.value_or(kTailExponent);
  if (!(exponent >= 0 && exponent <= 5))
    throw Error("must be within [0, 5], got " + number(exponent),
                {"", 0, "demo.frequency_exponent"});
  for (const auto& c : demo::categoryTexts())
    preset.frequency.push_back(std::pow(c.rank, -exponent));

  DemoFactors out;
  out.labelNoise = expand(s.labelNoise, preset.labelNoise, "demo.label_noise", 0, 1);
  out.flaggedHelp = expand(s.flaggedHelp, preset.flaggedHelp, "demo.flagged_help", 0, 1);
  out.harmfulPreference =
      expand(s.harmfulPreference, preset.harmfulPreference, "demo.harmful_preference", 0, 1);
  out.baseUnsafety = expand(s.baseUnsafety, preset.baseUnsafety, "demo.base_unsafety", 0, 1);
  if (!s.frequencyWeights.empty() &&
      s.frequencyWeights.size() != static_cast<std::size_t>(kDemoCategories))
    throw Error(
        "needs one weight per category (19), got " + std::to_string(s.frequencyWeights.size()),
        {"", 0, "demo.frequency_weights"});
  out.frequency = expand(s.frequencyWeights, preset.frequency, "demo.frequency_weights", 0,
                         std::numeric_limits<double>::infinity());
  for (double w : out.frequency)
    if (!(w > 0 && std::isfinite(w)))
      throw Error("weights must be positive and finite", {"", 0, "demo.frequency_weights"});
  out.helpNoise = s.helpNoise.value_or(preset.helpNoise);
  if (!(out.helpNoise >= 0 && out.helpNoise <= 1))
    throw Error("must be within [0, 1], got " + number(out.helpNoise), {"", 0, "demo.help_noise"});
  return out;
}

void validateDemoSettings(const DemoSettings& s) {
  resolveDemoFactors(s);
  // The prompt pools hold 280 or more prompts per category (benign: 1,960); half of each may
  // be held out, the rest feeds the pairs.
  if (s.heldOutPerCategory < 0 || s.heldOutPerCategory > 140)
    throw Error("must be within [0, 140], got " + std::to_string(s.heldOutPerCategory),
                {"", 0, "demo.heldout_per_category"});
  if (s.heldOutBorderlinePerCategory < 0 || s.heldOutBorderlinePerCategory > 100)
    throw Error("must be within [0, 100], got " + std::to_string(s.heldOutBorderlinePerCategory),
                {"", 0, "demo.heldout_borderline_per_category"});
  if (s.heldOutBenign < 0 || s.heldOutBenign > 900)
    throw Error("must be within [0, 900], got " + std::to_string(s.heldOutBenign),
                {"", 0, "demo.heldout_benign"});
}

nlohmann::json demoKnobToJson(const std::vector<double>& values) {
  if (values.empty()) return nullptr;
  if (values.size() == 1) return values.front();
  return values;
}

std::vector<double> demoKnobFromJson(const nlohmann::json& v, const std::string& field,
                                     const std::string& source) {
  if (v.is_null()) return {};
  if (v.is_number()) return {v.get<double>()};
  if (!v.is_array())
    throw Error("expected null, a number or an array of numbers", {source, 0, field});
  std::vector<double> out;
  for (const auto& e : v) {
    if (!e.is_number()) throw Error("expected an array of numbers", {source, 0, field});
    out.push_back(e.get<double>());
  }
  if (out.empty())
    throw Error("an empty array (use null for the preset's value)", {source, 0, field});
  return out;
}

nlohmann::json demoFactorsJson(const DemoSettings& s) {
  const DemoFactors f = resolveDemoFactors(s);
  return {{"preset", s.preset},
          {"label_noise", f.labelNoise},
          {"flagged_help", f.flaggedHelp},
          {"harmful_preference", f.harmfulPreference},
          {"base_unsafety", f.baseUnsafety},
          {"frequency", f.frequency},
          {"help_noise", f.helpNoise},
          {"heldout_per_category", s.heldOutPerCategory},
          {"heldout_borderline_per_category", s.heldOutBorderlinePerCategory},
          {"heldout_benign", s.heldOutBenign}};
}

std::vector<double> parseDemoKnob(const std::string& text, const std::string& field) {
  const bool byTierForm = text.find('/') != std::string::npos;
  const char sep = byTierForm ? '/' : ',';
  std::vector<double> values;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, sep)) {
    std::size_t used = 0;
    double v = 0;
    try {
      v = std::stod(item, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    while (used < item.size() && item[used] == ' ') ++used;
    if (item.empty() || used != item.size() || !std::isfinite(v))
      throw Error("'" + item +
                      "' is not a number (expected a value, 19 values separated by "
                      "commas, or easy/medium/hard)",
                  {"", 0, field});
    values.push_back(v);
  }
  if (!text.empty() && text.back() == sep)
    throw Error("'" + text + "' ends with a separator", {"", 0, field});
  if (byTierForm) {
    if (values.size() != 3)
      throw Error("expected three values easy/medium/hard, got '" + text + "'", {"", 0, field});
    std::vector<double> out;
    for (const auto& c : demo::categoryTexts())
      out.push_back(values[static_cast<std::size_t>(c.tier)]);
    return out;
  }
  if (values.size() != 1 && values.size() != static_cast<std::size_t>(kDemoCategories))
    throw Error("expected one value or 19 (one per category), got '" + text + "'", {"", 0, field});
  return values;
}

}  // namespace catdpo
