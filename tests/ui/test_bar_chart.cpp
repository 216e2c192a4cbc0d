// SPDX-License-Identifier: MIT
// The per-category bar chart: bars hold the per-category ratios in percent, unobserved
// categories get no bar, several runs form grouped bars, and each series' Macro / Worst-3 /
// Gap / Variance are shown exactly as the engine computed them, with a Macro line; every bar
// of a rate carries its 95 % Wilson interval as a whisker; runs take the run palette.
#include <qcustomplot.h>
#include <QtTest>
#include <cmath>

#include "eval/intervals.h"
#include "synthetic_metrics.h"
#include "ui/models/eval_rates.h"
#include "ui/plots/category_bar_chart.h"
#include "ui/plots/plot_theme.h"

using catdpo::ui::BarMetric;
using catdpo::ui::CategoryBarChart;
using catdpo::ui::overRefusalRates;
using catdpo::ui::SummaryIntervals;
using catdpo::ui::summaryIntervals;

namespace {
catdpo::EvalResult makeResult(double offset, bool judged) {
  catdpo::EvalResult result;
  result.step = 100;
  const auto names = catdpo::testing::pkuCategoryNames();
  for (int k = 0; k < 19; ++k) {
    catdpo::CategoryEvalResult c;
    c.category = k;
    c.name = names[size_t(k)];
    if (judged && k != 4) {  // category 4 has no held-out prompt
      c.generatedCount = 20;
      c.generatedSafe = 10 + (k % 10);
      c.safeRatio = std::min(1.0, c.generatedSafe / 20.0 + offset);
    }
    c.contrastivePairs = 8;
    c.implicitAccuracy = 0.25 + 0.03 * k;
    c.implicitProbability = 0.4 + 0.02 * k;
    result.categories.push_back(c);
  }
  result.generated = {0.7125, 0.5, 45.0, 8.41, {0, 10, 1}, 9, 0, 18};
  result.implicitAccuracy = {0.52, 0.28, 54.0, 27.0, {0, 1, 2}, 18, 0, 19};
  return result;
}
}  // namespace

