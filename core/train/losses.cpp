// SPDX-License-Identifier: MIT
#include "train/losses.h"

#include <ATen/ATen.h>

#include <cmath>

namespace catdpo {

at::Tensor preferenceLogRatio(const at::Tensor& policyChosen, const at::Tensor& policyRejected,
                              const at::Tensor& refChosen, const at::Tensor& refRejected) {
  return (policyChosen - refChosen) - (policyRejected - refRejected);
}

at::Tensor sigmoidPreferenceLoss(const at::Tensor& z, double beta, const at::Tensor& margin,
                                 double labelSmoothing) {
  at::Tensor logits = z * beta;
  if (margin.defined()) logits = logits - margin;
  // log_sigmoid is the numerically stable log(sigma(x)), also for |x| of hundreds.
  at::Tensor loss = -at::log_sigmoid(logits);
  if (labelSmoothing > 0)
    loss = loss * (1.0 - labelSmoothing) - at::log_sigmoid(-logits) * labelSmoothing;
  return loss;
}

at::Tensor ipoLoss(const at::Tensor& z, double target) { return (z - target).pow(2); }

at::Tensor drdpoAggregate(const at::Tensor& perPairLoss, double betaPrime) {
  // -b log mean exp(-l/b) = -b (logsumexp(-l/b) - log n)
  const double n = static_cast<double>(perPairLoss.numel());
  return -betaPrime * (at::logsumexp(-perPairLoss / betaPrime, {0}) - std::log(n));
}

GroupLoss groupRobustAggregate(const at::Tensor& perPairLoss, const at::Tensor& membership,
                               const at::Tensor& alpha) {
  const at::Tensor m = membership.to(perPairLoss.scalar_type());
  const at::Tensor count = m.sum(0);                                           // [G]
  const at::Tensor sums = at::matmul(perPairLoss.unsqueeze(0), m).squeeze(0);  // [G]
  const at::Tensor mean = sums / count.clamp_min(1.0);
  GroupLoss out;
  out.total = (alpha.to(mean.scalar_type()) * mean).sum();
  out.groupMean = mean.detach();
  out.groupCount = count.detach();
  return out;
}

at::Tensor unsafePreferenceProbability(const at::Tensor& z, double beta) {
  return at::sigmoid(-beta * z);
}

}  // namespace catdpo
