// SPDX-License-Identifier: MIT
// SeriesPlot's data side: series, points, smoothing, the mean, ranges and hover lookup. Its
// drawing side (styles, legend, small multiples, controls) is in series_plot_view.cpp.
#include "ui/plots/series_plot.h"

#include <qcustomplot.h>
#include <QSettings>
#include <QToolTip>
#include <algorithm>
#include <cmath>
#include <limits>

#include "ui/plots/plot_theme.h"
#include "ui/plots/series_legend.h"
#include "ui/plots/series_mean.h"
#include "ui/plots/series_plot_series.h"
#include "ui/plots/small_multiples.h"
#include "ui/plots/step_ticker.h"

namespace catdpo::ui {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Hover looks at no more than this many points per series near the cursor; with 100k points
// on a 1000-pixel axis a 24-pixel window would otherwise hold ~2,400 per series.
constexpr int kHoverScanLimit = 2000;
// Antialiased polylines cost about a third of a replot; beyond this many drawn points the
// curves are dense enough that the jagged edges do not show, so plottables drop it.
constexpr qint64 kAntialiasPointLimit = 50000;
}  // namespace

SeriesPlot::SeriesPlot(QWidget* parent)
    : PlotWidget(parent), m_mean(std::make_unique<CarryForwardMean>()), m_meanFinalKey(-kInf) {
  QCustomPlot* plot = customPlot();
  m_mainRect = plot->axisRect();
  plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  plot->setAutoAddPlottableToLegend(false);
  plot->axisRect()->setRangeDrag(Qt::Horizontal | Qt::Vertical);
  plot->axisRect()->setRangeZoom(Qt::Horizontal | Qt::Vertical);
  plot->xAxis->setLabel(tr("Step"));
  // Bands under the curves, the highlighted curve above all others.
  plot->addLayer(QStringLiteral("bands"), plot->layer(QStringLiteral("main")),
                 QCustomPlot::limBelow);
  plot->addLayer(QStringLiteral("highlight"), plot->layer(QStringLiteral("main")),
                 QCustomPlot::limAbove);

  // The axes and, right of them, the legend in its own column (19 entries would cover the
  // curves as an inset), with a stretchable filler below so it keeps its natural height. Both
  // sit in one body cell under the title, so the title spans the whole width.
  m_body = new QCPLayoutGrid;
  plot->plotLayout()->take(m_mainRect);
  plot->plotLayout()->addElement(1, 0, m_body);
  m_body->addElement(0, 0, m_mainRect);
  m_legendColumn = new QCPLayoutGrid;
  m_body->addElement(0, 1, m_legendColumn);
  plot->axisRect()->insetLayout()->take(plot->legend);
  m_legendColumn->addElement(0, 0, plot->legend);
  m_legendColumn->addElement(1, 0, new QCPLayoutElement(plot));
  m_legendColumn->setRowStretchFactor(0, 0.001);
  m_legendColumn->setRowStretchFactor(1, 1);
  m_legendColumn->setMargins(QMargins(0, 6, 6, 6));
  m_body->setColumnStretchFactor(1, 0.001);
  // Steps are whole numbers: ticks at 1, 2, 5 times a power of ten, never at 2.5.
  plot->xAxis->setTicker(QSharedPointer<StepTicker>::create());
  plot->legend->setVisible(true);
  QFont legendFont = font();
  legendFont.setPointSizeF(std::max(6.0, legendFont.pointSizeF() * 0.85));
  plot->legend->setFont(legendFont);
  plot->legend->setRowSpacing(0);
  plot->legend->setSelectableParts(QCPLegend::spNone);
  plot->legend->setMargins(QMargins(4, 3, 4, 3));
  // The mean's row and the "+N more" row come first; series rows are added with the series.
  for (int i = 0; i < 2; ++i) {
    auto* row = new SeriesLegendItem(plot->legend);
    row->setFont(legendFont);
    m_legendRows.push_back(row);
  }

  m_meanRaw = plot->addGraph();
  m_meanSmooth = plot->addGraph();
  for (QCPGraph* g : {m_meanRaw, m_meanSmooth}) {
    g->setVisible(false);
    g->setAdaptiveSampling(true);
  }

  connect(plot, &QCustomPlot::legendClick, this, &SeriesPlot::onLegendClick);
  connect(plot, &QCustomPlot::mouseMove, this, &SeriesPlot::onMouseMove);
  connect(plot, &QCustomPlot::mouseDoubleClick, this, [this] { fitToData(); });
  for (QCPAxis* axis : {plot->xAxis, plot->yAxis, plot->yAxis2})
    connect(axis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
            &SeriesPlot::onUserRangeChange);
  buildControls();
  applyFollowRanges();
  applyTheme();
}

