// SPDX-License-Identifier: MIT
// Internal to core/data: the demo generator's building blocks. Every purpose (a category's
// prompt pool, its pairs, the shuffle, the label noise) draws from its own SplitMix64 stream
// derived from the seed, and every draw is made whatever the knobs say, so changing one factor
// (the label noise, the harmful preference, the number of pairs) changes nothing else: two
// presets share their prompts and responses and differ only in labels.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "data/demo_lexicon.h"
#include "data/preference_pair.h"
#include "data/prompt_list.h"

namespace catdpo::demo {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : m_state(seed * 0x9E3779B97F4A7C15ULL + 0x1234567ULL) {}
  // The stream for one purpose (and category) of a data set's seed.
  static Rng stream(std::uint64_t seed, std::uint64_t purpose, int category = -1);
  std::uint64_t next();
  double uniform() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
  bool chance(double p) { return uniform() < p; }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  template <typename T>
  const T& pick(const std::vector<T>& v) {
    return v[below(v.size())];
  }
  template <typename T>
  void shuffle(std::vector<T>& v) {
    for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[below(i)]);
  }

 private:
  std::uint64_t m_state;
};

enum Purpose : std::uint64_t {
  kHarmfulPool = 1,
  kBorderlinePool,
  kBenignPool,
  kHarmfulPairs,
  kBorderlinePairs,
  kBenignPairs,
  kShuffle,
  kLabelNoise,
};

// Generation-side facts about a pair that the PKU format cannot carry.
struct Origin {
  int category = -1;      // primary category (harmful and borderline)
  bool standard = false;  // harmful pair with exactly one unsafe response
  int refusalIndex = -1;  // borderline/benign: where the refusal sits
};

struct Generated {
  std::vector<PreferencePair> pairs;
  std::vector<Origin> origins;
};

// Every (prefix, frame, action) prompt of a list of actions with its action index, shuffled;
// the first `heldOut` are reserved for generation and never used in a pair.
class PromptPool {
 public:
  PromptPool(const std::vector<const char*>& actions, Rng rng, std::size_t heldOut);
  std::size_t heldOut() const { return m_heldOut; }
  const std::pair<std::string, std::size_t>& reserved(std::size_t i) const { return m_all[i]; }
  // The prompt of the n-th pair: the unreserved prompts in turn.
  const std::pair<std::string, std::size_t>& forPair(std::size_t n) const {
    return m_all[m_heldOut + n % (m_all.size() - m_heldOut)];
  }

 private:
  std::vector<std::pair<std::string, std::size_t>> m_all;
  std::size_t m_heldOut;
};

// Pairs of one category's harmful prompts: 8 % both unsafe, 5 % both refusals, the rest a
// refusal against a compliance that helpfulness prefers with probability `harmfulPreference`.
void addHarmfulPairs(int category, int coCategory, const CategoryText& text, const PromptPool& pool,
                     int count, double harmfulPreference, Rng rng, Generated& out);
// Borderline (category >= 0) or benign (category -1, actions = benignActions()) pairs: a
// helpful answer against a refusal, the refusal preferred with probability `helpNoise`.
void addHelpPairs(int category, const std::vector<Action>& actions, const PromptPool& pool,
                  int count, double helpNoise, Rng rng, Generated& out);

}  // namespace catdpo::demo
