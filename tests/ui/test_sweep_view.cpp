// SPDX-License-Identifier: MIT
// The sweep view fills its table, bars and λ plot from a sweep stored in a workspace, marks
// the best value per column, and runs a real (tiny) sweep on its worker thread.
#include <qcustomplot.h>
#include <QComboBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "eval/intervals.h"
#include "eval/summary.h"
#include "experiment/sweep.h"
#include "store/run_store.h"
#include "train/method_catalogue.h"
#include "ui/panels/sweep_view.h"
#include "ui/plots/category_bar_chart.h"
#include "ui/plots/frontier_plot.h"

using namespace catdpo;
using catdpo::ui::FrontierPlot;
using catdpo::ui::SweepView;

namespace {

EvalResult evalWith(double macro, std::vector<double> perCategory) {
  EvalResult r;
  r.step = 5;
  for (std::size_t k = 0; k < perCategory.size(); ++k) {
    CategoryEvalResult c;
    c.category = static_cast<int>(k);
    c.name = "cat" + std::to_string(k);
    c.generatedCount = 2;
    c.generatedSafe = static_cast<int>(2 * perCategory[k] + 0.5);
    c.safeRatio = perCategory[k];
    r.categories.push_back(c);
  }
  r.generated.macro = macro;
  r.generated.worst3 = macro / 2;
  r.generated.gapPoints = 100 * macro;
  r.generated.categoriesCounted = static_cast<int>(perCategory.size());
  r.overRefusal = 0.1;
  return r;
}

}  // namespace

