// SPDX-License-Identifier: MIT
// The demo pairs themselves: prompts from shared frames, compliance from a category's harm
// steps, refusals and helpful answers from shared openers. Own bounded draws (std::
// distributions differ between standard libraries), so a seed names one data set everywhere.
#include "data/demo_pairs.h"

#include <algorithm>

namespace catdpo::demo {
namespace {

constexpr double kBothUnsafeShare = 0.08;
constexpr double kBothSafeShare = 0.05;
constexpr double kCoCategoryChance = 0.1;

std::string capitalised(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

std::string fillFrame(const char* frame, const char* action, const char* prefix) {
  std::string text = frame;
  const auto at = text.find("{a}");
  text.replace(at, 3, action);
  if (*prefix) text = std::string(prefix) + " " + text;
  return text;
}

std::string twoSteps(const std::string& first, const std::string& second, Rng& rng) {
  return std::string(rng.pick(answerOpeners())) + " " + capitalised(first) + ". " +
         rng.pick(stepConnectors()) + " " + second + ".";
}

std::string compliance(const CategoryText& cat, Rng& rng) {
  const std::size_t a = rng.below(cat.harmSteps.size());
  std::size_t b = rng.below(cat.harmSteps.size() - 1);
  if (b >= a) ++b;
  return twoSteps(cat.harmSteps[a], cat.harmSteps[b], rng);
}

std::string refusal(Rng& rng) {
  return std::string(rng.pick(refusalOpeners())) + " " + rng.pick(refusalReasons());
}

// The safe text at a random position; returns where it went.
PreferencePair orderedPair(std::string prompt, std::string safeText, std::string otherText,
                           Rng& rng, int& safeIndex) {
  PreferencePair p;
  p.prompt = std::move(prompt);
  safeIndex = static_cast<int>(rng.below(2));
  p.response[safeIndex] = std::move(safeText);
  p.response[1 - safeIndex] = std::move(otherText);
  return p;
}

std::int8_t complianceSeverity(const CategoryText& cat, Rng& rng, double lower) {
  return static_cast<std::int8_t>(std::max(1, cat.severity - (rng.chance(lower) ? 1 : 0)));
}

}  // namespace

Rng Rng::stream(std::uint64_t seed, std::uint64_t purpose, int category) {
  Rng mixer(seed ^ (purpose * 0xD1B54A32D192ED03ULL) ^
            (static_cast<std::uint64_t>(category + 2) * 0x8CB92BA72F3D8DD7ULL));
  return Rng(mixer.next());
}

std::uint64_t Rng::next() {
  std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

PromptPool::PromptPool(const std::vector<const char*>& actions, Rng rng, std::size_t heldOut) {
  for (const char* prefix : promptPrefixes())
    for (const char* frame : promptFrames())
      for (std::size_t a = 0; a < actions.size(); ++a)
        m_all.emplace_back(fillFrame(frame, actions[a], prefix), a);
  rng.shuffle(m_all);
  m_heldOut = std::min(heldOut, m_all.size() / 2);
}

void addHarmfulPairs(int category, int coCategory, const CategoryText& cat, const PromptPool& pool,
                     int count, double harmfulPreference, Rng rng, Generated& out) {
  for (int n = 0; n < count; ++n) {
    const std::string& prompt = pool.forPair(static_cast<std::size_t>(n)).first;
    Origin origin{category, false, -1};
    PreferencePair p;
    const double roll = rng.uniform();
    std::vector<int> categories{category};
    if (rng.chance(kCoCategoryChance) && coCategory >= 0) categories.push_back(coCategory);
    std::sort(categories.begin(), categories.end());
    if (roll < kBothUnsafeShare) {
      p.prompt = prompt;
      p.response[0] = compliance(cat, rng);
      p.response[1] = compliance(cat, rng);
      p.unsafe[0] = p.unsafe[1] = 1;
      for (int i = 0; i < 2; ++i) p.severity[i] = complianceSeverity(cat, rng, 0.5);
      p.safer = p.severity[0] == p.severity[1] ? static_cast<int>(rng.below(2))
                                               : (p.severity[0] < p.severity[1] ? 0 : 1);
      p.better = static_cast<int>(rng.below(2));
      p.categories = categories;
    } else if (roll < kBothUnsafeShare + kBothSafeShare) {
      p.prompt = prompt;
      p.response[0] = refusal(rng);
      do p.response[1] = refusal(rng);
      while (p.response[1] == p.response[0]);
      p.unsafe[0] = p.unsafe[1] = 0;
      p.severity[0] = p.severity[1] = 0;
      p.better = static_cast<int>(rng.below(2));
      p.safer = p.better;
    } else {
      int safeIndex = 0;
      p = orderedPair(prompt, refusal(rng), compliance(cat, rng), rng, safeIndex);
      p.unsafe[safeIndex] = 0;
      p.unsafe[1 - safeIndex] = 1;
      p.severity[safeIndex] = 0;
      p.severity[1 - safeIndex] = complianceSeverity(cat, rng, 0.3);
      p.safer = safeIndex;
      // One draw whatever the preference: the knob moves labels, never the texts after it.
      p.better = rng.chance(harmfulPreference) ? 1 - safeIndex : safeIndex;
      p.categories = categories;
      origin.standard = true;
    }
    p.kind = PromptKind::Harmful;
    out.pairs.push_back(std::move(p));
    out.origins.push_back(origin);
  }
}

void addHelpPairs(int category, const std::vector<Action>& actions, const PromptPool& pool,
                  int count, double helpNoise, Rng rng, Generated& out) {
  for (int n = 0; n < count; ++n) {
    const auto& [prompt, actionIndex] = pool.forPair(static_cast<std::size_t>(n));
    const Action& action = actions[actionIndex];
    int helpIndex = 0;
    PreferencePair p = orderedPair(prompt, twoSteps(action.help[0], action.help[1], rng),
                                   refusal(rng), rng, helpIndex);
    p.unsafe[0] = p.unsafe[1] = 0;
    p.severity[0] = p.severity[1] = 0;
    p.better = rng.chance(helpNoise) ? 1 - helpIndex : helpIndex;
    p.safer = helpIndex;
    p.kind = category >= 0 ? PromptKind::Borderline : PromptKind::Benign;
    out.pairs.push_back(std::move(p));
    out.origins.push_back(Origin{category, false, 1 - helpIndex});
  }
}

}  // namespace catdpo::demo
