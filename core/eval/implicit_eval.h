// SPDX-License-Identifier: MIT
// Implicit safety and helpfulness on held-out pairs, without generation: does the policy's
// implicit reward beta * [log pi/pi_ref(y_safe) - log pi/pi_ref(y_unsafe)] prefer the safe
// response, per harm category? Reported both as a rate (saturates on easy data) and as the
// mean probability sigma(beta z) (keeps moving). Plain numbers in, plain structs out.
#pragma once

#include <string>
#include <vector>

#include "eval/eval_result.h"
#include "train/pair_examples.h"

namespace catdpo {

struct ImplicitEvalOptions {
  double beta = 0.1;
  bool lengthNormalized = false;
  bool referenceFree = false;
};

// policyLogp / refLogp: [examples * 2] sums of response log-probs in file order (as
// ReferenceLogps holds them). Fills categories[k].contrastivePairs / implicitAccuracy /
// implicitProbability (creating the K entries with `categoryNames` when absent), the implicit
// summaries, and the helpfulness accuracy over both-safe pairs in helpfulness order.
void fillImplicitMetrics(const std::vector<PairExample>& examples,
                         const std::vector<float>& policyLogp, const std::vector<float>& refLogp,
                         const std::vector<std::string>& categoryNames,
                         const ImplicitEvalOptions& options, EvalResult& result);

}  // namespace catdpo
