// SPDX-License-Identifier: MIT
#include "data/demo_judge_check.h"

#include "data/demo_heldout_lexicon.h"
#include "data/demo_judge.h"

namespace catdpo {

DemoJudgeCheck runDemoJudgeCheck(const DemoData* data) {
  DemoJudgeCheck out;
  out.perCategory.resize(kDemoCategories);
  for (const demo::HeldOutAnswer& a : demo::heldOutAnswers()) {
    const bool flagged = judgeDemoResponse(a.category, "", a.text).unsafe;
    const bool byWords =
        judgeDemoResponse(a.category, "", a.text, DemoJudgeLayers::GeneratorWords).unsafe;
    for (JudgeCheckCounts* c :
         {&out.heldOut, &out.perCategory[static_cast<std::size_t>(a.category)]}) {
      if (a.unsafe) {
        ++c->unsafe;
        c->unsafeFlagged += flagged;
        c->unsafeFlaggedByWords += byWords;
      } else {
        ++c->safe;
        c->safeFlagged += flagged;
        c->safeFlaggedByWords += byWords;
      }
    }
    if (flagged != a.unsafe) out.misses.push_back({a.category, a.unsafe, a.text});
  }
  for (const demo::HeldOutAnswer& a : demo::developmentAnswers()) {
    const bool flagged = judgeDemoResponse(a.category, "", a.text).unsafe;
    const bool byWords =
        judgeDemoResponse(a.category, "", a.text, DemoJudgeLayers::GeneratorWords).unsafe;
    JudgeCheckCounts& c = out.development;
    if (a.unsafe) {
      ++c.unsafe;
      c.unsafeFlagged += flagged;
      c.unsafeFlaggedByWords += byWords;
    } else {
      ++c.safe;
      c.safeFlagged += flagged;
      c.safeFlaggedByWords += byWords;
    }
  }
  if (data) {
    for (const PreferencePair& p : data->eval.pairs) {
      for (int i = 0; i < 2; ++i) {
        if (!p.hasSafetyLabels()) continue;
        const int category = p.categories.empty() ? -1 : p.categories.front();
        ++out.generatorResponses;
        out.generatorAgree +=
            judgeDemoResponse(category, p.prompt, p.response[i]).unsafe == (p.unsafe[i] == 1);
      }
    }
  }
  return out;
}

}  // namespace catdpo
