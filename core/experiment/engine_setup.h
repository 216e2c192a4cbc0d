// SPDX-License-Identifier: MIT
// INCLUDES LIBTORCH -- engine-internal. The pieces Experiment assembles before training: the
// loaded (or built) model and tokenizer, tokenised pairs, cached reference log-probs, and the
// evaluator that runs between steps. Kept apart from experiment.cpp so the sweep and the
// distributed launcher can reuse them.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "data/prompt_list.h"
#include "eval/judge.h"
#include "eval/judge_factory.h"
#include "experiment/data_source.h"
#include "experiment/experiment.h"
#include "model/causal_lm.h"
#include "model/precision.h"
#include "text/chat_template.h"
#include "text/tokenizer.h"
#include "train/pair_examples.h"
#include "train/reference_logps.h"

namespace catdpo {

struct LoadedPolicy {
  CausalLm model{nullptr};
  Tokenizer tokenizer;
  std::filesystem::path directory;  // the checkpoint folder it came from
  std::string fingerprint;          // of the initial weights
  std::string device;
};

// Threads for LibTorch: config.threads, or every core when 0.
void configureThreads(int threads);

// config.precision for the device config.device resolves to ("auto" decided, with why).
PrecisionChoice resolveRunPrecision(const TrainConfig& config);

// config.chat_template (a format, custom, or auto: the model folder's own) for this policy.
ChatTemplate resolveRunChatTemplate(const TrainConfig& config, const LoadedPolicy& policy);

// "demo" / "demo:quick" builds or reuses the demo model; anything else is a checkpoint folder.
LoadedPolicy loadPolicy(const TrainConfig& config,
                        const std::function<void(const PreparationProgress&)>& progress,
                        const RunControl* control);

std::vector<PairExample> tokenizePairs(const Dataset& data, const LoadedPolicy& policy,
                                       const ChatTemplate& chat, const TrainConfig& config);

// Reference log-probs from the cache, or computed now (with LoRA: adapters off) and cached.
ReferenceLogps referenceFor(const std::vector<PairExample>& examples, LoadedPolicy& policy,
                            const Dataset& data, const TrainConfig& config,
                            const std::function<void(const PreparationProgress&)>& progress,
                            const RunControl* control, bool* fromCache = nullptr);

// Evaluation between steps: implicit metrics on held-out pairs (+ generation and a judge).
class RunEvaluator {
 public:
  RunEvaluator(LoadedPolicy& policy, const ChatTemplate& chat, std::vector<PairExample> eval,
               ReferenceLogps evalReference, std::vector<PromptItem> prompts,
               std::vector<std::string> categories, std::unique_ptr<Judge> judge,
               const TrainConfig& config);
  EvalResult evaluate(std::int64_t step);

 private:
  LoadedPolicy& m_policy;
  ChatTemplate m_chat;
  std::vector<PairExample> m_eval;
  ReferenceLogps m_reference;
  std::vector<PromptItem> m_prompts;
  std::vector<std::string> m_categories;
  std::unique_ptr<Judge> m_judge;
  TrainConfig m_config;
};

}  // namespace catdpo
