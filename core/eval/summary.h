// SPDX-License-Identifier: MIT
// Summaries of one per-category metric over K categories, as docs/METHODS.md (section 3) defines
// them: Macro, Worst-3, Gap (percentage points), Variance (x10^3), each naming the categories that
// produced it. Plain arithmetic on (category, value) pairs; no LibTorch, usable from ui/.
#pragma once

#include <utility>
#include <vector>

#include "eval/eval_result.h"

namespace catdpo {

// perCategory: (category index, value) for every category that has at least one observation
// (callers leave out categories with no data rather than passing 0). Values are ratios in
// [0, 1] for the safe-ratio metrics; Gap is (max - min) * 100 either way.
// Ties are broken by the lower category index, so the result is deterministic.
// Throws catdpo::Error on a non-finite value or a category given twice.
CategorySummary summarize(const std::vector<std::pair<int, double>>& perCategory);

}  // namespace catdpo
