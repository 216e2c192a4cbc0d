// SPDX-License-Identifier: MIT
// How to decode: greedy or sampled, length and stop tokens, seed. A plain struct without
// LibTorch so the app and the CLI can fill it in.
#pragma once

#include <cstdint>
#include <vector>

namespace catdpo {

struct GenerationOptions {
  std::int64_t maxNewTokens = 64;
  double temperature = 0.0;  // <= 0: greedy (argmax)
  double topP = 1.0;         // nucleus sampling threshold; 1 = off
  std::int64_t topK = 0;     // 0 = off
  std::vector<std::int64_t> stopTokenIds;
  std::int64_t padTokenId = 0;  // fills the left padding (masked, so any valid id works)
  std::uint64_t seed = 0;
  bool useCache = true;  // false recomputes the whole sequence each step (for tests)
};

}  // namespace catdpo