SeriesPlot::~SeriesPlot() {
  m_grid.reset();  // its graphs before the plot goes
}

int SeriesPlot::seriesCount() const { return int(m_series.size()); }

QString SeriesPlot::seriesName(int series) const {
  return series >= 0 && series < seriesCount() ? m_series[size_t(series)].name : QString();
}

QColor SeriesPlot::seriesColor(int series) const {
  return series >= 0 && series < seriesCount() ? m_series[size_t(series)].color : QColor();
}

QCPGraph* SeriesPlot::graph(int series) const {
  if (series < 0 || series >= seriesCount()) return nullptr;
  return m_series[size_t(series)].raw;
}

QCPGraph* SeriesPlot::smoothedGraph(int series) const {
  if (series < 0 || series >= seriesCount()) return nullptr;
  return m_series[size_t(series)].smooth;
}

QCPGraph* SeriesPlot::bandGraph(int series, bool upper) const {
  if (series < 0 || series >= seriesCount()) return nullptr;
  return upper ? m_series[size_t(series)].bandHigh : m_series[size_t(series)].bandLow;
}

QCPGraph* SeriesPlot::meanGraph(bool smoothed) const { return smoothed ? m_meanSmooth : m_meanRaw; }

int SeriesPlot::addSeries(const QString& name, const QColor& color, QCPAxis* valueAxis,
                          bool ranked) {
  QCustomPlot* plot = customPlot();
  Series s;
  s.name = name;
  s.color = color;
  s.ranked = ranked;
  s.smoother = Smoother(m_smoothing);
  QCPAxis* axis = valueAxis ? valueAxis : plot->yAxis;
  s.raw = plot->addGraph(plot->xAxis, axis);
  s.smooth = plot->addGraph(plot->xAxis, axis);
  for (QCPGraph* g : {s.raw, s.smooth}) {
    g->setName(name);
    g->setLineStyle(QCPGraph::lsLine);
    // Few points per pixel column are drawn however long the curve is (on by default; stated
    // because the 100k-point responsiveness depends on it).
    g->setAdaptiveSampling(true);
  }
  m_series.push_back(std::move(s));
  auto* row = new SeriesLegendItem(plot->legend);
  row->setFont(plot->legend->font());
  m_legendRows.push_back(row);
  m_legendRowsShown = -1;  // rebuild the legend at the next replot
  restyle();
  requestReplot();
  return seriesCount() - 1;
}

void SeriesPlot::setSeriesPenStyle(int series, Qt::PenStyle style) {
  if (series < 0 || series >= seriesCount()) return;
  m_series[size_t(series)].penStyle = style;
  restyle();
  requestReplot();
}

void SeriesPlot::removeAllSeries() {
  m_grid.reset();
  m_gridSeries.clear();
  m_gridDirty = m_smallMultiples;
  QCustomPlot* plot = customPlot();
  for (Series& s : m_series)
    for (QCPGraph* g : {s.raw, s.smooth, s.bandLow, s.bandHigh})
      if (g) plot->removeGraph(g);
  m_series.clear();
  // Keep the mean's and the "more" rows; delete the series rows.
  for (size_t i = 2; i < m_legendRows.size(); ++i) {
    if (plot->legend->hasItem(m_legendRows[i])) plot->legend->take(m_legendRows[i]);
    delete m_legendRows[i];
  }
  m_legendRows.resize(2);
  m_legendRowsShown = -1;
  m_legendValueWidth = 0;
  m_highlight = -1;
  m_worstK = 0;
  if (m_worstAction) m_worstAction->setChecked(false);
  m_mean->reset();
  m_meanFinalKey = -kInf;
  m_meanRaw->data()->clear();
  m_meanSmooth->data()->clear();
  requestReplot();
}