class TestSweepView : public QObject {
  Q_OBJECT
 private slots:
  void showsAStoredSweep() {
    QTemporaryDir dir;
    const QString db = dir.filePath("ws.sqlite");
    {
      RunStore store(db.toStdString());
      SweepPlan plan;
      plan.methods = {Method::SafeDpo, Method::CatDpo};
      plan.seeds = {1, 2};
      const SweepRecord sweep = store.createSweep("s", sweepPlanToJson(plan).dump());
      auto add = [&](const std::string& item, double macro, std::vector<double> cats) {
        NewRun run;
        run.name = "s: " + item;
        run.method = item.substr(0, item.find(' '));
        run.sweepId = sweep.id;
        const std::string id = store.createRun(run).id;
        StepMetrics step;
        step.step = 1;
        step.totalSteps = 1;
        for (int k = 0; k < 3; ++k) {
          CategoryStepMetrics c;
          c.category = k;
          c.lambda = 0.5 * k;
          step.categories.push_back(c);
        }
        store.recordStep(id, step);
        store.recordEvaluation(id, evalWith(macro, cats));
        store.setStatus(id, RunStatus::Finished);
      };
      add("safedpo seed=1", 0.5, {0.2, 0.5, 0.8});
      add("safedpo seed=2", 0.7, {0.4, 0.7, 1.0});
      add("catdpo seed=1", 0.9, {0.8, 0.9, 1.0});
      add("catdpo seed=2", 0.9, {0.8, 0.9, 1.0});
    }
    SweepView view;
    view.setDatabasePath(db);
    QCOMPARE(view.table()->rowCount(), 2);
    QCOMPARE(view.table()->item(0, SweepView::Group)->text(), QString("safedpo"));
    // Mean ± std over seeds, then the bootstrap interval.
    QVERIFY2(view.table()->item(0, SweepView::SafeMacro)->text().startsWith("60.0 ± 14.1 ["),
             qPrintable(view.table()->item(0, SweepView::SafeMacro)->text()));
    QCOMPARE(view.table()->item(0, SweepView::VsControlMacro)->text(), QString("–"));
    QCOMPARE(view.table()->item(1, SweepView::Runs)->text(), QString("2/2"));
    // Macro: higher is better -> Cat-DPO; Gap: lower is better -> SafeDPO (50 < 90).
    QVERIFY(view.table()->item(1, SweepView::SafeMacro)->data(SweepView::kBestRole).toBool());
    QVERIFY(!view.table()->item(0, SweepView::SafeMacro)->data(SweepView::kBestRole).toBool());
    QVERIFY(view.table()->item(0, SweepView::SafeGap)->data(SweepView::kBestRole).toBool());
    QCOMPARE(view.table()->item(0, SweepView::ImplicitMacro)->text(), QString("–"));
    QCOMPARE(view.table()->columnCount(), int(SweepView::ColumnCount));
    QCOMPARE(view.barChart()->seriesCount(), 2);
    QCOMPARE(view.barChart()->categoryCount(), 3);
    QCOMPARE(view.lambdaRunSelector()->count(), 2);  // the two Cat-DPO runs

    // One best rule: the view marks exactly the groups the CLI's JSON ("best") and Markdown (★)
    // name, column by column; each method's tooltip is the catalogue's description.
    const SweepResult result = summarizeSweep(RunStore(db.toStdString(), true), "s");
    const nlohmann::json best = sweepResultToJson(result)["best"];
    const std::string md = sweepResultMarkdown(result);
    const std::pair<SweepView::Column, const char*> ranked[] = {
        {SweepView::SafeMacro, "safe_macro"},
        {SweepView::SafeWorst3, "safe_worst3"},
        {SweepView::SafeGap, "safe_gap"},
        {SweepView::SafeVariance, "safe_variance"},
        {SweepView::Helpfulness, "helpfulness"},
        {SweepView::OverRefusal, "over_refusal"},
        {SweepView::BorderlineRefusal, "borderline_refusal"}};
    int marked = 0;
    for (const auto& [column, key] : ranked) {
      QVERIFY2(best.contains(key), key);
      std::set<std::string> inView, inJson;
      for (int row = 0; row < view.table()->rowCount(); ++row)
        if (view.table()->item(row, column)->data(SweepView::kBestRole).toBool())
          inView.insert(view.table()->item(row, SweepView::Group)->text().toStdString());
      for (const auto& g : best[key]) inJson.insert(g.get<std::string>());
      QCOMPARE(inView, inJson);
      marked += int(inView.size());
    }
    QVERIFY(marked >= 2);
    // The Markdown's summary table: one ★ per mark, on the rows of the marked groups.
    const std::size_t legend = md.find("\n★ the best mean");
    QVERIFY(legend != std::string::npos);
    const std::string table = md.substr(0, legend);
    int stars = 0;
    for (std::size_t at = table.find("★"); at != std::string::npos; at = table.find("★", at + 1))
      ++stars;
    QCOMPARE(stars, marked);
    for (int row = 0; row < view.table()->rowCount(); ++row) {
      const QString method = view.table()->item(row, SweepView::Group)->text();
      QCOMPARE(
          view.table()->item(row, SweepView::Group)->toolTip().toStdString(),
          std::string(
              catdpo::methodEntry(catdpo::methodFromString(method.toStdString())).description));
    }

    const QStringList files = view.exportFigures(dir.filePath("fig"));
    QCOMPARE(files.size(), 6);  // bars + two λ plots, PNG and SVG each
    for (const QString& f : files) {
      QFile file(f);
      QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(f));
      const QByteArray head = file.read(8);
      if (f.endsWith(".png"))
        QVERIFY(head.startsWith("\x89PNG"));
      else
        QVERIFY(head.startsWith("<?xml") || head.startsWith("<svg"));
    }
  }

  // The frontier tab: a point per setting with both whiskers, the Pareto front per axis, hover
  // text, and its figures in the export.
  void showsTheTradeOffFrontier() {
    QTemporaryDir dir;
    const QString db = dir.filePath("ws.sqlite");
    {
      RunStore store(db.toStdString());
      SweepPlan plan;
      plan.methods = {Method::SafeDpo, Method::CatDpoNoMargin};
      plan.seeds = {1, 2};
      plan.grids = {parseSweepGrid("delta=2.5,10")};
      const SweepRecord sweep = store.createSweep("f", sweepPlanToJson(plan).dump());
      auto add = [&](const std::string& item, double safe, int helpful, int refused) {
        NewRun run;
        run.name = "f: " + item;
        run.method = item.substr(0, item.find(' '));
        run.sweepId = sweep.id;
        const std::string id = store.createRun(run).id;
        EvalResult r = evalWith(safe, {safe, safe, safe});
        for (auto& c : r.categories) {
          c.generatedCount = 20;
          c.generatedSafe = static_cast<int>(20 * safe + 0.5);
        }
        r.generated = summarize({{0, safe}, {1, safe}, {2, safe}});
        r.helpfulnessPairs = 50;
        r.helpfulnessAccuracy = helpful / 50.0;
        r.benignPrompts = 40;
        r.benignRefusals = refused;
        store.recordEvaluation(id, r);
        store.setStatus(id, RunStatus::Finished);
      };
      for (const char* seed : {"1", "2"}) {
        add(std::string("safedpo delta=2.5 seed=") + seed, 0.8, 40, 4);
        add(std::string("safedpo delta=10 seed=") + seed, 0.95, 30, 12);
        add(std::string("catdpo_nomargin seed=") + seed, 0.5, 45, 2);
      }
    }
    SweepView view;
    view.resize(1200, 800);
    view.setDatabasePath(db);
    QCOMPARE(view.plotTabs()->count(), 2);
    FrontierPlot* plot = view.frontierPlot();
    QVERIFY(plot->hasData());
    QCOMPARE(plot->methods(), (QStringList{"safedpo", "catdpo_nomargin"}));
    QCOMPARE(plot->pointCount("safedpo"), 2);
    QCOMPARE(plot->pointCount("catdpo_nomargin"), 1);
    // Helpfulness: all three settings trade safety for helpfulness, all on the front.
    QCOMPARE(view.frontierAxis(), FrontierAxis::Helpfulness);
    const QVector<QPointF> front = plot->frontLine();
    QCOMPARE(front.size(), 3);
    QCOMPARE(front.first(), QPointF(60, 95));  // delta 10: 30 of 50 helpful, 95 % safe
    QCOMPARE(front.last(), QPointF(90, 50));   // the control
    // Whiskers on both axes, one per point of the method, from the intervals.
    QCPErrorBars* safety = plot->safetyWhiskers("safedpo");
    QCPErrorBars* other = plot->otherWhiskers("safedpo");
    QVERIFY(safety && other);
    QCOMPARE(safety->dataCount(), 2);
    QVERIFY(safety->data()->at(0).errorMinus > 0 && safety->data()->at(0).errorPlus > 0);
    const Interval wilson = wilsonInterval(60, 100);  // delta 10 pooled over two seeds
    QVERIFY(std::abs(other->data()->at(0).errorMinus - 100 * (0.6 - wilson.low)) < 1e-9);
    view.show();
    view.plotTabs()->setCurrentIndex(1);
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    plot->replotNow();  // lays the axes out: hover distances are in pixels
    QVERIFY(plot->pointText(60, 95).contains("safedpo delta=10"));
    QVERIFY(plot->pointText(60, 95).contains("Pareto"));
    QVERIFY(plot->pointText(20, 20).isEmpty());
    // Benign over-refusal (lower is better): delta 10 refuses most, still the safest point.
    view.setFrontierAxis(FrontierAxis::BenignOverRefusal);
    QCOMPARE(plot->frontier().axis, FrontierAxis::BenignOverRefusal);
    QCOMPARE(plot->frontLine().size(), 3);
    QCOMPARE(plot->frontLine().first(), QPointF(5, 50));
    QVERIFY(plot->customPlot()->xAxis->label().contains("better"));

    const QStringList files = view.exportFigures(dir.filePath("fig"));
    QVERIFY2(files.contains(dir.filePath("fig/frontier-helpfulness.svg")),
             qPrintable(files.join(' ')));
    QVERIFY(files.contains(dir.filePath("fig/frontier-benign-over-refusal.png")));
    QVERIFY(!files.contains(dir.filePath("fig/frontier-borderline-over-refusal.png")));  // no data
    QCOMPARE(view.frontierAxis(), FrontierAxis::BenignOverRefusal);  // export kept the choice
  }

  void controlDifferencesAndNoRankingByTheDiagnostic() {
    QTemporaryDir dir;
    const QString db = dir.filePath("ws.sqlite");
    {
      RunStore store(db.toStdString());
      SweepPlan plan;
      plan.methods = {Method::CatDpo, Method::CatDpoNoMargin};
      plan.seeds = {1};
      const SweepRecord sweep = store.createSweep("c", sweepPlanToJson(plan).dump());
      auto add = [&](const std::string& item, double implicit) {
        NewRun run;
        run.name = "c: " + item;
        run.method = item.substr(0, item.find(' '));
        run.sweepId = sweep.id;
        const std::string id = store.createRun(run).id;
        EvalResult r;  // implicit metrics only: no judge
        r.step = 5;
        CategoryEvalResult c;
        c.category = 0;
        c.name = "cat0";
        c.contrastivePairs = 3;
        c.implicitProbability = implicit;
        r.categories.push_back(c);
        r.implicit = summarize({{0, implicit}});
        store.recordEvaluation(id, r);
        store.setStatus(id, RunStatus::Finished);
      };
      add("catdpo seed=1", 0.9);
      add("catdpo_nomargin seed=1", 0.6);
    }
    SweepView view;
    view.setDatabasePath(db);
    QCOMPARE(view.table()->rowCount(), 2);
    for (int row = 0; row < 2; ++row)
      for (int column = 0; column < SweepView::ColumnCount; ++column)
        if (QTableWidgetItem* item = view.table()->item(row, column))
          QVERIFY(!item->data(SweepView::kBestRole).toBool());
    QVERIFY(view.statusText().contains("nothing is marked best"));
    QCOMPARE(view.table()->item(1, SweepView::VsControlMacro)->text(), QString("(control)"));
    QCOMPARE(view.table()->item(0, SweepView::VsControlMacro)->text(), QString("–"));
  }

  void emptyWorkspaceSaysSo() {
    QTemporaryDir dir;
    const QString db = dir.filePath("ws.sqlite");
    { RunStore store(db.toStdString()); }
    SweepView view;
    view.setDatabasePath(db);
    QCOMPARE(view.table()->rowCount(), 0);
    QVERIFY(view.statusText().contains("No sweep"));
    QVERIFY(!view.frontierPlot()->hasData());
    QVERIFY(view.frontierPlot()->emptyHint().contains("--frontier"));
  }

  void runsASweepOnItsThread() {
    QTemporaryDir dir;
    const QString db = dir.filePath("ws.sqlite");
    { RunStore store(db.toStdString()); }
    SweepView view;
    view.setDatabasePath(db);
    SweepPlan plan;
    plan.base.dataPath = "demo:600";
    plan.base.modelPath = "demo:quick";
    plan.base.steps = 2;
    plan.base.batchSize = 4;
    plan.base.maxLength = 80;
    plan.base.eval.maxPairs = 16;
    plan.base.eval.promptsPerCategory = 1;
    plan.base.eval.benignPrompts = 2;
    plan.base.eval.maxNewTokens = 4;
    plan.methods = {Method::Dpo, Method::CatDpo};
    plan.seeds = {1};
    QSignalSpy finished(&view, &SweepView::sweepFinished);
    QVERIFY(view.startSweep(plan, "ui"));
    QVERIFY(view.isRunning());
    QVERIFY(!view.startSweep(plan, "again"));  // one at a time
    QVERIFY(finished.wait(240000));
    QVERIFY2(finished.first().at(1).toBool(), qPrintable(finished.first().at(2).toString()));
    QVERIFY(!view.isRunning());
    QCOMPARE(view.result().finishedRuns, 2);
    QCOMPARE(view.table()->rowCount(), 2);
    QCOMPARE(view.barChart()->categoryCount(), 19);
  }

  void badPlanIsRefusedBeforeAnyThread() {
    QTemporaryDir dir;
    SweepView view;
    view.setDatabasePath(dir.filePath("ws.sqlite"));
    QSignalSpy errors(&view, &SweepView::errorOccurred);
    SweepPlan plan;  // no methods
    plan.seeds = {1};
    QVERIFY(!view.startSweep(plan, "bad"));
    QVERIFY(!view.isRunning());
    QCOMPARE(errors.count(), 1);
  }
};

QTEST_MAIN(TestSweepView)
#include "test_sweep_view.moc"
