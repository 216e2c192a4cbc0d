// SPDX-License-Identifier: MIT
// Small multiples inside one QCustomPlot: a grid of small axis rects, one per panel, with the
// same axis ranges everywhere so the panels compare at a glance, each titled by its top axis.
// The panels' graphs share their data containers with the caller's graphs, so showing them
// copies no points and costs no extra work when points arrive; one replot draws the grid, and
// so it goes through the same replot budget as the plot it belongs to.
#pragma once

#include <QSharedPointer>
#include <QStringList>
#include <vector>

#include <qcustomplot.h>

namespace catdpo::ui {

class SmallMultiplesGrid {
 public:
  // Builds the grid into `cell`, an empty layout grid the caller placed in the plot.
  SmallMultiplesGrid(QCustomPlot* plot, QCPLayoutGrid* cell, const QStringList& titles,
                     const QFont& font);
  // Removes the panels and their graphs (the cell stays, empty).
  ~SmallMultiplesGrid();
  SmallMultiplesGrid(const SmallMultiplesGrid&) = delete;
  SmallMultiplesGrid& operator=(const SmallMultiplesGrid&) = delete;

  int panelCount() const { return int(m_rects.size()); }
  QCPAxisRect* rect(int panel) const { return m_rects[size_t(panel)]; }
  // The panel whose axis rect contains `pixel`, or -1.
  int panelAt(const QPointF& pixel) const;

  // A graph in `panel` drawing `data` (shared, not copied).
  QCPGraph* addGraph(int panel, const QSharedPointer<QCPGraphDataContainer>& data, const QPen& pen);
  // A band between two shared containers, filled with `brush`.
  void addBand(int panel, const QSharedPointer<QCPGraphDataContainer>& lower,
               const QSharedPointer<QCPGraphDataContainer>& upper, const QBrush& brush);
  const std::vector<QCPGraph*>& graphs() const { return m_graphs; }

  // The same key and value range in every panel (the shared axes).
  void setRanges(const QCPRange& keys, const QCPRange& values, bool logValues);
  // Colours for the axes and titles.
  void applyTheme(const QPalette& palette);

 private:
  // Titles elided to the panels' width as the plot is now (done before every replot: the grid
  // is often built while its plot is hidden and has no size yet).
  void elideTitles();

  QCustomPlot* m_plot;
  QCPLayoutGrid* m_cell;
  QStringList m_titles;
  QFont m_titleFont;
  int m_columns = 1;
  QMetaObject::Connection m_beforeReplot;
  std::vector<QCPAxisRect*> m_rects;
  std::vector<QCPGraph*> m_graphs;
};

// Columns for `panels` panels in an area `aspect` times as wide as high: near-square panels.
int smallMultiplesColumns(int panels, double aspect);

}  // namespace catdpo::ui
