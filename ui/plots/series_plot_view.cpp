// SPDX-License-Identifier: MIT
// SeriesPlot's drawing side: pens (smoothing, highlight, dimming, colour by rank), the sorted
// side legend, the small-multiples layout and the tool bar controls with their settings.
#include <qcustomplot.h>
#include <QActionGroup>
#include <QFontMetrics>
#include <QMenu>
#include <QToolBar>
#include <QToolButton>
#include <cmath>

#include "ui/plots/plot_theme.h"
#include "ui/plots/series_legend.h"
#include "ui/plots/series_plot.h"
#include "ui/plots/series_plot_series.h"
#include "ui/plots/small_multiples.h"

namespace catdpo::ui {

namespace {
constexpr double kDimAlpha = 0.13;   // the other series while one is highlighted
constexpr double kRawAlpha = 0.28;   // raw points behind the smoothed curve
constexpr double kBandAlpha = 0.16;  // interval bands
constexpr double kLineWidth = 1.5;
constexpr double kHighlightWidth = 2.8;
constexpr double kMeanWidth = 3.2;  // the paper's Figure 6 draws the mean thick
constexpr int kMeanRow = 0, kMoreRow = 1, kFirstSeriesRow = 2;

QColor withAlpha(QColor color, double alpha) {
  color.setAlphaF(float(color.alphaF() * alpha));
  return color;
}

void moveToLayer(QCPGraph* graph, const QString& layer) {
  if (graph && graph->layer() && graph->layer()->name() != layer) graph->setLayer(layer);
}

const QList<Smoothing>& smoothingPresets() {
  static const QList<Smoothing> presets = [] {
    QList<Smoothing> list{Smoothing{}};
    for (double w : {0.6, 0.8, 0.9, 0.95, 0.99}) list << Smoothing{SmoothingMode::Ema, w, 10};
    for (int n : {5, 10, 25, 50, 100}) list << Smoothing{SmoothingMode::Window, 0.8, n};
    return list;
  }();
  return presets;
}
}  // namespace

QColor SeriesPlot::drawnColor(int series) const {
  if (series < 0 || series >= seriesCount()) return {};
  const Series& s = m_series[size_t(series)];
  if (!m_colorByRank || !s.ranked) return s.color;
  // Ramp by the latest value, low to high (λ: relaxed to tightened), over the ranked series.
  const std::vector<int> order = rankedByLatest();
  int withData = 0;
  for (int i : order) withData += std::isfinite(latestDrawn(m_series[size_t(i)]));
  const auto pos = std::find(order.begin(), order.end(), series) - order.begin();
  if (pos >= withData) return rankColor(0);
  const double t = withData > 1 ? double(pos) / double(withData - 1) : 1.0;
  return rankColor(m_higherIsWorse ? 1.0 - t : t);
}

QPen SeriesPlot::seriesPen(int series, bool rawBehindSmoothed) const {
  const bool dimmed = m_highlight >= 0 && m_highlight != series;
  const bool highlighted = m_highlight == series;
  QColor color = drawnColor(series);
  if (rawBehindSmoothed) return QPen(withAlpha(color, dimmed ? kDimAlpha * 0.5 : kRawAlpha), 1.0);
  if (dimmed) color = withAlpha(color, kDimAlpha);
  QPen pen(color, highlighted ? kHighlightWidth : kLineWidth);
  pen.setStyle(m_series[size_t(series)].penStyle);
  return pen;
}

void SeriesPlot::restyle() {
  const bool smooth = m_smoothing.active();
  const int shown = shownRankedCount();
  for (int i = 0; i < seriesCount(); ++i) {
    Series& s = m_series[size_t(i)];
    s.raw->setVisible(s.visible);
    s.raw->setPen(seriesPen(i, smooth));
    s.smooth->setVisible(s.visible && smooth);
    s.smooth->setPen(seriesPen(i, false));
    const QString layer = m_highlight == i ? QStringLiteral("highlight") : QStringLiteral("main");
    moveToLayer(s.raw, layer);
    moveToLayer(s.smooth, layer);
    if (s.bandLow) {
      const bool bandShown =
          s.visible && (m_highlight == i || (m_highlight < 0 && shown <= kBandSeriesLimit));
      s.bandLow->setVisible(bandShown);
      s.bandHigh->setVisible(bandShown);
      s.bandLow->setBrush(withAlpha(drawnColor(i), kBandAlpha));
    }
  }
  const QColor meanColor = palette().color(QPalette::Text);
  m_meanRaw->setVisible(m_meanVisible);
  m_meanRaw->setPen(smooth ? QPen(withAlpha(meanColor, kRawAlpha), 1.0)
                           : QPen(meanColor, kMeanWidth));
  m_meanSmooth->setVisible(m_meanVisible && smooth);
  m_meanSmooth->setPen(QPen(meanColor, kMeanWidth));
  moveToLayer(m_meanRaw, QStringLiteral("highlight"));
  moveToLayer(m_meanSmooth, QStringLiteral("highlight"));
}

void SeriesPlot::setHighlightedSeries(int series) {
  if (series >= seriesCount() || (series >= 0 && !m_series[size_t(series)].visible)) series = -1;
  if (series == m_highlight) return;
  m_highlight = series;
  restyle();
  // Only a change of the highlighted series redraws: moving along one line costs nothing.
  requestReplot();
  emit highlightChanged(series);
}

void SeriesPlot::setColorByRank(bool on) {
  if (on == m_colorByRank) return;
  m_colorByRank = on;
  if (m_colorByRankAction) {
    const QSignalBlocker block(m_colorByRankAction);
    m_colorByRankAction->setChecked(on);
  }
  m_gridDirty = m_smallMultiples;
  restyle();
  requestReplot();
}

std::vector<int> SeriesPlot::legendOrder() const {
  std::vector<int> order;
  for (int i = 0; i < customPlot()->legend->itemCount(); ++i) {
    auto* row = qobject_cast<SeriesLegendItem*>(customPlot()->legend->item(i));
    if (row && row != m_legendRows[kMoreRow]) order.push_back(row->series());
  }
  return order;
}

QRect SeriesPlot::legendRowRect(int series) const {
  for (size_t r = kFirstSeriesRow; r < m_legendRows.size(); ++r)
    if (m_legendRows[r]->series() == series && customPlot()->legend->hasItem(m_legendRows[r]))
      return m_legendRows[r]->rect();
  return {};
}

void SeriesPlot::updateLegend() {
  QCPLegend* legend = customPlot()->legend;
  if (m_smallMultiples) return;
  using Entry = SeriesLegendItem::Entry;
  std::vector<Entry> entries;
  const QColor text = palette().color(QPalette::Text);
  if (m_meanVisible) {
    const QCPGraph* g = m_smoothing.active() ? m_meanSmooth : m_meanRaw;
    entries.push_back(
        Entry{-1, meanName(),
              g->data()->isEmpty() ? QString() : valueText((g->data()->constEnd() - 1)->value),
              text, true, true, false});
  }
  std::vector<int> order;
  if (m_categoryTools) {
    order = rankedByLatest();
    for (int i = 0; i < seriesCount(); ++i)
      if (!m_series[size_t(i)].ranked) order.push_back(i);
  } else {
    for (int i = 0; i < seriesCount(); ++i) order.push_back(i);
  }
  for (int i : order) {
    const Series& s = m_series[size_t(i)];
    const double latest = latestDrawn(s);
    entries.push_back(Entry{i, s.name, std::isfinite(latest) ? valueText(latest) : QString(),
                            drawnColor(i), s.visible, false, m_highlight == i});
  }
  // As many rows as the plot's height holds; the worst come first, so the rest can wait.
  const int rowHeight = QFontMetrics(legend->font()).height() + 2;
  const int plotHeight = customPlot()->height();
  const int available = plotHeight - 48;  // title and margins
  const int maxRows = std::max(3, available / std::max(1, rowHeight));
  int hidden = 0;
  if (int(entries.size()) > maxRows) {
    hidden = int(entries.size()) - (maxRows - 1);
    entries.resize(size_t(maxRows - 1));
  }
  // Rows in legend order: the mean's row, series rows, the "more" row.
  std::vector<SeriesLegendItem*> rows;
  size_t nextSeriesRow = kFirstSeriesRow;
  for (const Entry& e : entries) {
    SeriesLegendItem* row = e.thick ? m_legendRows[kMeanRow] : m_legendRows[nextSeriesRow++];
    row->setEntry(e);
    row->setTextColor(text);
    rows.push_back(row);
  }
  if (hidden > 0) {
    SeriesLegendItem* more = m_legendRows[kMoreRow];
    more->setEntry(Entry{-1, tr("+%n more (hover the curves)", nullptr, hidden), QString(),
                         QColor(), true, false, false});
    more->setTextColor(text);
    rows.push_back(more);
  }
  int nameWidth = 0, valueWidth = m_legendValueWidth;
  for (const SeriesLegendItem* row : rows) {
    if (row == m_legendRows[kMoreRow]) continue;
    nameWidth = std::max(nameWidth, row->nameWidthNeeded());
    valueWidth = std::max(valueWidth, row->valueWidthNeeded());
  }
  m_legendValueWidth = valueWidth;  // never shrinks while a run goes on: no jitter
  for (SeriesLegendItem* row : rows) row->setColumnWidths(nameWidth, valueWidth);
  // Re-layout only when the set of rows changed; otherwise the rows just show new entries.
  bool same = int(rows.size()) == m_legendRowsShown && legend->itemCount() == int(rows.size());
  for (size_t i = 0; same && i < rows.size(); ++i) same = legend->item(int(i)) == rows[i];
  if (same) return;
  for (SeriesLegendItem* row : m_legendRows)
    if (legend->hasItem(row)) legend->take(row);
  legend->simplify();
  for (SeriesLegendItem* row : rows) {
    row->setMargins(QMargins(2, 1, 2, 1));
    legend->addItem(row);
  }
  m_legendRowsShown = int(rows.size());
}

void SeriesPlot::resizeEvent(QResizeEvent* event) {
  PlotWidget::resizeEvent(event);
  m_legendRowsShown = -1;  // a different height holds a different number of rows
  if (hasData() || m_meanVisible) requestReplot();
}

int SeriesPlot::smallMultiplesPanelCount() const { return m_grid ? m_grid->panelCount() : 0; }

void SeriesPlot::setSmallMultiples(bool on) {
  if (on == m_smallMultiples) return;
  m_smallMultiples = on;
  QCustomPlot* plot = customPlot();
  QCPLayoutGrid* layout = m_body;
  if (on) {
    layout->take(m_mainRect);
    m_mainRect->setVisible(false);
    layout->take(m_legendColumn);
    m_legendColumn->setVisible(false);
    layout->simplify();
    layout->addElement(0, 0, new QCPLayoutGrid);
  } else {
    m_grid.reset();
    m_gridSeries.clear();
    if (QCPLayoutElement* cell = layout->element(0, 0)) layout->remove(cell);
    layout->simplify();
    layout->addElement(0, 0, m_mainRect);
    m_mainRect->setVisible(true);
    layout->addElement(0, 1, m_legendColumn);
    m_legendColumn->setVisible(true);
    layout->setColumnStretchFactor(1, 0.001);
    m_legendRowsShown = -1;
  }
  for (QCPAbstractItem* item : {static_cast<QCPAbstractItem*>(m_referenceLine),
                                static_cast<QCPAbstractItem*>(m_referenceText)})
    if (item) item->setVisible(!on);
  if (m_smallMultiplesAction) {
    const QSignalBlocker block(m_smallMultiplesAction);
    m_smallMultiplesAction->setChecked(on);
  }
  rebuildSmallMultiples();
  if (m_follow) applyFollowRanges();
  requestReplot();
}

void SeriesPlot::rebuildSmallMultiples() {
  m_grid.reset();
  m_gridSeries.clear();
  m_gridDirty = false;
  if (!m_smallMultiples) return;
  QCustomPlot* plot = customPlot();
  auto* cell = qobject_cast<QCPLayoutGrid*>(m_body->element(0, 0));
  if (!cell) return;
  QStringList titles;
  for (int i = 0; i < seriesCount(); ++i) {
    const Series& s = m_series[size_t(i)];
    if (!s.ranked || !s.visible) continue;
    m_gridSeries.push_back(i);
    titles << s.name;
  }
  m_grid = std::make_unique<SmallMultiplesGrid>(plot, cell, titles, font());
  const bool smooth = m_smoothing.active();
  const QColor meanColor = withAlpha(palette().color(QPalette::Text), 0.45);
  for (int p = 0; p < int(m_gridSeries.size()); ++p) {
    const int i = m_gridSeries[size_t(p)];
    const Series& s = m_series[size_t(i)];
    const QColor color = drawnColor(i);
    if (m_meanVisible)  // each panel against the mean of all, thin and grey
      m_grid->addGraph(p, (smooth ? m_meanSmooth : m_meanRaw)->data(), QPen(meanColor, 1.2));
    if (s.bandLow)
      m_grid->addBand(p, s.bandLow->data(), s.bandHigh->data(), withAlpha(color, kBandAlpha));
    if (smooth) m_grid->addGraph(p, s.raw->data(), QPen(withAlpha(color, kRawAlpha), 1.0));
    m_grid->addGraph(p, (smooth ? s.smooth : s.raw)->data(), QPen(color, kLineWidth));
  }
  m_grid->applyTheme(palette());
  m_grid->setRanges(plot->xAxis->range(), plot->yAxis->range(), m_logScale);
}

void SeriesPlot::applyTheme() {
  PlotWidget::applyTheme();
  if (m_referenceLine) {
    QColor color = palette().color(QPalette::Text);
    color.setAlphaF(0.75f);
    m_referenceLine->setPen(QPen(color, 1.5, Qt::DashLine));
    m_referenceText->setColor(color);
  }
  if (m_meanRaw) restyle();
  if (m_grid) m_grid->applyTheme(palette());
}

void SeriesPlot::enableCategoryTools(bool smallMultiples) {
  m_categoryTools = true;
  for (QAction* action : m_categoryActions) action->setVisible(true);
  if (m_smallMultiplesAction) m_smallMultiplesAction->setVisible(smallMultiples);
}

void SeriesPlot::setSmoothingAvailable(bool available) {
  m_smoothingAvailable = available;
  if (!available) setSmoothing(Smoothing{});
  for (QAction* action : toolBar()->actions())
    if (toolBar()->widgetForAction(action) == m_smoothingButton) action->setVisible(available);
}

void SeriesPlot::updateSmoothingButton() {
  if (!m_smoothingButton) return;
  m_smoothingButton->setText(tr("Smoothing: %1").arg(m_smoothing.label()));
  for (QAction* action : m_smoothingMenu->actions())
    if (action->isCheckable())
      action->setChecked(Smoothing::fromString(action->data().toString()) == m_smoothing);
}

void SeriesPlot::buildControls() {
  QToolBar* bar = toolBar();
  QAction* before = exportAction();
  auto* fit = new QAction(tr("Fit"), this);
  fit->setToolTip(tr("Show all data and follow new points (double-click the plot)"));
  connect(fit, &QAction::triggered, this, &SeriesPlot::fitToData);
  bar->insertAction(before, fit);

  m_smoothingButton = new QToolButton(bar);
  m_smoothingButton->setPopupMode(QToolButton::InstantPopup);
  m_smoothingButton->setToolTip(
      tr("Smooth noisy curves: an exponential moving average (debiased) or a trailing window. "
         "The raw points stay faint behind the smoothed curve; exports show what you see."));
  m_smoothingMenu = new QMenu(m_smoothingButton);
  auto* group = new QActionGroup(m_smoothingMenu);
  for (const Smoothing& preset : smoothingPresets()) {
    QAction* action = m_smoothingMenu->addAction(preset.label());
    action->setCheckable(true);
    action->setData(preset.toString());
    group->addAction(action);
    connect(action, &QAction::triggered, this, [this, preset] { setSmoothing(preset); });
  }
  m_smoothingButton->setMenu(m_smoothingMenu);
  bar->insertWidget(before, m_smoothingButton);
  updateSmoothingButton();

  m_worstAction = new QAction(tr("Worst %1").arg(m_lastWorstK), this);
  m_worstAction->setCheckable(true);
  m_worstAction->setToolTip(
      tr("Show only the categories whose latest value is worst (chosen again as values change)"));
  connect(m_worstAction, &QAction::toggled, this,
          [this](bool on) { setWorstCount(on ? m_lastWorstK : 0); });
  m_worstButton = new QToolButton(bar);
  m_worstButton->setPopupMode(QToolButton::MenuButtonPopup);
  m_worstButton->setDefaultAction(m_worstAction);
  auto* worstMenu = new QMenu(m_worstButton);
  for (int k : {1, 3, 5, 10}) {
    QAction* action = worstMenu->addAction(tr("Worst %1").arg(k));
    connect(action, &QAction::triggered, this, [this, k] {
      m_lastWorstK = k;
      setWorstCount(0);
      setWorstCount(k);
    });
  }
  m_worstButton->setMenu(worstMenu);
  m_categoryActions << bar->insertWidget(before, m_worstButton);

  m_meanAction = new QAction(tr("Mean"), this);
  m_meanAction->setCheckable(true);
  m_meanAction->setToolTip(tr("The mean over all categories, drawn thick"));
  connect(m_meanAction, &QAction::toggled, this, &SeriesPlot::setMeanVisible);
  bar->insertAction(before, m_meanAction);
  m_categoryActions << m_meanAction;

  m_smallMultiplesAction = new QAction(tr("Small multiples"), this);
  m_smallMultiplesAction->setCheckable(true);
  m_smallMultiplesAction->setToolTip(tr("One small plot per category, all on the same axes"));
  connect(m_smallMultiplesAction, &QAction::toggled, this, &SeriesPlot::setSmallMultiples);
  bar->insertAction(before, m_smallMultiplesAction);
  m_categoryActions << m_smallMultiplesAction;

  auto* viewButton = new QToolButton(bar);
  viewButton->setText(tr("View"));
  viewButton->setPopupMode(QToolButton::InstantPopup);
  auto* viewMenu = new QMenu(viewButton);
  m_logAction = viewMenu->addAction(tr("Log scale"));
  m_logAction->setCheckable(true);
  m_logAction->setToolTip(tr("Logarithmic value axis"));
  connect(m_logAction, &QAction::toggled, this, &SeriesPlot::setLogScale);
  m_colorByRankAction = viewMenu->addAction(tr("Colour by latest value"));
  m_colorByRankAction->setCheckable(true);
  m_colorByRankAction->setToolTip(
      tr("Colours ordered by the latest value (the paper's Figure 6 orders them by final λ) "
         "instead of one fixed colour per category"));
  connect(m_colorByRankAction, &QAction::toggled, this, &SeriesPlot::setColorByRank);
  m_categoryActions << m_colorByRankAction;
  viewMenu->addSeparator();
  viewMenu->addAction(tr("Show all"), this, [this] { setAllSeriesVisible(true); });
  viewMenu->addAction(tr("Hide all"), this, [this] { setAllSeriesVisible(false); });
  viewButton->setMenu(viewMenu);
  bar->insertWidget(before, viewButton);
  bar->insertSeparator(before);
  for (QAction* action : m_categoryActions) action->setVisible(false);
}

}  // namespace catdpo::ui
