// SPDX-License-Identifier: MIT
// The per-category state that methods keep across steps: Cat-DPO's dual variables lambda_k
// (projected dual ascent on g_k - epsilon) and group-robust DPO's group weights alpha_g
// (exponentiated gradient). Plain doubles, no LibTorch: tested by hand-derived values, saved
// in checkpoints, all-reduced across ranks as sums and counts.
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

class CatDpoDual {
 public:
  CatDpoDual() = default;
  CatDpoDual(int categories, const CatDpoOptions& options);

  // lambda_k <- clip(lambda_k + eta (s_k - epsilon), 0, lambda_max) for every category whose
  // signal s_k is defined this step; s_k = g_k (or its EMA) for the implicit signal.
  // Categories without a contrastive pair keep their lambda (and their EMA).
  void update(const CategoryBatchStats& stats);
  // The judged signal: s_k = the latest evaluation's unsafe rate of category k (NaN = no data).
  void updateJudged(const std::vector<double>& unsafeRate);

  // Lambda_i for a pair with category set C_i under the configured aggregation (0 if empty).
  double aggregate(const std::vector<int>& categories) const;

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