void SeriesPlot::appendPoint(int series, double key, double value) {
  if (series < 0 || series >= seriesCount()) return;
  Series& s = m_series[size_t(series)];
  if (key < s.lastKey) s.pendingSorted = false;
  s.lastKey = std::max(s.lastKey, key);
  s.pending.append(QCPGraphData(key, value));
  ++s.count;
  s.minKey = std::min(s.minKey, key);
  s.maxKey = std::max(s.maxKey, key);
  if (std::isfinite(value)) {
    s.minValue = std::min(s.minValue, value);
    s.maxValue = std::max(s.maxValue, value);
    if (value > 0) s.minPositive = std::min(s.minPositive, value);
  }
  requestLiveReplot();
}

void SeriesPlot::appendPoint(int series, double key, double value, double low, double high) {
  if (series < 0 || series >= seriesCount()) return;
  appendPoint(series, key, value);
  if (!std::isfinite(low) || !std::isfinite(high)) return;
  Series& s = m_series[size_t(series)];
  if (!s.bandLow) {
    QCustomPlot* plot = customPlot();
    s.bandHigh = plot->addGraph(plot->xAxis, s.raw->valueAxis());
    s.bandLow = plot->addGraph(plot->xAxis, s.raw->valueAxis());
    for (QCPGraph* g : {s.bandHigh, s.bandLow}) {
      g->setLayer(QStringLiteral("bands"));
      g->setPen(Qt::NoPen);
      g->setName(s.name);
    }
    s.bandLow->setChannelFillGraph(s.bandHigh);
    restyle();
  }
  s.pendingLow.append(QCPGraphData(key, low));
  s.pendingHigh.append(QCPGraphData(key, high));
  s.minValue = std::min(s.minValue, low);
  s.maxValue = std::max(s.maxValue, high);
  if (low > 0) s.minPositive = std::min(s.minPositive, low);
}

int SeriesPlot::pointCount(int series) const {
  if (series < 0 || series >= seriesCount()) return 0;
  return m_series[size_t(series)].count;
}

bool SeriesPlot::hasData() const {
  for (const Series& s : m_series)
    if (s.count > 0) return true;
  return false;
}

void SeriesPlot::clearData() {
  for (Series& s : m_series) {
    Series fresh;
    fresh.name = s.name;
    fresh.color = s.color;
    fresh.ranked = s.ranked;
    fresh.penStyle = s.penStyle;
    fresh.visible = s.visible;
    fresh.raw = s.raw;
    fresh.smooth = s.smooth;
    fresh.bandLow = s.bandLow;
    fresh.bandHigh = s.bandHigh;
    fresh.smoother = Smoother(m_smoothing);
    for (QCPGraph* g : {s.raw, s.smooth, s.bandLow, s.bandHigh})
      if (g) g->data()->clear();
    s = std::move(fresh);
  }
  m_mean->reset();
  m_meanFinalKey = -kInf;
  m_meanRaw->data()->clear();
  m_meanSmooth->data()->clear();
  m_legendValueWidth = 0;
  m_follow = true;
  requestReplot();
}

