// SPDX-License-Identifier: MIT
// Several runs per harm category at once: one small plot per category (the same axes in all),
// one line per run in the run palette with its interval band, and the runs listed once above
// the grid. For stored runs in the comparison, so the data is set in one go and drawn once.
#pragma once

#include <QColor>
#include <QString>
#include <memory>
#include <string>
#include <vector>

#include "ui/plots/plot_widget.h"

class QCPGraph;
class QCPLayoutGrid;

namespace catdpo::ui {

class SmallMultiplesGrid;

class RunSmallMultiples : public PlotWidget {
  Q_OBJECT
 public:
  struct Point {
    int panel = 0;  // category index
    double key = 0;
    double value = 0;
    double low = 0;
    double high = 0;
  };

  explicit RunSmallMultiples(QWidget* parent = nullptr);
  ~RunSmallMultiples() override;

  // One panel per name (category index = position). Clears the runs.
  void setPanels(const std::vector<std::string>& names);
  // One run's points (any order); drawn in `color` in every panel it has points in.
  void addRun(const QString& label, const QColor& color, const std::vector<Point>& points);
  void clear();

  int panelCount() const;
  int runCount() const;
  // The line of `run` in `panel` (nullptr when the run has no point there).
  QCPGraph* line(int run, int panel) const;
  bool hasData() const override;

 protected:
  void prepareReplot() override;
  void applyTheme() override;

 private:
  struct Run;
  void rebuild();

  std::vector<std::string> m_names;
  std::vector<Run> m_runs;
  std::unique_ptr<SmallMultiplesGrid> m_grid;
  QCPLayoutGrid* m_cell = nullptr;
  bool m_dirty = false;
};

}  // namespace catdpo::ui
