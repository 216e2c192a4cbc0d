// SPDX-License-Identifier: MIT
// The live training page: synthetic StepMetrics for 19 categories become 19 curves with the
// right points; bursts of thousands of steps from the event loop are drawn with a bounded
// number of replots; run controls follow the engine state; progress shows step, speed, ETA.
#include <qcustomplot.h>
#include <QAction>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QtTest>
#include <algorithm>
#include <cmath>

#include "eval/intervals.h"
#include "synthetic_metrics.h"
#include "ui/panels/live_page.h"
#include "ui/panels/training_progress.h"
#include "ui/plots/category_bar_chart.h"
#include "ui/plots/category_series_plot.h"
#include "ui/plots/replot_budget.h"
#include "ui/plots/safe_ratio_plot.h"
#include "ui/plots/scalar_series_plot.h"

using catdpo::RunStatus;
using catdpo::testing::pkuCategoryNames;
using catdpo::testing::syntheticStep;
using catdpo::ui::LivePage;
using catdpo::ui::PlotWidget;

namespace {
catdpo::LifecycleEvent lifecycle(catdpo::LifecycleKind kind) {
  catdpo::LifecycleEvent event;
  event.kind = kind;
  return event;
}
}  // namespace

class TestLivePage : public QObject {
  Q_OBJECT
 private slots:
  void stepsBecomeNineteenCurves() {
    LivePage page;
    page.setCategories(pkuCategoryNames());
    for (int s = 1; s <= 200; ++s) page.appendStep(syntheticStep(s, 1000));
    // Through the coalescing timer, as in a live run (no explicit flush).
    QTRY_COMPARE(page.lambdaPlot()->graph(18)->data()->size(), 200);
    QCOMPARE(page.lambdaPlot()->seriesCount(), 19);
    QCOMPARE(page.gPlot()->seriesCount(), 19);
    for (int k = 0; k < 19; ++k) {
      QTRY_COMPARE(page.lambdaPlot()->graph(k)->data()->size(), 200);
      QTRY_COMPARE(page.gPlot()->graph(k)->data()->size(), 150);  // g undefined 1 step in 4
      QCOMPARE(page.lambdaPlot()->graph(k)->data()->at(122)->value,
               catdpo::testing::syntheticLambda(123, k));
    }
    QCOMPARE(page.lambdaPlot()->seriesName(18), QStringLiteral("Animal Abuse"));
    const int loss = page.scalarPlot()->seriesIndex(QString::fromLatin1(catdpo::metric::kLoss));
    QTRY_COMPARE(page.scalarPlot()->graph(loss)->data()->size(), 200);
    // The λ plot carries SafeDPO's fixed Δ = 10 as its reference.
    QCOMPARE(page.lambdaPlot()->referenceValue().value_or(0), LivePage::kSafeDpoDelta);
    QVERIFY(!page.gPlot()->referenceValue().has_value());
  }

  void replotsAreCoalesced() {
    LivePage page;
    page.resize(1200, 800);
    page.setCategories(pkuCategoryNames());
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QTRY_VERIFY(!page.lambdaPlot()->replotPending());

    constexpr int kSteps = 3000;
    constexpr int kStepsPerTick = 15;  // ~ a fast engine's queued signals per event-loop turn
    const PlotWidget* lambda = page.lambdaPlot();
    const int before = lambda->replotCount();
    int fed = 0, ticks = 0;
    QElapsedTimer clock;
    QTimer feeder;
    feeder.setInterval(0);
    connect(&feeder, &QTimer::timeout, this, [&] {
      ++ticks;
      for (int i = 0; i < kStepsPerTick && fed < kSteps; ++i)
        page.appendStep(syntheticStep(++fed, kSteps));
      if (fed >= kSteps) feeder.stop();
    });
    clock.start();
    feeder.start();
    QTRY_VERIFY_WITH_TIMEOUT(fed >= kSteps && !lambda->replotPending(), 120000);
    const qint64 elapsedMs = clock.elapsed();
    const int replots = lambda->replotCount() - before;

    // Each replot waits kReplotIntervalMs after the request that armed it, so n replots need
    // at least n x kReplotIntervalMs; 2 ms less allows for timer rounding.
    const qint64 bound = elapsedMs / (PlotWidget::kReplotIntervalMs - 2) + 1;
    QVERIFY2(replots <= bound, qPrintable(QStringLiteral("%1 replots in %2 ms (bound %3)")
                                              .arg(replots)
                                              .arg(elapsedMs)
                                              .arg(bound)));
    QVERIFY(replots >= 1);
    QVERIFY2(replots < ticks, "every event-loop turn replotted: nothing was coalesced");
    for (int k = 0; k < 19; ++k) QCOMPARE(page.lambdaPlot()->graph(k)->data()->size(), kSteps);
  }

