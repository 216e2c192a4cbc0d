// SPDX-License-Identifier: MIT
#include "eval/model_eval.h"

#include <chrono>

#include "common/error.h"
#include "eval/generation_eval.h"
#include "model/checkpoint.h"
#include "text/chat_template_auto.h"
#include "text/tokenizer.h"

namespace catdpo {

EvalResult evaluateModelFolder(const std::filesystem::path& modelDir,
                               const std::vector<PromptItem>& prompts,
                               const std::vector<std::string>& categoryNames, Judge& judge,
                               const ModelEvalOptions& options) {
  const auto t0 = std::chrono::steady_clock::now();
  LoadOptions load;
  load.device = options.device;
  LoadedModel model = loadPretrained(modelDir, load);
  Tokenizer tokenizer;
  try {
    tokenizer = Tokenizer::load(modelDir);
  } catch (const Error& e) {
    throw Error(std::string("the model folder has no usable tokenizer: ") + e.what(),
                ErrorLocation{modelDir.string(), 0, "model"});
  }
  requireTokenizerFitsModel(tokenizer.vocabSize(), model.config, modelDir);
  const ChatTemplate chat = resolveChatTemplate(options.chatTemplate, options.chatSystem,
                                                options.chatCustom, modelDir, tokenizer);
  GenerationEvalOptions gen;
  gen.promptsPerCategory = options.promptsPerCategory;
  gen.benignPrompts = options.benignPrompts;
  gen.borderlinePrompts = options.borderlinePrompts;
  gen.degenerate = options.degenerate;
  gen.maxNewTokens = options.maxNewTokens;
  gen.temperature = options.temperature;
  gen.topP = options.topP;
  gen.topK = options.topK;
  gen.seed = options.seed;
  EvalResult result;
  fillGenerationMetrics(model.model, tokenizer, chat, prompts, categoryNames, judge, gen, result);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return result;
}

}  // namespace catdpo
