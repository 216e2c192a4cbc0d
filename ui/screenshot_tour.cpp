// SPDX-License-Identifier: MIT
#include "ui/screenshot_tour.h"

#include <QApplication>
#include <QComboBox>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QSettings>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QThread>
#include <cstdio>
#include <functional>

#include "common/paths.h"
#include "data/demo_generator.h"
#include "experiment/sweep.h"
#include "store/run_store.h"
#include "train/train_config.h"
#include "ui/config/train_dialog.h"
#include "ui/engine/training_controller.h"
#include "ui/main_window.h"
#include "ui/panels/compare_view.h"
#include "ui/panels/data_panel.h"
#include "ui/panels/live_page.h"
#include "ui/panels/runs_browser.h"
#include "ui/panels/sweep_view.h"
#include "ui/plots/category_series_plot.h"
#include "ui/plots/plot_export_dialog.h"
#include "ui/plots/safe_ratio_plot.h"

namespace catdpo::ui {

namespace {

constexpr int kRunTimeoutMs = 30 * 60 * 1000;  // a loaded two-core machine is slow
constexpr int kWidth = 1280, kHeight = 800;    // the window's default size

void say(const QString& text) {
  std::fprintf(stderr, "screenshots: %s\n", qPrintable(text));
  std::fflush(stderr);
}

// Processes events until `done` or the timeout; false on timeout.
bool waitUntil(const std::function<bool()>& done, int timeoutMs) {
  QDeadlineTimer deadline(timeoutMs);
  while (!done()) {
    if (deadline.hasExpired()) return false;
    QApplication::processEvents(QEventLoop::AllEvents, 50);
    QThread::msleep(10);
  }
  return true;
}

void settle(int ms = 300) {
  waitUntil([] { return false; }, ms);  // coalesced replots and layouts happen
}

// Saves a widget as it is drawn now. Palette-quantised (UI pictures have few colours), so a
// whole window stays near 50 KB.
bool save(QWidget* widget, const QString& dir, const QString& file) {
  settle();
  QImage image = widget->grab().toImage().convertToFormat(QImage::Format_RGB32);
  if (image.isNull()) return false;
  image = image.convertToFormat(QImage::Format_Indexed8, Qt::ThresholdDither | Qt::AvoidDither);
  const QString path = QDir(dir).filePath(file);
  if (!image.save(path, "PNG", /*quality=*/0)) return false;  // 0: smallest file
  say(QStringLiteral("%1 (%2 KB)").arg(path).arg(QFileInfo(path).size() / 1024));
  return true;
}

catdpo::TrainConfig tourConfig(catdpo::Method method, int steps) {
  // The full demo model: the quick one is too small to tell categories apart.
  catdpo::TrainConfig config = catdpo::demoTrainConfig(/*quick=*/false);
  config.method = method;
  config.steps = steps;
  config.eval.every = std::max(1, steps / 4);
  config.checkpointEvery = 0;
  return config;
}

bool train(MainWindow& window, const catdpo::TrainConfig& config, QString* runId) {
  bool ended = false;
  auto status = catdpo::RunStatus::Created;
  const QMetaObject::Connection connection =
      QObject::connect(window.training(), &catdpo::ui::TrainingController::finished, &window,
                       [&](catdpo::RunStatus s, const QString& id) {
                         ended = true;
                         status = s;
                         *runId = id;
                       });
  const bool started = window.startTraining(config);
  QElapsedTimer clock;
  clock.start();
  const bool done = started && waitUntil([&] { return ended; }, kRunTimeoutMs);
  QObject::disconnect(connection);
  if (!done) return false;
  say(QStringLiteral("run %1 (%2) %3 in %4 s")
          .arg(runId->left(8), QString::fromLatin1(catdpo::toString(config.method)))
          .arg(status == catdpo::RunStatus::Finished ? QStringLiteral("finished")
                                                     : QStringLiteral("did not finish"))
          .arg(clock.elapsed() / 1000));
  if (status != catdpo::RunStatus::Finished) say(window.lastError());
  return status == catdpo::RunStatus::Finished;
}

// The category the two runs differ most in at their last evaluation: the one worth a look.
int mostDifferentCategory(const catdpo::RunStore& store, const QString& a, const QString& b) {
  const auto ea = store.latestEvaluation(a.toStdString());
  const auto eb = store.latestEvaluation(b.toStdString());
  if (!ea || !eb) return 0;
  int best = 0;
  double bestGap = -1;
  for (const catdpo::CategoryEvalResult& x : ea->result.categories)
    for (const catdpo::CategoryEvalResult& y : eb->result.categories)
      if (x.category == y.category && x.generatedCount > 0 && y.generatedCount > 0 &&
          std::abs(x.safeRatio - y.safeRatio) > bestGap) {
        bestGap = std::abs(x.safeRatio - y.safeRatio);
        best = x.category;
      }
  return best;
}

}  // namespace

QStringList screenshotFiles() {
  return {QStringLiteral("welcome.png"),         QStringLiteral("data.png"),
          QStringLiteral("configure.png"),       QStringLiteral("live.png"),
          QStringLiteral("live-focus.png"),      QStringLiteral("runs.png"),
          QStringLiteral("compare.png"),         QStringLiteral("compare-categories.png"),
          QStringLiteral("compare-bars.png"),    QStringLiteral("sweeps.png"),
          QStringLiteral("sweeps-frontier.png"), QStringLiteral("export.png")};
}

int runScreenshotTour(const QString& outDir, int steps) {
  if (!QDir().mkpath(outDir)) {
    say(QStringLiteral("cannot create %1").arg(outDir));
    return 1;
  }
  QTemporaryDir work;
  if (!work.isValid()) return 1;
  // A workspace of its own: the user's settings, runs and checkpoints stay as they are; the
  // demo model already built is reused from where it is.
  if (qEnvironmentVariableIsEmpty("CATDPO_DEMO_MODELS"))
    qputenv("CATDPO_DEMO_MODELS", QByteArray::fromStdString(catdpo::demoModelDir().string()));
  qputenv("CATDPO_HOME", QFile::encodeName(work.path()));
  QSettings::setDefaultFormat(QSettings::IniFormat);
  QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, work.filePath("settings"));
  QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
  QApplication::setPalette(QApplication::style()->standardPalette());
  const QString db = work.filePath(QStringLiteral("workspace.sqlite"));
  const QString dataDir = work.filePath(QStringLiteral("demo-data"));
  catdpo::DemoOptions demo;
  demo.pairs = 1500;
  catdpo::writeDemoData(catdpo::generateDemoData(demo), dataDir.toStdString());
  const QStringList files = screenshotFiles();
  const auto fail = [](const QString& what) {
    say(QStringLiteral("failed: %1").arg(what));
    return 1;
  };

