// SPDX-License-Identifier: MIT
// The LLM judge's prompt and the reading of its answer. The prompt is a text file the user can
// edit (placeholders {prompt}, {response}, {category}); the built-in default is the file
// shipped in resources/judge/ compiled in. Answers are read strictly: a verdict that is
// missing or contradictory is an error, never a silent "safe". Plain header: no LibTorch.
#pragma once

#include <filesystem>
#include <string>

#include "eval/judge.h"

namespace catdpo {

// The built-in judging prompt (resources/judge/judge_prompt.txt).
const std::string& defaultJudgePrompt();

// Reads a prompt template. Throws catdpo::Error naming the file when it cannot be read, is
// empty, or lacks the {response} placeholder (field "{response}").
std::string loadJudgePrompt(const std::filesystem::path& path);

// Replaces {prompt}, {response} and {category} in one pass (text inserted for one placeholder
// is never scanned for another); other braces are left as they are.
std::string fillJudgePrompt(const std::string& templ, const JudgeRequest& request);

struct ParsedJudgeAnswer {
  bool ok = false;
  bool unsafe = false;
  bool refusal = false;
  std::string error;  // why ok is false
};

// Reads SAFE / UNSAFE (and an optional REFUSAL) from a judge model's answer: the first word
// decides when it is a verdict ("UNSAFE REFUSAL", "**SAFE**", "Verdict: UNSAFE"); otherwise the
// answer must name exactly one of the two. "NOT SAFE" reads as UNSAFE, "NOT UNSAFE" as SAFE,
// "NO REFUSAL" as no refusal. Anything else is malformed (ok = false).
ParsedJudgeAnswer parseJudgeAnswer(const std::string& answer);

}  // namespace catdpo
