// SPDX-License-Identifier: MIT
// One optimizer step: the per-method loss over a batch (split into micro-batches for gradient
// accumulation), the step metrics and the per-category dual update. Chosen and rejected rows
// of a micro-batch go through the policy in one forward pass.
#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "common/error.h"
#include "model/device.h"
#include "train/losses.h"
#include "train/sequence_batch.h"
#include "train/trainer_impl.h"

namespace catdpo {

namespace {
at::Tensor doubles(const std::vector<double>& v, const at::Device& device) {
  return at::tensor(at::ArrayRef<double>(v), at::TensorOptions().dtype(at::kDouble))
      .to(device, at::kFloat);
}
// Rescales the gradients so their joint L2 norm is at most maxNorm (as torch.nn.utils'
// clip_grad_norm_ does); returns the norm before clipping. One host sync per step.
double clipGradNorm(const std::vector<at::Tensor>& parameters, double maxNorm) {
  std::vector<at::Tensor> norms;
  norms.reserve(parameters.size());
  for (const at::Tensor& p : parameters)
    if (p.grad().defined()) norms.push_back(p.grad().detach().norm(2).to(at::kFloat));
  if (norms.empty()) return 0.0;
  const double total = at::stack(norms).norm(2).item<double>();
  const double coef = maxNorm / (total + 1e-6);
  if (coef < 1.0 && std::isfinite(total))
    for (const at::Tensor& p : parameters)
      if (p.grad().defined()) p.grad().detach().mul_(coef);
  return total;
}

std::vector<double> toDoubles(const at::Tensor& t) {
  const at::Tensor c = t.detach().to(at::kCPU, at::kDouble).contiguous();
  return {c.data_ptr<double>(), c.data_ptr<double>() + c.numel()};
}
}  // namespace

at::Tensor Trainer::Impl::perPairLoss(const at::Tensor& z, const std::vector<int>& examples) {
  const TrainConfig& c = setup.config;
  const PairOrder ord = order();
  const at::Tensor none;
  switch (c.method) {
    case Method::Ipo:
      return ipoLoss(z, c.ipoTau > 0 ? c.ipoTau : 1.0 / (2.0 * beta()));
    case Method::SafeDpo:
    case Method::CatDpo: {
      std::vector<double> margin(examples.size(), 0.0);
      for (std::size_t i = 0; i < examples.size(); ++i) {
        const PairExample& ex = setup.train[examples[i]];
        const OrderedPair& o = ex.order(ord);
        const double contrast = o.hRejected - o.hChosen;
        if (contrast == 0) continue;
        margin[i] = contrast *
                    (c.method == Method::SafeDpo ? c.safedpoDelta : dual.aggregate(ex.categories));
      }
      return sigmoidPreferenceLoss(z, beta(), doubles(margin, z.device()), c.labelSmoothing);
    }
    default:  // dpo, dpo_safer, sacpo, drdpo, group_robust, and catdpo_nomargin (Cat-DPO's loss
              // with Lambda = 0) use the plain DPO loss per pair
      return sigmoidPreferenceLoss(z, beta(), none, c.labelSmoothing);
  }
}

std::vector<int> Trainer::Impl::groupsOf(const std::vector<int>& cats) const {
  const TrainConfig& c = setup.config;
  if (cats.empty())
    return c.groupUncategorised == "own" ? std::vector<int>{categories()} : std::vector<int>{};
  if (c.groupOverlap == "first") return {*std::min_element(cats.begin(), cats.end())};
  return cats;
}

at::Tensor Trainer::Impl::aggregateLoss(const at::Tensor& perPair,
                                        const std::vector<int>& examples) {
  const TrainConfig& c = setup.config;
  if (c.method == Method::DrDpo) return drdpoAggregate(perPair, c.drdpoBetaPrime);
  if (c.method == Method::GroupRobust) {
    const int k = categories();
    at::Tensor member = at::zeros({static_cast<std::int64_t>(examples.size()), k + 1}, at::kFloat);
    auto acc = member.accessor<float, 2>();
    for (std::size_t i = 0; i < examples.size(); ++i)
      for (int g : groupsOf(setup.train[examples[i]].categories))
        acc[static_cast<std::int64_t>(i)][g] = 1.0f;
    return groupRobustAggregate(perPair, member.to(perPair.device()),
                                doubles(groups.weights(), perPair.device()))
        .total;
  }
  return perPair.mean();
}

BatchOutputs Trainer::Impl::trainStep(const std::vector<int>& batch, double& gradNorm) {
  const TrainConfig& c = setup.config;
  const PairOrder ord = order();
  const at::Device device = setup.policy->device();
  const int micro = std::max(1, c.gradAccumulation);
  const std::size_t per = (batch.size() + micro - 1) / micro;
  BatchOutputs out;
  optimizer->zero_grad();
  for (std::size_t start = 0; start < batch.size(); start += per) {
    const std::vector<int> part(batch.begin() + start,
                                batch.begin() + std::min(batch.size(), start + per));
    const auto b = static_cast<std::int64_t>(part.size());
    std::vector<std::pair<int, int>> rows;
    rows.reserve(2 * part.size());
    for (int e : part) rows.emplace_back(e, setup.train[e].order(ord).chosen);
    for (int e : part) rows.emplace_back(e, setup.train[e].order(ord).rejected);
    const SequenceBatch seq = makeSequenceBatch(setup.train, rows, setup.padId, device);
    // bf16 precisions: the forward under bfloat16 autocast (the log-prob head and the loss
    // stay float32); backward runs outside it, in the types the forward chose.
    std::optional<AutocastGuard> autocast(std::in_place, device, usesAutocast(precision));
    const SequenceLogprobs lp = setup.policy->sequenceLogprobs(seq.ids, {}, seq.targetMask);
    at::Tensor policy = lp.sum;
    std::vector<double> ref(rows.size(), 0.0);
    if (!c.referenceFree)
      for (std::size_t r = 0; r < rows.size(); ++r)
        ref[r] = setup.reference.at(rows[r].first, rows[r].second);
    at::Tensor refT = doubles(ref, device);
    if (c.lengthNormalized) {
      const at::Tensor count = lp.count.to(policy.scalar_type()).clamp_min(1.0);
      policy = policy / count;
      refT = refT / count;
    }
    policy = policy.to(at::kFloat);
    const at::Tensor pc = policy.slice(0, 0, b), pr = policy.slice(0, b, 2 * b);
    const at::Tensor rc = refT.slice(0, 0, b), rr = refT.slice(0, b, 2 * b);
    const at::Tensor z = preferenceLogRatio(pc, pr, rc, rr);
    const at::Tensor lossPerPair = perPairLoss(z, part);
    const at::Tensor loss = aggregateLoss(lossPerPair, part) *
                            (static_cast<double>(part.size()) / static_cast<double>(batch.size()));
    autocast.reset();
    loss.backward();
    const double lossValue = loss.item<double>();
    if (!std::isfinite(lossValue))
      throw Error("step " + std::to_string(step + 1) + ": the loss is " +
                  (std::isnan(lossValue) ? "NaN" : "infinite") +
                  " (try a smaller learning rate or beta)");
    out.meanLoss += lossValue;
    const auto zv = toDoubles(z), lv = toDoubles(lossPerPair);
    const auto rcv = toDoubles((pc - rc) * beta()), rrv = toDoubles((pr - rr) * beta());
    out.z.insert(out.z.end(), zv.begin(), zv.end());
    out.loss.insert(out.loss.end(), lv.begin(), lv.end());
    out.rewardChosen.insert(out.rewardChosen.end(), rcv.begin(), rcv.end());
    out.rewardRejected.insert(out.rewardRejected.end(), rrv.begin(), rrv.end());
    out.examples.insert(out.examples.end(), part.begin(), part.end());
    out.tokens += seq.tokens;
  }
  if (distributed()) setup.collective->allReduceGradients(parameters);
  gradNorm = clipGradNorm(parameters, c.maxGradNorm);
  if (!std::isfinite(gradNorm))
    throw Error("step " + std::to_string(step + 1) + ": the gradient norm is " +
                (std::isnan(gradNorm) ? "NaN" : "infinite") +
                " (try a smaller learning rate or max_grad_norm)");
  return out;
}

StepMetrics Trainer::Impl::metricsFor(const BatchOutputs& out, double gradNorm, double lr,
                                      double seconds) {
  StepMetrics m;
  m.step = step;
  m.totalSteps = setup.config.steps;
  m.stage = stage;
  m.loss = out.meanLoss;
  m.gradNorm = gradNorm;
  m.learningRate = lr;
  m.tokens = out.tokens;
  m.tokensPerSecond = seconds > 0 ? static_cast<double>(out.tokens) / seconds : 0;
  const double n = std::max<double>(1, static_cast<double>(out.z.size()));
  for (std::size_t i = 0; i < out.z.size(); ++i) {
    m.zMean += out.z[i] / n;
    m.rewardChosen += out.rewardChosen[i] / n;
    m.rewardRejected += out.rewardRejected[i] / n;
    m.accuracy += (out.z[i] > 0 ? 1.0 : 0.0) / n;
  }
  m.rewardMargin = m.rewardChosen - m.rewardRejected;
  return m;
}

void Trainer::Impl::dualUpdate(const BatchOutputs& out, StepMetrics& m) {
  const TrainConfig& c = setup.config;
  const int k = categories();
  const bool catdpo = c.method == Method::CatDpo;
  CategoryBatchStats stats(k);
  CategoryBatchStats dualStats(k);  // the pairs each lambda_k steps on (binding: fewer)
  std::vector<PairSignal> signals;
  std::vector<double> groupLoss(k + 1, 0.0);
  std::vector<int> groupCount(k + 1, 0);
  for (std::size_t i = 0; i < out.examples.size(); ++i) {
    const PairExample& ex = setup.train[out.examples[i]];
    const bool contrastive = ex.order(order()).contrastive();
    const double g = 1.0 / (1.0 + std::exp(beta() * out.z[i]));  // sigma(-beta z)
    for (int cat : ex.categories) {
      stats.pairs[cat] += 1;
      stats.lossSum[cat] += out.loss[i];
      if (contrastive) {
        stats.contrastive[cat] += 1;
        stats.gSum[cat] += g;
      }
    }
    if (contrastive && c.catdpoFamily()) {
      // The margin and the bound categories from lambda as the loss saw it (before any step).
      PairStepValue p;
      p.position = static_cast<int>(i);
      p.pair = static_cast<std::int64_t>(ex.pairIndex);
      p.categories = ex.categories;
      p.v = g;
      if (catdpo) {
        p.updated = dual.bound(ex.categories);
        p.margin = dual.aggregate(ex.categories);
        for (int cat : p.updated) {
          dualStats.contrastive[cat] += 1;
          dualStats.gSum[cat] += g;
        }
        signals.push_back({p.updated, g});
      }
      m.pairs.push_back(std::move(p));
    }
    for (int group : groupsOf(ex.categories)) {
      groupLoss[group] += out.loss[i];
      groupCount[group] += 1;
    }
  }
  for (int g = 0; g <= k; ++g)
    if (groupCount[g] > 0) groupLoss[g] /= groupCount[g];

  if (catdpo) {
    const bool perPair = c.catdpo.dualStep == DualStep::PerPair;
    if (c.catdpo.signal == ConstraintSignal::Implicit) {
      if (perPair)
        dual.updatePerPair(signals);
      else
        dual.update(dualStats);
    } else if (!judgedUnsafe.empty()) {
      if (perPair)
        dual.updateJudgedPerPair(signals, judgedUnsafe);
      else
        dual.updateJudged(judgedUnsafe);
    }
  }
  if (c.method == Method::GroupRobust) groups.update(groupLoss, groupCount);

  m.categories.resize(k);
  for (int cat = 0; cat < k; ++cat) {
    CategoryStepMetrics& cm = m.categories[cat];
    cm.category = cat;
    cm.pairs = stats.pairs[cat];
    cm.contrastive = stats.contrastive[cat];
    cm.g = stats.contrastive[cat] > 0 ? stats.gSum[cat] / stats.contrastive[cat] : 0.0;
    cm.loss = stats.pairs[cat] > 0 ? stats.lossSum[cat] / stats.pairs[cat] : 0.0;
    cm.lambda = catdpo ? dual.lambda()[cat] : 0.0;  // the control logs lambda = 0
    cm.groupWeight = c.method == Method::GroupRobust ? groups.weights()[cat] : 0.0;
  }
}

}  // namespace catdpo
