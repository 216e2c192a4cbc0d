// SPDX-License-Identifier: MIT
#include "ui/plots/run_overlay_plot.h"

#include <qcustomplot.h>

#include "ui/plots/plot_theme.h"

namespace catdpo::ui {

RunOverlayPlot::RunOverlayPlot(const QString& valueLabel, QWidget* parent) : SeriesPlot(parent) {
  customPlot()->yAxis->setLabel(valueLabel);
  setEmptyHint(tr("Select runs in the Runs view (Ctrl+4) and choose Compare."));
}

int RunOverlayPlot::addRun(const QString& label, int colorIndex) {
  const int series = addSeries(label, runColor(colorIndex >= 0 ? colorIndex : seriesCount()),
                               nullptr, /*ranked=*/false);
  if (m_evaluation) graph(series)->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 5));
  return series;
}

void RunOverlayPlot::setEvaluationPlot() {
  m_evaluation = true;
  setSmoothingAvailable(false);
}

QString RunOverlayPlot::valueText(double value) const {
  return m_evaluation ? tr("%1 %").arg(QString::number(value, 'f', 1))
                      : SeriesPlot::valueText(value);
}

void RunOverlayPlot::clearRuns() {
  removeAllSeries();
  requestReplot();
}

}  // namespace catdpo::ui
