// SPDX-License-Identifier: MIT
// The desktop app trains for real: the demo button starts a run on the training thread (the
// small demo model, a few steps), the live plots fill with one λ curve per harm category and
// the evaluation bars, the run lands in the database; pause, resume and stop act on the
// engine; closing the window mid-run cancels it without a crash and leaves an intact
// database; engine errors reach the window as readable text. Also saves a screenshot of the
// window during a live run (build/tests/ui/screenshots/live_training.png).
#include <QAction>
#include <QDir>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include "store/run_store.h"
#include "support/fixtures.h"
#include "train/train_config.h"
#include "ui/engine/event_text.h"
#include "ui/engine/training_controller.h"
#include "ui/i18n.h"
#include "ui/main_window.h"
#include "ui/panels/live_page.h"
#include "ui/panels/log_panel.h"
#include "ui/panels/training_progress.h"
#include "ui/panels/welcome_page.h"
#include "ui/plots/category_bar_chart.h"
#include "ui/plots/category_series_plot.h"
#include "ui/plots/scalar_series_plot.h"

using catdpo::RunStatus;
using catdpo::ui::MainWindow;

namespace {

constexpr int kCategories = 19;  // the demo data uses the PKU-SafeRLHF taxonomy
constexpr int kRunTimeoutMs = 150000;

// The small demo model on a small demo data set, with a light evaluation.
catdpo::TrainConfig quickConfig(int steps, int evalEvery) {
  catdpo::TrainConfig config = catdpo::demoTrainConfig(/*quick=*/true);
  config.dataPath = "demo:600";
  config.steps = steps;
  config.eval.every = evalEvery;
  config.checkpointEvery = 0;
  config.batchSize = 8;
  config.maxLength = 96;
  config.eval.maxPairs = 64;
  config.eval.promptsPerCategory = 1;
  config.eval.benignPrompts = 4;
  config.eval.maxNewTokens = 12;
  config.threads = 2;
  return config;
}

bool waitFor(const std::function<bool()>& condition, int timeoutMs) {
  QDeadlineTimer deadline(timeoutMs);
  while (!condition()) {
    if (deadline.hasExpired()) return false;
    QTest::qWait(20);
  }
  return true;
}

catdpo::RunRecord onlyRun(const QString& db) {
  catdpo::RunStore store(db.toStdString(), /*readOnly=*/true);
  const auto runs = store.listRuns();
  if (runs.size() != 1)
    throw std::runtime_error("expected one run, found " + std::to_string(runs.size()));
  return runs.front();
}

}  // namespace