void SeriesPlot::flushPending() {
  double earliestNew = kInf;
  for (Series& s : m_series) {
    if (s.pending.isEmpty()) continue;
    const QCPGraphDataContainer& data = *s.raw->data();
    const double firstNew =
        s.pendingSorted ? s.pending.first().key
                        : std::min_element(s.pending.begin(), s.pending.end(),
                                           [](const QCPGraphData& a, const QCPGraphData& b) {
                                             return a.key < b.key;
                                           })
                              ->key;
    const bool appends = data.isEmpty() || firstNew >= (data.constEnd() - 1)->key;
    earliestNew = std::min(earliestNew, firstNew);
    // One batch per replot; the container appends (or merges, if a step went backwards).
    s.raw->data()->add(s.pending, s.pendingSorted);
    if (m_smoothing.active()) {
      if (appends && s.pendingSorted) {
        QVector<QCPGraphData> smoothed;
        smoothed.reserve(s.pending.size());
        for (const QCPGraphData& p : s.pending)
          smoothed.append(QCPGraphData(p.key, s.smoother.add(p.value)));
        s.smooth->data()->add(smoothed, true);
      } else {
        recomputeSmoothed(s);  // a resumed run rewrote earlier steps
      }
    }
    if (s.bandLow && !s.pendingLow.isEmpty()) {
      s.bandLow->data()->add(s.pendingLow, s.pendingSorted);
      s.bandHigh->data()->add(s.pendingHigh, s.pendingSorted);
    }
    s.pending.clear();
    s.pendingLow.clear();
    s.pendingHigh.clear();
    s.pendingSorted = true;
  }
  if (m_meanVisible) updateMean(earliestNew);
}

void SeriesPlot::recomputeSmoothed(Series& s) {
  s.smoother = Smoother(m_smoothing);
  s.smooth->data()->clear();
  if (!m_smoothing.active()) return;
  QVector<QCPGraphData> smoothed;
  smoothed.reserve(s.raw->data()->size());
  for (auto it = s.raw->data()->constBegin(); it != s.raw->data()->constEnd(); ++it)
    smoothed.append(QCPGraphData(it->key, s.smoother.add(it->value)));
  s.smooth->data()->add(smoothed, true);
}

void SeriesPlot::updateMean(double earliestNewKey) {
  std::vector<const QCPGraphDataContainer*> sources;
  for (const Series& s : m_series)
    if (s.ranked) sources.push_back(s.raw->data().data());
  const int before = m_meanRaw->data()->size();
  m_mean->update(sources, earliestNewKey, *m_meanRaw->data());
  QCPGraphDataContainer& smooth = *m_meanSmooth->data();
  if (!m_smoothing.active()) {
    smooth.clear();
    return;
  }
  const QCPGraphDataContainer& raw = *m_meanRaw->data();
  if (raw.size() < before || earliestNewKey < m_meanFinalKey)  // recomputed from the start
    m_meanFinalKey = -kInf;
  if (m_meanFinalKey == -kInf) {
    m_meanSmoother = Smoother(m_smoothing);
    smooth.clear();
  }
  // Points before the raw mean's last key are final: smooth them once, incrementally; the
  // last one may still change, so it is smoothed from a copy of the state.
  smooth.removeAfter(std::nextafter(m_meanFinalKey, -kInf));
  if (raw.isEmpty()) return;
  const double lastKey = (raw.constEnd() - 1)->key;
  QVector<QCPGraphData> out;
  auto it = m_meanFinalKey > -kInf ? raw.findBegin(m_meanFinalKey, false) : raw.constBegin();
  for (; it != raw.constEnd() && it->key < lastKey; ++it)
    out.append(QCPGraphData(it->key, m_meanSmoother.add(it->value)));
  m_meanFinalKey = lastKey;
  Smoother open = m_meanSmoother;
  out.append(QCPGraphData(lastKey, open.add((raw.constEnd() - 1)->value)));
  smooth.add(out, true);
}

void SeriesPlot::prepareReplot() {
  flushPending();
  if (m_worstK > 0) applyWorstFilter();
  qint64 drawnPoints = 0;
  for (const Series& s : m_series)
    if (s.visible) drawnPoints += s.count * (m_smoothing.active() ? 2 : 1);
  customPlot()->setNotAntialiasedElement(QCP::aePlottables, drawnPoints > kAntialiasPointLimit);
  if (m_gridDirty) rebuildSmallMultiples();
  if (m_follow) applyFollowRanges();
  restyle();
  updateLegend();
}

double SeriesPlot::latestDrawn(const Series& s) const {
  const QCPGraph* g = m_smoothing.active() ? s.smooth : s.raw;
  if (g->data()->isEmpty()) return kNaN;
  return (g->data()->constEnd() - 1)->value;
}

