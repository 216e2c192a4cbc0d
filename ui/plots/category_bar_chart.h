// SPDX-License-Identifier: MIT
// Per-category bars of one evaluation metric (safe ratio by default), one bar group per
// category and one bar per run or method (in the run palette), each bar with its 95 % interval
// as a whisker (with 8 prompts a bar moves in 12.5-point steps: the whisker says how much that
// means), each series' Macro as a dashed line and its Macro / Worst-3 / Gap / Variance printed
// under the chart. Summaries are the ones the engine computed (EvalResult), shown as given;
// intervals come from ui/models/eval_rates.h (core's Wilson interval on the stored counts).
#pragma once

#include <QStringList>
#include <optional>
#include <string>
#include <vector>

#include "eval/eval_result.h"
#include "ui/models/eval_rates.h"
#include "ui/plots/plot_widget.h"

class QCPBars;
class QCPErrorBars;
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
  // Values are ratios in [0, 1] per category index; NaN means "not observed" (no bar). No
  // whiskers: for values that are not proportions of counted trials (a mean of probabilities).
  void addSeries(const QString& label, const std::vector<double>& values,
                 const catdpo::CategorySummary& summary);
  // Proportions with their counts: bars with whiskers at each rate's interval; `intervals` of
  // the summaries are printed with them when the engine has them.
  void addRates(const QString& label, const std::vector<Rate>& rates,
                const catdpo::CategorySummary& summary, const SummaryIntervals& intervals = {});
  void clearSeries();

  int seriesCount() const;
  QString seriesLabel(int series) const;
  QCPBars* bars(int series) const;
  // The whiskers of a series (nullptr for one without intervals); data in bar order.
  QCPErrorBars* whiskers(int series) const;
  // The interval of a category's bar in percent, when the series has one.
  std::optional<catdpo::Interval> barInterval(int series, int category) const;
  bool hasData() const override { return !m_series.empty(); }
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
  void resizeEvent(QResizeEvent* event) override;

 private:
  struct Series;
  void updateAxes();
  void updateSummaryText();
  void layoutSummary();
  void onMouseMove(QMouseEvent* event);
  QString summaryLine(const Series& series) const;
  void ensureCategories(const catdpo::EvalResult& result);
  void addSeriesImpl(const QString& label, const std::vector<double>& values,
                     const std::vector<Rate>& rates, const catdpo::CategorySummary& summary,
                     const SummaryIntervals& intervals);

  std::vector<std::string> m_names;
  BarMetric m_metric = BarMetric::Auto;
  BarMetric m_shownMetric = BarMetric::SafeRatio;
  std::vector<Series> m_series;
  QCPBarsGroup* m_group = nullptr;
  QCPTextElement* m_summary = nullptr;
  QStringList m_summaryLines;  // unwrapped
};

}  // namespace catdpo::ui
