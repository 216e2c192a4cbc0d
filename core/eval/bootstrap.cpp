// SPDX-License-Identifier: MIT
// SplitMix64 draws (common/splitmix.h: the same numbers on every platform), Bernoulli resampling of
// each category's answers, and the summary of eval/summary.h on every resample.
#include "eval/bootstrap.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "common/error.h"
#include "common/splitmix.h"
#include "eval/summary.h"

namespace catdpo {

namespace {

struct Stats {
  double macro = 0, worst3 = 0, gap = 0;
};

Stats summaryOf(const EvalCounts& counts, SplitMix* rng) {
  std::vector<std::pair<int, double>> ratios;
  for (const CategoryTally& c : counts) {
    if (c.n <= 0) continue;
    int safe = c.safe;
    if (rng) {
      const double p = static_cast<double>(c.safe) / c.n;
      safe = 0;
      for (int i = 0; i < c.n; ++i) safe += rng->uniform() < p ? 1 : 0;
    }
    ratios.emplace_back(c.category, static_cast<double>(safe) / c.n);
  }
  const CategorySummary s = summarize(ratios);
  return {s.macro, s.worst3, s.gapPoints};
}

Stats meanOver(const std::vector<EvalCounts>& runs, const std::vector<std::size_t>& pick,
               SplitMix* rng) {
  Stats out;
  for (std::size_t i : pick) {
    const Stats s = summaryOf(runs[i], rng);
    out.macro += s.macro;
    out.worst3 += s.worst3;
    out.gap += s.gap;
  }
  const double n = static_cast<double>(pick.size());
  return {out.macro / n, out.worst3 / n, out.gap / n};
}

std::vector<EvalCounts> withData(const std::vector<EvalCounts>& runs) {
  std::vector<EvalCounts> out;
  for (const EvalCounts& r : runs) {
    bool any = false;
    for (const CategoryTally& c : r) {
      if (c.n < 0 || c.safe < 0 || c.safe > c.n)
        throw Error("bootstrap: a category has " + std::to_string(c.safe) + " safe of " +
                    std::to_string(c.n) + " answers");
      any = any || c.n > 0;
    }
    if (any) out.push_back(r);
  }
  return out;
}

Interval percentile(std::vector<double> v, double level) {
  std::sort(v.begin(), v.end());
  const double alpha = (1 - level) / 2;
  const auto at = [&v](double q) {
    const double pos = q * static_cast<double>(v.size() - 1);
    const std::size_t lo = static_cast<std::size_t>(std::floor(pos));
    const std::size_t hi = std::min(v.size() - 1, lo + 1);
    return v[lo] + (v[hi] - v[lo]) * (pos - static_cast<double>(lo));
  };
  return {at(alpha), at(1 - alpha)};
}

std::vector<std::size_t> identity(std::size_t n) {
  std::vector<std::size_t> out(n);
  for (std::size_t i = 0; i < n; ++i) out[i] = i;
  return out;
}

std::vector<std::size_t> draw(std::size_t n, SplitMix& rng) {
  std::vector<std::size_t> out(n);
  for (std::size_t& i : out) i = rng.below(n);
  return out;
}

void checkOptions(const BootstrapOptions& o) {
  if (o.resamples < 1 || o.resamples > 1000000)
    throw Error("bootstrap: resamples must be in [1, 1000000]");
  if (!(o.level > 0 && o.level < 1)) throw Error("bootstrap: level must be in (0, 1)");
}

SummaryEstimate finish(const Stats& point, std::vector<double>& m, std::vector<double>& w,
                       std::vector<double>& g, int runs, const BootstrapOptions& o) {
  SummaryEstimate out;
  out.macro = point.macro;
  out.worst3 = point.worst3;
  out.gap = point.gap;
  out.macroCi = percentile(m, o.level);
  out.worst3Ci = percentile(w, o.level);
  out.gapCi = percentile(g, o.level);
  out.runs = runs;
  out.resamples = o.resamples;
  out.valid = true;
  return out;
}

}  // namespace

EvalCounts countsOf(const EvalResult& result) {
  EvalCounts out;
  for (const CategoryEvalResult& c : result.categories)
    if (c.generatedCount > 0) out.push_back({c.category, c.generatedCount, c.generatedSafe});
  return out;
}

SummaryEstimate bootstrapSummary(const std::vector<EvalCounts>& input, const BootstrapOptions& o) {
  checkOptions(o);
  const std::vector<EvalCounts> runs = withData(input);
  if (runs.empty()) return {};
  const Stats point = meanOver(runs, identity(runs.size()), nullptr);
  SplitMix rng(o.seed);
  std::vector<double> m, w, g;
  for (int r = 0; r < o.resamples; ++r) {
    const Stats s = meanOver(runs, draw(runs.size(), rng), &rng);
    m.push_back(s.macro);
    w.push_back(s.worst3);
    g.push_back(s.gap);
  }
  return finish(point, m, w, g, static_cast<int>(runs.size()), o);
}

SummaryEstimate bootstrapDifference(const std::vector<EvalCounts>& inputA,
                                    const std::vector<EvalCounts>& inputB,
                                    const BootstrapOptions& o) {
  checkOptions(o);
  const bool paired = inputA.size() == inputB.size();
  std::vector<EvalCounts> a, b;
  if (paired) {
    // Pairs of runs (one seed each) where both have judged answers.
    for (std::size_t i = 0; i < inputA.size(); ++i) {
      if (withData({inputA[i]}).empty() || withData({inputB[i]}).empty()) continue;
      a.push_back(inputA[i]);
      b.push_back(inputB[i]);
    }
  } else {
    a = withData(inputA);
    b = withData(inputB);
  }
  if (a.empty() || b.empty()) return {};
  const Stats pa = meanOver(a, identity(a.size()), nullptr);
  const Stats pb = meanOver(b, identity(b.size()), nullptr);
  SplitMix rng(o.seed);
  std::vector<double> m, w, g;
  for (int r = 0; r < o.resamples; ++r) {
    const std::vector<std::size_t> pickA = draw(a.size(), rng);
    const std::vector<std::size_t> pickB = paired ? pickA : draw(b.size(), rng);
    const Stats sa = meanOver(a, pickA, &rng);
    const Stats sb = meanOver(b, pickB, &rng);
    m.push_back(sa.macro - sb.macro);
    w.push_back(sa.worst3 - sb.worst3);
    g.push_back(sa.gap - sb.gap);
  }
  return finish({pa.macro - pb.macro, pa.worst3 - pb.worst3, pa.gap - pb.gap}, m, w, g,
                static_cast<int>(std::min(a.size(), b.size())), o);
}

}  // namespace catdpo
