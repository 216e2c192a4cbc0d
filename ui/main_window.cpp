// SPDX-License-Identifier: MIT
#include "ui/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <nlohmann/json.hpp>

#include "common/paths.h"
#include "store/run_store.h"
#include "store/workspace.h"
#include "train/train_config.h"
#include "ui/about_dialog.h"
#include "ui/config/config_form.h"
#include "ui/config/train_dialog.h"
#include "ui/engine/event_text.h"
#include "ui/engine/training_controller.h"
#include "ui/panels/compare_view.h"
#include "ui/panels/data_panel.h"
#include "ui/panels/live_page.h"
#include "ui/panels/log_panel.h"
#include "ui/panels/runs_browser.h"
#include "ui/panels/samples_inspector.h"
#include "ui/panels/sweep_view.h"
#include "ui/panels/welcome_page.h"
#include "ui/plots/category_series_plot.h"
#include "ui/recent_files.h"

namespace catdpo::ui {

namespace {
const QString kKeyGeometry = QStringLiteral("window/geometry");
const QString kKeyState = QStringLiteral("window/state");
const QString kKeyLiveLayout = QStringLiteral("window/liveLayout");
const QString kKeyLastConfig = QStringLiteral("training/lastConfig");
const QString kPresetKind = QStringLiteral("presets");
constexpr int kStateVersion = 1;  // bump when docks or toolbars change incompatibly
}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), m_demoConfig(demoTrainConfig()) {
  setWindowTitle(tr("Cat-DPO Studio"));
  m_pages = new QStackedWidget(this);
  m_welcome = new WelcomePage(m_pages);
  m_live = new LivePage(m_pages);
  m_pages->addWidget(m_welcome);
  m_pages->addWidget(m_live);
  addViewPages();
  setCentralWidget(m_pages);

  m_log = new LogPanel(this);
  m_logDock = new QDockWidget(tr("Log"), this);
  m_logDock->setObjectName(QStringLiteral("logDock"));  // saveState() needs object names
  m_logDock->setWidget(m_log);
  addDockWidget(Qt::BottomDockWidgetArea, m_logDock);

  m_preparationBar = new QProgressBar(this);
  m_preparationBar->setRange(0, 100);
  m_preparationBar->setMaximumWidth(200);
  m_preparationBar->hide();
  statusBar()->addPermanentWidget(m_preparationBar);

  m_training = new TrainingController(this);
  wireTraining();

  connect(m_welcome, &WelcomePage::liveViewRequested, this, &MainWindow::showLive);
  connect(m_welcome, &WelcomePage::demoRequested, this, &MainWindow::startDemo);
  connect(m_welcome, &WelcomePage::openDataRequested, this, &MainWindow::openDataSet);
  createMenus();
  statusBar()->showMessage(tr("Ready"));
  restoreSettings();
}

MainWindow::~MainWindow() {
  // A window destroyed without closing (tests, application teardown): end the run first.
  m_training->blockSignals(true);
  m_training->shutdown();
}

