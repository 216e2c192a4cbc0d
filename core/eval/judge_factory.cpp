// SPDX-License-Identifier: MIT
#include "eval/judge_factory.h"

#include "common/error.h"
#include "eval/cost_judge.h"
#include "eval/judge_prompt.h"
#include "eval/llm_judge.h"

namespace catdpo {

bool isJudgeSpec(const std::string& spec) {
  return spec == "demo" || spec.rfind("cost:", 0) == 0 || spec.rfind("llm:", 0) == 0;
}

std::string resolveJudgeSpec(const std::string& spec, bool demoData, const std::string& field) {
  if (spec == "auto") return demoData ? "demo" : "none";
  if (spec == "none" || isJudgeSpec(spec)) return spec;
  throw Error("unknown judge '" + spec + "' (expected auto, demo, none, cost:DIR or llm:URL#MODEL)",
              {"", 0, field});
}

std::unique_ptr<Judge> makeJudge(const std::string& spec, bool demoData,
                                 const JudgeSettings& settings) {
  const std::string resolved = resolveJudgeSpec(spec, demoData);
  if (resolved == "none") return nullptr;
  // Loading errors name the file they are about (a cost model folder, a prompt file).
  return makeJudgeFromSpec(resolved, settings);
}

std::unique_ptr<Judge> makeJudgeFromSpec(const std::string& spec, const JudgeSettings& settings) {
  if (spec == "demo") return makeDemoJudge();
  if (spec.rfind("cost:", 0) == 0) {
    const std::string dir = spec.substr(5);
    if (dir.empty()) throw Error("cost judge needs a folder: cost:DIR", {"", 0, "judge"});
    CostModelOptions options;
    options.device = settings.device;
    options.batchSize = settings.batchSize;
    return makeCostJudge(dir, options);
  }
  if (spec.rfind("llm:", 0) == 0) {
    LlmJudgeOptions options;
    options.url = spec.substr(4);
    options.model = settings.model;
    if (const auto hash = options.url.find('#'); hash != std::string::npos) {
      if (hash + 1 < options.url.size()) options.model = options.url.substr(hash + 1);
      options.url.resize(hash);
    }
    options.apiKeyEnv = settings.apiKeyEnv;
    if (!settings.promptFile.empty()) options.promptTemplate = loadJudgePrompt(settings.promptFile);
    options.timeoutSeconds = settings.timeoutSeconds;
    options.maxAttempts = settings.maxAttempts;
    return makeLlmJudge(options);
  }
  throw Error("unknown judge '" + spec + "' (expected demo, cost:DIR or llm:URL[#MODEL])",
              {"", 0, "judge"});
}

}  // namespace catdpo
