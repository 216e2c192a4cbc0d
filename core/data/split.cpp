// SPDX-License-Identifier: MIT
// Prompt-grouped, stratified split. Prompts are shuffled within their stratum with a
// SplitMix64 stream (fully specified, unlike std::shuffle), and each stratum sends
// round(fraction * prompts) to eval, at least one when it has two or more prompts.
#include "data/split.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string_view>
#include <unordered_map>

#include "common/error.h"

namespace catdpo {
namespace {

std::uint64_t splitMix(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

}  // namespace

int splitStratum(const PreferencePair& pair) {
  if (!pair.categories.empty()) return pair.categories.front();  // sorted: the lowest id
  return -1 - static_cast<int>(pair.kind);  // -1 unknown, -2 harmful, -3 benign, -4 borderline
}

DatasetSplit splitByPrompt(const std::vector<PreferencePair>& pairs, const SplitOptions& options) {
  if (!(options.evalFraction >= 0.0 && options.evalFraction <= 1.0)) {
    throw Error("eval fraction must be within [0, 1], got " + std::to_string(options.evalFraction),
                ErrorLocation{"", 0, "eval_fraction"});
  }
  // Group pairs by prompt, in order of first appearance; a prompt's stratum is that of its
  // first pair with categories (or of its first pair).
  std::unordered_map<std::string_view, std::size_t> groupOf;
  std::vector<std::vector<std::size_t>> groups;
  std::vector<int> groupStratum;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    auto [it, inserted] = groupOf.emplace(pairs[i].prompt, groups.size());
    if (inserted) {
      groups.emplace_back();
      groupStratum.push_back(splitStratum(pairs[i]));
    } else if (groupStratum[it->second] < 0 && !pairs[i].categories.empty()) {
      groupStratum[it->second] = splitStratum(pairs[i]);
    }
    groups[it->second].push_back(i);
  }
  std::map<int, std::vector<std::size_t>> strata;
  for (std::size_t g = 0; g < groups.size(); ++g) strata[groupStratum[g]].push_back(g);

  DatasetSplit out;
  std::uint64_t state = options.seed ^ 0x5EED5EED5EED5EEDULL;
  for (auto& [stratum, members] : strata) {
    for (std::size_t i = members.size(); i > 1; --i) {  // Fisher-Yates
      const std::size_t j = static_cast<std::size_t>(splitMix(state) % i);
      std::swap(members[i - 1], members[j]);
    }
    auto take = static_cast<std::size_t>(std::llround(options.evalFraction * members.size()));
    if (take == 0 && options.evalFraction > 0 && members.size() >= 2) take = 1;
    if (take == members.size() && options.evalFraction < 1 && members.size() >= 2) --take;
    for (std::size_t m = 0; m < members.size(); ++m) {
      auto& side = m < take ? out.eval : out.train;
      side.insert(side.end(), groups[members[m]].begin(), groups[members[m]].end());
    }
  }
  std::sort(out.train.begin(), out.train.end());
  std::sort(out.eval.begin(), out.eval.end());
  return out;
}

}  // namespace catdpo
