// SPDX-License-Identifier: MIT
// INCLUDES LIBTORCH -- private to trainer*.cpp. The trainer's state, shared by the loop
// (trainer.cpp), the per-batch math (trainer_step.cpp) and checkpoints (trainer_checkpoint.cpp).
#pragma once

#include <torch/optim/adamw.h>

#include <chrono>
#include <memory>
#include <optional>

#include "model/precision.h"
#include "train/batch_sampler.h"
#include "train/trainer.h"

namespace catdpo {

struct Trainer::Impl {
  TrainerSetup setup;
  RunControl& control;
  std::unique_ptr<torch::optim::AdamW> optimizer;
  std::vector<at::Tensor> parameters;     // trainable ones
  Precision precision = Precision::Fp32;  // config.precision resolved for the policy's device
  BatchSampler sampler;
  std::vector<int> usable;  // examples usable under the current stage's order
  CatDpoDual dual;
  GroupWeights groups;    // K categories + one group for uncategorised pairs
  std::int64_t step = 0;  // optimizer steps done
  int stage = 1;
  std::vector<double> losses;
  std::filesystem::path lastCheckpoint;
  std::vector<double> judgedUnsafe;  // latest evaluation's per-category unsafe rate (NaN: none)
  std::chrono::steady_clock::time_point started;
  double secondsBefore = 0;  // wall time of earlier sessions (resume)
  std::int64_t tokensSeen = 0;

  Impl(TrainerSetup s, RunControl& c);
  int categories() const { return static_cast<int>(setup.categories.size()); }
  PairOrder order() const { return setup.config.orderFor(stage); }
  // SACPO's safety stage may use its own beta (sacpo_stage2_beta); every other step uses beta.
  double beta() const {
    const TrainConfig& c = setup.config;
    return stage == 2 && c.sacpoStage2Beta > 0 ? c.sacpoStage2Beta : c.beta;
  }
  // Group-robust DPO: the groups of a pair (categories, and K for "uncategorised").
  std::vector<int> groupsOf(const std::vector<int>& categories) const;
  std::int64_t stageStart() const { return stage == 1 ? 0 : setup.config.stage1Steps(); }
  std::int64_t stageEnd() const {
    return stage == 1 && setup.config.stages() == 2 ? setup.config.stage1Steps()
                                                    : setup.config.steps;
  }

  void makeOptimizer();
  void enterStage(int newStage, bool recomputeReference);
  void emit(const LifecycleEvent& event);

  // The gradients of one optimizer step over `batch` (example indices): forward, loss and
  // backward per micro-batch, the all-reduce across ranks when data-parallel, then the clip.
  // Returns per-pair outputs and the pre-clip grad norm; the caller steps the optimizer.
  BatchOutputs trainStep(const std::vector<int>& batch, double& gradNorm);
  // Per-pair loss for the current method, given z and the examples (with autograd).
  at::Tensor perPairLoss(const at::Tensor& z, const std::vector<int>& examples);
  at::Tensor aggregateLoss(const at::Tensor& perPair, const std::vector<int>& examples);
  StepMetrics metricsFor(const BatchOutputs& out, double gradNorm, double lr, double seconds);
  void dualUpdate(const BatchOutputs& out, StepMetrics& metrics);

  // Data parallelism (trainer_dist.cpp): never called on a single process.
  bool distributed() const { return setup.collective && setup.collective->distributed(); }
  std::vector<int> shardOf(const std::vector<int>& batch) const;
  BatchOutputs gatherOutputs(const std::vector<int>& batch, const BatchOutputs& mine);
  void agreeOnControl();
  void shareJudged();

  void saveCheckpoint();
  void loadCheckpoint(const std::filesystem::path& dir);
};

}  // namespace catdpo
