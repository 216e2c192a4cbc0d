// SPDX-License-Identifier: MIT
#include "ui/plots/run_small_multiples.h"

#include <qcustomplot.h>
#include <algorithm>
#include <cmath>
#include <limits>

#include "ui/plots/plot_theme.h"
#include "ui/plots/small_multiples.h"

namespace catdpo::ui {

struct RunSmallMultiples::Run {
  QString label;
  QColor color;
  std::vector<Point> points;
  std::vector<QCPGraph*> lines;  // per panel, nullptr where the run has no point
};

RunSmallMultiples::RunSmallMultiples(QWidget* parent) : PlotWidget(parent) {
  QCustomPlot* plot = customPlot();
  plot->setAutoAddPlottableToLegend(false);
  // The default axis rect makes way for the grid; the legend lists the runs above it.
  // The hint first: an item made while the plot has no axis rect complains about it.
  setEmptyHint(tr("Select runs in the Runs view (Ctrl+4) and choose Compare."));
  plot->axisRect()->insetLayout()->take(plot->legend);
  plot->plotLayout()->remove(plot->axisRect());
  plot->plotLayout()->simplify();
  plot->plotLayout()->addElement(1, 0, plot->legend);
  plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
  plot->legend->setVisible(true);
  plot->plotLayout()->setRowStretchFactor(1, 0.001);
  m_cell = new QCPLayoutGrid;
  plot->plotLayout()->addElement(2, 0, m_cell);
  applyTheme();
}

RunSmallMultiples::~RunSmallMultiples() { m_grid.reset(); }

void RunSmallMultiples::setPanels(const std::vector<std::string>& names) {
  m_names = names;
  m_runs.clear();
  m_dirty = true;
  requestReplot();
}

void RunSmallMultiples::addRun(const QString& label, const QColor& color,
                               const std::vector<Point>& points) {
  Run run;
  run.label = label;
  run.color = color;
  run.points = points;
  std::sort(run.points.begin(), run.points.end(),
            [](const Point& a, const Point& b) { return a.key < b.key; });
  m_runs.push_back(std::move(run));
  m_dirty = true;
  requestReplot();
}

void RunSmallMultiples::clear() {
  m_runs.clear();
  m_dirty = true;
  requestReplot();
}

int RunSmallMultiples::runCount() const { return int(m_runs.size()); }

int RunSmallMultiples::panelCount() const { return m_grid ? m_grid->panelCount() : 0; }

QCPGraph* RunSmallMultiples::line(int run, int panel) const {
  if (run < 0 || run >= runCount() || panel < 0) return nullptr;
  const Run& r = m_runs[size_t(run)];
  return size_t(panel) < r.lines.size() ? r.lines[size_t(panel)] : nullptr;
}

bool RunSmallMultiples::hasData() const {
  for (const Run& r : m_runs)
    if (!r.points.empty()) return true;
  return false;
}

void RunSmallMultiples::prepareReplot() {
  if (m_dirty) rebuild();
  m_dirty = false;
}

void RunSmallMultiples::rebuild() {
  QCustomPlot* plot = customPlot();
  m_grid.reset();
  plot->legend->clearItems();
  for (Run& r : m_runs) r.lines.clear();
  if (!hasData()) return;
  QStringList titles;
  for (const std::string& n : m_names) titles << QString::fromStdString(n);
  int panels = int(titles.size());
  for (const Run& r : m_runs)
    for (const Point& p : r.points) panels = std::max(panels, p.panel + 1);
  while (titles.size() < panels) titles << tr("Category %1").arg(titles.size() + 1);
  m_grid = std::make_unique<SmallMultiplesGrid>(plot, m_cell, titles, font());
  double minKey = std::numeric_limits<double>::infinity(), maxKey = -minKey;
  for (Run& run : m_runs) {
    run.lines.assign(size_t(panels), nullptr);
    for (int panel = 0; panel < panels; ++panel) {
      auto line = QSharedPointer<QCPGraphDataContainer>::create();
      auto low = QSharedPointer<QCPGraphDataContainer>::create();
      auto high = QSharedPointer<QCPGraphDataContainer>::create();
      for (const Point& p : run.points) {
        if (p.panel != panel) continue;
        line->add(QCPGraphData(p.key, p.value));
        low->add(QCPGraphData(p.key, p.low));
        high->add(QCPGraphData(p.key, p.high));
        minKey = std::min(minKey, p.key);
        maxKey = std::max(maxKey, p.key);
      }
      if (line->isEmpty()) continue;
      QColor band = run.color;
      band.setAlphaF(0.14f);
      m_grid->addBand(panel, low, high, band);
      QCPGraph* graph = m_grid->addGraph(panel, line, QPen(run.color, 1.5));
      graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 3));
      graph->setName(run.label);
      run.lines[size_t(panel)] = graph;
    }
    // One legend entry per run, from its first line.
    for (QCPGraph* graph : run.lines)
      if (graph) {
        plot->legend->addItem(new QCPPlottableLegendItem(plot->legend, graph));
        break;
      }
  }
  const double pad = minKey == maxKey ? 1.0 : (maxKey - minKey) * 0.03;
  m_grid->setRanges(QCPRange(minKey - pad, maxKey + pad), QCPRange(-2, 102), false);
  m_grid->applyTheme(palette());
}

void RunSmallMultiples::applyTheme() {
  PlotWidget::applyTheme();
  if (m_grid) m_grid->applyTheme(palette());
}

}  // namespace catdpo::ui
