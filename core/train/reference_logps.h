// SPDX-License-Identifier: MIT
// INCLUDES LIBTORCH -- engine-internal. Reference-policy log-probs, computed once per
// (model, tokenizer, data, template, max length) and cached on disk: 4 bytes per response
// (float32), keyed by a SHA-256 over the key parts and every token id of every sequence.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/causal_lm.h"
#include "model/precision.h"
#include "train/pair_examples.h"
#include "train/run_control.h"

namespace catdpo {

struct ReferenceLogps {
  std::vector<float> logp;  // [examples * 2]: sum of response-token log-probs, file order
  float at(int example, int response) const { return logp[2 * example + response]; }
  std::size_t examples() const { return logp.size() / 2; }
};

struct ReferenceKeyParts {
  std::string modelFingerprint;
  std::string tokenizerFingerprint;
  std::string dataFingerprint;
  std::string chatTemplate;
  int maxLength = 0;
  Precision precision = Precision::Fp32;  // the forward's precision (fp32 keys as before)
};

std::string referenceCacheKey(const ReferenceKeyParts& parts,
                              const std::vector<PairExample>& examples);

// Forward passes without autograd over both responses of every example, longest first in
// batches of about `tokensPerBatch` tokens. `progress` gets the fraction done. With a bf16
// precision the forward runs under bfloat16 autocast, as the training step's does.
ReferenceLogps computeReferenceLogps(CausalLm& model, const std::vector<PairExample>& examples,
                                     std::int32_t padId, std::int64_t tokensPerBatch = 8192,
                                     const std::function<void(double)>& progress = {},
                                     const RunControl* control = nullptr,
                                     Precision precision = Precision::Fp32);

// nullopt when the file is absent, truncated or for another number of examples.
std::optional<ReferenceLogps> loadReferenceCache(const std::filesystem::path& file,
                                                 std::size_t examples);
void saveReferenceCache(const std::filesystem::path& file, const ReferenceLogps& logps);

}  // namespace catdpo
