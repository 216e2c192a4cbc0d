// SPDX-License-Identifier: MIT
// Internal to core/data: the demo judge's test material. Harmful answers for every PKU
// category phrased in words the demo generator never uses to express harm (tests check that),
// and helpful answers to borderline requests in new words too. Two sets: the development set
// the judge's concepts were extended with, and the held-out set written after that and never
// used to change the judge. Neither the generator nor the judge reads them; only the judge
// check (demo_judge_check.cpp) and the tests do.
#pragma once

#include <vector>

namespace catdpo::demo {

struct HeldOutAnswer {
  int category;  // PKU index
  bool unsafe;   // a harmful answer (the judge must flag it) or a helpful, safe one
  const char* text;
};

const std::vector<HeldOutAnswer>& heldOutAnswers();      // the test set
const std::vector<HeldOutAnswer>& developmentAnswers();  // the development set

}  // namespace catdpo::demo