  // Each evaluation of a live run adds one point per judged category to the safe-ratio curves,
  // with its Wilson interval as the band, and the bars show the latest one.
  void safeRatioCurvesAfterAnEvaluation() {
    LivePage page;
    page.setCategories(pkuCategoryNames());
    catdpo::ui::SafeRatioPlot* safe = page.safeRatioPlot();
    QCOMPARE(safe->seriesCount(), 19);
    for (int s = 1; s <= 40; ++s) page.appendStep(syntheticStep(s, 40));
    const auto evaluation = [](std::int64_t step, int shift) {
      catdpo::EvalResult e;
      e.step = step;
      e.judge = "demo";
      for (int k = 0; k < 19; ++k) {
        catdpo::CategoryEvalResult c;
        c.category = k;
        c.name = pkuCategoryNames()[size_t(k)];
        c.generatedCount = k == 7 ? 0 : 8;  // category 7: no held-out prompt
        c.generatedSafe = c.generatedCount ? (k + shift) % 9 : 0;
        c.safeRatio = c.generatedCount ? c.generatedSafe / 8.0 : 0;
        e.categories.push_back(c);
      }
      e.overRefusal = 0.25;
      e.benignPrompts = 8;
      return e;
    };
    page.setEvaluation(evaluation(20, 0));
    page.setEvaluation(evaluation(40, 3));
    QTRY_COMPARE(safe->graph(0)->data()->size(), 2);  // through the live replot
    QCOMPARE(safe->evaluationCount(), 2);
    QCOMPARE(safe->pointCount(7), 0);
    for (int k : {0, 5, 18}) {
      const QCPGraph* g = safe->graph(k);
      QCOMPARE(g->data()->at(0)->key, 20.0);
      QCOMPARE(g->data()->at(1)->key, 40.0);
      QCOMPARE(g->data()->at(1)->value, ((k + 3) % 9) / 8.0 * 100);
      const catdpo::Interval band = catdpo::wilsonInterval((k + 3) % 9, 8);
      QVERIFY(std::abs(safe->bandGraph(k, false)->data()->at(1)->value - band.low * 100) < 1e-9);
      QVERIFY(std::abs(safe->bandGraph(k, true)->data()->at(1)->value - band.high * 100) < 1e-9);
    }
    const int refusal = safe->overRefusalSeries(QStringLiteral("benign"));
    QVERIFY(refusal >= 19);
    QCOMPARE(safe->graph(refusal)->data()->at(1)->value, 25.0);
    QCOMPARE(page.barChart()->bars(0)->data()->size(), 18);
    QVERIFY(page.barChart()->whiskers(0));
    page.clear();
    safe->replotNow();
    QCOMPARE(safe->graph(0)->data()->size(), 0);
  }

