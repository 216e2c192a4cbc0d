// SPDX-License-Identifier: MIT
// The main window: a stack of pages (welcome, live training) in the centre, the log in a dock,
// menus with the main shortcuts. It arranges panels and wires them to the TrainingController,
// which owns the training thread (the GUI thread never trains). Closing the window during a
// run cancels it and closes once the thread has ended. Window geometry, dock state, splitter
// positions, the last run configuration and recent presets persist through QSettings.
#pragma once

#include <QMainWindow>
#include <QPointer>
#include <QStringList>
#include <memory>

#include "train/train_config.h"
#include "ui/engine/engine_types.h"

class QDockWidget;
class QLabel;
class QMessageBox;
class QProgressBar;
class QStackedWidget;

namespace catdpo {
class RunStore;
}

namespace catdpo::ui {

class CompareView;
class DataPanel;
class LivePage;
class LogPanel;
class RunsBrowser;
class SamplesInspector;
class SweepView;
class TrainDialog;
class TrainingController;
class WelcomePage;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  WelcomePage* welcomePage() const { return m_welcome; }
  LivePage* livePage() const { return m_live; }
  LogPanel* logPanel() const { return m_log; }
  QDockWidget* logDock() const { return m_logDock; }
  TrainingController* training() const { return m_training; }
  QWidget* currentPage() const;
  DataPanel* dataPanel() const { return m_data; }
  RunsBrowser* runsBrowser() const { return m_runs; }
  CompareView* compareView() const { return m_compare; }
  SamplesInspector* samplesInspector() const { return m_samples; }
  SweepView* sweepView() const { return m_sweeps; }

  void showWelcome();
  void showLive();
  void showData();
  // The runs of the workspace database (opened on first use, shared by the run views).
  void showRuns();
  void showCompare(const QStringList& runIds);
  void showSamples(const QString& runId);
  // The comparison suite: sweeps of the workspace database, and starting new ones.
  void showSweeps();

  // Shows a start-up warning (e.g. the slow-BLAS one) in the status bar and the log.
  void showEngineWarning(const QString& text);

  // The run database new runs go to and "clone run" reads (empty: the workspace default).
  void setDatabasePath(const QString& path) { m_databasePath = path; }
  QString databasePath() const { return m_databasePath; }
  // What the welcome page's demo button (and --demo) starts; the full demo by default.
  void setDemoConfig(const catdpo::TrainConfig& config) { m_demoConfig = config; }
  catdpo::TrainConfig demoConfig() const { return m_demoConfig; }

  // Starts a run on the training thread and shows the live page; false while one is active.
  bool startTraining(const catdpo::TrainConfig& config);
  // Continues a stopped or interrupted run from its latest checkpoint (the engine reads its
  // stored configuration); false while a run is active.
  bool continueRun(const QString& runId);
  void startDemo();
  // Opens the (non-modal) "New training run" dialog, prefilled with the last configuration.
  void openTrainDialog();
  // Opens the dialog with `path` as the data set (the command line's file, "Open a data set").
  void openDataSetFile(const QString& path);
  TrainDialog* trainDialog() const;
  // The last engine error shown to the user (empty when none), and its message box.
  QString lastError() const { return m_lastError; }
  QMessageBox* errorBox() const;

  // Writes geometry, dock and splitter state; also done on close.
  void saveSettings() const;

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void createMenus();
  void restoreSettings();
  void showAbout();
  void openPreset();
  void openPresetFile(const QString& path);
  void openDataSet();
  // The data panel's "Use for training": the train dialog with this data set.
  void useDataSet(const QString& path);
  std::shared_ptr<catdpo::RunStore> runStore();
  void addViewPages();
  void fillRecentPresets();
  void wireTraining();
  void onStarted(const QString& runId, const QStringList& categories);
  void onSteps(const QList<catdpo::StepMetrics>& steps);
  void onLifecycle(const catdpo::LifecycleEvent& event);
  void onPreparation(const catdpo::PreparationProgress& progress);
  void onFailed(const QString& message);
  void onFinished(catdpo::RunStatus status, const QString& runId);
  bool startExperiment(const catdpo::ExperimentOptions& options, const QString& description);
  void updateContinueAction();
  void rememberConfig(const catdpo::TrainConfig& config);
  catdpo::TrainConfig lastConfig() const;

  QStackedWidget* m_pages = nullptr;
  WelcomePage* m_welcome = nullptr;
  LivePage* m_live = nullptr;
  DataPanel* m_data = nullptr;
  RunsBrowser* m_runs = nullptr;
  CompareView* m_compare = nullptr;
  SamplesInspector* m_samples = nullptr;
  SweepView* m_sweeps = nullptr;
  std::shared_ptr<catdpo::RunStore> m_store;  // GUI-thread connection of the run views
  LogPanel* m_log = nullptr;
  QDockWidget* m_logDock = nullptr;
  QMenu* m_recentPresets = nullptr;
  QAction* m_continue = nullptr;
  QString m_resumableRunId;  // the last run that ended stopped (resumable), if any
  QProgressBar* m_preparationBar = nullptr;
  TrainingController* m_training = nullptr;
  QPointer<TrainDialog> m_dialog;
  QPointer<QMessageBox> m_errorBox;
  QString m_databasePath;
  catdpo::TrainConfig m_demoConfig;
  QString m_lastError;
  QString m_preparationStage;
  bool m_closeWhenEnded = false;
};

}  // namespace catdpo::ui
