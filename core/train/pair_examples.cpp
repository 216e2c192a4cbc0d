// SPDX-License-Identifier: MIT
#include "train/pair_examples.h"

#include <algorithm>

namespace catdpo {

std::vector<PairExample> buildPairExamples(const std::vector<PreferencePair>& pairs,
                                           const std::vector<std::size_t>& indices,
                                           const TextEncoder& encodePrompt,
                                           const TextEncoder& encodeResponse, std::int32_t eosId,
                                           int maxLength, BothUnsafePolicy bothUnsafe) {
  std::vector<PairExample> out;
  out.reserve(indices.size());
  for (std::size_t index : indices) {
    const PreferencePair& pair = pairs.at(index);
    PairExample ex;
    ex.pairIndex = index;
    ex.categories = pair.categories;
    ex.kind = pair.kind;
    ex.helpful = orderForHelpfulness(pair);
    ex.safe = orderForSafety(pair, bothUnsafe);
    ex.safer = orderForSafer(pair);
    ex.prompt = encodePrompt(pair.prompt);
    std::size_t longest = 0;
    for (int r = 0; r < 2; ++r) {
      ex.response[r] = encodeResponse(pair.response[r]);
      if (eosId >= 0) ex.response[r].push_back(eosId);
      longest = std::max(longest, ex.response[r].size());
    }
    const std::size_t budget = static_cast<std::size_t>(maxLength);
    if (ex.prompt.size() + longest > budget) {
      const std::size_t promptBudget =
          std::max(budget / 2, budget > longest ? budget - longest : std::size_t{0});
      if (ex.prompt.size() > promptBudget)
        ex.prompt.erase(ex.prompt.begin(), ex.prompt.end() - static_cast<long>(promptBudget));
      for (auto& r : ex.response)
        if (ex.prompt.size() + r.size() > budget) r.resize(budget - ex.prompt.size());
    }
    out.push_back(std::move(ex));
  }
  return out;
}

std::vector<int> usableExamples(const std::vector<PairExample>& examples, PairOrder order) {
  std::vector<int> keep;
  for (std::size_t i = 0; i < examples.size(); ++i)
    if (examples[i].order(order).keep) keep.push_back(static_cast<int>(i));
  return keep;
}

}  // namespace catdpo
