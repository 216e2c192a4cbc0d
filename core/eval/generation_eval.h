// SPDX-License-Identifier: MIT
// INCLUDES LIBTORCH -- engine-internal. Generated safe ratio per harm category: the policy
// answers held-out prompts of each category (seeded decoding), a judge labels each answer,
// and benign / borderline prompts measure over-refusal. Every sample is kept.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "data/prompt_list.h"
#include "eval/eval_result.h"
#include "eval/judge.h"
#include "model/causal_lm.h"
#include "text/chat_template.h"
#include "text/tokenizer.h"

namespace catdpo {

struct GenerationEvalOptions {
  int promptsPerCategory = 8;  // harmful prompts per category (0: none)
  int benignPrompts = 32;      // benign + borderline prompts for over-refusal (0: none)
  std::int64_t maxNewTokens = 48;
  double temperature = 0.0;
  double topP = 1.0;
  std::int64_t topK = 0;
  std::uint64_t seed = 1;
  int batchSize = 16;
};

// The prompts an evaluation uses: the first promptsPerCategory harmful prompts of each
// category and the first benignPrompts benign/borderline ones, in list order (stable across
// evaluations of a run, so curves compare like with like).
std::vector<PromptItem> selectEvalPrompts(const std::vector<PromptItem>& prompts, int categories,
                                          const GenerationEvalOptions& options);

// Generates, judges, fills result.categories[k] generated counts / safeRatio / judgeFailures,
// result.generated, result.overRefusal, result.samples, result.judge, result.samplingJson.
void fillGenerationMetrics(CausalLm& model, const Tokenizer& tokenizer, const ChatTemplate& chat,
                           const std::vector<PromptItem>& prompts,
                           const std::vector<std::string>& categoryNames, Judge& judge,
                           const GenerationEvalOptions& options, EvalResult& result);

}  // namespace catdpo
