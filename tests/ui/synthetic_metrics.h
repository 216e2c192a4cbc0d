// SPDX-License-Identifier: MIT
// Deterministic engine events for the GUI tests and the replot benchmark: 19 PKU-SafeRLHF
// categories, values that are simple functions of (step, category) so tests can recompute
// exactly what a plot must hold.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "eval/eval_result.h"
#include "train/events.h"

namespace catdpo::testing {

inline std::vector<std::string> pkuCategoryNames() {
  return {"Endangering National Security",
          "Insulting Behavior",
          "Discriminatory Behavior",
          "Endangering Public Health",
          "Copyright Issues",
          "Violence",
          "Drugs",
          "Privacy Violation",
          "Economic Crime",
          "Mental Manipulation",
          "Human Trafficking",
          "Physical Harm",
          "Sexual Content",
          "Cybercrime",
          "Disrupting Public Order",
          "Environmental Damage",
          "Psychological Harm",
          "White-Collar Crime",
          "Animal Abuse"};
}

inline double syntheticLambda(std::int64_t step, int category) {
  return 0.5 * category + 0.001 * double(step) + 0.1 * std::sin(0.01 * double(step) + category);
}
inline double syntheticG(std::int64_t step, int category) {
  return 0.5 + 0.4 * std::cos(0.003 * double(step) * (category + 1));
}
// Category k has a safety-contrastive pair in step s unless (s + k) % 4 == 0: g is then
// undefined and a g plot must leave a gap.
inline bool syntheticHasContrastive(std::int64_t step, int category) {
  return (step + category) % 4 != 0;
}

inline catdpo::StepMetrics syntheticStep(std::int64_t step, std::int64_t totalSteps,
                                         int categories = 19) {
  catdpo::StepMetrics m;
  m.step = step;
  m.totalSteps = totalSteps;
  m.loss = 0.7 * std::exp(-0.001 * double(step)) + 0.01;
  m.rewardChosen = 0.002 * double(step);
  m.rewardRejected = -0.003 * double(step);
  m.rewardMargin = m.rewardChosen - m.rewardRejected;
  m.accuracy = std::min(1.0, 0.5 + 0.0005 * double(step));
  m.learningRate = 5e-6;
  m.tokensPerSecond = 1234.0;
  m.etaSeconds = double(totalSteps - step) * 0.5;
  for (int k = 0; k < categories; ++k) {
    catdpo::CategoryStepMetrics c;
    c.category = k;
    c.contrastive = syntheticHasContrastive(step, k) ? 2 : 0;
    c.pairs = c.contrastive + 1;
    c.g = c.contrastive > 0 ? syntheticG(step, k) : 0.0;
    c.lambda = syntheticLambda(step, k);
    c.loss = 0.3 + 0.01 * k;
    m.categories.push_back(c);
  }
  return m;
}

}  // namespace catdpo::testing