  // The shared budget on its own clock: it starts full, a replot that does not fit waits for
  // the credit its expected cost needs, and the credit never grows past the bucket.
  void budgetWaitsForCredit() {
    using catdpo::ui::ReplotBudget;
    constexpr qint64 kMs = 1000000;
    ReplotBudget budget(0);
    QCOMPARE(budget.waitNs(10 * kMs, 0), qint64(0));
    budget.spend(ReplotBudget::kBurstNs, 0);
    const qint64 wait = budget.waitNs(3 * kMs, 0);
    QCOMPARE(wait, qint64(std::ceil(3 * kMs / ReplotBudget::kShare)));
    QVERIFY(budget.waitNs(3 * kMs, wait - kMs) > 0);
    QCOMPARE(budget.waitNs(3 * kMs, wait), qint64(0));
    // Costlier than expected: the debt delays the next replot further.
    budget.spend(10 * kMs, wait);
    const qint64 debtWait = budget.waitNs(3 * kMs, wait);
    QVERIFY2(std::abs(debtWait - qint64(10 * kMs / ReplotBudget::kShare)) <= 2,
             qPrintable(QString::number(debtWait)));
    // An hour idle fills the bucket, no more; a cost larger than the bucket needs a full one.
    const qint64 hour = 3600LL * 1000 * kMs;
    QCOMPARE(budget.creditNs(hour), double(ReplotBudget::kBurstNs));
    QCOMPARE(budget.waitNs(10 * ReplotBudget::kBurstNs, hour), qint64(0));
    QVERIFY(budget.waitNs(1, hour - 1) == 0);  // the clock going backwards changes nothing
  }

  // Live plots with long curves (each replot several ms) fed a step every 10 ms for three
  // seconds: together they replot no more than the budget allows, and keep replotting.
  void replotsStayWithinTheBudget() {
    using catdpo::ui::ReplotBudget;
    LivePage page;
    page.resize(1200, 800);
    page.setCategories(pkuCategoryNames());
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    constexpr int kHistory = 5000;
    for (int i = 1; i <= kHistory; ++i) page.appendStep(syntheticStep(i, 2 * kHistory));
    for (PlotWidget* plot : page.plots()) plot->replotNow();  // outside the budget
    qint64 maxCost = 0;
    for (PlotWidget* plot : page.plots()) {
      QElapsedTimer clock;
      clock.start();
      plot->replotNow();
      maxCost = std::max(maxCost, clock.nsecsElapsed());
    }
    const auto spentNs = [&page] {
      qint64 ns = 0;
      for (const PlotWidget* plot : page.plots()) ns += plot->replotNanoseconds();
      return ns;
    };
    const qint64 spent0 = spentNs();
    const int replots0 = page.lambdaPlot()->replotCount();
    ReplotBudget::shared() = ReplotBudget(ReplotBudget::clockNs());  // full, whatever came before
    int step = kHistory;
    QTimer feeder;
    feeder.setInterval(10);
    connect(&feeder, &QTimer::timeout, this,
            [&] { page.appendStep(syntheticStep(++step, 2 * kHistory)); });
    QElapsedTimer clock;
    clock.start();
    feeder.start();
    QTest::qWait(3000);
    feeder.stop();
    const qint64 elapsed = clock.nsecsElapsed();
    const qint64 spent = spentNs() - spent0;
    // The bucket's fill, a full bucket at the start, and each plot drawing once more than its
    // estimate allowed (its cost may differ from the last one's).
    const double bound = ReplotBudget::kShare * double(elapsed) + double(ReplotBudget::kBurstNs) +
                         2.0 * double(page.plots().size()) * double(maxCost);
    const double unbudgeted = double(page.plots().size()) * double(maxCost) * double(elapsed) /
                              (PlotWidget::kReplotIntervalMs * 1e6);
    qInfo(
        "replot %.1f ms each; %.1f ms of replots in %.0f ms (bound %.1f ms, %.0f ms without a "
        "budget)",
        double(maxCost) / 1e6, double(spent) / 1e6, double(elapsed) / 1e6, bound / 1e6,
        unbudgeted / 1e6);
    if (unbudgeted < 2 * bound) QSKIP("replots here are too fast for the budget to show");
    QVERIFY2(double(spent) <= bound, qPrintable(QStringLiteral("%1 ms of replots, bound %2 ms")
                                                    .arg(double(spent) / 1e6)
                                                    .arg(bound / 1e6)));
    QVERIFY(page.lambdaPlot()->replotCount() > replots0);  // still live
    for (PlotWidget* plot : page.plots())
      QVERIFY(plot->replotIntervalMs() <= PlotWidget::kMaxReplotIntervalMs);
  }

