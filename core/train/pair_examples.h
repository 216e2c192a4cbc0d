// SPDX-License-Identifier: MIT
// Training pairs tokenised once: the prompt (through the chat template) and both responses
// (each ending with EOS), truncated to max_length the same way for both responses, plus the
// three preference orders every method chooses from. No LibTorch.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "data/preference_pair.h"
#include "train/train_config.h"

namespace catdpo {

struct PairExample {
  std::vector<std::int32_t> prompt;
  std::vector<std::int32_t> response[2];  // file order, EOS appended
  std::vector<int> categories;            // C(x)
  PromptKind kind = PromptKind::Unknown;
  OrderedPair helpful, safe, safer;
  std::size_t pairIndex = 0;  // index into the data set's pairs

  const OrderedPair& order(PairOrder o) const {
    return o == PairOrder::Helpful ? helpful : o == PairOrder::Safe ? safe : safer;
  }
  int sequenceLength(int response) const {
    return static_cast<int>(prompt.size() + this->response[response].size());
  }
  int maxLength() const { return std::max(sequenceLength(0), sequenceLength(1)); }
};

using TextEncoder = std::function<std::vector<std::int32_t>(const std::string&)>;

// Tokenises `pairs`: prompt ids via `encodePrompt` (the chat template's prompt part), response
// ids via `encodeResponse` followed by `eosId` (when >= 0). When prompt + response exceeds
// maxLength, the prompt keeps its last tokens (at least half the budget stays for responses)
// and responses are cut at the end.
std::vector<PairExample> buildPairExamples(const std::vector<PreferencePair>& pairs,
                                           const std::vector<std::size_t>& indices,
                                           const TextEncoder& encodePrompt,
                                           const TextEncoder& encodeResponse, std::int32_t eosId,
                                           int maxLength, BothUnsafePolicy bothUnsafe);

// Examples usable under `order` (the ordering may drop both-unsafe pairs).
std::vector<int> usableExamples(const std::vector<PairExample>& examples, PairOrder order);

}  // namespace catdpo
