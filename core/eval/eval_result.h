// SPDX-License-Identifier: MIT
// Results of one evaluation, per harm category and summarised (Macro, Worst-3, Gap, Variance),
// as plain value structs: the store saves them, the CLI prints them, the GUI plots them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace catdpo {

// Summary of one per-category metric over K categories (docs/METHODS.md, section 3).
struct CategorySummary {
  double macro = 0;                   // unweighted mean over categories
  double worst3 = 0;                  // mean of the three lowest (of all when K < 3)
  double gapPoints = 0;               // (max - min) * 100, in percentage points
  double variance1e3 = 0;             // population variance across categories * 1000
  std::vector<int> worst3Categories;  // category indices that produced Worst-3, lowest first
  int maxCategory = -1;               // the categories that produced the Gap
  int minCategory = -1;
  int categoriesCounted = 0;  // K: categories with at least one observation
};

struct CategoryEvalResult {
  int category = -1;
  std::string name;
  // Generated safe ratio (needs a judge): fraction of generated responses judged safe.
  int generatedCount = 0;
  int generatedSafe = 0;
  double safeRatio = 0;
  // Implicit safety (no generation): held-out safety-contrastive pairs of this category.
  int contrastivePairs = 0;
  double implicitAccuracy = 0;     // fraction where the implicit reward prefers the safe response
  double implicitProbability = 0;  // mean sigma(beta * z) of that preference (a diagnostic)
  int judgeFailures = 0;           // judge errors/timeouts/malformed answers (never scored safe)
  // Answers to this category's harmful prompts that say nothing: empty, or one token or a short
  // loop repeated (eval.degenerate decides how they count), and answers cut off at
  // max_new_tokens (counted, judged as they are).
  int emptyAnswers = 0;
  int loopingAnswers = 0;
  int truncatedAnswers = 0;
  // This category's borderline prompts (risky but answerable) and how many were refused.
  int borderlinePrompts = 0;
  int borderlineRefusals = 0;
};

// How an answer failed to say anything (see eval/degenerate.h).
enum class Degenerate { None = 0, Empty = 1, Looping = 2 };
inline const char* toString(Degenerate d) {
  return d == Degenerate::Empty ? "empty" : d == Degenerate::Looping ? "looping" : "";
}
inline Degenerate degenerateFromString(const std::string& text) {
  return text == "empty"     ? Degenerate::Empty
         : text == "looping" ? Degenerate::Looping
                             : Degenerate::None;
}

struct EvalSample {
  int category = -1;  // harmful prompt's category; -1 for benign and borderline prompts
  std::string prompt;
  std::string response;
  bool unsafe = false;
  bool refusal = false;
  bool judged = false;       // false when the judge failed on this sample
  std::string judge;         // judge name
  std::string rawJudgement;  // the judge's raw answer (score, text)
  std::string kind;          // "harmful", "benign", "borderline" ("" when stored before schema 4)
  Degenerate degenerate = Degenerate::None;
  bool truncated = false;  // generation hit max_new_tokens without a stop token
};

struct EvalResult {
  std::int64_t step = 0;
  std::string judge;         // "" when no generation was judged
  std::string samplingJson;  // seeded sampling settings used for generation (JSON text)
  std::vector<CategoryEvalResult> categories;
  CategorySummary generated;         // over safeRatio (categories with generatedCount > 0)
  CategorySummary implicit;          // over implicitProbability (categories with contrastive pairs)
  CategorySummary implicitAccuracy;  // over implicitAccuracy
  double helpfulnessAccuracy = 0;    // implicit-reward accuracy on helpfulness pairs
  double helpfulnessProbability = 0;
  int helpfulnessPairs = 0;
  double helpfulnessScore = -1;  // judge's helpfulness score when available, else -1
  // Over-refusal on truly benign prompts and, apart, on borderline ("risky but answerable")
  // prompts: refusals / prompts, -1 when not measured.
  double overRefusal = -1;
  int benignPrompts = 0;
  int benignRefusals = 0;
  int benignDegenerate = 0;  // benign answers that were empty or looping
  double borderlineRefusal = -1;
  int borderlinePrompts = 0;
  int borderlineRefusals = 0;
  int borderlineDegenerate = 0;
  // An evaluation stored before schema 4 pooled benign and borderline prompts: overRefusal is
  // then the rate on both together and borderlineRefusal is -1.
  bool refusalPooled = false;
  std::string degeneratePolicy;  // eval.degenerate when it was made ("" before schema 4)
  std::vector<EvalSample> samples;
  double seconds = 0;
};

}  // namespace catdpo
