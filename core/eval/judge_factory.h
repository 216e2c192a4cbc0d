// SPDX-License-Identifier: MIT
// Judges by name, as the config's eval.judge and the CLI's --judge give them: "demo",
// "cost:DIR" (a cost model folder) and "llm:URL" or "llm:URL#MODEL" (an OpenAI-compatible
// chat endpoint). The settings beside the name (model, key variable, prompt file, timeout)
// come from the config or the command line. Plain header: no LibTorch.
#pragma once

#include <memory>
#include <string>

#include "eval/judge.h"

namespace catdpo {

struct JudgeSettings {
  std::string model;                               // llm: the model name unless URL#MODEL
  std::string apiKeyEnv = "CATDPO_JUDGE_API_KEY";  // llm: variable holding the API key
  std::string promptFile;       // llm: judging prompt template; empty = the built-in one
  double timeoutSeconds = 60;   // llm: per request
  int maxAttempts = 3;          // llm: attempts per request
  std::string device = "auto";  // cost: where the cost model runs
  int batchSize = 8;            // cost: texts per forward pass
};

// True for specs makeJudgeFromSpec understands ("demo", "cost:...", "llm:...").
bool isJudgeSpec(const std::string& spec);

// The one reading of a judge name for a data set, used by training and `catdpo eval` alike:
// "auto" is the demo judge on the built-in demo data and no judge ("none") on any other; "none",
// "demo", "cost:DIR" and "llm:URL[#MODEL]" stay as given. Throws catdpo::Error at `field` for
// an unknown name.
std::string resolveJudgeSpec(const std::string& spec, bool demoData,
                             const std::string& field = "eval.judge");
// The judge resolveJudgeSpec(spec, demoData) names; nullptr for none.
std::unique_ptr<Judge> makeJudge(const std::string& spec, bool demoData,
                                 const JudgeSettings& settings = {});

// Throws catdpo::Error (field "judge") for an unknown name or a bad argument, and the loaders'
// errors (naming the file) for a cost model or prompt file that cannot be used.
std::unique_ptr<Judge> makeJudgeFromSpec(const std::string& spec,
                                         const JudgeSettings& settings = {});

}  // namespace catdpo
