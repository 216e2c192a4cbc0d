// SPDX-License-Identifier: MIT
// The per-category state that methods keep across steps: Cat-DPO's dual variables lambda_k
// (projected dual ascent on V - epsilon, one step per safety-contrastive pair in batch order by
// default, or one per batch on the mean) and group-robust DPO's group weights alpha_g
// (exponentiated gradient). Plain doubles, no LibTorch: tested by hand-derived values, saved
// in checkpoints; every rank applies the same gathered pairs in the same order.
#pragma once

#include <vector>

#include "train/train_config.h"

namespace catdpo {

// Per-category statistics of one optimizer step (sums, so ranks can add them up).
struct CategoryBatchStats {
  std::vector<double> gSum;      // sum over contrastive pairs with k in C_i of sigma(-beta z_i)
  std::vector<int> contrastive;  // number of such pairs
  std::vector<double> lossSum;   // sum of per-pair losses of pairs with k in C_i
  std::vector<int> pairs;        // number of pairs with k in C_i
  explicit CategoryBatchStats(int categories = 0)
      : gSum(categories, 0.0),
        contrastive(categories, 0),
        lossSum(categories, 0.0),
        pairs(categories, 0) {}
  void add(const CategoryBatchStats& other);
};

// One safety-contrastive pair as the per-pair dual step applies it.
struct PairSignal {
  std::vector<int> categories;  // the categories whose lambda this pair moves (see bound())
  double v = 0;                 // V_i = 1 - sigma(beta z_i) = sigma(-beta z_i)
};

class CatDpoDual {
 public:
  CatDpoDual() = default;
  CatDpoDual(int categories, const CatDpoOptions& options);

  // batch_mean: lambda_k <- clip(lambda_k + eta (s_k - epsilon), 0, lambda_max) once for every
  // category with a contrastive pair this step, s_k = gSum_k / contrastive_k (or its EMA).
  // Categories without a contrastive pair keep their lambda (and their EMA).
  void update(const CategoryBatchStats& stats);
  // per_pair (the authors' rule): for each pair in the given order, for each of its categories
  // k in ascending order, lambda_k <- clip(lambda_k + eta (s - epsilon), 0, lambda_max) with
  // s = V_i (or the EMA over the pairs of k seen so far).
  void updatePerPair(const std::vector<PairSignal>& pairs);
  // The judged signal: s_k = the latest evaluation's unsafe rate of category k (NaN = no data).
  // batch_mean: one step for every category with a rate; per_pair: one step per pair of k in
  // `pairs` (so lambda moves as often as under the implicit per-pair rule), each with s_k.
  void updateJudged(const std::vector<double>& unsafeRate);
  void updateJudgedPerPair(const std::vector<PairSignal>& pairs,
                           const std::vector<double>& unsafeRate);

  // Lambda_i for a pair with category set C_i under the configured aggregation; binding and max
  // both give the largest lambda_k. An empty C_i gets 0, or (uncategorised "max") the largest
  // lambda_k of all categories.
  double aggregate(const std::vector<int>& categories) const;
  // The categories of C_i that take the pair's dual step: all of them, or (binding) those whose
  // lambda_k equals the largest (every tied category, so the order of indices decides nothing).
  std::vector<int> bound(const std::vector<int>& categories) const;

  const std::vector<double>& lambda() const { return m_lambda; }
  const std::vector<double>& signal() const { return m_signal; }  // last s_k (EMA'd g_k)
  const std::vector<bool>& signalSeen() const { return m_seen; }
  void setState(std::vector<double> lambda, std::vector<double> signal, std::vector<bool> seen);

 private:
  void step(int k, double s);
  CatDpoOptions m_options;
  std::vector<double> m_lambda;
  std::vector<double> m_signal;
  std::vector<bool> m_seen;
};

// Exponentiated-gradient weights over G groups: alpha_g <- alpha_g exp(eta L_g), normalised.
class GroupWeights {
 public:
  GroupWeights() = default;
  GroupWeights(int groups, double eta);
  // Groups absent from the batch (count 0) keep their unnormalised weight.
  void update(const std::vector<double>& groupLoss, const std::vector<int>& groupCount);
  const std::vector<double>& weights() const { return m_alpha; }
  void setWeights(std::vector<double> alpha) { m_alpha = std::move(alpha); }

 private:
  double m_eta = 0;
  std::vector<double> m_alpha;
};

// Learning rate at optimizer step `step` (0-based): linear warmup, then cosine or linear decay
// to min_lr_ratio * lr, or constant.
double learningRateAt(const TrainConfig& config, long long step, long long totalSteps);

}  // namespace catdpo
