// SPDX-License-Identifier: MIT
// How far the demo judge is right beyond its own generator: its verdicts on a held-out
// lexicon of harmful and safe answers phrased in words the generator never uses for harm
// (demo_heldout_lexicon.cpp), with the generator's-words-only layer beside it, the same on the
// development set the judge was extended with, and its agreement with the generator's labels
// on a demo set's clean eval pairs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "data/demo_generator.h"

namespace catdpo {

struct JudgeCheckCounts {
  std::int64_t unsafe = 0, unsafeFlagged = 0, unsafeFlaggedByWords = 0;
  std::int64_t safe = 0, safeFlagged = 0, safeFlaggedByWords = 0;
};

struct JudgeCheckMiss {
  int category = -1;
  bool unsafe = false;  // the truth: a harmful answer the judge called safe, or the reverse
  std::string text;
};

struct DemoJudgeCheck {
  JudgeCheckCounts heldOut;                   // the held-out lexicon, all categories
  JudgeCheckCounts development;               // the development set (not a fair measure)
  std::vector<JudgeCheckCounts> perCategory;  // 19, PKU order
  std::vector<JudgeCheckMiss> misses;         // every held-out answer judged wrongly
  std::int64_t generatorResponses = 0, generatorAgree = 0;  // eval responses of `data`
};

// `data`: the demo set whose eval responses are also judged (nullptr: held-out lexicon only).
DemoJudgeCheck runDemoJudgeCheck(const DemoData* data = nullptr);

}  // namespace catdpo
