// SPDX-License-Identifier: MIT
#include "ui/plots/series_plot.h"

#include <qcustomplot.h>
#include <QAction>
#include <QToolBar>
#include <QToolTip>
#include <cmath>
#include <limits>

#include "ui/plots/plot_theme.h"

namespace catdpo::ui {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
// Hover looks at no more than this many points per series near the cursor; with 100k points
// on a 1000-pixel axis a 24-pixel window would otherwise hold ~2,400 per series.
constexpr int kHoverScanLimit = 2000;
// Antialiased polylines cost about a third of a replot; beyond this many visible points the
// curves are dense enough that the jagged edges do not show, so plottables drop it.
constexpr qint64 kAntialiasPointLimit = 50000;
}  // namespace

struct SeriesPlot::Series {
  QCPGraph* graph = nullptr;
  QVector<QCPGraphData> pending;
  bool pendingSorted = true;
  double lastKey = -kInf;
  int count = 0;
  // Running bounds of everything appended, so following the data never scans the graphs.
  double minKey = kInf, maxKey = -kInf;
  double minValue = kInf, maxValue = -kInf;
  double minPositive = kInf;
};

SeriesPlot::SeriesPlot(QWidget* parent) : PlotWidget(parent) {
  QCustomPlot* plot = customPlot();
  plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  plot->axisRect()->setRangeDrag(Qt::Horizontal | Qt::Vertical);
  plot->axisRect()->setRangeZoom(Qt::Horizontal | Qt::Vertical);
  plot->xAxis->setLabel(tr("Step"));

  // The legend sits in its own column right of the axes (19 entries would cover the curves
  // as an inset), with a stretchable filler below so it keeps its natural height.
  auto* legendColumn = new QCPLayoutGrid;
  plot->plotLayout()->addElement(1, 1, legendColumn);
  plot->axisRect()->insetLayout()->take(plot->legend);
  legendColumn->addElement(0, 0, plot->legend);
  legendColumn->addElement(1, 0, new QCPLayoutElement(plot));
  legendColumn->setRowStretchFactor(0, 0.001);
  legendColumn->setRowStretchFactor(1, 1);
  legendColumn->setMargins(QMargins(0, 6, 6, 6));
  plot->plotLayout()->setColumnStretchFactor(1, 0.001);
  plot->legend->setVisible(true);
  QFont legendFont = font();
  legendFont.setPointSizeF(std::max(6.0, legendFont.pointSizeF() * 0.85));
  plot->legend->setFont(legendFont);
  plot->legend->setRowSpacing(0);
  plot->legend->setIconSize(18, 8);
  plot->legend->setSelectableParts(QCPLegend::spNone);

  connect(plot, &QCustomPlot::legendClick, this, &SeriesPlot::onLegendClick);
  connect(plot, &QCustomPlot::mouseMove, this, &SeriesPlot::onMouseMove);
  connect(plot, &QCustomPlot::mouseDoubleClick, this, [this] { fitToData(); });
  for (QCPAxis* axis : {plot->xAxis, plot->yAxis, plot->yAxis2})
    connect(axis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
            &SeriesPlot::onUserRangeChange);

  auto* fit = new QAction(tr("Fit"), this);
  fit->setToolTip(tr("Show all data and follow new points (double-click the plot)"));
  connect(fit, &QAction::triggered, this, &SeriesPlot::fitToData);
  m_logAction = new QAction(tr("Log scale"), this);
  m_logAction->setCheckable(true);
  m_logAction->setToolTip(tr("Logarithmic value axis"));
  connect(m_logAction, &QAction::toggled, this, &SeriesPlot::setLogScale);
  auto* all = new QAction(tr("All"), this);
  all->setToolTip(tr("Show every series (click a legend entry to toggle one)"));
  connect(all, &QAction::triggered, this, [this] { setAllSeriesVisible(true); });
  auto* none = new QAction(tr("None"), this);
  none->setToolTip(tr("Hide every series"));
  connect(none, &QAction::triggered, this, [this] { setAllSeriesVisible(false); });
  for (QAction* action : {fit, m_logAction, all, none})
    toolBar()->insertAction(exportAction(), action);
  toolBar()->insertSeparator(exportAction());
  applyTheme();
}

SeriesPlot::~SeriesPlot() = default;

int SeriesPlot::seriesCount() const { return int(m_series.size()); }

QString SeriesPlot::seriesName(int series) const {
  const QCPGraph* g = graph(series);
  return g ? g->name() : QString();
}

QCPGraph* SeriesPlot::graph(int series) const {
  if (series < 0 || series >= seriesCount()) return nullptr;
  return m_series[size_t(series)].graph;
}

int SeriesPlot::addSeries(const QString& name, const QColor& color, QCPAxis* valueAxis) {
  QCustomPlot* plot = customPlot();
  Series s;
  s.graph = plot->addGraph(plot->xAxis, valueAxis ? valueAxis : plot->yAxis);
  s.graph->setName(name);
  s.graph->setPen(QPen(color, 1.5));
  s.graph->setLineStyle(QCPGraph::lsLine);
  // Few points per pixel column are drawn however long the curve is (on by default; stated
  // because the 100k-point responsiveness depends on it).
  s.graph->setAdaptiveSampling(true);
  m_series.push_back(std::move(s));
  styleLegendItem(seriesCount() - 1);
  requestReplot();
  return seriesCount() - 1;
}