void MainWindow::createMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  QAction* newRun = file->addAction(tr("&New training run…"), this, &MainWindow::openTrainDialog);
  newRun->setShortcut(QKeySequence::New);
  QAction* demo = file->addAction(tr("Run the &demo"), this, &MainWindow::startDemo);
  demo->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
  file->addSeparator();
  QAction* open = file->addAction(tr("&Open preset…"), this, &MainWindow::openPreset);
  open->setShortcut(QKeySequence::Open);
  m_recentPresets = file->addMenu(tr("&Recent presets"));
  connect(m_recentPresets, &QMenu::aboutToShow, this, &MainWindow::fillRecentPresets);
  file->addAction(tr("Open a &data set…"), this, &MainWindow::openDataSet);
  file->addSeparator();
  file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

  QMenu* view = menuBar()->addMenu(tr("&View"));
  QAction* welcome = view->addAction(tr("&Welcome"), this, &MainWindow::showWelcome);
  welcome->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
  QAction* live = view->addAction(tr("&Live training"), this, &MainWindow::showLive);
  live->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
  QAction* data = view->addAction(tr("&Data set"), this, &MainWindow::showData);
  data->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_3));
  QAction* runs = view->addAction(tr("&Runs"), this, &MainWindow::showRuns);
  runs->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_4));
  QAction* sweeps = view->addAction(tr("&Sweeps"), this, &MainWindow::showSweeps);
  sweeps->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_5));
  view->addSeparator();
  QAction* log = m_logDock->toggleViewAction();
  log->setText(tr("Show &log"));
  log->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
  view->addAction(log);

  // The live page's run controls, so their shortcuts work from every page.
  QMenu* training = menuBar()->addMenu(tr("&Training"));
  training->addAction(m_live->startAction());
  training->addAction(m_live->pauseAction());
  training->addAction(m_live->resumeAction());
  training->addAction(m_live->stopAction());
  training->addSeparator();
  m_continue = training->addAction(tr("&Continue the stopped run"), this,
                                   [this] { continueRun(m_resumableRunId); });
  m_continue->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F7));
  updateContinueAction();

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About Cat-DPO Studio"), this, &MainWindow::showAbout);
}

void MainWindow::wireTraining() {
  connect(m_live, &LivePage::startRequested, this, &MainWindow::openTrainDialog);
  connect(m_live, &LivePage::pauseRequested, m_training, &TrainingController::pause);
  connect(m_live, &LivePage::resumeRequested, m_training, &TrainingController::resume);
  connect(m_live, &LivePage::stopRequested, this, [this] {
    m_training->stop();
    statusBar()->showMessage(tr("Stopping after the current step…"));
  });
  connect(m_training, &TrainingController::preparation, this, &MainWindow::onPreparation);
  connect(m_training, &TrainingController::started, this, &MainWindow::onStarted);
  connect(m_training, &TrainingController::steps, this, &MainWindow::onSteps);
  connect(m_training, &TrainingController::evaluation, this,
          [this](const catdpo::EvalResult& result) {
            m_live->setEvaluation(result);
            m_log->append(LogPanel::Level::Info, EventText::evaluation(result));
          });
  connect(m_training, &TrainingController::lifecycle, this, &MainWindow::onLifecycle);
  connect(m_training, &TrainingController::failed, this, &MainWindow::onFailed);
  connect(m_training, &TrainingController::finished, this, &MainWindow::onFinished);
}

QWidget* MainWindow::currentPage() const { return m_pages->currentWidget(); }

void MainWindow::showWelcome() { m_pages->setCurrentWidget(m_welcome); }

void MainWindow::showLive() { m_pages->setCurrentWidget(m_live); }

void MainWindow::addViewPages() {
  m_data = new DataPanel(m_pages);
  m_runs = new RunsBrowser(m_pages);
  m_compare = new CompareView(m_pages);
  m_samples = new SamplesInspector(m_pages);
  m_sweeps = new SweepView(m_pages);
  for (QWidget* page : {static_cast<QWidget*>(m_data), static_cast<QWidget*>(m_runs),
                        static_cast<QWidget*>(m_compare), static_cast<QWidget*>(m_samples),
                        static_cast<QWidget*>(m_sweeps)})
    m_pages->addWidget(page);
  m_data->acceptDropsOn(this);  // a data file dropped anywhere on the window opens there
  connect(m_data, &DataPanel::fileDropped, this, &MainWindow::showData);
  connect(m_data, &DataPanel::datasetChosen, this, &MainWindow::useDataSet);
  connect(m_data, &DataPanel::baseModelChosen, this,
          [this](const QString& modelDir, const QString& dataPath) {
            useDataSet(dataPath);
            m_dialog->form()->setText(QStringLiteral("model"), modelDir);
          });
  connect(m_data, &DataPanel::loadFailed, this, [this](const QString&, const QString& message) {
    m_log->append(LogPanel::Level::Error, message);
  });
  connect(m_runs, &RunsBrowser::runActivated, this,
          [this](const QString& runId) { showCompare({runId}); });
  connect(m_runs, &RunsBrowser::compareRequested, this, &MainWindow::showCompare);
  connect(m_runs, &RunsBrowser::samplesRequested, this, &MainWindow::showSamples);
  connect(m_runs, &RunsBrowser::cloneRequested, this, [this](const QString& runId) {
    openTrainDialog();
    m_dialog->cloneRun(runId);
  });
  const auto showError = [this](const QString& message) {
    m_log->append(LogPanel::Level::Error, message);
    statusBar()->showMessage(message);
  };
  connect(m_runs, &RunsBrowser::errorOccurred, this, showError);
  connect(m_compare, &CompareView::errorOccurred, this, showError);
  connect(m_samples, &SamplesInspector::errorOccurred, this, showError);
  connect(m_sweeps, &SweepView::errorOccurred, this, showError);
}

