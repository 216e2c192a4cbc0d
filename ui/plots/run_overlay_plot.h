// SPDX-License-Identifier: MIT
// One curve per run over training steps, for comparing runs on one quantity (λ_k, g_k or the
// safe ratio of a chosen category), in the run palette: the n-th run has the same colour in
// the legend, the curves, the bars and every export. A SeriesPlot, so it shares hover,
// smoothing, legend toggling, bands, zoom and export.
#pragma once

#include <QString>

#include "ui/plots/series_plot.h"

namespace catdpo::ui {

class RunOverlayPlot : public SeriesPlot {
  Q_OBJECT
 public:
  explicit RunOverlayPlot(const QString& valueLabel, QWidget* parent = nullptr);

  // Adds a run's curve in runColor(colorIndex) (default: its position); returns its index.
  int addRun(const QString& label, int colorIndex = -1);
  void clearRuns();
  // For a quantity measured at evaluations (the safe ratio, in percent): points marked, no
  // smoothing (a few points), values printed as percentages.
  void setEvaluationPlot();

 protected:
  QString valueText(double value) const override;

 private:
  bool m_evaluation = false;
};

}  // namespace catdpo::ui
