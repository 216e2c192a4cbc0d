// SPDX-License-Identifier: MIT
// The run-wide training curves: loss, reward chosen/rejected/margin, accuracy, z, grad norm on
// the left axis and the learning rate on its own right axis (it is orders of magnitude
// smaller). Series are named by the engine's stable metric keys.
#pragma once

#include "train/events.h"
#include "ui/plots/series_plot.h"

namespace catdpo::ui {

class ScalarSeriesPlot : public SeriesPlot {
  Q_OBJECT
 public:
  explicit ScalarSeriesPlot(QWidget* parent = nullptr);

  // Index of the series for a metric key (catdpo::metric::kLoss, ...), -1 if not plotted.
  int seriesIndex(const QString& metricKey) const;
  QString metricKey(int series) const;

  void appendStep(const catdpo::StepMetrics& step);

  // The value a series takes from `step`.
  static double metricValue(const QString& metricKey, const catdpo::StepMetrics& step);

 private:
  QStringList m_keys;  // metric key per series index
};

}  // namespace catdpo::ui
