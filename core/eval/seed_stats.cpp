// SPDX-License-Identifier: MIT
// Student's t quantile by bisection on its CDF, written through the regularised incomplete beta
// function (a continued fraction evaluated with the modified Lentz method); the sign-flip test by
// enumerating sign patterns.
#include "eval/seed_stats.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "common/error.h"
#include "common/splitmix.h"
#include "eval/summary.h"

namespace catdpo {

namespace {

// Continued fraction of the incomplete beta function (converges for x < (a + 1) / (a + b + 2)).
double betaContinuedFraction(double a, double b, double x) {
  constexpr double kTiny = 1e-300;
  constexpr double kEps = 1e-16;
  double c = 1.0;
  double d = 1.0 - (a + b) * x / (a + 1.0);
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= 1000; ++m) {
    const double twoM = 2.0 * m;
    // Even step.
    double num = m * (b - m) * x / ((a - 1.0 + twoM) * (a + twoM));
    d = 1.0 + num * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + num / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    h *= d * c;
    // Odd step.
    num = -(a + m) * (a + b + m) * x / ((a + twoM) * (a + 1.0 + twoM));
    d = 1.0 + num * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + num / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    const double step = d * c;
    h *= step;
    if (std::fabs(step - 1.0) < kEps) break;
  }
  return h;
}

// I_x(a, b), the regularised incomplete beta function, for 0 <= x <= 1.
double regularizedBeta(double a, double b, double x) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const double logFront =
      std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  const double front = std::exp(logFront);
  if (x < (a + 1.0) / (a + b + 2.0)) return front * betaContinuedFraction(a, b, x) / a;
  return 1.0 - front * betaContinuedFraction(b, a, 1.0 - x) / b;
}

// P(T <= t) for t >= 0.
double studentTUpperCdf(double t, int df) {
  const double v = static_cast<double>(df);
  return 1.0 - 0.5 * regularizedBeta(v / 2.0, 0.5, v / (v + t * t));
}

}  // namespace

double studentTQuantile(double p, int df) {
  if (!(p > 0 && p < 1)) throw Error("t quantile: the probability must be in (0, 1)");
  if (df < 1) throw Error("t quantile: at least one degree of freedom is needed");
  if (p == 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1.0 - p, df);
  double low = 0, high = 1;
  while (studentTUpperCdf(high, df) < p) {
    low = high;
    high *= 2;
    if (high > 1e12) return high;  // p within rounding of 1
  }
  for (int i = 0; i < 200 && high - low > 1e-12 * std::max(1.0, high); ++i) {
    const double mid = 0.5 * (low + high);
    (studentTUpperCdf(mid, df) < p ? low : high) = mid;
  }
  return 0.5 * (low + high);
}

double smallestSignFlipP(int n) { return n <= 0 ? 1.0 : std::min(1.0, std::ldexp(2.0, -n)); }

double signFlipPValue(const std::vector<double>& d) {
  const std::size_t n = d.size();
  if (n == 0) return 1;
  double observed = 0;
  for (double x : d) observed += x;
  observed = std::fabs(observed);
  const double tolerance = 1e-12 * std::max(1.0, observed);
  if (n <= 16) {
    const std::uint32_t patterns = 1u << n;
    std::uint32_t extreme = 0;
    for (std::uint32_t s = 0; s < patterns; ++s) {
      double sum = 0;
      for (std::size_t i = 0; i < n; ++i) sum += (s >> i & 1u) ? -d[i] : d[i];
      if (std::fabs(sum) >= observed - tolerance) ++extreme;
    }
    return static_cast<double>(extreme) / patterns;
  }
  constexpr std::uint32_t kDraws = 1u << 18;
  SplitMix rng(20260417);
  std::uint32_t extreme = 1;  // the observed pattern
  for (std::uint32_t draw = 0; draw < kDraws; ++draw) {
    double sum = 0;
    std::uint64_t bits = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (i % 64 == 0) bits = rng.next();
      sum += (bits >> (i % 64) & 1u) ? -d[i] : d[i];
    }
    if (std::fabs(sum) >= observed - tolerance) ++extreme;
  }
  return static_cast<double>(extreme) / (kDraws + 1);
}

SeedDifference pairedDifference(const std::vector<double>& a, const std::vector<double>& b,
                                double level) {
  if (a.size() != b.size() || a.empty())
    throw Error("paired difference: needs two equally long, non-empty lists of values");
  if (!(level > 0 && level < 1)) throw Error("paired difference: the level must be in (0, 1)");
  SeedDifference out;
  out.n = static_cast<int>(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) out.perSeed.push_back(a[i] - b[i]);
  for (double x : out.perSeed) out.mean += x;
  out.mean /= out.n;
  if (out.n >= 2) {
    double ss = 0;
    for (double x : out.perSeed) ss += (x - out.mean) * (x - out.mean);
    out.sd = std::sqrt(ss / (out.n - 1));
    const double half =
        studentTQuantile(1.0 - (1.0 - level) / 2.0, out.n - 1) * out.sd / std::sqrt(out.n);
    out.tCi = {out.mean - half, out.mean + half};
    out.hasT = true;
  }
  out.pSignFlip = signFlipPValue(out.perSeed);
  out.pMin = smallestSignFlipP(out.n);
  return out;
}

SeedSummaryDifference pairedSummaryDifference(const std::vector<std::uint64_t>& seeds,
                                              const std::vector<EvalCounts>& a,
                                              const std::vector<EvalCounts>& b, double level) {
  if (seeds.size() != a.size() || a.size() != b.size())
    throw Error("paired summary difference: one seed per pair of runs is needed");
  const auto summaryOf = [](const EvalCounts& counts, bool& any) {
    std::vector<std::pair<int, double>> ratios;
    for (const CategoryTally& c : counts)
      if (c.n > 0) ratios.emplace_back(c.category, static_cast<double>(c.safe) / c.n);
    any = !ratios.empty();
    return summarize(ratios);
  };
  std::vector<std::size_t> order(seeds.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::size_t x, std::size_t y) { return seeds[x] < seeds[y]; });
  SeedSummaryDifference out;
  std::vector<double> am, bm, aw, bw, ag, bg;
  for (std::size_t i : order) {
    bool anyA = false, anyB = false;
    const CategorySummary sa = summaryOf(a[i], anyA);
    const CategorySummary sb = summaryOf(b[i], anyB);
    if (!anyA || !anyB) continue;
    out.seeds.push_back(seeds[i]);
    am.push_back(sa.macro);
    bm.push_back(sb.macro);
    aw.push_back(sa.worst3);
    bw.push_back(sb.worst3);
    ag.push_back(sa.gapPoints);
    bg.push_back(sb.gapPoints);
  }
  if (out.seeds.empty()) return out;
  out.macro = pairedDifference(am, bm, level);
  out.worst3 = pairedDifference(aw, bw, level);
  out.gap = pairedDifference(ag, bg, level);
  out.valid = true;
  return out;
}

}  // namespace catdpo