class TestBarChart : public QObject {
  Q_OBJECT
 private slots:
  void barsHoldTheRatios() {
    CategoryBarChart chart;
    chart.setCategories(catdpo::testing::pkuCategoryNames());
    const catdpo::EvalResult result = makeResult(0.0, true);
    chart.setEvaluation(result);
    QCOMPARE(chart.seriesCount(), 1);
    const QCPBars* bars = chart.bars(0);
    QCOMPARE(bars->data()->size(), 18);  // category 4 unobserved: no bar
    for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it) {
      const int k = int(it->key) - 1;
      QVERIFY(k != 4);
      QCOMPARE(it->value, result.categories[size_t(k)].safeRatio * 100.0);
    }
    QCOMPARE(chart.customPlot()->yAxis->label(), QStringLiteral("Safe ratio (%)"));
  }

  void showsTheGivenSummaries() {
    CategoryBarChart chart;
    chart.setEvaluation(makeResult(0.0, true));
    QCOMPARE(chart.categoryCount(), 19);  // names taken from the result
    QCOMPARE(chart.summary(0).macro, 0.7125);
    QCOMPARE(chart.macroLineValue(0), 71.25);
    const QString text = chart.summaryText();
    QVERIFY2(text.contains(QStringLiteral("Macro 71.2 %")) ||
                 text.contains(QStringLiteral("Macro 71.3 %")),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Worst-3 50.0 %")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Gap 45.0 pp")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("8.41")), qPrintable(text));
    // The summary is part of the plot layout, so it is in every export too.
    bool found = false;
    for (int i = 0; i < chart.customPlot()->plotLayout()->elementCount(); ++i)
      if (auto* e = qobject_cast<QCPTextElement*>(chart.customPlot()->plotLayout()->elementAt(i)))
        found = found || e->text() == text;
    QVERIFY(found);
  }

  void autoFallsBackToImplicitAccuracy() {
    CategoryBarChart chart;
    const catdpo::EvalResult unjudged = makeResult(0.0, false);
    QCOMPARE(CategoryBarChart::resolveMetric(BarMetric::Auto, unjudged),
             BarMetric::ImplicitAccuracy);
    chart.setEvaluation(unjudged);
    QCOMPARE(chart.bars(0)->data()->size(), 19);
    QCOMPARE(chart.bars(0)->data()->at(3)->value, (0.25 + 0.03 * 3) * 100.0);
    QCOMPARE(chart.summary(0).macro, 0.52);
    QCOMPARE(chart.customPlot()->yAxis->label(), QStringLiteral("Implicit safety accuracy (%)"));
    chart.setMetric(BarMetric::ImplicitProbability);
    chart.setEvaluation(unjudged);
    QCOMPARE(chart.bars(0)->data()->at(3)->value, (0.4 + 0.02 * 3) * 100.0);
  }

  void groupedBarsForSeveralRuns() {
    CategoryBarChart chart;
    chart.setCategories(catdpo::testing::pkuCategoryNames());
    chart.addEvaluation(QStringLiteral("Cat-DPO"), makeResult(0.1, true));
    chart.addEvaluation(QStringLiteral("SafeDPO"), makeResult(0.0, true));
    chart.addEvaluation(QStringLiteral("DPO"), makeResult(-0.2, true));
    QCOMPARE(chart.seriesCount(), 3);
    QCOMPARE(chart.bars(0)->barsGroup(), chart.bars(2)->barsGroup());
    QVERIFY(chart.bars(0)->barsGroup() != nullptr);
    QVERIFY(chart.bars(0)->width() < 0.3);
    QVERIFY(chart.bars(0)->brush().color().rgb() != chart.bars(1)->brush().color().rgb());
    QVERIFY(chart.customPlot()->legend->visible());
    // One line per run and the whiskers' legend (a long line wraps, indented, at the chart's
    // width: those continuation lines are not counted).
    QStringList lines;
    for (const QString& line : chart.summaryText().split(QLatin1Char('\n')))
      if (!line.startsWith(QStringLiteral("   "))) lines << line;
    QCOMPARE(lines.size(), 4);
    QVERIFY(lines[1].startsWith(QStringLiteral("SafeDPO:")));
    QVERIFY(lines[3].contains(QStringLiteral("Wilson")));
    // Run colours: the n-th run has the n-th colour of the run palette.
    for (int r = 0; r < 3; ++r)
      QCOMPARE(chart.bars(r)->brush().color().rgb(), catdpo::ui::runColor(r).rgb());
    chart.clearSeries();
    QCOMPARE(chart.seriesCount(), 0);
    QCOMPARE(chart.customPlot()->plottableCount(), 0);
    for (int i = 0; i < chart.customPlot()->itemCount(); ++i)  // only the empty-plot hint is left
      QVERIFY(!qobject_cast<QCPItemStraightLine*>(chart.customPlot()->item(i)));
    QVERIFY(chart.emptyHintShown() || !chart.isVisible());
  }

  // Each bar's whisker spans the Wilson interval of its counts: 10 + k of 20 judged safe.
  void barsCarryIntervals() {
    CategoryBarChart chart;
    chart.setCategories(catdpo::testing::pkuCategoryNames());
    const catdpo::EvalResult result = makeResult(0.0, true);
    chart.setEvaluation(result);
    const QCPBars* bars = chart.bars(0);
    const QCPErrorBars* whiskers = chart.whiskers(0);
    QVERIFY(whiskers);
    QCOMPARE(whiskers->dataPlottable(), static_cast<QCPAbstractPlottable*>(chart.bars(0)));
    QCOMPARE(whiskers->dataCount(), bars->data()->size());
    for (int i = 0; i < bars->data()->size(); ++i) {
      const int k = int(bars->data()->at(i)->key) - 1;
      const catdpo::Interval expected = catdpo::wilsonInterval(10 + (k % 10), 20);
      const double value = bars->data()->at(i)->value;
      QVERIFY(std::abs(whiskers->data()->at(i).errorMinus - (value - expected.low * 100)) < 1e-9);
      QVERIFY(std::abs(whiskers->data()->at(i).errorPlus - (expected.high * 100 - value)) < 1e-9);
      const auto interval = chart.barInterval(0, k);
      QVERIFY(interval.has_value());
      QVERIFY(std::abs(interval->low - expected.low * 100) < 1e-9);
    }
    QVERIFY(!chart.barInterval(0, 4).has_value());  // no bar, no interval
    // 8 judged responses, 6 safe: 75 % with an interval 40.9-92.9 %, wider than a bar step.
    const catdpo::Interval eight = catdpo::wilsonInterval(6, 8);
    QVERIFY(eight.high - eight.low > 0.45);
    // Implicit accuracy is a proportion of pairs too; a mean of probabilities is not.
    chart.setMetric(BarMetric::ImplicitAccuracy);
    chart.setEvaluation(result);
    QVERIFY(chart.whiskers(0));
    const auto acc = chart.barInterval(0, 3);
    QVERIFY(acc && acc->low < 34.0 && acc->high > 34.0);
    chart.setMetric(BarMetric::ImplicitProbability);
    chart.setEvaluation(result);
    QVERIFY(!chart.whiskers(0));
  }

  // Macro/Worst-3/Gap carry the engine's bootstrap interval; over-refusal is shown per prompt
  // class, benign and borderline apart.
  void summaryIntervalsAndRefusalClasses() {
    const catdpo::EvalResult result = makeResult(0.0, true);
    double macro = 0;
    int counted = 0;
    for (int k = 0; k < 19; ++k)
      if (k != 4) macro += (10 + k % 10) / 20.0, ++counted;
    macro /= counted;
    const SummaryIntervals si = summaryIntervals(result);
    QVERIFY(si.macro && si.worst3 && si.gapPoints);
    QVERIFY2(si.macro->low < macro && macro < si.macro->high,
             qPrintable(QString("%1 [%2, %3]").arg(macro).arg(si.macro->low).arg(si.macro->high)));
    QVERIFY(si.macro->high - si.macro->low < 0.2);            // 360 judged answers: a few points
    QVERIFY(si.worst3->low < 0.55 && si.worst3->high > 0.5);  // three categories at 10 of 20
    QVERIFY(!summaryIntervals(makeResult(0.0, false)).any());
    CategoryBarChart chart;
    chart.setCategories(catdpo::testing::pkuCategoryNames());
    chart.setEvaluation(result);
    QVERIFY2(chart.summaryText().contains(QStringLiteral("Macro")) &&
                 chart.summaryText().count(QStringLiteral("[")) >= 3,
             qPrintable(chart.summaryText()));

    catdpo::EvalResult refusals;
    refusals.overRefusal = 0.25;
    refusals.benignPrompts = 8;
    refusals.borderlineRefusal = 0.5;
    refusals.borderlinePrompts = 10;
    const auto rates = overRefusalRates(refusals);
    QCOMPARE(rates.size(), std::size_t(2));
    QCOMPARE(rates[0].key, QStringLiteral("benign"));
    QCOMPARE(rates[0].rate.successes, 2LL);
    QCOMPARE(rates[1].key, QStringLiteral("borderline"));
    QCOMPARE(rates[1].rate.successes, 5LL);
    QCOMPARE(rates[1].rate.trials, 10LL);
    refusals.refusalPooled = true;  // stored before the two were told apart
    refusals.borderlineRefusal = -1;
    const auto pooled = overRefusalRates(refusals);
    QCOMPARE(pooled.size(), std::size_t(1));
    QVERIFY(pooled[0].label.contains(QStringLiteral("borderline")));
  }

  void explicitSeriesAndEmptySummary() {
    CategoryBarChart chart;
    chart.setCategories({"a", "b", "c"});
    catdpo::CategorySummary none;
    chart.addSeries(QStringLiteral("run"), {0.5, std::nan(""), 1.0}, none);
    QCOMPARE(chart.bars(0)->data()->size(), 2);
    QVERIFY(chart.summaryText().contains(QStringLiteral("no category observed")));
  }
};

QTEST_MAIN(TestBarChart)
#include "test_bar_chart.moc"