void MainWindow::showData() { m_pages->setCurrentWidget(m_data); }

std::shared_ptr<catdpo::RunStore> MainWindow::runStore() {
  if (!m_store) {
    const std::string path = catdpo::workspaceDatabasePath(m_databasePath.toStdString()).string();
    try {
      // A database (or folder) we cannot write is viewed read-only: nothing written, no
      // -wal/-shm files left beside it.
      const bool readOnly = catdpo::RunStore::shouldOpenReadOnly(path);
      m_store = std::make_shared<catdpo::RunStore>(path, readOnly);
      if (readOnly) {
        const QString note = tr("The run database is not writable: it was opened read-only.");
        m_log->append(LogPanel::Level::Info, note);
        statusBar()->showMessage(note);
      }
    } catch (const std::exception& e) {
      m_log->append(LogPanel::Level::Error, QString::fromLocal8Bit(e.what()));
      statusBar()->showMessage(tr("Could not open the run database"));
      return nullptr;
    }
    m_runs->setStore(m_store);
    m_compare->setStore(m_store);
    m_samples->setStore(m_store);
  }
  return m_store;
}

void MainWindow::showSweeps() {
  // The Sweeps view borrows the workspace's one connection.
  const auto store = runStore();
  if (store && store != m_sweeps->store())
    m_sweeps->setStore(store);
  else
    m_sweeps->refresh();
  m_pages->setCurrentWidget(m_sweeps);
}

void MainWindow::showRuns() {
  runStore();
  m_runs->refresh();
  m_pages->setCurrentWidget(m_runs);
}

void MainWindow::showCompare(const QStringList& runIds) {
  if (!runStore()) return;
  m_compare->setRuns(runIds);
  m_pages->setCurrentWidget(m_compare);
}

void MainWindow::showSamples(const QString& runId) {
  if (!runStore()) return;
  m_samples->showRun(runId);
  m_pages->setCurrentWidget(m_samples);
}

bool MainWindow::startTraining(const catdpo::TrainConfig& config) {
  catdpo::ExperimentOptions options;
  options.config = config;
  const QString description =
      tr("Starting %1 on %2 with model %3, %4 steps")
          .arg(QString::fromLatin1(catdpo::toString(config.method)),
               QString::fromStdString(config.dataPath), QString::fromStdString(config.modelPath))
          .arg(config.steps);
  if (!startExperiment(options, description)) return false;
  m_live->lambdaPlot()->setReferenceLine(config.safedpoDelta,
                                         tr("SafeDPO Δ = %1").arg(config.safedpoDelta));
  rememberConfig(config);
  return true;
}

bool MainWindow::continueRun(const QString& runId) {
  catdpo::ExperimentOptions options;
  options.resumeRunId = runId.toStdString();
  return startExperiment(options, tr("Continuing run %1 from its latest checkpoint").arg(runId));
}

bool MainWindow::startExperiment(const catdpo::ExperimentOptions& base,
                                 const QString& description) {
  if (m_training->isActive()) {
    statusBar()->showMessage(tr("A run is still active; stop it first"));
    return false;
  }
  catdpo::ExperimentOptions options = base;
  options.databasePath = m_databasePath.toStdString();
  m_live->clear();
  // Preparation (data, model, reference pass) counts as running: Stop applies, Start not.
  m_live->setRunStatus(catdpo::RunStatus::Running);
  m_lastError.clear();
  m_preparationStage.clear();
  showLive();
  m_log->append(LogPanel::Level::Info, description);
  statusBar()->showMessage(tr("Preparing the run…"));
  const bool started = m_training->start(options);
  updateContinueAction();
  return started;
}

