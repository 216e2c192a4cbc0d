// SPDX-License-Identifier: MIT
// INCLUDES LIBTORCH -- engine-internal (the Experiment class is the public face).
// The training loop shared by the eight methods: length-bucketed batches, one fused policy
// forward over chosen and rejected rows, cached reference log-probs, the method's loss,
// backward, clipping, AdamW with warmup + decay, gradient accumulation, then the per-category
// dual update (Cat-DPO) or group-weight update (group-robust) on the same batch.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/causal_lm.h"
#include "train/collective.h"
#include "train/dual_update.h"
#include "train/events.h"
#include "train/pair_examples.h"
#include "train/reference_logps.h"
#include "train/run_control.h"
#include "train/train_config.h"

namespace catdpo {

struct TrainerSetup {
  TrainConfig config;
  CausalLm policy{nullptr};
  std::vector<PairExample> train;
  std::vector<std::string> categories;  // K names; C(x) indexes into them
  ReferenceLogps reference;             // for `train`, from the initial policy
  std::int32_t padId = 0;
  std::filesystem::path checkpointDir;  // empty: no checkpoints
  // Writes the current policy as a model folder (weights + config + tokenizer) into `dir`.
  std::function<void(const std::filesystem::path& dir)> saveModel;
  // Loads weights saved by saveModel from `dir` into the policy.
  std::function<void(const std::filesystem::path& dir)> loadModel;
  // Periodic evaluation (may be empty): called between steps on the training thread.
  std::function<EvalResult(std::int64_t step)> evaluate;
  std::vector<TrainingListener*> listeners;
  // Data parallelism: null (or one rank) trains on the whole batch in this process.
  std::shared_ptr<Collective> collective;
};

// Per-pair outputs of one batch, detached, on the CPU (for metrics and the dual update).
struct BatchOutputs {
  std::vector<double> z, loss, rewardChosen, rewardRejected;
  std::vector<int> examples;
  double meanLoss = 0;
  std::int64_t tokens = 0;
};

class Trainer {
 public:
  Trainer(TrainerSetup setup, RunControl& control);
  ~Trainer();

  // Continues from a checkpoint folder written by this class (bit-exact continuation).
  void resumeFrom(const std::filesystem::path& checkpoint);

  // Trains to config.steps. Returns Finished, Stopped or Cancelled. On failure (NaN, bad
  // state) reports Failed to the listeners and throws catdpo::Error.
  RunStatus run();

  std::int64_t step() const;
  int stage() const;
  const CatDpoDual& dual() const;
  const GroupWeights& groupWeights() const;
  std::filesystem::path lastCheckpoint() const;
  // Losses of every step run so far (for determinism and resume tests).
  const std::vector<double>& lossHistory() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m;
};

// The latest "step-N" checkpoint folder under `dir`, or empty.
std::filesystem::path latestCheckpoint(const std::filesystem::path& dir);

// The sha256 list every checkpoint folder holds (sha256sum format).
inline constexpr const char* kCheckpointManifest = "checkpoint.sha256";
// Why the checkpoint folder `dir` cannot be trusted (missing, a file damaged, its checksum list
// not the one `recordedSha` names), or nullopt when it is intact. An empty recordedSha checks
// the files against the folder's own list only.
std::optional<std::string> checkpointDamage(const std::filesystem::path& dir,
                                            const std::string& recordedSha);

}  // namespace catdpo
