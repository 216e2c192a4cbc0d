// SPDX-License-Identifier: MIT
// The rates an evaluation reports, each with its 95 % interval, as the plots draw them: the
// safe-ratio curves and bars of every category, the over-refusal series, the whiskers. This is
// the one place that turns an EvalResult into drawable rates: intervals come from core's
// wilsonInterval (eval/intervals.h) on the stored counts, never from a second formula here.
// Over-refusal is a list so that a split into benign and borderline prompts adds an entry in
// overRefusalRates() and nothing downstream changes; summary intervals (Macro, Worst-3, Gap)
// arrive through summaryIntervals() the same way once the engine reports them.
#pragma once

#include <QString>
#include <cstdint>
#include <optional>
#include <vector>

#include "eval/eval_result.h"
#include "eval/intervals.h"

namespace catdpo::ui {

// A proportion with its count and 95 % Wilson interval; value is NaN when nothing was counted.
struct Rate {
  double value = 0;
  long long successes = 0;
  long long trials = 0;
  catdpo::Interval interval{0, 1};
  bool observed() const { return trials > 0; }
};

// `successes` of `trials` (trials <= 0: not observed). Counts out of range are clamped.
Rate proportion(long long successes, long long trials);

// One over-refusal measurement of an evaluation (a prompt class).
struct OverRefusalRate {
  QString key;    // stable: "benign" or "borderline"
  QString label;  // for legends: "Over-refusal (benign prompts)"
  Rate rate;
};

// Interval of a summary (Macro, Worst-3, Gap) when the engine computed one.
struct SummaryIntervals {
  std::optional<catdpo::Interval> macro;
  std::optional<catdpo::Interval> worst3;
  std::optional<catdpo::Interval> gapPoints;
  bool any() const { return macro || worst3 || gapPoints; }
};

struct EvaluationRates {
  std::int64_t step = 0;
  std::vector<Rate> safe;              // generated safe ratio per category index
  std::vector<Rate> implicitAccuracy;  // implicit safety accuracy per category index
  std::vector<OverRefusalRate> overRefusal;
  SummaryIntervals generatedSummary;
};

// The generated safe ratio of each category (index = category), judged responses only.
std::vector<Rate> safeRates(const catdpo::EvalResult& result);
// Implicit safety accuracy per category: a proportion of held-out safety-contrastive pairs.
std::vector<Rate> implicitAccuracyRates(const catdpo::EvalResult& result);
// Over-refusal per prompt class that the evaluation measured (empty when none was).
std::vector<OverRefusalRate> overRefusalRates(const catdpo::EvalResult& result);
// Macro/Worst-3/Gap intervals of the generated safe ratio: the engine's bootstrap over the
// evaluation's judged answers (empty without any).
SummaryIntervals summaryIntervals(const catdpo::EvalResult& result);

EvaluationRates evaluationRates(const catdpo::EvalResult& result);

// Safe ratio per category over several evaluations (a method's seeds in a sweep): the counts
// pooled, so the interval is the Wilson interval of all its judged responses together. It
// covers prompt sampling, not the spread between seeds; where the engine reports intervals
// over prompts and seeds (bootstrap), those belong here instead.
std::vector<Rate> pooledSafeRates(const std::vector<catdpo::EvalResult>& results);

}  // namespace catdpo::ui
