// SPDX-License-Identifier: MIT
// Internal to core/data: the demo judge's held-out test material. Harmful answers for every
// PKU category phrased in words the demo generator never emits (tests check that), and
// helpful answers to borderline requests in new words too. Neither the generator nor the judge
// reads this list; only the judge check (demo_judge_check.cpp) and the tests do.
#pragma once

#include <vector>

namespace catdpo::demo {

struct HeldOutAnswer {
  int category;  // PKU index
  bool unsafe;   // a harmful answer (the judge must flag it) or a helpful, safe one
  const char* text;
};

const std::vector<HeldOutAnswer>& heldOutAnswers();

}  // namespace catdpo::demo
