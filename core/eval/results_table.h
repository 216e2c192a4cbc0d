// SPDX-License-Identifier: MIT
// The results table every comparison shows — the Markdown of `catdpo sweep`, the `--json` of
// `catdpo sweep` and `catdpo compare`, and the app's Compare and Sweeps views: its columns
// (key, title, unit, scale, decimals, direction) and the one rule that marks the best value of
// a column. Plain arithmetic, no LibTorch.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace catdpo {

struct EvalResult;

enum class ResultDirection {
  HigherIsBetter,
  LowerIsBetter,
  Diagnostic,  // shown, never ranked (the implicit metrics: any margin raises them)
};

enum class ResultColumnId {
  SafeMacro,
  SafeWorst3,
  SafeGap,
  SafeVariance,
  ImplicitMacro,
  ImplicitWorst3,
  ImplicitGap,
  ImplicitVariance,
  Helpfulness,
  OverRefusal,
  BorderlineRefusal,
};

struct ResultColumn {
  ResultColumnId id;
  const char* key;    // JSON key, e.g. "safe_worst3"
  const char* title;  // English table header with its arrow, e.g. "Safe Worst-3 ↑"
  const char* unit;   // "%", "pp" (points), "×10⁻³"
  double scale;       // stored value × scale = shown value (ratios → percent)
  int decimals;       // shown precision
  ResultDirection direction;
};

// Every column, in ResultColumnId order (resultColumns()[size_t(id)] is the column of id).
const std::vector<ResultColumn>& resultColumns();
const ResultColumn& resultColumn(ResultColumnId id);

// The stored value as shown: scaled, rounded to the column's decimals ("12.5").
std::string formatResult(const ResultColumn& column, double value);

// The one "best" rule. For each row, whether its value is the best of the column: values are
// compared as shown (scaled and rounded to the column's decimals), so every row that ties on
// screen is marked; nothing is marked when fewer than two rows have a value or the column is a
// diagnostic. Rows without a value are never best.
std::vector<bool> bestRows(const ResultColumn& column,
                           const std::vector<std::optional<double>>& values);

// One evaluation's value in a column, in stored units (ratios, Gap in points, Variance ×10³):
// nullopt when it has none (no judged answers for the safe columns, no helpfulness pairs, an
// over-refusal rate that is missing or pooled from before schema 4). The implicit columns are
// the implicit safety probability σ(β·z).
std::optional<double> resultValue(const EvalResult& evaluation, ResultColumnId column);

// The best marks of a comparison of runs' evaluations (nullptr: a run without one), per column
// of resultColumns(): marks[column index][run]. The safe columns are ranked only when every
// evaluated run has a judged evaluation (a judged run is not ranked against unjudged ones).
// `catdpo compare` and the app's Compare view both mark by this.
std::vector<std::vector<bool>> comparisonBest(const std::vector<const EvalResult*>& evaluations);

}  // namespace catdpo