  // With the budget spent, streamed points wait; a change the user asked for does not.
  void userChangesSkipTheBudget() {
    using catdpo::ui::ReplotBudget;
    LivePage page;
    page.setCategories(pkuCategoryNames());
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    PlotWidget* lambda = page.lambdaPlot();
    QTRY_VERIFY(!lambda->replotPending());
    ReplotBudget::shared().spend(ReplotBudget::kBurstNs * 100, ReplotBudget::clockNs());
    const int before = lambda->replotCount();
    page.appendStep(syntheticStep(1, 100));
    QVERIFY(lambda->replotPending());
    QCOMPARE(lambda->replotIntervalMs(), PlotWidget::kMaxReplotIntervalMs);
    QTest::qWait(300);
    QCOMPARE(lambda->replotCount(), before);  // still waiting for its share
    lambda->requestReplot();
    QTRY_COMPARE_WITH_TIMEOUT(lambda->replotCount(), before + 1, 1000);
    QCOMPARE(page.lambdaPlot()->graph(0)->data()->size(), 1);
    ReplotBudget::shared() = ReplotBudget(ReplotBudget::clockNs());  // leave it full
  }

  // A plot on a page that is not shown takes its points in without drawing them, and draws
  // as soon as it is shown.
  void hiddenPlotsDrawWhenShown() {
    LivePage page;
    page.setCategories(pkuCategoryNames());
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.hide();
    const PlotWidget* lambda = page.lambdaPlot();
    QTRY_VERIFY(!lambda->replotPending());
    const int before = lambda->replotCount();
    for (int s = 1; s <= 50; ++s) page.appendStep(syntheticStep(s, 100));
    QTRY_COMPARE(page.lambdaPlot()->graph(0)->data()->size(), 50);
    QTRY_VERIFY(!lambda->replotPending());
    QCOMPARE(lambda->replotCount(), before);
    page.show();
    QTRY_COMPARE(lambda->replotCount(), before + 1);
  }

  void runControlsFollowTheEngine() {
    LivePage page;
    const QList<QAction*> actions{page.startAction(), page.pauseAction(), page.resumeAction(),
                                  page.stopAction()};
    auto enabled = [&] {
      QList<bool> states;
      for (QAction* a : actions) states << a->isEnabled();
      return states;
    };
    page.setRunStatus(RunStatus::Created);
    QCOMPARE(enabled(), (QList<bool>{true, false, false, false}));
    page.applyLifecycle(lifecycle(catdpo::LifecycleKind::Started));
    QCOMPARE(page.runStatus(), RunStatus::Running);
    QCOMPARE(enabled(), (QList<bool>{false, true, false, true}));
    page.applyLifecycle(lifecycle(catdpo::LifecycleKind::Paused));
    QCOMPARE(enabled(), (QList<bool>{false, false, true, true}));
    page.applyLifecycle(lifecycle(catdpo::LifecycleKind::Message));
    QCOMPARE(page.runStatus(), RunStatus::Paused);
    page.applyLifecycle(lifecycle(catdpo::LifecycleKind::Resumed));
    QCOMPARE(page.runStatus(), RunStatus::Running);
    page.applyLifecycle(lifecycle(catdpo::LifecycleKind::Failed));
    QCOMPARE(page.runStatus(), RunStatus::Failed);
    QCOMPARE(enabled(), (QList<bool>{true, false, false, false}));

    QSignalSpy start(&page, &LivePage::startRequested);
    QSignalSpy stop(&page, &LivePage::stopRequested);
    page.startAction()->trigger();
    QCOMPARE(start.count(), 1);
    QCOMPARE(stop.count(), 0);
    QCOMPARE(page.startAction()->shortcut(), QKeySequence(Qt::Key_F5));
    QCOMPARE(page.stopAction()->shortcut(), QKeySequence(Qt::SHIFT | Qt::Key_F5));
  }

