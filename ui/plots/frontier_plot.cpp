// SPDX-License-Identifier: MIT
#include "ui/plots/frontier_plot.h"

#include <qcustomplot.h>
#include <QToolTip>
#include <algorithm>
#include <cmath>
#include <limits>

namespace catdpo::ui {

namespace {

QString percent(const catdpo::MeanStd& v) {
  QString text = QString::number(100 * v.mean, 'f', 1) + QStringLiteral(" %");
  if (v.hasCi)
    text +=
        QStringLiteral(" [%1–%2]")
            .arg(QString::number(100 * v.ci.low, 'f', 1), QString::number(100 * v.ci.high, 'f', 1));
  return text;
}

// Whisker half-widths (in percent) below and above a mean; none without an interval.
std::pair<double, double> whisker(const catdpo::MeanStd& v) {
  if (!v.hasCi) return {0, 0};
  return {std::max(0.0, 100 * (v.mean - v.ci.low)), std::max(0.0, 100 * (v.ci.high - v.mean))};
}

}  // namespace

QString FrontierPlot::axisLabel(catdpo::FrontierAxis axis) {
  switch (axis) {
    case catdpo::FrontierAxis::Helpfulness:
      return tr("Helpfulness accuracy (%)");
    case catdpo::FrontierAxis::BenignOverRefusal:
      return tr("Benign over-refusal (%)");
    case catdpo::FrontierAxis::BorderlineOverRefusal:
      return tr("Borderline over-refusal (%)");
  }
  return {};
}

FrontierPlot::FrontierPlot(QWidget* parent) : PlotWidget(parent) {
  QCustomPlot* plot = customPlot();
  plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  plot->yAxis->setLabel(tr("Worst-3 safe ratio (%) ↑"));
  plot->legend->setVisible(true);
  plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
  setTitle(tr("Trade-off frontier"));
  setEmptyHint(
      tr("The frontier appears once runs of the sweep have a judged evaluation: a sweep "
         "with \"Trade-off frontier\" ticked, or catdpo sweep --frontier."));
  connect(plot, &QCustomPlot::mouseMove, this, &FrontierPlot::onMouseMove);
  applyTheme();
}

void FrontierPlot::clearPlottables() {
  QCustomPlot* plot = customPlot();
  for (const MethodSeries& s : std::as_const(m_series)) {
    plot->removePlottable(s.safety);
    plot->removePlottable(s.other);
    plot->removePlottable(s.graph);
  }
  m_series.clear();
  m_order.clear();
  if (m_front) plot->removePlottable(m_front);
  m_front = nullptr;
}

void FrontierPlot::setFrontier(const catdpo::Frontier& frontier) {
  m_frontier = frontier;
  clearPlottables();
  QCustomPlot* plot = customPlot();
  const bool higher = catdpo::higherIsBetter(frontier.axis);
  plot->xAxis->setLabel(higher ? tr("%1 → better").arg(axisLabel(frontier.axis))
                               : tr("%1 ← better").arg(axisLabel(frontier.axis)));

  // Points of each method in x order (a graph keeps its data sorted by key; the whiskers are
  // matched to it by index).
  std::vector<int> order(frontier.points.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = int(i);
  std::stable_sort(order.begin(), order.end(), [&frontier](int a, int b) {
    return frontier.points[std::size_t(a)].other.mean < frontier.points[std::size_t(b)].other.mean;
  });
  double xlo = std::numeric_limits<double>::max(), xhi = std::numeric_limits<double>::lowest();
  double ylo = xlo, yhi = xhi;
  // One graph per method, in the sweep's order (the legend's order).
  for (const catdpo::FrontierPoint& p : frontier.points) {
    const QString method = QString::fromStdString(p.method);
    MethodSeries& s = m_series[method];
    if (s.graph) continue;
    m_order.push_back(method);
    s.graph = plot->addGraph();
    s.graph->setName(method);
    s.graph->setLineStyle(QCPGraph::lsNone);
    const QColor colour(QString::fromLatin1(catdpo::methodColour(p.method)));
    s.graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, colour, colour, 9));
    s.graph->setPen(QPen(colour));
    s.safety = new QCPErrorBars(plot->xAxis, plot->yAxis);
    s.safety->setErrorType(QCPErrorBars::etValueError);
    s.other = new QCPErrorBars(plot->xAxis, plot->yAxis);
    s.other->setErrorType(QCPErrorBars::etKeyError);
    for (QCPErrorBars* bars : {s.safety, s.other}) {
      QColor faint = colour;
      faint.setAlphaF(0.6);
      bars->setPen(QPen(faint, 1.2));
      bars->setWhiskerWidth(6);
      bars->removeFromLegend();
    }
  }
  for (int index : order) {
    const catdpo::FrontierPoint& p = frontier.points[std::size_t(index)];
    MethodSeries& s = m_series[QString::fromStdString(p.method)];
    s.points.push_back(index);
    s.graph->addData(100 * p.other.mean, 100 * p.safety.mean);
    const auto [safetyMinus, safetyPlus] = whisker(p.safety);
    const auto [otherMinus, otherPlus] = whisker(p.other);
    s.safety->addData(safetyMinus, safetyPlus);
    s.other->addData(otherMinus, otherPlus);
    const catdpo::MeanStd& x = p.other;
    const catdpo::MeanStd& y = p.safety;
    xlo = std::min(xlo, 100 * (x.hasCi ? x.ci.low : x.mean));
    xhi = std::max(xhi, 100 * (x.hasCi ? x.ci.high : x.mean));
    ylo = std::min(ylo, 100 * (y.hasCi ? y.ci.low : y.mean));
    yhi = std::max(yhi, 100 * (y.hasCi ? y.ci.high : y.mean));
  }
  for (const QString& method : std::as_const(m_order)) {
    MethodSeries& s = m_series[method];
    s.safety->setDataPlottable(s.graph);
    s.other->setDataPlottable(s.graph);
  }
  m_front = plot->addGraph();
  m_front->setName(tr("Pareto front"));
  m_front->setLineStyle(QCPGraph::lsLine);
  for (std::size_t i : frontier.front)
    m_front->addData(100 * frontier.points[i].other.mean, 100 * frontier.points[i].safety.mean);
  m_front->setVisible(frontier.front.size() > 1);
  if (frontier.front.size() <= 1) m_front->removeFromLegend();
  if (!frontier.points.empty()) {
    const double xpad = std::max(2.0, 0.08 * (xhi - xlo));
    const double ypad = std::max(2.0, 0.08 * (yhi - ylo));
    plot->xAxis->setRange(std::max(0.0, xlo - xpad), std::min(100.0, xhi + xpad));
    plot->yAxis->setRange(std::max(0.0, ylo - ypad), std::min(100.0, yhi + ypad));
  }
  applyTheme();
  requestReplot();
}

