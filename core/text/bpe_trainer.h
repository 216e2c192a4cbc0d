// SPDX-License-Identifier: MIT
// Options of byte-level BPE training. The entry point, trainBpe(), is declared in
// text/tokenizer.h next to the Tokenizer it returns; this header adds the variant with
// options for callers that need more than the target size.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "text/tokenizer.h"

namespace catdpo {

struct BpeTrainOptions {
  int vocabSize = 4096;                    // special tokens + 256 bytes + merges
  std::vector<std::string> specialTokens;  // ids 0..n-1, in this order
  std::int64_t minPairCount = 2;           // stop when the best pair is rarer than this
  bool nfc = true;                         // normalise the corpus and later inputs to NFC
};

Tokenizer trainBpe(const std::vector<std::string>& corpus, const BpeTrainOptions& options);

}  // namespace catdpo
