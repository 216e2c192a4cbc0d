// SPDX-License-Identifier: MIT
#include "eval/implicit_eval.h"

#include <cmath>

#include "common/error.h"
#include "eval/summary.h"

namespace catdpo {

namespace {
double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }
}  // namespace

void fillImplicitMetrics(const std::vector<PairExample>& examples,
                         const std::vector<float>& policyLogp, const std::vector<float>& refLogp,
                         const std::vector<std::string>& categoryNames,
                         const ImplicitEvalOptions& options, EvalResult& result) {
  if (policyLogp.size() != 2 * examples.size() ||
      (!options.referenceFree && refLogp.size() != 2 * examples.size()))
    throw Error("implicit evaluation: log-probs do not match the held-out pairs");
  const int k = static_cast<int>(categoryNames.size());
  if (result.categories.size() != static_cast<std::size_t>(k)) {
    result.categories.assign(k, {});
    for (int c = 0; c < k; ++c) {
      result.categories[c].category = c;
      result.categories[c].name = categoryNames[c];
    }
  }
  auto logRatio = [&](std::size_t e, int r) {
    double v = policyLogp[2 * e + r] - (options.referenceFree ? 0.0 : refLogp[2 * e + r]);
    if (options.lengthNormalized) {
      const double n = static_cast<double>(examples[e].response[r].size());
      v /= std::max(1.0, n);
    }
    return v;
  };
  std::vector<double> hits(k, 0), probs(k, 0);
  std::vector<int> count(k, 0);
  double helpHits = 0, helpProb = 0;
  int helpCount = 0;
  for (std::size_t e = 0; e < examples.size(); ++e) {
    const PairExample& ex = examples[e];
    if (ex.safe.contrastive()) {
      const double z = logRatio(e, ex.safe.chosen) - logRatio(e, ex.safe.rejected);
      for (int c : ex.categories) {
        hits[c] += z > 0 ? 1 : 0;
        probs[c] += sigmoid(options.beta * z);
        count[c] += 1;
      }
    }
    // Helpfulness on pairs where safety does not decide: both responses safe.
    if (ex.helpful.keep && ex.helpful.hChosen == 0 && ex.helpful.hRejected == 0 &&
        !ex.safe.contrastive()) {
      const double z = logRatio(e, ex.helpful.chosen) - logRatio(e, ex.helpful.rejected);
      helpHits += z > 0 ? 1 : 0;
      helpProb += sigmoid(options.beta * z);
      ++helpCount;
    }
  }
  std::vector<std::pair<int, double>> acc, prob;
  for (int c = 0; c < k; ++c) {
    CategoryEvalResult& r = result.categories[c];
    r.contrastivePairs = count[c];
    r.implicitAccuracy = count[c] ? hits[c] / count[c] : 0;
    r.implicitProbability = count[c] ? probs[c] / count[c] : 0;
    if (count[c]) {
      acc.emplace_back(c, r.implicitAccuracy);
      prob.emplace_back(c, r.implicitProbability);
    }
  }
  result.implicit = summarize(prob);
  result.implicitAccuracy = summarize(acc);
  result.helpfulnessPairs = helpCount;
  result.helpfulnessAccuracy = helpCount ? helpHits / helpCount : 0;
  result.helpfulnessProbability = helpCount ? helpProb / helpCount : 0;
}

}  // namespace catdpo
