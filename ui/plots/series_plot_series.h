// SPDX-License-Identifier: MIT
// SeriesPlot's per-series state, shared by its two implementation files (data and drawing).
// Internal to ui/plots: nothing outside SeriesPlot includes it.
#pragma once

#include <qcustomplot.h>
#include <limits>

#include "ui/plots/series_plot.h"
#include "ui/plots/series_smoothing.h"

namespace catdpo::ui {

struct SeriesPlot::Series {
  QString name;
  QColor color;
  bool ranked = true;
  bool visible = true;
  Qt::PenStyle penStyle = Qt::SolidLine;
  QCPGraph* raw = nullptr;     // every point as fed
  QCPGraph* smooth = nullptr;  // the smoothed curve; empty while smoothing is off
  QCPGraph* bandLow = nullptr;
  QCPGraph* bandHigh = nullptr;
  QVector<QCPGraphData> pending, pendingLow, pendingHigh;
  bool pendingSorted = true;
  double lastKey = -std::numeric_limits<double>::infinity();
  int count = 0;
  // Running bounds of everything appended (bands included), so following the data never
  // scans the graphs.
  double minKey = std::numeric_limits<double>::infinity(),
         maxKey = -std::numeric_limits<double>::infinity();
  double minValue = std::numeric_limits<double>::infinity(),
         maxValue = -std::numeric_limits<double>::infinity();
  double minPositive = std::numeric_limits<double>::infinity();
  Smoother smoother;
};

}  // namespace catdpo::ui
