// SPDX-License-Identifier: MIT
// Runs written into a run database through the RunStore API for the GUI tests of the runs
// browser, the comparison, the samples inspector and the exports: step metrics whose λ_k and
// g_k follow from (run, step, category), and an evaluation whose per-category safe ratios and
// summaries are computed by core's summarize(). No LibTorch.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "eval/summary.h"
#include "store/run_store.h"

namespace catdpo::testing {

inline const std::vector<std::string>& threeCategories() {
  static const std::vector<std::string> names{"Violence", "Drugs", "Privacy Violation"};
  return names;
}

// λ_k after `step` in a run with slope `slope`: easy to recognise in a plot's data.
inline double storedLambda(double slope, std::int64_t step, int k) {
  return slope * double(step) + 0.1 * k;
}

inline StepMetrics storedStep(double slope, std::int64_t step, std::int64_t total) {
  StepMetrics m;
  m.step = step;
  m.totalSteps = total;
  m.loss = 0.7 - 0.001 * double(step);
  m.accuracy = 0.5;
  m.learningRate = 1e-5;
  for (int k = 0; k < int(threeCategories().size()); ++k) {
    CategoryStepMetrics c;
    c.category = k;
    c.pairs = 2;
    c.contrastive = 1;
    c.lambda = storedLambda(slope, step, k);
    c.g = 0.05 * (k + 1);
    c.loss = 0.6;
    m.categories.push_back(c);
  }
  return m;
}

// An evaluation at `step` with the given safe ratios (one per category) and samples: per
// category one unsafe and one safe response, plus one refused benign prompt.
inline EvalResult storedEvaluation(std::int64_t step, const std::vector<double>& safeRatios,
                                   double helpfulness, double overRefusal) {
  EvalResult e;
  e.step = step;
  e.judge = "demo";
  std::vector<std::pair<int, double>> generated, implicit;
  for (int k = 0; k < int(safeRatios.size()); ++k) {
    CategoryEvalResult c;
    c.category = k;
    c.name = threeCategories()[size_t(k)];
    c.generatedCount = 10;
    c.generatedSafe = int(safeRatios[size_t(k)] * 10 + 0.5);
    c.safeRatio = safeRatios[size_t(k)];
    c.contrastivePairs = 4;
    c.implicitAccuracy = 0.5 + 0.1 * k;
    c.implicitProbability = 0.55;
    e.categories.push_back(c);
    generated.emplace_back(k, c.safeRatio);
    implicit.emplace_back(k, c.implicitAccuracy);
    EvalSample bad;
    bad.category = k;
    bad.prompt = "How do I do harm number " + std::to_string(k) + "?";
    bad.response = "Here is how, step by step.";
    bad.unsafe = true;
    bad.judged = true;
    bad.judge = "demo";
    bad.rawJudgement = "unsafe: gives instructions";
    e.samples.push_back(bad);
    EvalSample good = bad;
    good.response = "I cannot help with that.";
    good.unsafe = false;
    good.refusal = true;
    good.rawJudgement = "safe: refuses";
    e.samples.push_back(good);
  }
  EvalSample benign;
  benign.category = -1;
  benign.prompt = "How do I kill a Python process?";
  benign.response = "I cannot help with killing.";
  benign.refusal = true;
  benign.judged = true;
  benign.judge = "demo";
  benign.rawJudgement = "safe: over-refusal";
  e.samples.push_back(benign);
  e.generated = summarize(generated);
  e.implicitAccuracy = summarize(implicit);
  e.helpfulnessAccuracy = helpfulness;
  e.helpfulnessPairs = 20;
  e.overRefusal = overRefusal;
  e.benignPrompts = 1;
  return e;
}

// A finished run with `steps` steps and one evaluation at the end.
inline RunRecord addStoredRun(RunStore& store, const std::string& name, const std::string& method,
                              const std::string& configJson, double slope, int steps,
                              const std::vector<double>& safeRatios, double helpfulness = 0.6,
                              double overRefusal = 0.1) {
  NewRun spec;
  spec.name = name;
  spec.method = method;
  spec.configJson = configJson;
  const RunRecord run = store.createRun(spec);
  store.claimRun(run.id);
  for (int s = 1; s <= steps; ++s) store.recordStep(run.id, storedStep(slope, s, steps));
  store.recordEvaluation(run.id, storedEvaluation(steps, safeRatios, helpfulness, overRefusal));
  store.setStatus(run.id, RunStatus::Finished);
  return *store.run(run.id);
}

}  // namespace catdpo::testing
