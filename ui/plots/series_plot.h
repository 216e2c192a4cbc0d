// SPDX-License-Identifier: MIT
// A plot of several time series over training steps, the shared part of the per-category and
// the scalar plots: one QCPGraph per series, a clickable legend that toggles series, hover
// tooltips, mouse zoom/pan, log scale and an optional dashed reference line.
// Points are queued in per-series buffers and moved into the graphs in one sorted batch per
// replot; the axes follow the data (from running bounds, never a scan of all points) until
// the user zooms or pans, and a double-click or "Fit" follows again. GUI thread only.
#pragma once

#include <QString>
#include <QVector>
#include <optional>
#include <vector>

#include "ui/plots/plot_widget.h"

class QCPAxis;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QCPAbstractLegendItem;
class QCPLegend;
class QMouseEvent;
struct QCPGraphData;

namespace catdpo::ui {

class SeriesPlot : public PlotWidget {
  Q_OBJECT
 public:
  struct HoverPoint {
    int series = -1;
    double key = 0;
    double value = 0;
  };

  explicit SeriesPlot(QWidget* parent = nullptr);
  ~SeriesPlot() override;

  int seriesCount() const;
  QString seriesName(int series) const;
  QCPGraph* graph(int series) const;

  // Queues one point; it reaches the graph at the next replot: a live one, within the replot
  // budget, unless the caller then asks for a prompt one with requestReplot() (as loading a
  // stored run does).
  void appendPoint(int series, double key, double value);
  // Points of a series in the graph plus those still queued.
  int pointCount(int series) const;
  // Removes all points, keeps the series.
  void clearData();

  void setSeriesVisible(int series, bool visible);
  bool isSeriesVisible(int series) const;
  void setAllSeriesVisible(bool visible);

  void setLogScale(bool on);
  bool logScale() const { return m_logScale; }

  // A dashed horizontal line at `value` on the left axis, labelled (e.g. SafeDPO's fixed Δ).
  void setReferenceLine(double value, const QString& label);
  void clearReferenceLine();
  std::optional<double> referenceValue() const { return m_reference; }

  // Axes follow the data unless the user zoomed or panned.
  bool followsData() const { return m_follow; }

  // The data point nearest to `pixel` (widget coordinates of customPlot()) within `radius`
  // pixels among visible series, for the hover tooltip.
  std::optional<HoverPoint> pointNear(const QPointF& pixel, double radius = 12.0) const;
  QString hoverText(const HoverPoint& point) const;

 public slots:
  void fitToData();

 signals:
  void seriesVisibilityChanged(int series, bool visible);
  void logScaleChanged(bool on);

 protected:
  // Adds a series drawn against `valueAxis` (nullptr: the left axis); returns its index.
  int addSeries(const QString& name, const QColor& color, QCPAxis* valueAxis = nullptr);
  void removeAllSeries();
  // Label of the key axis in tooltips; "Step" unless overridden.
  virtual QString keyName() const;
  void prepareReplot() override;
  void applyTheme() override;

 private:
  struct Series;
  void flushPending();
  void applyFollowRanges();
  void styleLegendItem(int series);
  void onLegendClick(QCPLegend* legend, QCPAbstractLegendItem* item, QMouseEvent* event);
  void onMouseMove(QMouseEvent* event);
  void onUserRangeChange();

  std::vector<Series> m_series;
  bool m_logScale = false;
  bool m_follow = true;
  bool m_settingRanges = false;  // distinguishes our rescaling from the user's zoom/pan
  std::optional<double> m_reference;
  QString m_referenceLabel;
  QCPItemStraightLine* m_referenceLine = nullptr;
  QCPItemText* m_referenceText = nullptr;
  QAction* m_logAction = nullptr;
};

}  // namespace catdpo::ui