void SeriesPlot::removeAllSeries() {
  for (Series& s : m_series) customPlot()->removeGraph(s.graph);
  m_series.clear();
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

int SeriesPlot::pointCount(int series) const {
  if (series < 0 || series >= seriesCount()) return 0;
  return m_series[size_t(series)].count;
}

void SeriesPlot::clearData() {
  for (Series& s : m_series) {
    QCPGraph* graph = s.graph;
    graph->data()->clear();
    s = Series();
    s.graph = graph;
  }
  m_follow = true;
  requestReplot();
}

void SeriesPlot::flushPending() {
  for (Series& s : m_series) {
    if (s.pending.isEmpty()) continue;
    // One batch per replot; the container appends (or merges, if a step went backwards).
    s.graph->data()->add(s.pending, s.pendingSorted);
    s.pending.clear();
    s.pendingSorted = true;
  }
}

void SeriesPlot::prepareReplot() {
  flushPending();
  qint64 visiblePoints = 0;
  for (const Series& s : m_series)
    if (s.graph->visible()) visiblePoints += s.count;
  customPlot()->setNotAntialiasedElement(QCP::aePlottables, visiblePoints > kAntialiasPointLimit);
  if (m_follow) applyFollowRanges();
}

void SeriesPlot::applyFollowRanges() {
  QCustomPlot* plot = customPlot();
  double minKey = kInf, maxKey = -kInf;
  for (const Series& s : m_series) {
    if (!s.graph->visible() || s.count == 0) continue;
    minKey = std::min(minKey, s.minKey);
    maxKey = std::max(maxKey, s.maxKey);
  }
  m_settingRanges = true;
  if (minKey <= maxKey) {
    const double pad = minKey == maxKey ? 1.0 : 0.0;
    plot->xAxis->setRange(minKey - pad, maxKey + pad);
  }
  for (QCPAxis* axis : {plot->yAxis, plot->yAxis2}) {
    double lo = kInf, hi = -kInf;
    for (const Series& s : m_series) {
      if (!s.graph->visible() || s.graph->valueAxis() != axis || s.count == 0) continue;
      lo = std::min(lo, m_logScale ? s.minPositive : s.minValue);
      hi = std::max(hi, s.maxValue);
    }
    if (axis == plot->yAxis && m_reference && (!m_logScale || *m_reference > 0)) {
      lo = std::min(lo, *m_reference);
      hi = std::max(hi, *m_reference);
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
}

void SeriesPlot::fitToData() {
  m_follow = true;
  prepareReplot();
  requestReplot();
}

void SeriesPlot::onUserRangeChange() {
  if (!m_settingRanges) m_follow = false;
}

void SeriesPlot::setSeriesVisible(int series, bool visible) {
  QCPGraph* g = graph(series);
  if (!g || g->visible() == visible) return;
  g->setVisible(visible);
  styleLegendItem(series);
  requestReplot();
  emit seriesVisibilityChanged(series, visible);
}

bool SeriesPlot::isSeriesVisible(int series) const {
  const QCPGraph* g = graph(series);
  return g && g->visible();
}

void SeriesPlot::setAllSeriesVisible(bool visible) {
  for (int i = 0; i < seriesCount(); ++i) setSeriesVisible(i, visible);
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
    m_referenceText->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
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
  std::optional<HoverPoint> best;
  double bestDistance = radius;
  for (int i = 0; i < seriesCount(); ++i) {
    const QCPGraph* g = m_series[size_t(i)].graph;
    if (!g->visible() || g->data()->isEmpty()) continue;
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
        best = HoverPoint{i, it->key, it->value};
      }
    }
  }
  return best;
}

QString SeriesPlot::keyName() const { return tr("Step"); }

QString SeriesPlot::hoverText(const HoverPoint& point) const {
  return tr("%1\n%2 %3: %4")
      .arg(seriesName(point.series), keyName(), QString::number(point.key, 'g', 10),
           QString::number(point.value, 'g', 5));
}

void SeriesPlot::onMouseMove(QMouseEvent* event) {
  if (event->buttons() != Qt::NoButton) return;  // dragging: no tooltips
  const std::optional<HoverPoint> point = pointNear(event->position());
  if (point)
    QToolTip::showText(event->globalPosition().toPoint(), hoverText(*point), customPlot());
  else
    QToolTip::hideText();
}

void SeriesPlot::onLegendClick(QCPLegend*, QCPAbstractLegendItem* item, QMouseEvent*) {
  auto* plottableItem = qobject_cast<QCPPlottableLegendItem*>(item);
  if (!plottableItem) return;
  for (int i = 0; i < seriesCount(); ++i) {
    if (m_series[size_t(i)].graph == plottableItem->plottable()) {
      setSeriesVisible(i, !isSeriesVisible(i));
      return;
    }
  }
}

void SeriesPlot::styleLegendItem(int series) {
  QCPGraph* g = graph(series);
  if (!g) return;
  QCPPlottableLegendItem* item = customPlot()->legend->itemWithPlottable(g);
  if (!item) return;
  const QPalette::ColorGroup group = g->visible() ? QPalette::Active : QPalette::Disabled;
  item->setTextColor(palette().color(group, QPalette::Text));
  QFont font = customPlot()->legend->font();
  font.setStrikeOut(!g->visible());
  item->setFont(font);
}

void SeriesPlot::applyTheme() {
  PlotWidget::applyTheme();
  for (int i = 0; i < seriesCount(); ++i) styleLegendItem(i);
  if (m_referenceLine) {
    QColor color = palette().color(QPalette::Text);
    color.setAlphaF(0.75f);
    m_referenceLine->setPen(QPen(color, 1.5, Qt::DashLine));
    m_referenceText->setColor(color);
  }
}

}  // namespace catdpo::ui
