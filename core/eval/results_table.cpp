// SPDX-License-Identifier: MIT
#include "eval/results_table.h"

#include <cmath>
#include <cstdio>

#include "common/translate_noop.h"
#include "eval/eval_result.h"

namespace catdpo {

namespace {

using D = ResultDirection;
using C = ResultColumnId;

// Titles are marked for the app's translations in the context "catdpo::results".
const std::vector<ResultColumn> kColumns = {
    {C::SafeMacro, "safe_macro", CATDPO_TRANSLATE_NOOP("catdpo::results", "Safe Macro ↑"), "%", 100,
     1, D::HigherIsBetter},
    {C::SafeWorst3, "safe_worst3", CATDPO_TRANSLATE_NOOP("catdpo::results", "Safe Worst-3 ↑"), "%",
     100, 1, D::HigherIsBetter},
    {C::SafeGap, "safe_gap", CATDPO_TRANSLATE_NOOP("catdpo::results", "Safe Gap ↓"), "pp", 1, 1,
     D::LowerIsBetter},
    {C::SafeVariance, "safe_variance", CATDPO_TRANSLATE_NOOP("catdpo::results", "Safe Var×10³ ↓"),
     "×10⁻³", 1, 2, D::LowerIsBetter},
    {C::ImplicitMacro, "implicit_macro",
     CATDPO_TRANSLATE_NOOP("catdpo::results", "Impl. Macro (diagnostic)"), "%", 100, 1,
     D::Diagnostic},
    {C::ImplicitWorst3, "implicit_worst3",
     CATDPO_TRANSLATE_NOOP("catdpo::results", "Impl. Worst-3 (diagnostic)"), "%", 100, 1,
     D::Diagnostic},
    {C::ImplicitGap, "implicit_gap",
     CATDPO_TRANSLATE_NOOP("catdpo::results", "Impl. Gap (diagnostic)"), "pp", 1, 1, D::Diagnostic},
    {C::ImplicitVariance, "implicit_variance",
     CATDPO_TRANSLATE_NOOP("catdpo::results", "Impl. Var×10³ (diagnostic)"), "×10⁻³", 1, 2,
     D::Diagnostic},
    {C::Helpfulness, "helpfulness", CATDPO_TRANSLATE_NOOP("catdpo::results", "Helpful acc ↑"), "%",
     100, 1, D::HigherIsBetter},
    {C::OverRefusal, "over_refusal",
     CATDPO_TRANSLATE_NOOP("catdpo::results", "Benign over-refusal ↓"), "%", 100, 1,
     D::LowerIsBetter},
    {C::BorderlineRefusal, "borderline_refusal",
     CATDPO_TRANSLATE_NOOP("catdpo::results", "Borderline over-refusal ↓"), "%", 100, 1,
     D::LowerIsBetter},
};

// The value as shown, as a number: what ties are decided on.
double shownValue(const ResultColumn& column, double value) {
  const double p = std::pow(10.0, column.decimals);
  const double rounded = std::round(value * column.scale * p) / p;
  return rounded == 0 ? 0.0 : rounded;  // -0.0 ties with 0.0
}

}  // namespace

const std::vector<ResultColumn>& resultColumns() { return kColumns; }

const ResultColumn& resultColumn(ResultColumnId id) {
  return kColumns[static_cast<std::size_t>(id)];
}

std::string formatResult(const ResultColumn& column, double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", column.decimals, shownValue(column, value));
  return buf;
}

std::vector<bool> bestRows(const ResultColumn& column,
                           const std::vector<std::optional<double>>& values) {
  std::vector<bool> best(values.size(), false);
  if (column.direction == ResultDirection::Diagnostic) return best;
  std::optional<double> top;
  int present = 0;
  for (const auto& v : values) {
    if (!v || !std::isfinite(*v)) continue;
    ++present;
    const double shown = shownValue(column, *v);
    if (!top || (column.direction == ResultDirection::HigherIsBetter ? shown > *top : shown < *top))
      top = shown;
  }
  if (present < 2) return best;
  for (std::size_t i = 0; i < values.size(); ++i)
    best[i] = values[i] && std::isfinite(*values[i]) && shownValue(column, *values[i]) == *top;
  return best;
}

std::optional<double> resultValue(const EvalResult& e, ResultColumnId column) {
  const bool judged = e.generated.categoriesCounted > 0;
  const bool implicit = e.implicit.categoriesCounted > 0;
  switch (column) {
    case ResultColumnId::SafeMacro:
      return judged ? std::optional<double>(e.generated.macro) : std::nullopt;
    case ResultColumnId::SafeWorst3:
      return judged ? std::optional<double>(e.generated.worst3) : std::nullopt;
    case ResultColumnId::SafeGap:
      return judged ? std::optional<double>(e.generated.gapPoints) : std::nullopt;
    case ResultColumnId::SafeVariance:
      return judged ? std::optional<double>(e.generated.variance1e3) : std::nullopt;
    case ResultColumnId::ImplicitMacro:
      return implicit ? std::optional<double>(e.implicit.macro) : std::nullopt;
    case ResultColumnId::ImplicitWorst3:
      return implicit ? std::optional<double>(e.implicit.worst3) : std::nullopt;
    case ResultColumnId::ImplicitGap:
      return implicit ? std::optional<double>(e.implicit.gapPoints) : std::nullopt;
    case ResultColumnId::ImplicitVariance:
      return implicit ? std::optional<double>(e.implicit.variance1e3) : std::nullopt;
    case ResultColumnId::Helpfulness:
      return e.helpfulnessPairs > 0 ? std::optional<double>(e.helpfulnessAccuracy) : std::nullopt;
    case ResultColumnId::OverRefusal:
      return e.overRefusal >= 0 && !e.refusalPooled ? std::optional<double>(e.overRefusal)
                                                    : std::nullopt;
    case ResultColumnId::BorderlineRefusal:
      return e.borderlineRefusal >= 0 ? std::optional<double>(e.borderlineRefusal) : std::nullopt;
  }
  return std::nullopt;
}

std::vector<std::vector<bool>> comparisonBest(const std::vector<const EvalResult*>& evaluations) {
  bool allJudged = false;
  for (const EvalResult* e : evaluations) {
    if (!e) continue;
    if (e->generated.categoriesCounted <= 0) {
      allJudged = false;
      break;
    }
    allJudged = true;
  }
  std::vector<std::vector<bool>> marks;
  for (const ResultColumn& c : kColumns) {
    const bool safe = c.id == ResultColumnId::SafeMacro || c.id == ResultColumnId::SafeWorst3 ||
                      c.id == ResultColumnId::SafeGap || c.id == ResultColumnId::SafeVariance;
    std::vector<std::optional<double>> values;
    for (const EvalResult* e : evaluations)
      values.push_back(e && (!safe || allJudged) ? resultValue(*e, c.id) : std::nullopt);
    marks.push_back(bestRows(c, values));
  }
  return marks;
}

}  // namespace catdpo
