// SPDX-License-Identifier: MIT
// The difference between two methods at the level where the replication is: the seed. Each seed
// trains both methods on the same pairs in the same order, so the per-seed differences are the
// independent observations; with few seeds (3-10) their spread, not the prompt noise inside a
// run, is what an interval has to cover. Reported: every per-seed difference, their mean with a
// Student t interval (n - 1 degrees of freedom) and the exact two-sided sign-flip (paired
// permutation) p-value. The bootstrap over seeds and prompts (eval/bootstrap.h) is reported
// beside it, labelled as such. Plain arithmetic (no LibTorch): the CLI, the sweep and the app
// agree.
#pragma once

#include <cstdint>
#include <vector>

#include "eval/bootstrap.h"
#include "eval/intervals.h"

namespace catdpo {

// Quantile of Student's t distribution with `df` degrees of freedom (df >= 1, 0 < p < 1);
// accurate to about 1e-9 (bisection on the CDF through the regularised incomplete beta).
double studentTQuantile(double p, int df);

// Exact two-sided p-value of the sign-flip test of "the per-seed differences are symmetric around
// 0": the share of the 2^n sign patterns whose |mean| is at least the observed |mean| (ties
// within 1e-12 count). n <= 16 is enumerated; larger n uses 2^18 seeded random patterns (the
// observed one counted once more, so p is never 0). n = 0 gives 1. With n pairs no p below 2 / 2^n
// is possible (0.25 at n = 3).
double signFlipPValue(const std::vector<double>& differences);

// The smallest two-sided sign-flip p-value n pairs can give: 2 / 2^n (1 for n = 0).
double smallestSignFlipP(int n);

struct SeedDifference {
  std::vector<double> perSeed;  // a - b, one per paired seed, in seed order
  int n = 0;
  double mean = 0;
  double sd = 0;      // sample standard deviation of the differences (0 for n < 2)
  Interval tCi;       // mean ± t_{1-α/2, n-1} · sd / √n; only when hasT
  bool hasT = false;  // n >= 2
  double pSignFlip = 1;
  double pMin = 1;  // smallest p attainable with n pairs
};

// Paired differences a[i] - b[i] (same length, at least one pair) with their t interval at
// `level` and sign-flip p-value.
SeedDifference pairedDifference(const std::vector<double>& a, const std::vector<double>& b,
                                double level = 0.95);

// The per-seed difference of the generated safe ratio's summaries (Macro and Worst-3 as ratios,
// Gap in points) of two methods' runs paired by seed: a[i] and b[i] are the counts of the runs
// of seeds[i]. Runs without judged answers are left out of the pairing.
struct SeedSummaryDifference {
  std::vector<std::uint64_t> seeds;  // the paired seeds, ascending
  SeedDifference macro, worst3, gap;
  bool valid = false;  // at least one pair
};
SeedSummaryDifference pairedSummaryDifference(const std::vector<std::uint64_t>& seeds,
                                              const std::vector<EvalCounts>& a,
                                              const std::vector<EvalCounts>& b,
                                              double level = 0.95);

}  // namespace catdpo
