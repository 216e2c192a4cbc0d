// SPDX-License-Identifier: MIT
// The comparison of two stored runs: λ_k curves of the chosen category overlaid with the stored
// values, grouped bars per category, the summary table with the best value of every column
// marked (higher Macro / Worst-3 / helpfulness, lower Gap / Variance / over-refusal), and the
// configuration keys in which the runs differ; the safe ratio of every category over a stored
// run's evaluations, with its Wilson interval as a band, overlaid per run and as small multiples.
#include <qcustomplot.h>
#include <QCheckBox>
#include <QComboBox>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "eval/intervals.h"
#include "eval/results_table.h"
#include "store/run_store.h"
#include "stored_runs.h"
#include "train/method_catalogue.h"
#include "ui/models/run_data.h"
#include "ui/panels/compare_view.h"
#include "ui/plots/plot_theme.h"
#include "ui/plots/run_overlay_plot.h"
#include "ui/plots/run_small_multiples.h"
#include "ui/plots/safe_ratio_plot.h"

using catdpo::RunStore;
using catdpo::ui::CompareView;

class TestCompareView : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir m_dir;

 private slots:
  void comparesTwoRuns() {
    auto store =
        std::make_shared<RunStore>(m_dir.filePath(QStringLiteral("c.sqlite")).toStdString());
    // a: ratios 0.9 0.6 0.3 -> Macro 60, Worst-3 60, Gap 60, Variance 60; helpful 0.70; refusal
    // 0.20 b: ratios 0.5 0.5 0.8 -> Macro 60, Worst-3 60, Gap 30, Variance 20; helpful 0.65;
    // refusal 0.05
    const auto a = catdpo::testing::addStoredRun(
        *store, "cat", "catdpo", R"({"method":"catdpo","beta":0.1,"steps":30,"seed":1})", 0.2, 30,
        {0.9, 0.6, 0.3}, 0.70, 0.20);
    const auto b = catdpo::testing::addStoredRun(
        *store, "safe", "safedpo", R"({"method":"safedpo","beta":0.1,"steps":20,"seed":1})", 0.0,
        20, {0.5, 0.5, 0.8}, 0.65, 0.05);
    CompareView view;
    view.setStore(store);
    QVERIFY(view.setRuns({QString::fromStdString(a.id), QString::fromStdString(b.id)}));
    QCOMPARE(view.runIds().size(), 2);

    // Curves: one per run for the chosen category, holding the stored λ values.
    QCOMPARE(view.categoryBox()->count(), 3);
    QCOMPARE(view.categoryBox()->itemText(1), QStringLiteral("Drugs"));
    view.setCategory(1);
    view.lambdaPlot()->replotNow();
    QCOMPARE(view.lambdaPlot()->seriesCount(), 2);
    QCOMPARE(view.lambdaPlot()->seriesName(0), QStringLiteral("cat"));
    const auto* lambdaA = view.lambdaPlot()->graph(0)->data().data();
    QCOMPARE(lambdaA->size(), 30);
    QCOMPARE(lambdaA->at(9)->key, 10.0);
    QCOMPARE(lambdaA->at(9)->value, catdpo::testing::storedLambda(0.2, 10, 1));
    QCOMPARE(view.lambdaPlot()->graph(1)->data()->size(), 20);
    QCOMPARE(view.gPlot()->graph(0)->data()->size(), 30);

    // Bars: both runs judged, so the safe ratio per category, grouped.
    QCOMPARE(view.shownMetric(), catdpo::ui::BarMetric::SafeRatio);
    QCOMPARE(view.barChart()->seriesCount(), 2);
    QCOMPARE(view.barChart()->bars(1)->data()->at(2)->value, 80.0);

    // Summary with the best marked.
    QTableWidget* t = view.summaryTable();
    QCOMPARE(t->rowCount(), 2);
    const auto best = [t](int row, int column) {
      return t->item(row, column)->data(CompareView::kBestRole).toBool();
    };
    QVERIFY(t->item(0, CompareView::Macro)->text().startsWith(QStringLiteral("60.0")));
    // Summaries carry the bootstrap interval, rates their Wilson interval; Variance none.
    const auto bounds = [t](int row, int column) {
      const QString text = t->item(row, column)->text();
      const int open = text.indexOf(QLatin1Char('[')), dash = text.indexOf(QChar(0x2013), open);
      if (open < 0 || dash < 0) return std::pair<double, double>{-1, -1};
      return std::pair<double, double>{text.mid(open + 1, dash - open - 1).toDouble(),
                                       text.mid(dash + 1, text.indexOf(']') - dash - 1).toDouble()};
    };
    const auto macro = bounds(0, CompareView::Macro);
    QVERIFY2(macro.first > 30 && macro.first < 60 && macro.second > 60 && macro.second < 90,
             qPrintable(t->item(0, CompareView::Macro)->text()));
    QVERIFY(bounds(1, CompareView::Gap).first >= 0);
    QVERIFY(!t->item(1, CompareView::Variance)->text().contains(QLatin1Char('[')));
    QVERIFY(best(0, CompareView::Macro) && best(1, CompareView::Macro));  // a tie: both
    QVERIFY(!best(0, CompareView::Gap) && best(1, CompareView::Gap));     // lower is better
    QVERIFY(t->item(1, CompareView::Gap)->text().contains(QStringLiteral("★")));
    QVERIFY(!best(0, CompareView::Variance) && best(1, CompareView::Variance));
    QVERIFY(best(0, CompareView::Helpfulness) && !best(1, CompareView::Helpfulness));
    QVERIFY(!best(0, CompareView::OverRefusal) && best(1, CompareView::OverRefusal));
    QCOMPARE(t->item(1, CompareView::Variance)->text(), QStringLiteral("20.00 ★"));
    // The marks are the results table's (what `catdpo compare` lists as "best"), the column
    // titles its own, and each run's method described as the catalogue does.
    const auto stored = store->compare({a.id, b.id});
    const auto marks =
        catdpo::comparisonBest({&stored[0].latest->result, &stored[1].latest->result});
    for (int r = 0; r < 2; ++r)
      QCOMPARE(best(r, CompareView::Worst3),
               bool(marks[std::size_t(catdpo::ResultColumnId::SafeWorst3)][std::size_t(r)]));
    QCOMPARE(t->horizontalHeaderItem(CompareView::Worst3)->text(),
             QStringLiteral("Safe Worst-3 ↑"));
    QCOMPARE(t->verticalHeaderItem(0)->toolTip().toStdString(),
             std::string(catdpo::methodEntry(catdpo::Method::CatDpo).description));

    // The implicit accuracy is a diagnostic: none of its columns is marked best, and the table
    // says why; helpfulness and over-refusal stay marked.
    view.setMetric(catdpo::ui::BarMetric::ImplicitAccuracy);
    for (int c : {CompareView::Macro, CompareView::Worst3, CompareView::Gap, CompareView::Variance})
      QVERIFY(!best(0, c) && !best(1, c));
    QVERIFY(best(0, CompareView::Helpfulness) && !best(1, CompareView::Helpfulness));
    QVERIFY(t->toolTip().contains(QStringLiteral("diagnostic")));

    // Configuration: only the keys that differ, marked.
    QTableWidget* c = view.configTable();
    QStringList keys;
    for (int i = 0; i < c->rowCount(); ++i) keys << c->verticalHeaderItem(i)->text();
    QCOMPARE(keys, (QStringList{QStringLiteral("method"), QStringLiteral("steps")}));
    QCOMPARE(c->item(1, 0)->text(), QStringLiteral("30"));
    QCOMPARE(c->item(1, 1)->text(), QStringLiteral("20"));
    QVERIFY(c->item(0, 0)->data(CompareView::kDiffersRole).toBool());
    view.onlyDifferencesBox()->setChecked(false);
    QCOMPARE(c->rowCount(), 4);
    for (int i = 0; i < c->rowCount(); ++i)
      if (c->verticalHeaderItem(i)->text() == QStringLiteral("beta"))
        QVERIFY(!c->item(i, 0)->data(CompareView::kDiffersRole).toBool());
  }

  // A stored run evaluated at steps 10, 20 and 30: its safe-ratio curves hold one point per
  // evaluation and category, each with the Wilson interval of its counts as the band.
  void safeRatioCurvesOfStoredRuns() {
    auto store =
        std::make_shared<RunStore>(m_dir.filePath(QStringLiteral("s.sqlite")).toStdString());
    const auto a = catdpo::testing::addStoredRun(*store, "cat", "catdpo", R"({"method":"catdpo"})",
                                                 0.2, 30, {0.9, 0.6, 0.3});
    const auto b = catdpo::testing::addStoredRun(
        *store, "safe", "safedpo", R"({"method":"safedpo"})", 0.0, 30, {0.5, 0.5, 0.8});
    // Two earlier evaluations of a (the helper recorded the one at step 30).
    store->recordEvaluation(a.id, catdpo::testing::storedEvaluation(10, {0.1, 0.2, 0.3}, 0.6, 0.1));
    store->recordEvaluation(a.id, catdpo::testing::storedEvaluation(20, {0.4, 0.4, 0.4}, 0.6, 0.1));

    catdpo::ui::SafeRatioPlot plot;
    QCOMPARE(catdpo::ui::fillSafeRatioPlot(&plot, *store, a.id), 3);
    plot.replotNow();
    QCOMPARE(plot.categoryCount(), 3);
    QCOMPARE(plot.seriesName(1), QStringLiteral("Drugs"));
    const QCPGraph* drugs = plot.graph(1);
    QCOMPARE(drugs->data()->size(), 3);
    const double expected[] = {20.0, 40.0, 60.0};  // category 1 at steps 10, 20, 30
    for (int i = 0; i < 3; ++i) {
      QCOMPARE(drugs->data()->at(i)->key, 10.0 * (i + 1));
      QCOMPARE(drugs->data()->at(i)->value, expected[i]);
      const catdpo::Interval band = catdpo::wilsonInterval(int(expected[i] / 10 + 0.5), 10);
      QVERIFY(std::abs(plot.bandGraph(1, false)->data()->at(i)->value - band.low * 100) < 1e-9);
      QVERIFY(std::abs(plot.bandGraph(1, true)->data()->at(i)->value - band.high * 100) < 1e-9);
    }
    // Three categories shown: every band is drawn. Over-refusal (1 benign prompt) is a series.
    QVERIFY(plot.bandGraph(0, false)->visible());
    const int refusal = plot.overRefusalSeries(QStringLiteral("benign"));
    QVERIFY(refusal >= 3);
    QCOMPARE(plot.graph(refusal)->data()->size(), 3);
    QCOMPARE(plot.graph(refusal)->pen().style(), Qt::DashLine);
    // Worst first means lowest here: at step 30 category 2 (30 %) is the worst.
    QCOMPARE(plot.rankedByLatest().front(), 2);
    plot.setWorstCount(1);
    QVERIFY(plot.isSeriesVisible(2) && !plot.isSeriesVisible(0));

    // In Compare: the chosen category's safe ratio, one curve per run in the run colours, and
    // every category of every run as small multiples.
    CompareView view;
    view.setStore(store);
    QVERIFY(view.setRuns({QString::fromStdString(a.id), QString::fromStdString(b.id)}));
    view.setCategory(1);
    view.safeRatioPlot()->replotNow();
    QCOMPARE(view.safeRatioPlot()->seriesCount(), 2);
    QCOMPARE(view.safeRatioPlot()->graph(0)->data()->size(), 3);
    QCOMPARE(view.safeRatioPlot()->graph(0)->data()->at(1)->value, 40.0);
    QCOMPARE(view.safeRatioPlot()->graph(1)->data()->size(), 1);
    QVERIFY(view.safeRatioPlot()->bandGraph(0, true));
    QCOMPARE(view.safeRatioPlot()->graph(0)->pen().color(), catdpo::ui::runColor(0));
    QCOMPARE(view.lambdaPlot()->graph(1)->pen().color(), catdpo::ui::runColor(1));
    catdpo::ui::RunSmallMultiples* grid = view.safeRatioGrid();
    grid->replotNow();
    QCOMPARE(grid->panelCount(), 3);
    QCOMPARE(grid->runCount(), 2);
    QVERIFY(grid->line(0, 2));
    QCOMPARE(grid->line(0, 2)->data()->size(), 3);
    QCOMPARE(grid->line(1, 2)->data()->at(0)->value, 80.0);
    QCOMPARE(grid->line(1, 0)->pen().color(), catdpo::ui::runColor(1));
  }

  void unknownRunsAreReported() {
    auto store =
        std::make_shared<RunStore>(m_dir.filePath(QStringLiteral("u.sqlite")).toStdString());
    CompareView view;
    view.setStore(store);
    QSignalSpy errors(&view, &CompareView::errorOccurred);
    QVERIFY(!view.setRuns({QStringLiteral("no-such-run"), QStringLiteral("nor-this")}));
    QCOMPARE(errors.count(), 1);
    QVERIFY(errors.at(0).at(0).toString().contains(QStringLiteral("no-such-run")));
    QCOMPARE(view.summaryTable()->rowCount(), 0);
  }
};

QTEST_MAIN(TestCompareView)
#include "test_compare_view.moc"
