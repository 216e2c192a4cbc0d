// SPDX-License-Identifier: MIT
// A plot of several time series over training steps, the shared part of the per-category, the
// per-run and the scalar plots: per series a raw curve, a smoothed one (the raw one then faint
// behind it, as trackers draw it) and an optional interval band; a compact side legend sorted
// by the latest value; hover highlighting; click-to-isolate; "worst k", the cross-category mean
// and small multiples for per-category plots; zoom/pan, log scale and a reference line.
// Points are queued in per-series buffers and moved into the graphs in one sorted batch per
// replot; smoothing and the mean only process what arrived since the last one. The axes follow
// the data (from running bounds, never a scan of all points) until the user zooms or pans.
// GUI thread only.
#pragma once

#include <QString>
#include <QVector>
#include <memory>
#include <optional>
#include <vector>

#include "ui/plots/plot_widget.h"
#include "ui/plots/series_smoothing.h"

class QCPAxis;
class QCPAxisRect;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QCPAbstractLegendItem;
class QCPLayoutGrid;
class QCPLegend;
class QMenu;
class QMouseEvent;
class QToolButton;
struct QCPGraphData;

namespace catdpo::ui {

class CarryForwardMean;

class SeriesLegendItem;
class SmallMultiplesGrid;

class SeriesPlot : public PlotWidget {
  Q_OBJECT
 public:
  // Bands are drawn for every shown series when at most this many are shown, else only for
  // the highlighted one: nineteen overlapping bands hide each other.
  static constexpr int kBandSeriesLimit = 5;

  struct HoverPoint {
    int series = -1;  // -1 with `mean`: the cross-category mean
    double key = 0;
    double value = 0;  // the value drawn there (smoothed when smoothing is on)
    bool mean = false;
  };

  explicit SeriesPlot(QWidget* parent = nullptr);
  ~SeriesPlot() override;

  int seriesCount() const;
  QString seriesName(int series) const;
  QColor seriesColor(int series) const;  // its own colour (not the rank colour)
  // The series' points as fed. The smoothed curve and the band are separate graphs.
  QCPGraph* graph(int series) const;
  QCPGraph* smoothedGraph(int series) const;
  // Lower and upper edge of the series' band; nullptr until it has a point with an interval.
  QCPGraph* bandGraph(int series, bool upper) const;
  // The cross-category mean (raw; smoothed when smoothing is on). Empty while it is hidden.
  QCPGraph* meanGraph(bool smoothed = false) const;

  // Queues one point; it reaches the graph at the next replot: a live one, within the replot
  // budget, unless the caller then asks for a prompt one with requestReplot() (as loading a
  // stored run does). The second form adds the point's interval [low, high] to the band.
  void appendPoint(int series, double key, double value);
  void appendPoint(int series, double key, double value, double low, double high);
  // Points of a series in the graph plus those still queued.
  int pointCount(int series) const;
  // Removes all points, keeps the series.
  void clearData();
  bool hasData() const override;

  // --- which series are drawn --------------------------------------------------------------
  void setSeriesVisible(int series, bool visible);
  bool isSeriesVisible(int series) const;
  void setAllSeriesVisible(bool visible);
  // Shows only `series`; isolating the only shown series again shows all (a legend click).
  void isolateSeries(int series);
  // Shows only the k ranked series whose latest drawn value is worst, re-chosen at every
  // replot as values change (0: off). Any other visibility change turns it off.
  void setWorstCount(int k);
  int worstCount() const { return m_worstK; }
  // Ranked series by their latest drawn value, worst first (series without points last).
  std::vector<int> rankedByLatest() const;
  // Which end is worse: high λ and g (default), low safe ratio.
  void setHigherIsWorse(bool higherIsWorse);
  bool higherIsWorse() const { return m_higherIsWorse; }

  void setMeanVisible(bool visible);
  bool meanVisible() const { return m_meanVisible; }

  // Highlights one series (wider, drawn on top, band shown) and dims the others; -1: none.
  void setHighlightedSeries(int series);
  int highlightedSeries() const { return m_highlight; }

  // --- smoothing ---------------------------------------------------------------------------
  void setSmoothing(const Smoothing& smoothing);
  Smoothing smoothing() const { return m_smoothing; }
  // Where this plot keeps its smoothing in QSettings ("plots/<key>/smoothing"); reads it now
  // (falling back to `fallback`) and writes every later change.
  void setSettingsKey(const QString& key, const Smoothing& fallback = {});
  QString settingsKey() const { return m_settingsKey; }

  // --- layout and colours ------------------------------------------------------------------
  // One small plot per shown ranked series, all with the same axes (λ and safe ratio).
  void setSmallMultiples(bool on);
  bool smallMultiples() const { return m_smallMultiples; }
  int smallMultiplesPanelCount() const;
  // Colours from a sequential ramp by rank of the latest value (the paper's Figure 6 orders
  // colours by final λ) instead of each series' own colour.
  void setColorByRank(bool on);
  bool colorByRank() const { return m_colorByRank; }
  // The colour a series is drawn in now.
  QColor drawnColor(int series) const;

  void setLogScale(bool on);
  bool logScale() const { return m_logScale; }

  // A dashed horizontal line at `value` on the left axis, labelled (e.g. SafeDPO's fixed Δ).
  void setReferenceLine(double value, const QString& label);
  void clearReferenceLine();
  std::optional<double> referenceValue() const { return m_reference; }

