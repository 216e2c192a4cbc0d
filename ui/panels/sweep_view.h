// SPDX-License-Identifier: MIT
// The comparison suite in the window: pick a sweep of the workspace (or start one), see one row
// per method (and grid value) with Macro, Worst-3, Gap, Variance of the judged safe ratio as
// mean ± std over seeds [95 % interval] (best value per column marked), the difference from the
// matched control catdpo_nomargin, helpfulness, benign and borderline over-refusal, and the
// implicit probability as an unranked diagnostic; the per-category bars of every method in one
// chart, the λ trajectories of each Cat-DPO run, and the trade-off frontier (Worst-3 against
// helpfulness or over-refusal, with intervals and the Pareto front) on a second tab. A sweep
// started here runs on its own thread through the same SweepRunner as `catdpo sweep`; the view
// refreshes as its runs finish, and closing the view cancels it cleanly.
#pragma once

#include <QString>
#include <QStringList>
#include <QWidget>
#include <memory>

#include "experiment/frontier.h"
#include "experiment/sweep.h"

class QComboBox;
class QLabel;
class QPushButton;
class QTabWidget;
class QTableWidget;
class QThread;

namespace catdpo {
class RunStore;
}

namespace catdpo::ui {

class CategoryBarChart;
class CategorySeriesPlot;
class FrontierPlot;

class SweepView : public QWidget {
  Q_OBJECT
 public:
  // Item data role of the summary table: true on the best value of its column.
  static constexpr int kBestRole = Qt::UserRole + 1;
  enum Column {
    Group,
    Runs,
    SafeMacro,
    SafeWorst3,
    SafeGap,
    SafeVariance,
    ImplicitMacro,
    ImplicitWorst3,
    ImplicitGap,
    ImplicitVariance,
    Helpfulness,
    OverRefusal,
    BorderlineRefusal,
    VsControlMacro,
    VsControlWorst3,
    VsControlGap,
    ColumnCount
  };

  explicit SweepView(QWidget* parent = nullptr);
  ~SweepView() override;

  // The workspace's connection, borrowed from the main window (its file is where new sweeps
  // are written, by a connection of their own on the worker thread).
  void setStore(std::shared_ptr<catdpo::RunStore> store);
  const std::shared_ptr<catdpo::RunStore>& store() const { return m_store; }
  // Without the app's connection (figure export from the command line, tests): the view opens
  // the database read-only on every refresh.
  void setDatabasePath(const QString& path);
  // Lists the workspace's sweeps and shows `sweep` (id, prefix or name), or the newest.
  bool showSweep(const QString& sweep = {});
  QString currentSweep() const;
  const catdpo::SweepResult& result() const { return m_result; }

  // Starts a sweep on a worker thread (one at a time). False when one is running.
  bool startSweep(const catdpo::SweepPlan& plan, const QString& name);
  bool isRunning() const;
  // Cancel: ends the current run at once (stop: after a checkpoint, resumable).
  void stopSweep(bool cancel = false);
  // Waits for the worker thread (for closing the window and for tests).
  bool waitForSweep(int timeoutMs);

  // Writes the per-category bars, the λ trajectories of each Cat-DPO run and the frontier on
  // each axis as PNG and SVG into `dir` (per-category.*, lambda-<group>-<n>.*,
  // frontier-<axis>.*). Returns the files written.
  QStringList exportFigures(const QString& dir, QString* error = nullptr);

  QTableWidget* table() const { return m_table; }
  CategoryBarChart* barChart() const { return m_bars; }
  CategorySeriesPlot* lambdaPlot() const { return m_lambda; }
  QComboBox* lambdaRunSelector() const { return m_lambdaRun; }
  FrontierPlot* frontierPlot() const { return m_frontier; }
  QTabWidget* plotTabs() const { return m_tabs; }
  catdpo::FrontierAxis frontierAxis() const;
  void setFrontierAxis(catdpo::FrontierAxis axis);
  QString statusText() const;

 public slots:
  void refresh();
  void openNewSweepDialog();

 signals:
  void sweepFinished(const QString& sweepId, bool complete, const QString& error);
  void errorOccurred(const QString& message);

 private:
  void fillTable();
  void fillControlColumns();
  void fillBars();
  void fillLambdaRuns();
  void fillFrontier();
  void showLambdaRun(int index);
  void onProgress(const catdpo::SweepProgress& progress);
  void onFinished(bool complete, const QString& error);

  QString m_dbPath;
  std::shared_ptr<catdpo::RunStore> m_store;  // borrowed; null: open m_dbPath read-only
  // The borrowed connection, or a read-only one on m_dbPath.
  std::shared_ptr<catdpo::RunStore> reader() const;
  catdpo::SweepResult m_result;
  QComboBox* m_sweeps = nullptr;
  QLabel* m_status = nullptr;
  QPushButton* m_newButton = nullptr;
  QPushButton* m_stopButton = nullptr;
  QTableWidget* m_table = nullptr;
  CategoryBarChart* m_bars = nullptr;
  CategorySeriesPlot* m_lambda = nullptr;
  QComboBox* m_lambdaRun = nullptr;
  QTabWidget* m_tabs = nullptr;
  FrontierPlot* m_frontier = nullptr;
  QComboBox* m_frontierAxis = nullptr;
  QThread* m_thread = nullptr;
  std::unique_ptr<catdpo::SweepRunner> m_runner;
};

}  // namespace catdpo::ui