void MainWindow::updateContinueAction() {
  if (m_continue) m_continue->setEnabled(!m_resumableRunId.isEmpty() && !m_training->isActive());
}

void MainWindow::startDemo() { startTraining(m_demoConfig); }

void MainWindow::openTrainDialog() {
  if (!m_dialog) {
    m_dialog = new TrainDialog(this);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog->setStore(runStore());
    m_dialog->setConfig(lastConfig());
    connect(m_dialog, &QDialog::accepted, this,
            [this, dialog = m_dialog] { startTraining(dialog->config()); });
  }
  m_dialog->open();
  m_dialog->raise();
}

TrainDialog* MainWindow::trainDialog() const { return m_dialog; }

QMessageBox* MainWindow::errorBox() const { return m_errorBox; }

void MainWindow::openPreset() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Open a preset"), QString(),
                                                    tr("Run configurations (*.json)"));
  if (!path.isEmpty()) openPresetFile(path);
}

void MainWindow::openPresetFile(const QString& path) {
  openTrainDialog();
  m_dialog->loadPreset(path);
}

void MainWindow::openDataSet() {
  const QString path = QFileDialog::getOpenFileName(
      this, tr("Open a preference data set"), QString(),
      tr("Preference data (*.jsonl *.json *.jsonl.gz *.json.gz *.parquet);;All files (*)"));
  if (!path.isEmpty()) openDataSetFile(path);
}

void MainWindow::openDataSetFile(const QString& path) {
  m_data->openFile(path);
  showData();
}

void MainWindow::useDataSet(const QString& path) {
  RecentFiles::add(QStringLiteral("data"), path);
  openTrainDialog();
  m_dialog->form()->setText(QStringLiteral("data"), QFileInfo(path).absoluteFilePath());
}

void MainWindow::fillRecentPresets() {
  m_recentPresets->clear();
  const QStringList files = RecentFiles::list(kPresetKind);
  for (const QString& path : files)
    m_recentPresets
        ->addAction(QFileInfo(path).fileName(), this, [this, path] { openPresetFile(path); })
        ->setToolTip(path);
  if (files.isEmpty()) {
    m_recentPresets->addAction(tr("No recent presets"))->setEnabled(false);
    return;
  }
  m_recentPresets->addSeparator();
  m_recentPresets->addAction(tr("Clear the list"), this, [] { RecentFiles::clear(kPresetKind); });
}

void MainWindow::onStarted(const QString& runId, const QStringList& categories) {
  std::vector<std::string> names;
  names.reserve(static_cast<std::size_t>(categories.size()));
  for (const QString& name : categories) names.push_back(name.toStdString());
  m_live->setCategories(names);
  m_preparationBar->hide();
  m_log->append(LogPanel::Level::Info,
                tr("Run %1: %n harm categories", nullptr, int(categories.size())).arg(runId));
  statusBar()->showMessage(tr("Training run %1").arg(runId));
}

void MainWindow::onSteps(const QList<catdpo::StepMetrics>& steps) {
  for (const catdpo::StepMetrics& step : steps) m_live->appendStep(step);
}

void MainWindow::onLifecycle(const catdpo::LifecycleEvent& event) {
  m_live->applyLifecycle(event);
  const QString text = EventText::lifecycle(event);
  if (text.isEmpty()) return;
  const auto level =
      event.kind == catdpo::LifecycleKind::Failed ? LogPanel::Level::Error : LogPanel::Level::Info;
  // The failure's text also arrives through failed(), with the full message; log it once.
  if (event.kind != catdpo::LifecycleKind::Failed) m_log->append(level, text);
  statusBar()->showMessage(text);
}

