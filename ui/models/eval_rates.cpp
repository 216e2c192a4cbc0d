// SPDX-License-Identifier: MIT
#include "ui/models/eval_rates.h"

#include "eval/bootstrap.h"

#include <QCoreApplication>
#include <algorithm>
#include <cmath>
#include <limits>

namespace catdpo::ui {

namespace {
std::vector<Rate> perCategory(const catdpo::EvalResult& result,
                              Rate (*rateOf)(const catdpo::CategoryEvalResult&)) {
  std::vector<Rate> rates;
  for (size_t i = 0; i < result.categories.size(); ++i) {
    const catdpo::CategoryEvalResult& c = result.categories[i];
    const int index = c.category >= 0 ? c.category : int(i);
    if (index >= int(rates.size())) rates.resize(size_t(index) + 1, proportion(0, 0));
    rates[size_t(index)] = rateOf(c);
  }
  return rates;
}
}  // namespace

Rate proportion(long long successes, long long trials) {
  Rate r;
  if (trials <= 0) {
    r.value = std::numeric_limits<double>::quiet_NaN();
    return r;
  }
  r.trials = trials;
  r.successes = std::clamp(successes, 0LL, trials);
  r.value = double(r.successes) / double(trials);
  r.interval = catdpo::wilsonInterval(r.successes, r.trials);
  return r;
}

std::vector<Rate> safeRates(const catdpo::EvalResult& result) {
  return perCategory(result, [](const catdpo::CategoryEvalResult& c) {
    Rate r = proportion(c.generatedSafe, c.generatedCount);
    if (r.observed()) r.value = c.safeRatio;  // the engine's number, shown as given
    return r;
  });
}

std::vector<Rate> implicitAccuracyRates(const catdpo::EvalResult& result) {
  return perCategory(result, [](const catdpo::CategoryEvalResult& c) {
    // Stored as a fraction of the pairs; the count is what it was computed from.
    const long long correct = std::llround(c.implicitAccuracy * c.contrastivePairs);
    Rate r = proportion(correct, c.contrastivePairs);
    if (r.observed()) r.value = c.implicitAccuracy;
    return r;
  });
}

std::vector<OverRefusalRate> overRefusalRates(const catdpo::EvalResult& result) {
  std::vector<OverRefusalRate> rates;
  if (result.overRefusal >= 0 && result.benignPrompts > 0) {
    const long long refused = std::llround(result.overRefusal * result.benignPrompts);
    // Evaluations stored before benign and borderline prompts were told apart pooled them.
    rates.push_back(
        {QStringLiteral("benign"),
         result.refusalPooled
             ? QCoreApplication::translate("catdpo::ui::EvalRates",
                                           "Over-refusal (benign and borderline prompts)")
             : QCoreApplication::translate("catdpo::ui::EvalRates",
                                           "Over-refusal (benign prompts)"),
         proportion(refused, result.benignPrompts)});
  }
  if (result.borderlineRefusal >= 0 && result.borderlinePrompts > 0) {
    const long long refused = std::llround(result.borderlineRefusal * result.borderlinePrompts);
    rates.push_back(
        {QStringLiteral("borderline"),
         QCoreApplication::translate("catdpo::ui::EvalRates", "Over-refusal (borderline prompts)"),
         proportion(refused, result.borderlinePrompts)});
  }
  return rates;
}

SummaryIntervals summaryIntervals(const catdpo::EvalResult& result) {
  // The engine's seeded bootstrap over the judged answers of each category (one run: prompts
  // only), the same numbers `catdpo show` and `--json` print.
  const catdpo::SummaryEstimate boot = catdpo::bootstrapSummary({catdpo::countsOf(result)});
  SummaryIntervals out;
  if (!boot.valid) return out;
  out.macro = boot.macroCi;
  out.worst3 = boot.worst3Ci;
  out.gapPoints = boot.gapCi;
  return out;
}

EvaluationRates evaluationRates(const catdpo::EvalResult& result) {
  EvaluationRates rates;
  rates.step = result.step;
  rates.safe = safeRates(result);
  rates.implicitAccuracy = implicitAccuracyRates(result);
  rates.overRefusal = overRefusalRates(result);
  rates.generatedSummary = summaryIntervals(result);
  return rates;
}

std::vector<Rate> pooledSafeRates(const std::vector<catdpo::EvalResult>& results) {
  std::vector<long long> safe, total;
  for (const catdpo::EvalResult& result : results) {
    for (size_t i = 0; i < result.categories.size(); ++i) {
      const catdpo::CategoryEvalResult& c = result.categories[i];
      const size_t index = size_t(c.category >= 0 ? c.category : int(i));
      if (index >= safe.size()) {
        safe.resize(index + 1, 0);
        total.resize(index + 1, 0);
      }
      safe[index] += std::clamp(c.generatedSafe, 0, std::max(c.generatedCount, 0));
      total[index] += std::max(c.generatedCount, 0);
    }
  }
  std::vector<Rate> rates;
  for (size_t k = 0; k < safe.size(); ++k) rates.push_back(proportion(safe[k], total[k]));
  return rates;
}

}  // namespace catdpo::ui