QStringList FrontierPlot::methods() const { return m_order; }

int FrontierPlot::pointCount(const QString& method) const {
  const auto it = m_series.constFind(method);
  return it == m_series.constEnd() ? 0 : it->graph->dataCount();
}

QVector<QPointF> FrontierPlot::frontLine() const {
  QVector<QPointF> out;
  if (!m_front) return out;
  for (auto it = m_front->data()->constBegin(); it != m_front->data()->constEnd(); ++it)
    out.push_back(QPointF(it->key, it->value));
  return out;
}

QCPErrorBars* FrontierPlot::safetyWhiskers(const QString& method) const {
  const auto it = m_series.constFind(method);
  return it == m_series.constEnd() ? nullptr : it->safety;
}

QCPErrorBars* FrontierPlot::otherWhiskers(const QString& method) const {
  const auto it = m_series.constFind(method);
  return it == m_series.constEnd() ? nullptr : it->other;
}

QString FrontierPlot::pointText(double x, double y) const {
  const QCustomPlot* plot = customPlot();
  int best = -1;
  double bestDistance = std::numeric_limits<double>::max();
  for (std::size_t i = 0; i < m_frontier.points.size(); ++i) {
    const catdpo::FrontierPoint& p = m_frontier.points[i];
    const double dx = plot->xAxis->coordToPixel(100 * p.other.mean) - plot->xAxis->coordToPixel(x);
    const double dy = plot->yAxis->coordToPixel(100 * p.safety.mean) - plot->yAxis->coordToPixel(y);
    const double d = std::hypot(dx, dy);
    if (d < bestDistance) {
      bestDistance = d;
      best = int(i);
    }
  }
  if (best < 0 || bestDistance > 12) return {};
  const catdpo::FrontierPoint& p = m_frontier.points[std::size_t(best)];
  return tr("%1\nWorst-3 %2\n%3: %4%5")
      .arg(QString::fromStdString(p.group), percent(p.safety), axisLabel(m_frontier.axis),
           percent(p.other), p.onFront ? tr("\non the Pareto front") : QString());
}

void FrontierPlot::onMouseMove(QMouseEvent* event) {
  QCustomPlot* plot = customPlot();
  const QString text = pointText(plot->xAxis->pixelToCoord(event->position().x()),
                                 plot->yAxis->pixelToCoord(event->position().y()));
  if (text.isEmpty())
    QToolTip::hideText();
  else
    QToolTip::showText(event->globalPosition().toPoint(), text, plot);
}

void FrontierPlot::applyTheme() {
  PlotWidget::applyTheme();
  if (!m_front) return;  // called from the base constructor first
  QPen pen(palette().color(QPalette::Text), 1.5, Qt::DashLine);
  m_front->setPen(pen);
}

}  // namespace catdpo::ui