  MainWindow window;
  window.setDatabasePath(db);
  window.resize(kWidth, kHeight);
  window.show();
  window.showWelcome();
  if (!save(&window, outDir, files[0])) return fail(files[0]);

  // 1. A data set, as dropping it on the window opens it.
  window.openDataSetFile(QDir(dataDir).filePath(QStringLiteral("train.jsonl")));
  if (!waitUntil([&] { return !window.dataPanel()->isLoading(); }, 120000))
    return fail(QStringLiteral("loading the demo data"));
  if (!save(&window, outDir, files[1])) return fail(files[1]);

  // 2. Configure: the training dialog, prefilled.
  window.openTrainDialog();
  catdpo::ui::TrainDialog* dialog = window.trainDialog();
  dialog->setConfig(tourConfig(catdpo::Method::CatDpo, steps));
  dialog->resize(900, 720);
  if (!save(dialog, outDir, files[2])) return fail(files[2]);
  dialog->reject();

  // 3. Train and watch: Cat-DPO, then its comparison run.
  QString catdpoRun, otherRun;
  if (!train(window, tourConfig(catdpo::Method::CatDpo, steps), &catdpoRun))
    return fail(QStringLiteral("the Cat-DPO run"));
  catdpo::ui::LivePage* live = window.livePage();
  window.showLive();
  if (!save(&window, outDir, files[3])) return fail(files[3]);
  live->lambdaPlot()->setWorstCount(3);
  live->lambdaPlot()->setMeanVisible(true);
  live->safeRatioPlot()->setSmallMultiples(true);
  if (!save(&window, outDir, files[4])) return fail(files[4]);
  live->lambdaPlot()->setWorstCount(0);
  live->lambdaPlot()->setMeanVisible(false);
  live->safeRatioPlot()->setSmallMultiples(false);
  if (!train(window, tourConfig(catdpo::Method::DpoSafer, steps), &otherRun))
    return fail(QStringLiteral("the comparison run"));

  // 4. The runs, and two of them compared.
  window.showRuns();
  if (!save(&window, outDir, files[5])) return fail(files[5]);
  window.showCompare({catdpoRun, otherRun});
  catdpo::ui::CompareView* compare = window.compareView();
  {
    catdpo::RunStore store(db.toStdString(), /*readOnly=*/true);
    compare->setCategory(mostDifferentCategory(store, catdpoRun, otherRun));
  }
  compare->tabs()->setCurrentIndex(0);
  if (!save(&window, outDir, files[6])) return fail(files[6]);
  compare->tabs()->setCurrentIndex(1);
  if (!save(&window, outDir, files[7])) return fail(files[7]);
  compare->tabs()->setCurrentIndex(2);
  if (!save(&window, outDir, files[8])) return fail(files[8]);

  // 5. A sweep: two methods, one seed, started from the Sweeps view as a user would.
  window.showSweeps();
  catdpo::SweepPlan plan;
  plan.base = tourConfig(catdpo::Method::CatDpo, std::max(10, steps / 2));
  plan.base.eval.every = 0;
  plan.methods = {catdpo::Method::SafeDpo, catdpo::Method::CatDpo};
  plan.seeds = {1};
  catdpo::ui::SweepView* sweeps = window.sweepView();
  if (!sweeps->startSweep(plan, QStringLiteral("tour"))) return fail(QStringLiteral("the sweep"));
  if (!waitUntil([&] { return !sweeps->isRunning(); }, kRunTimeoutMs))
    return fail(QStringLiteral("the sweep (timeout)"));
  sweeps->refresh();
  if (!save(&window, outDir, files[9])) return fail(files[9]);
  sweeps->plotTabs()->setCurrentIndex(1);  // the trade-off frontier
  if (!save(&window, outDir, files[10])) return fail(files[10]);
  sweeps->plotTabs()->setCurrentIndex(0);

  // 6. Export: the dialog every plot's Export… button opens.
  window.showLive();
  catdpo::ui::PlotExportDialog exportDialog(live->lambdaPlot()->title(), &window);
  exportDialog.setFilePath(QDir::home().filePath(QStringLiteral("lambda.pdf")));
  exportDialog.show();
  if (!save(&exportDialog, outDir, files[11])) return fail(files[11]);
  exportDialog.close();

  window.close();
  return 0;
}

}  // namespace catdpo::ui
