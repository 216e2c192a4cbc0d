// SPDX-License-Identifier: MIT
#include "ui/plots/run_overlay_plot.h"

#include <qcustomplot.h>

#include "ui/plots/plot_theme.h"

namespace catdpo::ui {

RunOverlayPlot::RunOverlayPlot(const QString& valueLabel, QWidget* parent) : SeriesPlot(parent) {
  customPlot()->yAxis->setLabel(valueLabel);
}

int RunOverlayPlot::addRun(const QString& label) {
  // Spread runs over the palette so two runs never get neighbouring hues.
  return addSeries(label, categoryColor(seriesCount() * 5));
}

void RunOverlayPlot::clearRuns() {
  removeAllSeries();
  requestReplot();
}

}  // namespace catdpo::ui
