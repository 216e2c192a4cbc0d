// SPDX-License-Identifier: MIT
// Per-category bars of one evaluation metric (safe ratio by default), one bar group per
// category and one bar per run or method, with each series' Macro as a dashed line and its
// Macro / Worst-3 / Gap / Variance printed under the chart. The summaries are the ones the
// engine computed (EvalResult), shown as given: one definition of each number, in core.
#pragma once

#include <string>
#include <vector>

#include "eval/eval_result.h"
#include "ui/plots/plot_widget.h"

class QCPBars;
class QCPBarsGroup;
class QCPItemStraightLine;

namespace catdpo::ui {

enum class BarMetric {
  Auto,                 // generated safe ratio when judged, else implicit accuracy
  SafeRatio,            // generated responses judged safe
  ImplicitAccuracy,     // implicit reward prefers the safe response
  ImplicitProbability,  // mean σ(β z) of that preference
};

class CategoryBarChart : public PlotWidget {
  Q_OBJECT
 public:
  explicit CategoryBarChart(QWidget* parent = nullptr);
  ~CategoryBarChart() override;

  void setCategories(const std::vector<std::string>& names);
  int categoryCount() const { return int(m_names.size()); }

  void setMetric(BarMetric metric);
  BarMetric metric() const { return m_metric; }

  // Live view: replaces all series with this evaluation, labelled by its step.
  void setEvaluation(const catdpo::EvalResult& result);
  // Comparison: adds one series (run or method) next to the existing ones.
  void addEvaluation(const QString& label, const catdpo::EvalResult& result);
  // Values are ratios in [0, 1] per category index; NaN means "not observed" (no bar).
  void addSeries(const QString& label, const std::vector<double>& values,
                 const catdpo::CategorySummary& summary);
  void clearSeries();

  int seriesCount() const;
  QString seriesLabel(int series) const;
  QCPBars* bars(int series) const;
  catdpo::CategorySummary summary(int series) const;
  // Where the dashed Macro line of `series` sits, in percent.
  double macroLineValue(int series) const;
  // The summary text under the chart, one line per series.
  QString summaryText() const;

  // The metric Auto resolves to for `result`, and its values and summary.
  static BarMetric resolveMetric(BarMetric metric, const catdpo::EvalResult& result);
  static std::vector<double> metricValues(BarMetric metric, const catdpo::EvalResult& result,
                                          int categoryCount);
  static catdpo::CategorySummary metricSummary(BarMetric metric, const catdpo::EvalResult& result);

 protected:
  void applyTheme() override;

 private:
  struct Series;
  void updateAxes();
  void updateSummaryText();
  void onMouseMove(QMouseEvent* event);
  QString summaryLine(const Series& series) const;
  void ensureCategories(const catdpo::EvalResult& result);

  std::vector<std::string> m_names;
  BarMetric m_metric = BarMetric::Auto;
  BarMetric m_shownMetric = BarMetric::SafeRatio;
  std::vector<Series> m_series;
  QCPBarsGroup* m_group = nullptr;
  QCPTextElement* m_summary = nullptr;
};

}  // namespace catdpo::ui
