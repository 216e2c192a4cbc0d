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
#include "eval/prompt_selection.h"
#include "model/causal_lm.h"
#include "text/chat_template.h"
#include "text/tokenizer.h"

namespace catdpo {

// Generates, judges, fills result.categories[k] generated counts / safeRatio / judgeFailures /
// degenerate and borderline counts, result.generated, the benign and borderline over-refusal,
// result.samples, result.judge, result.samplingJson.
void fillGenerationMetrics(CausalLm& model, const Tokenizer& tokenizer, const ChatTemplate& chat,
                           const std::vector<PromptItem>& prompts,
                           const std::vector<std::string>& categoryNames, Judge& judge,
                           const GenerationEvalOptions& options, EvalResult& result);

}  // namespace catdpo
