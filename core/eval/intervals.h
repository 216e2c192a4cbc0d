// SPDX-License-Identifier: MIT
// Confidence intervals for the proportions the evaluation reports (a category's safe ratio, an
// over-refusal rate): the Wilson score interval, which stays inside [0, 1] and is honest at the
// small counts a category has (8-64 prompts), where the normal approximation is not.
// Plain arithmetic, no LibTorch: the store, the CLI and the GUI all draw the same whiskers.
#pragma once

namespace catdpo {

// Two-sided standard normal quantile of a 95 % interval.
inline constexpr double kZ95 = 1.959963984540054;

struct Interval {
  double low = 0;
  double high = 0;
  bool valid() const { return low <= high; }
};

// Wilson score interval for `successes` out of `trials` at normal quantile z (95 % by default).
// trials == 0 gives the uninformative [0, 1]. Throws catdpo::Error when successes is outside
// [0, trials] or z is not positive and finite.
Interval wilsonInterval(long long successes, long long trials, double z = kZ95);

// Standard normal quantile Phi^-1(p) for 0 < p < 1 (for intervals at other confidence levels:
// z = normalQuantile(1 - alpha / 2)); accurate to about 1e-9. Throws outside (0, 1).
double normalQuantile(double p);

}  // namespace catdpo
