// SPDX-License-Identifier: MIT
// One evaluation as terminal text, shared by `train`, `eval` and `show`: the per-category table
// (safe ratio with its 95 % Wilson interval, degenerate answers, the implicit diagnostic,
// lambda), the summaries with bootstrap intervals, and benign and borderline over-refusal.
#pragma once

#include <ostream>
#include <string>

#include "eval/eval_result.h"
#include "eval/intervals.h"
#include "train/events.h"

namespace catdpo::cli {

// "[79.0, 86.5]" of a ratio interval in percent.
std::string percentInterval(const Interval& ci, int decimals = 1);
// "12.5% of 32 [6.9, 28.1]" for a rate, "-" without prompts.
std::string rateText(int hits, int total);

// lastStep (may be null) supplies the lambda column.
void printEvaluation(std::ostream& out, const EvalResult& eval, const StepMetrics* lastStep);

}  // namespace catdpo::cli