  // The value range shown before any data arrives (and the least a probability axis shows).
  void setDefaultValueRange(double lower, double upper, bool clampToIt = false);

  // Axes follow the data unless the user zoomed or panned.
  bool followsData() const { return m_follow; }

  // The data point nearest to `pixel` (widget coordinates of customPlot()) within `radius`
  // pixels among drawn series (and the mean), for the hover tooltip.
  std::optional<HoverPoint> pointNear(const QPointF& pixel, double radius = 12.0) const;
  QString hoverText(const HoverPoint& point) const;

  // The side legend: series in the order listed (the mean is -1) and where a row is drawn.
  std::vector<int> legendOrder() const;
  QRect legendRowRect(int series) const;

  // Tool bar controls, for tests and the window's menus.
  QAction* worstAction() const { return m_worstAction; }
  QAction* meanAction() const { return m_meanAction; }
  QAction* smallMultiplesAction() const { return m_smallMultiplesAction; }
  QToolButton* smoothingButton() const { return m_smoothingButton; }

 public slots:
  void fitToData();

 signals:
  void seriesVisibilityChanged(int series, bool visible);
  void logScaleChanged(bool on);
  void highlightChanged(int series);
  void smoothingChanged(const catdpo::ui::Smoothing& smoothing);

 protected:
  // Adds a series drawn against `valueAxis` (nullptr: the left axis); returns its index.
  // Ranked series take part in "worst k", the mean, small multiples and the sorted legend.
  int addSeries(const QString& name, const QColor& color, QCPAxis* valueAxis = nullptr,
                bool ranked = true);
  void removeAllSeries();
  // Dashed or dotted lines for series that are not categories (over-refusal).
  void setSeriesPenStyle(int series, Qt::PenStyle style);
  // Per-category plots: the worst-k, mean, small-multiples and colour-by-rank controls, a
  // legend sorted by value, clicks that isolate. Others keep a fixed legend that toggles.
  void enableCategoryTools(bool smallMultiples = true);
  // Smoothing belongs to per-step plots; a plot of a few evaluations goes without.
  void setSmoothingAvailable(bool available);
  // Label of the key axis in tooltips; "Step" unless overridden.
  virtual QString keyName() const;
  // A value as the legend and tooltips print it.
  virtual QString valueText(double value) const;
  // The name of the mean in the legend and tooltips.
  virtual QString meanName() const;
  void prepareReplot() override;
  void applyTheme() override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  struct Series;
  void flushPending();
  void recomputeSmoothed(Series& s);
  void updateMean(double earliestNewKey);
  void applyWorstFilter();
  void applyFollowRanges();
  void restyle();
  void updateLegend();
  void rebuildSmallMultiples();
  void onLegendClick(QCPLegend* legend, QCPAbstractLegendItem* item, QMouseEvent* event);
  void onMouseMove(QMouseEvent* event);
  void onUserRangeChange();
  void setVisibleInternal(int series, bool visible);
  double latestDrawn(const Series& s) const;
  int shownRankedCount() const;
  void buildControls();
  void updateSmoothingButton();
  QPen seriesPen(int series, bool rawBehindSmoothed) const;

  std::vector<Series> m_series;
  QCPAxisRect* m_mainRect = nullptr;  // the overlay's axes (out of the layout in small multiples)
  bool m_logScale = false;
  bool m_follow = true;
  bool m_settingRanges = false;  // distinguishes our rescaling from the user's zoom/pan
  bool m_higherIsWorse = true;
  bool m_categoryTools = false;
  bool m_smoothingAvailable = true;
  bool m_meanVisible = false;
  bool m_smallMultiples = false;
  bool m_colorByRank = false;
  int m_worstK = 0;
  int m_lastWorstK = 3;
  int m_highlight = -1;
  Smoothing m_smoothing;
  QString m_settingsKey;
  double m_defaultLower = 0, m_defaultUpper = 1;
  bool m_clampToDefault = false;
  std::optional<double> m_reference;
  QString m_referenceLabel;
  QCPItemStraightLine* m_referenceLine = nullptr;
  QCPItemText* m_referenceText = nullptr;

  // The mean: raw and smoothed graphs, its incremental state.
  QCPGraph* m_meanRaw = nullptr;
  QCPGraph* m_meanSmooth = nullptr;
  std::unique_ptr<CarryForwardMean> m_mean;
  double m_meanFinalKey;  // smoothed mean points before this key are final
  Smoother m_meanSmoother;

  // The side legend: reusable rows, the mean's row and the "+N more" row.
  QCPLayoutGrid* m_body = nullptr;  // the axes (or the small multiples) and the legend
  QCPLayoutGrid* m_legendColumn = nullptr;
  std::vector<SeriesLegendItem*> m_legendRows;
  int m_legendRowsShown = 0;
  int m_legendValueWidth = 0;

  std::unique_ptr<SmallMultiplesGrid> m_grid;
  std::vector<int> m_gridSeries;  // the series each panel shows
  bool m_gridDirty = false;       // rebuilt at the next replot (once, however many changes)

  QAction* m_logAction = nullptr;
  QAction* m_worstAction = nullptr;
  QAction* m_meanAction = nullptr;
  QAction* m_smallMultiplesAction = nullptr;
  QAction* m_colorByRankAction = nullptr;
  QToolButton* m_smoothingButton = nullptr;
  QToolButton* m_worstButton = nullptr;
  QMenu* m_smoothingMenu = nullptr;
  QList<QAction*> m_categoryActions;
};

}  // namespace catdpo::ui
