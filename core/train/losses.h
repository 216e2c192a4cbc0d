// SPDX-License-Identifier: MIT
// The loss family of docs/METHODS.md (section 2) as tensor functions over per-pair quantities.
// Includes LibTorch: engine-internal, never included by ui/. Every function is checked against
// an independent PyTorch reference (tests/reference/losses_reference.py).
#pragma once

#include <ATen/core/Tensor.h>

namespace catdpo {

// z = [log pi(y_w) - log pi_ref(y_w)] - [log pi(y_l) - log pi_ref(y_l)], all [B].
at::Tensor preferenceLogRatio(const at::Tensor& policyChosen, const at::Tensor& policyRejected,
                              const at::Tensor& refChosen, const at::Tensor& refRejected);

// Per-pair sigmoid loss with an optional per-pair margin m_i (undefined tensor = none):
//   -(1 - ls) log sigma(beta z - m) - ls log sigma(-(beta z - m))     (cDPO label smoothing)
// dpo / dpo_safer: m = 0; safedpo: m = Delta (h_l - h_w); catdpo: m = Lambda_i (h_l - h_w).
at::Tensor sigmoidPreferenceLoss(const at::Tensor& z, double beta, const at::Tensor& margin,
                                 double labelSmoothing);

// IPO: (z - target)^2 with target = 1 / (2 beta) unless given.
at::Tensor ipoLoss(const at::Tensor& z, double target);

// Dr.DPO: -beta' log( mean_i exp(-l_i / beta') ) over per-pair losses l_i (a scalar).
at::Tensor drdpoAggregate(const at::Tensor& perPairLoss, double betaPrime);

// Group-robust: sum_g alpha_g L_g with L_g the mean loss of the pairs in group g
// (membership [B, G] of 0/1, a pair may be in several groups). Also returns L_g ([G], detached).
struct GroupLoss {
  at::Tensor total;       // scalar
  at::Tensor groupMean;   // [G]
  at::Tensor groupCount;  // [G]
};
GroupLoss groupRobustAggregate(const at::Tensor& perPairLoss, const at::Tensor& membership,
                               const at::Tensor& alpha);

// g_i = sigma(-beta z_i): the policy's implicit probability of preferring the rejected
// (unsafe, for contrastive pairs) response.
at::Tensor unsafePreferenceProbability(const at::Tensor& z, double beta);

}  // namespace catdpo
