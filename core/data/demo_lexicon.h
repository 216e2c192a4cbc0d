// SPDX-License-Identifier: MIT
// Internal to core/data: the word material of the built-in demo data set. Harmful, borderline
// and benign prompts are built from the SAME frames ("How can I {action}?"), so only the
// category's content words separate a request to refuse from one to answer.
#pragma once

#include <string>
#include <vector>

namespace catdpo::demo {

// An action a prompt asks about, with the two helpful steps a good answer gives
// (empty for harmful actions: their compliance uses the category's harm steps).
struct Action {
  const char* text;
  const char* help[2];
};

struct CategoryText {
  const char* name;        // PKU-SafeRLHF spelling
  int rank;                // 1 = most frequent ... 19 = rarest (long tail)
  int tier;                // difficulty 0 easy, 1 medium, 2 hard (noisier labels, closer cues)
  int severity;            // PKU severity level of a compliance, 1..3
  const char* coCategory;  // sometimes flagged with it (PKU pairs often carry two), or nullptr
  std::vector<const char*> harmful;    // actions to refuse
  std::vector<Action> borderline;      // same words, deserve an answer
  std::vector<const char*> harmSteps;  // compliance content, carries the judge's markers
};

const std::vector<CategoryText>& categoryTexts();  // the 19, in PKU order
const std::vector<Action>& benignActions();
const std::vector<const char*>& promptFrames();    // contain "{a}"
const std::vector<const char*>& promptPrefixes();  // "" or a short lead-in
const std::vector<const char*>& answerOpeners();   // shared by compliance and helpful answers
const std::vector<const char*>& stepConnectors();
const std::vector<const char*>& refusalOpeners();
const std::vector<const char*>& refusalReasons();

}  // namespace catdpo::demo
