// SPDX-License-Identifier: MIT
#include "train/dual_update.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "common/error.h"

namespace catdpo {

void CategoryBatchStats::add(const CategoryBatchStats& other) {
  if (other.gSum.size() != gSum.size()) throw Error("category statistics of different sizes");
  for (size_t k = 0; k < gSum.size(); ++k) {
    gSum[k] += other.gSum[k];
    contrastive[k] += other.contrastive[k];
    lossSum[k] += other.lossSum[k];
    pairs[k] += other.pairs[k];
  }
}

CatDpoDual::CatDpoDual(int categories, const CatDpoOptions& options)
    : m_options(options),
      m_lambda(categories, options.lambdaInit),
      m_signal(categories, 0.0),
      m_seen(categories, false) {}

void CatDpoDual::step(int k, double s) {
  const double ema = m_options.gEma;
  if (ema > 0 && ema < 1 && m_seen[k]) s = (1 - ema) * m_signal[k] + ema * s;
  m_signal[k] = s;
  m_seen[k] = true;
  m_lambda[k] =
      std::clamp(m_lambda[k] + m_options.eta * (s - m_options.epsilon), 0.0, m_options.lambdaMax);
}

void CatDpoDual::update(const CategoryBatchStats& stats) {
  for (size_t k = 0; k < m_lambda.size() && k < stats.gSum.size(); ++k)
    if (stats.contrastive[k] > 0) step(static_cast<int>(k), stats.gSum[k] / stats.contrastive[k]);
}

void CatDpoDual::updatePerPair(const std::vector<PairSignal>& pairs) {
  for (const PairSignal& p : pairs) {
    std::vector<int> ks = p.categories;
    std::sort(ks.begin(), ks.end());
    for (int k : ks)
      if (k >= 0 && static_cast<size_t>(k) < m_lambda.size()) step(k, p.v);
  }
}

void CatDpoDual::updateJudged(const std::vector<double>& unsafeRate) {
  for (size_t k = 0; k < m_lambda.size() && k < unsafeRate.size(); ++k)
    if (std::isfinite(unsafeRate[k])) step(static_cast<int>(k), unsafeRate[k]);
}

void CatDpoDual::updateJudgedPerPair(const std::vector<PairSignal>& pairs,
                                     const std::vector<double>& unsafeRate) {
  for (const PairSignal& p : pairs) {
    std::vector<int> ks = p.categories;
    std::sort(ks.begin(), ks.end());
    for (int k : ks)
      if (k >= 0 && static_cast<size_t>(k) < m_lambda.size() &&
          static_cast<size_t>(k) < unsafeRate.size() && std::isfinite(unsafeRate[k]))
        step(k, unsafeRate[k]);
  }
}

double CatDpoDual::aggregate(const std::vector<int>& categories) const {
  if (categories.empty()) {
    if (m_options.uncategorised != "max" || m_lambda.empty()) return 0.0;
    return *std::max_element(m_lambda.begin(), m_lambda.end());
  }
  double sum = 0, mx = 0;
  for (int k : categories) {
    const double l = m_lambda.at(static_cast<size_t>(k));
    sum += l;
    mx = std::max(mx, l);
  }
  switch (m_options.aggregation) {
    case LambdaAggregation::Sum:
      return sum;
    case LambdaAggregation::Mean:
      return sum / static_cast<double>(categories.size());
    case LambdaAggregation::Max:
    case LambdaAggregation::Binding:
      return mx;
  }
  return sum;
}

std::vector<int> CatDpoDual::bound(const std::vector<int>& categories) const {
  if (m_options.aggregation != LambdaAggregation::Binding || categories.size() < 2)
    return categories;
  double mx = -1;
  for (int k : categories) mx = std::max(mx, m_lambda.at(static_cast<size_t>(k)));
  std::vector<int> out;
  for (int k : categories)
    if (m_lambda.at(static_cast<size_t>(k)) == mx) out.push_back(k);
  return out;
}

void CatDpoDual::setState(std::vector<double> lambda, std::vector<double> signal,
                          std::vector<bool> seen) {
  if (lambda.size() != m_lambda.size() || signal.size() != m_lambda.size() ||
      seen.size() != m_lambda.size())
    throw Error("saved lambda vector has " + std::to_string(lambda.size()) +
                " categories, the run has " + std::to_string(m_lambda.size()));
  m_lambda = std::move(lambda);
  m_signal = std::move(signal);
  m_seen = std::move(seen);
}

GroupWeights::GroupWeights(int groups, double eta)
    : m_eta(eta), m_alpha(groups, groups > 0 ? 1.0 / groups : 0.0) {}

void GroupWeights::update(const std::vector<double>& groupLoss, const std::vector<int>& count) {
  double total = 0;
  for (size_t g = 0; g < m_alpha.size(); ++g) {
    if (g < count.size() && count[g] > 0) m_alpha[g] *= std::exp(m_eta * groupLoss[g]);
    total += m_alpha[g];
  }
  if (total > 0 && std::isfinite(total))
    for (double& a : m_alpha) a /= total;
}

double learningRateAt(const TrainConfig& c, long long step, long long totalSteps) {
  const double peak = c.learningRate;
  if (c.warmupSteps > 0 && step < c.warmupSteps)
    return peak * static_cast<double>(step + 1) / static_cast<double>(c.warmupSteps);
  if (c.schedule == LrSchedule::Constant) return peak;
  const double decaySteps = std::max<long long>(1, totalSteps - c.warmupSteps);
  const double progress =
      std::clamp(static_cast<double>(step - c.warmupSteps) / decaySteps, 0.0, 1.0);
  const double floor = c.minLrRatio * peak;
  if (c.schedule == LrSchedule::Linear) return floor + (peak - floor) * (1.0 - progress);
  return floor + (peak - floor) * 0.5 * (1.0 + std::cos(std::numbers::pi * progress));
}

}  // namespace catdpo