class TestLiveTraining : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir m_dir;
  int m_dbCount = 0;

  QString freshDatabase() {
    return m_dir.filePath(QStringLiteral("runs-%1.sqlite").arg(++m_dbCount));
  }

  std::unique_ptr<MainWindow> makeWindow(const QString& db) {
    auto window = std::make_unique<MainWindow>();
    window->setDatabasePath(db);
    window->show();
    return window;
  }

 private slots:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("catdpo-test"));
    QCoreApplication::setApplicationName(QStringLiteral("test_live_training"));
    QGuiApplication::setQuitOnLastWindowClosed(false);  // windows close and reopen per case
  }

  void demoButtonTrainsLive() {
    const QString db = freshDatabase();
    auto window = makeWindow(db);
    window->setDemoConfig(quickConfig(/*steps=*/6, /*evalEvery=*/3));
    QSignalSpy finished(window->training(), &catdpo::ui::TrainingController::finished);
    QSignalSpy steps(window->training(), &catdpo::ui::TrainingController::steps);
    QTest::mouseClick(window->welcomePage()->demoButton(), Qt::LeftButton);
    QCOMPARE(window->currentPage(), window->livePage());
    QVERIFY(window->training()->isActive());
    QVERIFY(!window->livePage()->startAction()->isEnabled());
    QVERIFY(window->livePage()->stopAction()->isEnabled());

    QVERIFY2(finished.wait(kRunTimeoutMs) || finished.count() == 1,
             qPrintable(window->logPanel()->text()));
    QCOMPARE(finished.first().at(0).value<RunStatus>(), RunStatus::Finished);
    QVERIFY(!window->training()->isActive());
    QVERIFY(window->lastError().isEmpty());
    QVERIFY(steps.count() >= 1);

    catdpo::ui::LivePage* live = window->livePage();
    QCOMPARE(live->runStatus(), RunStatus::Finished);
    QVERIFY(live->startAction()->isEnabled());
    QCOMPARE(live->lambdaPlot()->seriesCount(), kCategories);
    for (int k = 0; k < kCategories; ++k) QCOMPARE(live->lambdaPlot()->pointCount(k), 6);
    QCOMPARE(live->gPlot()->seriesCount(), kCategories);
    int gPoints = 0;
    for (int k = 0; k < kCategories; ++k) gPoints += live->gPlot()->pointCount(k);
    QVERIFY(gPoints > 0);
    QVERIFY(live->scalarPlot()->pointCount(0) == 6);
    QCOMPARE(live->lambdaPlot()->referenceValue().value_or(-1), 10.0);  // SafeDPO's Δ
    QCOMPARE(live->barChart()->categoryCount(), kCategories);
    QVERIFY(live->barChart()->seriesCount() >= 1);
    QVERIFY(live->barChart()->summaryText().contains(QStringLiteral("Worst-3")));
    QCOMPARE(live->progress()->value(), 6);
    QCOMPARE(live->progress()->maximum(), 6);
    QVERIFY(window->logPanel()->text().contains(QStringLiteral("Evaluation at step 3")));

    const catdpo::RunRecord run = onlyRun(db);
    QCOMPARE(run.status, RunStatus::Finished);
    QCOMPARE(run.method, std::string("catdpo"));
    QCOMPARE(run.lastStep, 6);
    QCOMPARE(QString::fromStdString(run.id), window->training()->runId());
    catdpo::RunStore store(db.toStdString(), /*readOnly=*/true);
    QCOMPARE(store.evaluations(run.id).size(), std::size_t(2));  // steps 3 and 6
    QVERIFY(store.integrityOk());
  }

  void pauseResumeStop() {
    const QString db = freshDatabase();
    auto window = makeWindow(db);
    QSignalSpy finished(window->training(), &catdpo::ui::TrainingController::finished);
    QVERIFY(window->startTraining(quickConfig(/*steps=*/400, /*evalEvery=*/0)));
    catdpo::ui::LivePage* live = window->livePage();
    QVERIFY2(waitFor([&] { return live->lambdaPlot()->pointCount(0) >= 2; }, kRunTimeoutMs),
             qPrintable(window->logPanel()->text()));

    QVERIFY(live->pauseAction()->isEnabled());
    QTest::keyClick(window.get(), Qt::Key_F6);  // the pause shortcut
    QVERIFY(waitFor([&] { return live->runStatus() == RunStatus::Paused; }, 30000));
    QVERIFY(live->resumeAction()->isEnabled());
    QVERIFY(!live->pauseAction()->isEnabled());
    const int pausedAt = live->lambdaPlot()->pointCount(0);
    QTest::qWait(400);
    QCOMPARE(live->lambdaPlot()->pointCount(0), pausedAt);  // really paused
    QVERIFY(window->training()->isActive());

    live->resumeAction()->trigger();
    QVERIFY(waitFor([&] { return live->lambdaPlot()->pointCount(0) > pausedAt + 1; }, 30000));
    QCOMPARE(live->runStatus(), RunStatus::Running);

    live->stopAction()->trigger();
    QVERIFY(finished.wait(60000) || finished.count() == 1);
    QCOMPARE(finished.first().at(0).value<RunStatus>(), RunStatus::Stopped);
    QCOMPARE(live->runStatus(), RunStatus::Stopped);
    const catdpo::RunRecord run = onlyRun(db);
    QCOMPARE(run.status, RunStatus::Stopped);
    QVERIFY(run.lastStep < 400);
    {
      catdpo::RunStore store(db.toStdString(), /*readOnly=*/true);
      QVERIFY(store.latestCheckpoint(run.id).has_value());  // stop keeps a resumable checkpoint
    }

    // The stopped run continues from its checkpoint, in the same database row.
    QVERIFY(window->continueRun(QString::fromStdString(run.id)));
    QVERIFY2(waitFor([&] { return live->lambdaPlot()->pointCount(0) >= 2; }, kRunTimeoutMs),
             qPrintable(window->logPanel()->text()));
    window->training()->cancel();
    QVERIFY(finished.wait(60000) || finished.count() == 2);
    const catdpo::RunRecord continued = onlyRun(db);
    QCOMPARE(continued.id, run.id);
    QVERIFY(continued.lastStep >= run.lastStep + 2);
  }

  void screenshotDuringALiveRun() {
    const QString db = freshDatabase();
    auto window = makeWindow(db);
    window->resize(1280, 800);
    QSignalSpy finished(window->training(), &catdpo::ui::TrainingController::finished);
    QSignalSpy evaluations(window->training(), &catdpo::ui::TrainingController::evaluation);
    QVERIFY(window->startTraining(quickConfig(/*steps=*/400, /*evalEvery=*/4)));
    QVERIFY2(waitFor(
                 [&] {
                   return evaluations.count() >= 1 &&
                          window->livePage()->lambdaPlot()->pointCount(0) >= 6;
                 },
                 kRunTimeoutMs),
             qPrintable(window->logPanel()->text()));
    QTest::qWait(100);  // let the coalesced replot happen
    QVERIFY(window->training()->isActive());
    const QImage shot = window->grab().toImage();
    QVERIFY(!shot.isNull());
    QCOMPARE(shot.width(), window->width() * shot.devicePixelRatio());
    const QString dir = catdpo::test::binaryDir() + QStringLiteral("/tests/ui/screenshots");
    QVERIFY(QDir().mkpath(dir));
    const QString path = dir + QStringLiteral("/live_training.png");
    QVERIFY(shot.save(path));
    QVERIFY(QFileInfo(path).size() > 10000);
    window->training()->cancel();
    QVERIFY(finished.wait(60000) || finished.count() == 1);
  }

  void closingMidRunCancelsCleanly() {
    const QString db = freshDatabase();
    auto window = makeWindow(db);
    QSignalSpy finished(window->training(), &catdpo::ui::TrainingController::finished);
    QVERIFY(window->startTraining(quickConfig(/*steps=*/400, /*evalEvery=*/0)));
    QVERIFY2(waitFor([&] { return window->livePage()->lambdaPlot()->pointCount(0) >= 2; },
                     kRunTimeoutMs),
             qPrintable(window->logPanel()->text()));
    QVERIFY(!window->close());  // deferred until the training thread has ended
    QVERIFY(window->isVisible());
    QVERIFY(waitFor([&] { return !window->isVisible(); }, 60000));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.first().at(0).value<RunStatus>(), RunStatus::Cancelled);
    QVERIFY(!window->training()->isActive());
    window.reset();

    const catdpo::RunRecord run = onlyRun(db);
    QCOMPARE(run.status, RunStatus::Cancelled);
    QVERIFY(run.lastStep >= 2 && run.lastStep < 400);
    catdpo::RunStore store(db.toStdString(), /*readOnly=*/true);
    std::string report;
    QVERIFY2(store.integrityOk(&report), report.c_str());
  }

  void destroyingTheWindowMidRunJoinsTheThread() {
    const QString db = freshDatabase();
    auto window = makeWindow(db);
    QVERIFY(window->startTraining(quickConfig(/*steps=*/400, /*evalEvery=*/0)));
    QVERIFY(waitFor([&] { return window->livePage()->lambdaPlot()->pointCount(0) >= 1; },
                    kRunTimeoutMs));
    window.reset();  // no close event: the destructor cancels and waits
    catdpo::RunStore store(db.toStdString(), /*readOnly=*/true);
    QVERIFY(store.integrityOk());
    QCOMPARE(onlyRun(db).status, RunStatus::Cancelled);
  }

  void engineErrorsAreShown() {
    const QString db = freshDatabase();
    auto window = makeWindow(db);
    QSignalSpy finished(window->training(), &catdpo::ui::TrainingController::finished);
    catdpo::TrainConfig config = quickConfig(/*steps=*/4, /*evalEvery=*/0);
    config.dataPath = m_dir.filePath(QStringLiteral("missing.jsonl")).toStdString();
    QVERIFY(window->startTraining(config));
    QVERIFY(finished.wait(60000) || finished.count() == 1);
    QCOMPARE(finished.first().at(0).value<RunStatus>(), RunStatus::Failed);
    QVERIFY2(window->lastError().contains(QStringLiteral("missing.jsonl")),
             qPrintable(window->lastError()));
    QVERIFY(window->errorBox());
    QVERIFY(window->errorBox()->isVisible());
    QVERIFY(window->errorBox()->informativeText().contains(QStringLiteral("missing.jsonl")));
    QCOMPARE(window->livePage()->runStatus(), RunStatus::Failed);
    QVERIFY(window->livePage()->startAction()->isEnabled());
    QVERIFY(window->logPanel()->text().contains(QStringLiteral("missing.jsonl")));
    window->errorBox()->accept();
  }

  // Last: it leaves the German translation installed.
  void eventTextIsTranslated() {
    catdpo::LifecycleEvent paused;
    paused.kind = catdpo::LifecycleKind::Paused;
    paused.step = 7;
    QCOMPARE(catdpo::ui::EventText::lifecycle(paused), QStringLiteral("Paused after step 7"));
    QCOMPARE(catdpo::ui::installTranslations(*qApp, QLocale(QStringLiteral("de_DE"))),
             QStringLiteral("de"));
    QCOMPARE(catdpo::ui::EventText::lifecycle(paused), QStringLiteral("Nach Schritt 7 pausiert"));
    QCOMPARE(catdpo::ui::EventText::status(RunStatus::Stopped), QStringLiteral("gestoppt"));
  }
};

QTEST_MAIN(TestLiveTraining)
#include "test_live_training.moc"
