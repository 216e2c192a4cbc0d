// SPDX-License-Identifier: MIT
// The "live training" page: run controls, progress, and the live plots in splitters the user
// can resize: λ_k (SafeDPO's fixed Δ as reference) and the per-category safe ratio over the
// evaluations (with intervals) on top; g_k and, in tabs, the latest evaluation's bars and the
// scalar curves below (a plot in a hidden tab takes its points in but does not draw). It takes the
// engine's plain structs on the GUI thread; a TrainingWorker (a QObject in its own QThread, added
// with the engine wiring) will deliver them by queued signals and act on the
// start/pause/resume/stop requests emitted here.
#pragma once

#include <QList>
#include <QWidget>
#include <string>
#include <vector>

#include "train/events.h"

class QAction;
class QSplitter;
class QTabWidget;
class QToolBar;

namespace catdpo::ui {

class CategoryBarChart;
class CategorySeriesPlot;
class PlotWidget;
class SafeRatioPlot;
class ScalarSeriesPlot;
class TrainingProgress;

class LivePage : public QWidget {
  Q_OBJECT
 public:
  static constexpr double kSafeDpoDelta = 10.0;  // SafeDPO's fixed margin, the λ reference

  explicit LivePage(QWidget* parent = nullptr);

  // Run controls. They stay disabled until the engine is connected; afterwards the run
  // status decides which ones apply (Pause only while running, Resume only while paused).
  QAction* startAction() const { return m_start; }
  QAction* pauseAction() const { return m_pause; }
  QAction* resumeAction() const { return m_resume; }
  QAction* stopAction() const { return m_stop; }
  void setRunStatus(catdpo::RunStatus status);
  catdpo::RunStatus runStatus() const { return m_status; }
  // Maps an engine lifecycle event to the run status (messages leave it unchanged).
  void applyLifecycle(const catdpo::LifecycleEvent& event);

  // Feeds, all on the GUI thread.
  void setCategories(const std::vector<std::string>& names);
  void appendStep(const catdpo::StepMetrics& step);
  void setEvaluation(const catdpo::EvalResult& result);
  void clear();

  CategorySeriesPlot* lambdaPlot() const { return m_lambda; }
  CategorySeriesPlot* gPlot() const { return m_g; }
  ScalarSeriesPlot* scalarPlot() const { return m_scalars; }
  SafeRatioPlot* safeRatioPlot() const { return m_safe; }
  QTabWidget* lowerTabs() const { return m_tabs; }
  CategoryBarChart* barChart() const { return m_bars; }
  TrainingProgress* progress() const { return m_progress; }
  QList<PlotWidget*> plots() const;

  // Splitter positions, for QSettings. Saved sizes are absolute pixels, so a page that has
  // not been laid out yet keeps the state and applies it once it is shown at its real size.
  QByteArray saveLayout() const;
  bool restoreLayout(const QByteArray& state);

 signals:
  void startRequested();
  void pauseRequested();
  void resumeRequested();
  void stopRequested();

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  void updateActions();
  bool applyLayout(const QByteArray& state);

  QToolBar* m_toolBar = nullptr;
  QAction* m_start = nullptr;
  QAction* m_pause = nullptr;
  QAction* m_resume = nullptr;
  QAction* m_stop = nullptr;
  catdpo::RunStatus m_status = catdpo::RunStatus::Created;

  TrainingProgress* m_progress = nullptr;
  CategorySeriesPlot* m_lambda = nullptr;
  CategorySeriesPlot* m_g = nullptr;
  ScalarSeriesPlot* m_scalars = nullptr;
  CategoryBarChart* m_bars = nullptr;
  SafeRatioPlot* m_safe = nullptr;
  QTabWidget* m_tabs = nullptr;
  QSplitter* m_rows = nullptr;
  QSplitter* m_top = nullptr;
  QSplitter* m_bottom = nullptr;
  QByteArray m_pendingLayout;
};

}  // namespace catdpo::ui
