// SPDX-License-Identifier: MIT
// Intervals for the summaries of the generated safe ratio (Macro, Worst-3, Gap) and for the
// difference of two methods: a seeded percentile bootstrap over seeds and prompts. Each
// resample draws the runs (seeds) with replacement, then within each drawn run each category's
// judged answers with replacement, and recomputes the mean over runs of each run's summary.
// Plain arithmetic on stored counts (no LibTorch): the CLI, the sweep and the GUI agree.
#pragma once

#include <cstdint>
#include <vector>

#include "eval/eval_result.h"
#include "eval/intervals.h"

namespace catdpo {

// One category of one evaluation: judged answers and how many were safe.
struct CategoryTally {
  int category = -1;
  int n = 0;
  int safe = 0;
};
using EvalCounts = std::vector<CategoryTally>;  // one run's evaluation

// The per-category counts of an evaluation (categories with generatedCount > 0).
EvalCounts countsOf(const EvalResult& result);

// 2000 resamples: the percentile interval's ends then move by well under a point between seeds
// of the resampler (checked in test_bootstrap).
inline constexpr int kBootstrapResamples = 2000;
inline constexpr std::uint64_t kBootstrapSeed = 20260417;

struct BootstrapOptions {
  int resamples = kBootstrapResamples;
  std::uint64_t seed = kBootstrapSeed;
  double level = 0.95;
};

// Point estimates (mean over runs of each run's summary) and their percentile intervals.
// Ratios (macro, worst3) in [0, 1]; gap in percentage points. valid is false without data.
struct SummaryEstimate {
  double macro = 0, worst3 = 0, gap = 0;
  Interval macroCi, worst3Ci, gapCi;
  int runs = 0;
  int resamples = 0;
  bool valid = false;
};

// Runs without any judged answer are left out.
SummaryEstimate bootstrapSummary(const std::vector<EvalCounts>& runs,
                                 const BootstrapOptions& options = {});

// a - b. When both have the same number of runs they are paired by index (the runs of one seed
// share their batches), and a resample draws the same run indices for both; otherwise the two
// sets are resampled independently.
SummaryEstimate bootstrapDifference(const std::vector<EvalCounts>& a,
                                    const std::vector<EvalCounts>& b,
                                    const BootstrapOptions& options = {});

}  // namespace catdpo
