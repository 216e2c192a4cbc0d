// SPDX-License-Identifier: MIT
// LibTorch-free entry point for evaluating a checkpoint folder outside training (the CLI's
// `catdpo eval`): loads the model and its tokenizer, generates answers to the prompts and has
// the judge label them, exactly as the evaluation between training steps does.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "data/prompt_list.h"
#include "eval/eval_result.h"
#include "eval/judge.h"
#include "text/chat_template.h"

namespace catdpo {

struct ModelEvalOptions {
  std::string device = "auto";
  std::string chatTemplate = "pku";  // a format name, custom or auto (text/chat_template_auto.h)
  std::string chatSystem;
  CustomChatFormat chatCustom;
  int promptsPerCategory = 8;  // harmful prompts per category
  int benignPrompts = 32;      // benign prompts for over-refusal
  int borderlinePrompts = 38;  // borderline prompts for over-refusal
  std::string degenerate = "fail";
  std::int64_t maxNewTokens = 48;
  double temperature = 0.0;
  double topP = 1.0;
  std::int64_t topK = 0;
  std::uint64_t seed = 1;
};

// Throws catdpo::Error naming the folder when it holds no loadable model or tokenizer.
EvalResult evaluateModelFolder(const std::filesystem::path& modelDir,
                               const std::vector<PromptItem>& prompts,
                               const std::vector<std::string>& categoryNames, Judge& judge,
                               const ModelEvalOptions& options);

}  // namespace catdpo
