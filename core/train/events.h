// SPDX-License-Identifier: MIT
// What the training engine reports, as plain value structs (no LibTorch, no Qt), through one
// listener interface. Called on the training thread; a GUI listener must forward by queued
// signals, the store listener writes one transaction per step.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "eval/eval_result.h"

namespace catdpo {

enum class RunStatus {
  Created,
  Running,
  Paused,
  Finished,
  Failed,
  Stopped,
  Cancelled,
  Interrupted
};
const char* toString(RunStatus status);
RunStatus runStatusFromString(const std::string& text);  // throws catdpo::Error on unknown

// Metric keys are stable strings used alike in the database, the CLI's JSON and the plots.
namespace metric {
inline constexpr const char* kLoss = "loss";
inline constexpr const char* kZMean = "z_mean";
inline constexpr const char* kRewardChosen = "reward_chosen";
inline constexpr const char* kRewardRejected = "reward_rejected";
inline constexpr const char* kRewardMargin = "reward_margin";
inline constexpr const char* kAccuracy = "accuracy";
inline constexpr const char* kGradNorm = "grad_norm";
inline constexpr const char* kLearningRate = "learning_rate";
inline constexpr const char* kTokensPerSecond = "tokens_per_second";
// per category
inline constexpr const char* kLambda = "lambda";
inline constexpr const char* kG = "g";
inline constexpr const char* kCategoryLoss = "category_loss";
inline constexpr const char* kCategoryPairs = "category_pairs";
inline constexpr const char* kGroupWeight = "group_weight";
}  // namespace metric

struct CategoryStepMetrics {
  int category = -1;
  int pairs = 0;           // pairs of this category in the batch (0: lambda kept, g undefined)
  int contrastive = 0;     // safety-contrastive pairs among them
  double g = 0;            // mean sigma(-beta z) over the contrastive pairs (NaN-free: 0 if none)
  double lambda = 0;       // lambda_k after this step's dual update
  double loss = 0;         // mean loss of this category's pairs
  double groupWeight = 0;  // group-robust alpha_k (0 for other methods)
};

// One safety-contrastive pair of a step as Cat-DPO's dual update saw it (Cat-DPO and its matched
// control), so lambda can be recomputed by hand from the store: in `position` order, each
// category in `updated` takes lambda_k <- max(0, lambda_k + eta (v - epsilon)) (per_pair).
struct PairStepValue {
  int position = 0;             // index of the pair in the step's global batch (applied order)
  std::int64_t pair = -1;       // index of the pair in the training split
  std::vector<int> categories;  // C_i
  std::vector<int> updated;     // categories whose lambda_k this pair moved (empty: none)
  double v = 0;                 // V_i = 1 - sigma(beta z_i)
  double margin = 0;            // Lambda_i in the pair's loss (lambda before this step)
};

struct StepMetrics {
  std::int64_t step = 0;  // optimizer steps done, 1-based
  std::int64_t totalSteps = 0;
  int stage = 1;  // SACPO has stages 1 and 2; others 1
  double loss = 0;
  double zMean = 0;
  double rewardChosen = 0;
  double rewardRejected = 0;
  double rewardMargin = 0;
  double accuracy = 0;  // fraction of pairs with z > 0
  double gradNorm = 0;  // before clipping
  double learningRate = 0;
  double tokensPerSecond = 0;
  double elapsedSeconds = 0;
  double etaSeconds = 0;
  std::int64_t tokens = 0;                      // tokens processed in this step (policy forward)
  std::vector<CategoryStepMetrics> categories;  // one entry per taxonomy category
  std::vector<PairStepValue> pairs;  // Cat-DPO and its control: contrastive pairs in applied order
};

enum class LifecycleKind {
  Started,
  Paused,
  Resumed,
  CheckpointSaved,
  EvaluationStarted,
  Finished,
  Stopped,
  Cancelled,
  Failed,
  Message
};

struct LifecycleEvent {
  LifecycleKind kind = LifecycleKind::Message;
  std::int64_t step = 0;
  std::string message;         // failure reason, info text
  std::string checkpointPath;  // for CheckpointSaved
  std::string checkpointSha256;
};

// Receives engine events on the training thread. Implementations must be quick (the store
// batches, the GUI queues) and must not throw.
class TrainingListener {
 public:
  virtual ~TrainingListener() = default;
  virtual void onLifecycle(const LifecycleEvent& event) {}
  virtual void onStep(const StepMetrics& step) {}
  virtual void onEvaluation(const EvalResult& result) {}
};

}  // namespace catdpo
