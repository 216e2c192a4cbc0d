// SPDX-License-Identifier: MIT
#include "ui/plots/small_multiples.h"

#include <QFontMetrics>
#include <cmath>

#include "ui/plots/plot_theme.h"
#include "ui/plots/step_ticker.h"

namespace catdpo::ui {

int smallMultiplesColumns(int panels, double aspect) {
  if (panels <= 1) return 1;
  // c columns and ceil(n / c) rows give panels of aspect (rows / c) * aspect: pick c nearest 1.
  int best = 1;
  double bestScore = 1e300;
  for (int c = 1; c <= panels; ++c) {
    const int rows = (panels + c - 1) / c;
    const double panelAspect = aspect * rows / c;
    const double score = std::abs(std::log(panelAspect / 1.4));  // a little wider than high
    if (score < bestScore) {
      bestScore = score;
      best = c;
    }
  }
  return best;
}

SmallMultiplesGrid::SmallMultiplesGrid(QCustomPlot* plot, QCPLayoutGrid* cell,
                                       const QStringList& titles, const QFont& font)
    : m_plot(plot), m_cell(cell) {
  const QRect area = plot->rect();
  const double aspect = area.height() > 0 ? double(area.width()) / area.height() : 1.6;
  const int n = int(titles.size());
  const int columns = smallMultiplesColumns(n, aspect);
  QFont small = font;
  small.setPointSizeF(std::max(6.0, font.pointSizeF() * 0.75));
  const QFontMetrics metrics(small);
  // Shared axes, drawn once: value labels in the first column, step labels under the lowest
  // panel of each column, a short title over each. Fixed margins keep the panels equal in size
  // whatever their labels, and let many panels fit a small plot.
  const int labelWidth = metrics.horizontalAdvance(QStringLiteral("100.0")) + 6;
  m_titles = titles;
  m_titleFont = small;
  m_columns = columns;
  m_cell->setColumnSpacing(4);
  m_cell->setRowSpacing(2);
  for (int i = 0; i < n; ++i) {
    const int row = i / columns, column = i % columns;
    const bool left = column == 0, bottom = i + columns >= n;
    auto* rect = new QCPAxisRect(plot, /*setupDefaultAxes=*/true);
    rect->setRangeDrag({});
    rect->setRangeZoom({});
    rect->setAutoMargins(QCP::msNone);
    rect->setMargins(QMargins(left ? labelWidth : 4, metrics.height() + 2, 4,
                              bottom ? metrics.height() + 4 : 3));
    QCPAxis* top = rect->axis(QCPAxis::atTop);
    top->setVisible(true);
    top->setTicks(false);
    top->setTickLabels(false);
    top->setLabelFont(small);
    top->setLabelPadding(1);
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    x->setTicker(QSharedPointer<StepTicker>::create());
    for (QCPAxis* axis : {x, y}) {
      axis->setTickLabelFont(small);
      axis->ticker()->setTickCount(3);
      axis->setSubTicks(false);
      axis->setTickLabelPadding(1);
      axis->setTickLengthIn(2);
    }
    x->setTickLabels(bottom);
    y->setTickLabels(left);
    m_cell->addElement(row, column, rect);
    m_rects.push_back(rect);
  }
  elideTitles();
  m_beforeReplot = QObject::connect(plot, &QCustomPlot::beforeReplot, [this] { elideTitles(); });
}

void SmallMultiplesGrid::elideTitles() {
  const QFontMetrics metrics(m_titleFont);
  const int panelWidth = std::max(40, m_plot->width() / std::max(m_columns, 1) - 8);
  for (size_t i = 0; i < m_rects.size(); ++i)
    m_rects[i]
        ->axis(QCPAxis::atTop)
        ->setLabel(metrics.elidedText(m_titles[int(i)], Qt::ElideRight, panelWidth));
}

SmallMultiplesGrid::~SmallMultiplesGrid() {
  QObject::disconnect(m_beforeReplot);
  for (QCPGraph* graph : m_graphs) m_plot->removeGraph(graph);
  for (QCPAxisRect* rect : m_rects) m_cell->remove(rect);  // deletes the rect and its axes
  m_cell->simplify();
}

int SmallMultiplesGrid::panelAt(const QPointF& pixel) const {
  for (size_t i = 0; i < m_rects.size(); ++i)
    if (m_rects[i]->rect().contains(pixel.toPoint())) return int(i);
  return -1;
}

QCPGraph* SmallMultiplesGrid::addGraph(int panel, const QSharedPointer<QCPGraphDataContainer>& data,
                                       const QPen& pen) {
  QCPAxisRect* r = rect(panel);
  QCPGraph* graph = m_plot->addGraph(r->axis(QCPAxis::atBottom), r->axis(QCPAxis::atLeft));
  graph->setData(data);
  graph->setPen(pen);
  graph->setAdaptiveSampling(true);
  m_graphs.push_back(graph);
  return graph;
}

void SmallMultiplesGrid::addBand(int panel, const QSharedPointer<QCPGraphDataContainer>& lower,
                                 const QSharedPointer<QCPGraphDataContainer>& upper,
                                 const QBrush& brush) {
  QCPGraph* high = addGraph(panel, upper, Qt::NoPen);
  QCPGraph* low = addGraph(panel, lower, Qt::NoPen);
  low->setBrush(brush);
  low->setChannelFillGraph(high);
  if (m_plot->layer(QStringLiteral("bands"))) {
    high->setLayer(QStringLiteral("bands"));
    low->setLayer(QStringLiteral("bands"));
  }
}

void SmallMultiplesGrid::setRanges(const QCPRange& keys, const QCPRange& values, bool logValues) {
  // A fixed step of about a third of the range: small panels have room for three step labels.
  auto steps = QSharedPointer<QCPAxisTickerFixed>::create();
  steps->setTickStep(StepTicker::cleanStep(keys.size() / 2.5));
  steps->setScaleStrategy(QCPAxisTickerFixed::ssNone);
  for (QCPAxisRect* r : m_rects) {
    r->axis(QCPAxis::atBottom)->setTicker(steps);
    r->axis(QCPAxis::atBottom)->setRange(keys);
    QCPAxis* left = r->axis(QCPAxis::atLeft);
    const auto scale = logValues ? QCPAxis::stLogarithmic : QCPAxis::stLinear;
    if (left->scaleType() != scale) {
      left->setScaleType(scale);
      if (logValues)
        left->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
      else
        left->setTicker(QSharedPointer<QCPAxisTicker>::create());
      left->ticker()->setTickCount(3);
    }
    left->setRange(values);
  }
}

void SmallMultiplesGrid::applyTheme(const QPalette& palette) {
  for (QCPAxisRect* r : m_rects) {
    r->setBackground(palette.brush(QPalette::Base));
    for (QCPAxis* axis : r->axes()) {
      const QColor text = palette.color(QPalette::Text);
      axis->setBasePen(QPen(text, 1));
      axis->setTickPen(QPen(text, 1));
      axis->setTickLabelColor(text);
      axis->setLabelColor(text);
      axis->grid()->setPen(QPen(gridColor(palette), 1, Qt::DotLine));
      axis->grid()->setZeroLinePen(Qt::NoPen);
    }
    r->axis(QCPAxis::atTop)->setBasePen(QPen(gridColor(palette), 1));
  }
}

}  // namespace catdpo::ui
