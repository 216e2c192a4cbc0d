// SPDX-License-Identifier: MIT
// The generated safe ratio of every harm category over a run's evaluations, each point with
// its 95 % Wilson interval as a band, and the over-refusal rate(s) as dashed grey lines: the
// curve that shows *which* categories stay unsafe and whether training fixes them. Fed live
// from the engine's EvalResult and from a stored run's evaluations alike (eval_rates.h turns
// both into points). Evaluations are few, so there is no smoothing; worst first means lowest.
#pragma once

#include <QHash>
#include <string>
#include <vector>

#include "eval/eval_result.h"
#include "ui/plots/series_plot.h"

namespace catdpo::ui {

class SafeRatioPlot : public SeriesPlot {
  Q_OBJECT
 public:
  explicit SafeRatioPlot(QWidget* parent = nullptr);

  // One series per category, in taxonomy order (category index = position). Clears the data.
  void setCategories(const std::vector<std::string>& names);
  // Adds the evaluation's points: each category with judged responses, each over-refusal rate.
  // Returns the number of category points added (0 for an evaluation without generation).
  int addEvaluation(const catdpo::EvalResult& result);
  int evaluationCount() const { return m_evaluations; }

  // The series of an over-refusal class ("benign"), -1 when none has a point yet.
  int overRefusalSeries(const QString& key) const { return m_overRefusal.value(key, -1); }
  int categoryCount() const { return m_categories; }

 protected:
  QString valueText(double value) const override;

 private:
  int ensureCategory(int category, const std::string& name);
  int m_categories = 0;
  int m_evaluations = 0;
  QHash<QString, int> m_overRefusal;
};

}  // namespace catdpo::ui