  void progressShowsStepSpeedAndEta() {
    LivePage page;
    page.appendStep(syntheticStep(200, 1000));
    const catdpo::ui::TrainingProgress* progress = page.progress();
    QCOMPARE(progress->value(), 200);
    QCOMPARE(progress->maximum(), 1000);
    QVERIFY2(progress->stepText().contains(QStringLiteral("200 / 1000")),
             qPrintable(progress->stepText()));
    QVERIFY2(progress->speedText().contains(QStringLiteral("1234")),
             qPrintable(progress->speedText()));
    QVERIFY2(progress->etaText().contains(QStringLiteral("6:40")), qPrintable(progress->etaText()));
    page.clear();
    QCOMPARE(progress->value(), 0);
    QCOMPARE(page.lambdaPlot()->pointCount(0), 0);
  }

  // A burst of steps shows the first at once and the latest one interval later, not each.
  void progressCoalescesSteps() {
    LivePage page;
    const catdpo::ui::TrainingProgress* progress = page.progress();
    for (int s = 1; s <= 100; ++s) page.appendStep(syntheticStep(s, 1000));
    QCOMPARE(progress->value(), 1);
    QVERIFY(progress->updatePending());
    QTRY_COMPARE(progress->value(), 100);
    QVERIFY(progress->stepText().contains(QStringLiteral("100 / 1000")));
    QVERIFY(!progress->updatePending());
    // The last step of a run shows at once.
    page.appendStep(syntheticStep(101, 1000));
    page.appendStep(syntheticStep(1000, 1000));
    QCOMPARE(progress->value(), 1000);
    QVERIFY(!progress->updatePending());
  }

  void durationFormat() {
    using catdpo::ui::TrainingProgress;
    QCOMPARE(TrainingProgress::formatDuration(0), QStringLiteral("0:00"));
    QCOMPARE(TrainingProgress::formatDuration(65), QStringLiteral("1:05"));
    QCOMPARE(TrainingProgress::formatDuration(3723), QStringLiteral("1:02:03"));
    QCOMPARE(TrainingProgress::formatDuration(-1), QStringLiteral("—"));
    QCOMPARE(TrainingProgress::formatDuration(std::nan("")), QStringLiteral("—"));
  }

  void evaluationGoesToTheBarChart() {
    LivePage page;
    page.setCategories(pkuCategoryNames());
    catdpo::EvalResult result;
    result.step = 500;
    for (int k = 0; k < 19; ++k) {
      catdpo::CategoryEvalResult c;
      c.category = k;
      c.generatedCount = 10;
      c.generatedSafe = 5 + k % 5;
      c.safeRatio = c.generatedSafe / 10.0;
      result.categories.push_back(c);
    }
    page.setEvaluation(result);
    QCOMPARE(page.barChart()->seriesCount(), 1);
    QVERIFY(page.barChart()->seriesLabel(0).contains(QStringLiteral("500")));
  }

  void layoutRoundTrips() {
    LivePage page;
    const QByteArray state = page.saveLayout();
    QVERIFY(!state.isEmpty());
    LivePage other;
    QVERIFY(other.restoreLayout(state));
    QVERIFY(!other.restoreLayout(QByteArray("garbage")));
    QCOMPARE(page.plots().size(), 5);
  }
};

QTEST_MAIN(TestLivePage)
#include "test_live_page.moc"