void MainWindow::onPreparation(const catdpo::PreparationProgress& progress) {
  const QString text = EventText::preparation(progress);
  if (QString::fromStdString(progress.stage) != m_preparationStage) {
    m_preparationStage = QString::fromStdString(progress.stage);
    m_log->append(LogPanel::Level::Info, text);
  }
  m_preparationBar->setValue(static_cast<int>(progress.fraction * 100.0));
  m_preparationBar->setVisible(progress.fraction < 1.0);
  statusBar()->showMessage(text);
}

void MainWindow::onFailed(const QString& message) {
  m_lastError = message;
  m_live->setRunStatus(catdpo::RunStatus::Failed);
  m_log->append(LogPanel::Level::Error, tr("Training failed: %1").arg(message));
  statusBar()->showMessage(tr("Training failed"));
  if (m_closeWhenEnded) return;  // closing anyway; the log has it
  if (m_errorBox) m_errorBox->close();
  m_errorBox = new QMessageBox(QMessageBox::Warning, tr("Training failed"),
                               tr("The run could not continue."), QMessageBox::Ok, this);
  m_errorBox->setInformativeText(message);
  m_errorBox->setAttribute(Qt::WA_DeleteOnClose);
  m_errorBox->open();  // window-modal and non-blocking: the event loop keeps running
}

void MainWindow::onFinished(catdpo::RunStatus status, const QString& runId) {
  m_live->setRunStatus(status);
  m_preparationBar->hide();
  if (status != catdpo::RunStatus::Failed)
    statusBar()->showMessage(tr("Run %1 %2").arg(runId, EventText::status(status)));
  m_resumableRunId = status == catdpo::RunStatus::Stopped ? runId : QString();
  updateContinueAction();
  if (m_closeWhenEnded) close();
}

void MainWindow::rememberConfig(const catdpo::TrainConfig& config) {
  QSettings().setValue(kKeyLastConfig, QString::fromStdString(catdpo::toJson(config).dump()));
}

catdpo::TrainConfig MainWindow::lastConfig() const {
  const QString text = QSettings().value(kKeyLastConfig).toString();
  if (text.isEmpty()) return m_demoConfig;
  try {
    return catdpo::trainConfigFromText(text.toStdString(), "settings");
  } catch (const std::exception&) {
    return m_demoConfig;  // written by another version: start from the demo again
  }
}

void MainWindow::showAbout() {
  AboutDialog dialog(this);
  dialog.exec();
}

void MainWindow::showEngineWarning(const QString& text) {
  statusBar()->showMessage(text);
  m_log->append(LogPanel::Level::Warning, text);
}

void MainWindow::saveSettings() const {
  QSettings settings;
  settings.setValue(kKeyGeometry, saveGeometry());
  settings.setValue(kKeyState, saveState(kStateVersion));
  settings.setValue(kKeyLiveLayout, m_live->saveLayout());
}

void MainWindow::restoreSettings() {
  QSettings settings;
  if (!settings.contains(kKeyGeometry)) {
    resize(1280, 800);
    resizeDocks({m_logDock}, {120}, Qt::Vertical);  // the plots get the room by default
  }
  restoreGeometry(settings.value(kKeyGeometry).toByteArray());
  restoreState(settings.value(kKeyState).toByteArray(), kStateVersion);
  m_live->restoreLayout(settings.value(kKeyLiveLayout).toByteArray());
}

void MainWindow::closeEvent(QCloseEvent* event) {
  saveSettings();
  if (m_sweeps && m_sweeps->isRunning()) {
    // A running sweep is cancelled and joined: its current run is recorded as cancelled.
    m_sweeps->stopSweep(/*cancel=*/true);
    m_sweeps->waitForSweep(60000);
  }
  if (m_training->isActive()) {
    // Cancel, keep the window until the training thread has ended, then close for real:
    // the engine records the run as cancelled and the database stays consistent.
    m_closeWhenEnded = true;
    m_training->cancel();
    m_log->append(LogPanel::Level::Info, tr("Cancelling the run before closing…"));
    statusBar()->showMessage(tr("Cancelling the run before closing…"));
    event->ignore();
    return;
  }
  event->accept();
}

}  // namespace catdpo::ui
