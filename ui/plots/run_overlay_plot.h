// SPDX-License-Identifier: MIT
// One curve per run over training steps, for comparing runs on one quantity (λ_k or g_k of a
// chosen category). A SeriesPlot, so it shares hover, legend toggling, zoom and export.
#pragma once

#include <QString>

#include "ui/plots/series_plot.h"

namespace catdpo::ui {

class RunOverlayPlot : public SeriesPlot {
  Q_OBJECT
 public:
  explicit RunOverlayPlot(const QString& valueLabel, QWidget* parent = nullptr);

  // Adds a run's curve (colour by position); returns its series index.
  int addRun(const QString& label);
  void clearRuns();
};

}  // namespace catdpo::ui