std::vector<int> SeriesPlot::rankedByLatest() const {
  std::vector<std::pair<double, int>> values;
  std::vector<int> empty;
  for (int i = 0; i < seriesCount(); ++i) {
    const Series& s = m_series[size_t(i)];
    if (!s.ranked) continue;
    const double v = latestDrawn(s);
    if (std::isfinite(v))
      values.emplace_back(m_higherIsWorse ? -v : v, i);
    else
      empty.push_back(i);
  }
  std::stable_sort(values.begin(), values.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<int> order;
  for (const auto& [v, i] : values) order.push_back(i);
  order.insert(order.end(), empty.begin(), empty.end());
  return order;
}

void SeriesPlot::applyWorstFilter() {
  const std::vector<int> order = rankedByLatest();
  std::vector<bool> keep(m_series.size(), false);
  for (size_t i = 0; i < order.size() && int(i) < m_worstK; ++i)
    if (std::isfinite(latestDrawn(m_series[size_t(order[i])]))) keep[size_t(order[i])] = true;
  for (int i = 0; i < seriesCount(); ++i)
    if (m_series[size_t(i)].ranked) setVisibleInternal(i, keep[size_t(i)]);
}

int SeriesPlot::shownRankedCount() const {
  int n = 0;
  for (const Series& s : m_series) n += s.ranked && s.visible;
  return n;
}

void SeriesPlot::setDefaultValueRange(double lower, double upper, bool clampToIt) {
  m_defaultLower = lower;
  m_defaultUpper = upper;
  m_clampToDefault = clampToIt;
  if (m_follow) applyFollowRanges();
  requestReplot();
}

void SeriesPlot::applyFollowRanges() {
  QCustomPlot* plot = customPlot();
  double minKey = kInf, maxKey = -kInf;
  for (const Series& s : m_series) {
    if (!s.visible || s.count == 0) continue;
    minKey = std::min(minKey, s.minKey);
    maxKey = std::max(maxKey, s.maxKey);
  }
  m_settingRanges = true;
  if (minKey <= maxKey) {
    const double pad = minKey == maxKey ? 1.0 : 0.0;
    plot->xAxis->setRange(minKey - pad, maxKey + pad);
  } else {
    plot->xAxis->setRange(0, 100);  // before the first point: a plain step axis
  }
  for (QCPAxis* axis : {plot->yAxis, plot->yAxis2}) {
    double lo = kInf, hi = -kInf;
    for (const Series& s : m_series) {
      if (!s.visible || s.raw->valueAxis() != axis || s.count == 0) continue;
      lo = std::min(lo, m_logScale ? s.minPositive : s.minValue);
      hi = std::max(hi, s.maxValue);
    }
    const bool empty = !(lo <= hi) || !std::isfinite(lo) || !std::isfinite(hi);
    if (axis == plot->yAxis) {
      if (m_reference && (!m_logScale || *m_reference > 0)) {
        lo = std::min(lo, *m_reference);
        hi = std::max(hi, *m_reference);
      }
      if (empty || m_clampToDefault) {
        // Nothing drawn yet, or a probability: the default range (0-1) is the least shown.
        const double dlo = m_logScale ? std::max(m_defaultUpper * 1e-3, 1e-6) : m_defaultLower;
        lo = std::min(lo, dlo);
        hi = std::max(hi, m_defaultUpper);
        if (!empty && m_clampToDefault && !m_logScale) {
          axis->setRange(m_defaultLower - 0.02 * (m_defaultUpper - m_defaultLower),
                         m_defaultUpper + 0.02 * (m_defaultUpper - m_defaultLower));
          continue;
        }
      }
    }
    if (!(lo <= hi) || !std::isfinite(lo) || !std::isfinite(hi)) continue;
    if (m_logScale) {
      hi = std::max(hi, lo);
      axis->setRange(lo / 1.25, hi * 1.25);
    } else {
      const double span = hi - lo;
      // A constant series (a fixed learning rate of 5e-6) gets a band relative to its size.
      const double pad = span > 0 ? span * 0.05 : (hi != 0 ? std::abs(hi) * 0.1 : 0.5);
      axis->setRange(lo - pad, hi + pad);
    }
  }
  m_settingRanges = false;
  if (m_grid) m_grid->setRanges(plot->xAxis->range(), plot->yAxis->range(), m_logScale);
}

void SeriesPlot::fitToData() {
  m_follow = true;
  prepareReplot();
  requestReplot();
}

void SeriesPlot::onUserRangeChange() {
  if (!m_settingRanges) m_follow = false;
}

void SeriesPlot::setVisibleInternal(int series, bool visible) {
  Series& s = m_series[size_t(series)];
  if (s.visible == visible) return;
  s.visible = visible;
  if (!visible && m_highlight == series) m_highlight = -1;
  m_gridDirty = m_smallMultiples;
  emit seriesVisibilityChanged(series, visible);
}

void SeriesPlot::setSeriesVisible(int series, bool visible) {
  if (series < 0 || series >= seriesCount()) return;
  setWorstCount(0);
  setVisibleInternal(series, visible);
  restyle();
  requestReplot();
}

bool SeriesPlot::isSeriesVisible(int series) const {
  return series >= 0 && series < seriesCount() && m_series[size_t(series)].visible;
}

void SeriesPlot::setAllSeriesVisible(bool visible) {
  setWorstCount(0);
  for (int i = 0; i < seriesCount(); ++i) setVisibleInternal(i, visible);
  restyle();
  requestReplot();
}

void SeriesPlot::isolateSeries(int series) {
  if (series < 0 || series >= seriesCount()) return;
  setWorstCount(0);
  bool onlyThis = m_series[size_t(series)].visible;
  for (int i = 0; i < seriesCount(); ++i)
    if (i != series && m_series[size_t(i)].visible) onlyThis = false;
  for (int i = 0; i < seriesCount(); ++i) setVisibleInternal(i, onlyThis || i == series);
  restyle();
  requestReplot();
}

void SeriesPlot::setWorstCount(int k) {
  k = std::max(0, k);
  if (k == m_worstK) return;
  m_worstK = k;
  if (k > 0) {
    m_lastWorstK = k;
    flushPending();
    applyWorstFilter();
  } else {
    for (int i = 0; i < seriesCount(); ++i)
      if (m_series[size_t(i)].ranked) setVisibleInternal(i, true);
  }
  if (m_worstAction) {
    const QSignalBlocker block(m_worstAction);
    m_worstAction->setChecked(k > 0);
    m_worstAction->setText(tr("Worst %1").arg(m_lastWorstK));
  }
  restyle();
  requestReplot();
}

void SeriesPlot::setHigherIsWorse(bool higherIsWorse) {
  m_higherIsWorse = higherIsWorse;
  requestReplot();
}

void SeriesPlot::setMeanVisible(bool visible) {
  if (visible == m_meanVisible) return;
  m_meanVisible = visible;
  m_mean->reset();
  m_meanFinalKey = -kInf;
  m_meanRaw->data()->clear();
  m_meanSmooth->data()->clear();
  if (visible) updateMean(-kInf);
  if (m_meanAction) {
    const QSignalBlocker block(m_meanAction);
    m_meanAction->setChecked(visible);
  }
  m_gridDirty = m_smallMultiples;
  m_legendRowsShown = -1;
  restyle();
  requestReplot();
}

void SeriesPlot::setSmoothing(const Smoothing& smoothing) {
  if (smoothing == m_smoothing) return;
  m_smoothing = smoothing;
  flushPending();
  for (Series& s : m_series) recomputeSmoothed(s);
  m_mean->reset();
  m_meanFinalKey = -kInf;
  m_meanRaw->data()->clear();
  m_meanSmooth->data()->clear();
  if (m_meanVisible) updateMean(-kInf);
  if (!m_settingsKey.isEmpty())
    QSettings().setValue(QStringLiteral("plots/%1/smoothing").arg(m_settingsKey),
                         m_smoothing.toString());
  updateSmoothingButton();
  m_gridDirty = m_smallMultiples;
  restyle();
  requestReplot();
  emit smoothingChanged(m_smoothing);
}

void SeriesPlot::setSettingsKey(const QString& key, const Smoothing& fallback) {
  m_settingsKey = QString();  // restoring is not a change to write back
  const QVariant stored = QSettings().value(QStringLiteral("plots/%1/smoothing").arg(key));
  setSmoothing(stored.isValid() ? Smoothing::fromString(stored.toString()) : fallback);
  m_settingsKey = key;
}

void SeriesPlot::setLogScale(bool on) {
  if (on == m_logScale) return;
  m_logScale = on;
  QCustomPlot* plot = customPlot();
  m_settingRanges = true;  // QCPAxis clamps a range that is invalid for log scale
  for (QCPAxis* axis : {plot->yAxis, plot->yAxis2}) {
    axis->setScaleType(on ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (on)
      axis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    else
      axis->setTicker(QSharedPointer<QCPAxisTicker>::create());
  }
  m_settingRanges = false;
  {
    const QSignalBlocker block(m_logAction);
    m_logAction->setChecked(on);
  }
  m_follow = true;  // the old range means nothing on the other scale
  requestReplot();
  emit logScaleChanged(on);
}

void SeriesPlot::setReferenceLine(double value, const QString& label) {
  QCustomPlot* plot = customPlot();
  if (!m_referenceLine) {
    m_referenceLine = new QCPItemStraightLine(plot);
    m_referenceText = new QCPItemText(plot);
    m_referenceText->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
    m_referenceText->position->setTypeY(QCPItemPosition::ptPlotCoords);
    // Below the line: at the top of the axes (Δ = 10 above small margins) text above it would
    // be cut off.
    m_referenceText->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
  }
  m_reference = value;
  m_referenceLabel = label;
  m_referenceLine->point1->setCoords(0, value);
  m_referenceLine->point2->setCoords(1, value);
  m_referenceText->position->setCoords(0.99, value);
  m_referenceText->setText(label);
  applyTheme();
  requestReplot();
}

void SeriesPlot::clearReferenceLine() {
  if (m_referenceLine) {
    customPlot()->removeItem(m_referenceLine);
    customPlot()->removeItem(m_referenceText);
    m_referenceLine = nullptr;
    m_referenceText = nullptr;
  }
  m_reference.reset();
  requestReplot();
}

std::optional<SeriesPlot::HoverPoint> SeriesPlot::pointNear(const QPointF& pixel,
                                                            double radius) const {
  // The curves drawn: per series its smoothed curve when smoothing is on, in the overlay or
  // in the panel under the cursor; and the mean.
  std::vector<std::pair<int, const QCPGraph*>> candidates;
  if (m_grid) {
    const int panel = m_grid->panelAt(pixel);
    if (panel >= 0 && panel < int(m_gridSeries.size())) {
      const int series = m_gridSeries[size_t(panel)];
      const Series& s = m_series[size_t(series)];
      for (const QCPGraph* g : m_grid->graphs())
        if (g->keyAxis()->axisRect() == m_grid->rect(panel) &&
            g->data() == (m_smoothing.active() ? s.smooth : s.raw)->data())
          candidates.emplace_back(series, g);
    }
  } else {
    for (int i = 0; i < seriesCount(); ++i) {
      const Series& s = m_series[size_t(i)];
      if (s.visible) candidates.emplace_back(i, m_smoothing.active() ? s.smooth : s.raw);
    }
    if (m_meanVisible) candidates.emplace_back(-1, m_smoothing.active() ? m_meanSmooth : m_meanRaw);
  }
  std::optional<HoverPoint> best;
  double bestDistance = radius;
  for (const auto& [series, g] : candidates) {
    if (g->data()->isEmpty()) continue;
    const QCPAxis* keyAxis = g->keyAxis();
    const QCPAxis* valueAxis = g->valueAxis();
    const double k1 = keyAxis->pixelToCoord(pixel.x() - radius);
    const double k2 = keyAxis->pixelToCoord(pixel.x() + radius);
    auto it = g->data()->findBegin(std::min(k1, k2), false);
    const auto end = g->data()->findEnd(std::max(k1, k2), false);
    const int n = int(end - it);
    const int stride = std::max(1, n / kHoverScanLimit);
    for (; it < end; it += stride) {
      if (!std::isfinite(it->value)) continue;
      if (m_logScale && it->value <= 0) continue;
      const double dx = keyAxis->coordToPixel(it->key) - pixel.x();
      const double dy = valueAxis->coordToPixel(it->value) - pixel.y();
      const double d = std::hypot(dx, dy);
      if (d <= bestDistance) {
        bestDistance = d;
        best = HoverPoint{series, it->key, it->value, series < 0};
      }
    }
  }
  return best;
}

QString SeriesPlot::keyName() const { return tr("Step"); }

QString SeriesPlot::valueText(double value) const { return QString::number(value, 'g', 4); }

QString SeriesPlot::meanName() const { return tr("Mean of all categories"); }

QString SeriesPlot::hoverText(const HoverPoint& point) const {
  const QString name = point.mean ? meanName() : seriesName(point.series);
  QString text =
      tr("%1\n%2 %3: %4")
          .arg(name, keyName(), QString::number(point.key, 'g', 10), valueText(point.value));
  if (point.mean || point.series < 0) return text;
  const Series& s = m_series[size_t(point.series)];
  if (m_smoothing.active()) {
    const auto raw = s.raw->data()->findBegin(point.key, false);
    if (raw != s.raw->data()->constEnd() && raw->key == point.key)
      text += tr(" (smoothed; raw %1)").arg(valueText(raw->value));
  }
  if (s.bandLow) {
    const auto low = s.bandLow->data()->findBegin(point.key, false);
    const auto high = s.bandHigh->data()->findBegin(point.key, false);
    if (low != s.bandLow->data()->constEnd() && low->key == point.key &&
        high != s.bandHigh->data()->constEnd())
      text += tr("\n95 % interval %1 – %2").arg(valueText(low->value), valueText(high->value));
  }
  return text;
}

void SeriesPlot::onMouseMove(QMouseEvent* event) {
  if (event->buttons() != Qt::NoButton) return;  // dragging: no tooltips
  // Over a legend row: highlight its series.
  for (const SeriesLegendItem* row : m_legendRows) {
    if (!customPlot()->legend->hasItem(const_cast<SeriesLegendItem*>(row))) continue;
    if (!row->rect().contains(event->position().toPoint())) continue;
    const SeriesLegendItem::Entry& e = row->entry();
    if (e.series >= 0) {
      setHighlightedSeries(e.series);
      QToolTip::showText(event->globalPosition().toPoint(),
                         tr("%1: %2\nClick: show only this one (again: all). "
                            "Ctrl+click: show or hide it.")
                             .arg(e.name, e.value),
                         customPlot());
    } else {
      setHighlightedSeries(-1);
      QToolTip::showText(event->globalPosition().toPoint(), e.name, customPlot());
    }
    return;
  }
  const std::optional<HoverPoint> point = pointNear(event->position());
  setHighlightedSeries(point && !point->mean && !m_grid ? point->series : -1);
  if (point)
    QToolTip::showText(event->globalPosition().toPoint(), hoverText(*point), customPlot());
  else
    QToolTip::hideText();
}

void SeriesPlot::onLegendClick(QCPLegend*, QCPAbstractLegendItem* item, QMouseEvent* event) {
  auto* row = qobject_cast<SeriesLegendItem*>(item);
  if (!row) return;
  if (row->series() < 0) {
    if (row->entry().thick) setMeanVisible(false);  // the mean's row hides the mean
    return;
  }
  const bool toggle = !m_categoryTools ||
                      (event && (event->modifiers() & (Qt::ControlModifier | Qt::ShiftModifier)));
  if (toggle)
    setSeriesVisible(row->series(), !isSeriesVisible(row->series()));
  else
    isolateSeries(row->series());
}

}  // namespace catdpo::ui
