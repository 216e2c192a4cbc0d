// SPDX-License-Identifier: MIT
// The time-series plots: one graph per category with exactly the fed values, gaps where g is
// undefined, visibility toggles (API and a scalar plot's legend click), log scale, the reference
// line, hover lookup and the axes following the data until the user zooms.
#include <qcustomplot.h>
#include <QSignalSpy>
#include <QtTest>

#include "synthetic_metrics.h"
#include "ui/plots/category_series_plot.h"
#include "ui/plots/plot_theme.h"
#include "ui/plots/scalar_series_plot.h"

using catdpo::testing::pkuCategoryNames;
using catdpo::testing::syntheticStep;
using catdpo::ui::CategoryField;
using catdpo::ui::CategorySeriesPlot;
using catdpo::ui::ScalarSeriesPlot;

class TestSeriesPlots : public QObject {
  Q_OBJECT
 private slots:
  void lambdaPlotHoldsEveryValue() {
    CategorySeriesPlot plot(CategoryField::Lambda);
    plot.setCategories(pkuCategoryNames());
    QCOMPARE(plot.seriesCount(), 19);
    QCOMPARE(plot.seriesName(5), QStringLiteral("Violence"));
    for (int s = 1; s <= 50; ++s) plot.appendStep(syntheticStep(s, 50));
    QCOMPARE(plot.pointCount(7), 50);
    QVERIFY(plot.replotPending());
    plot.replotNow();
    for (int k : {0, 7, 18}) {
      const QCPGraph* graph = plot.graph(k);
      QCOMPARE(graph->data()->size(), 50);
      QCOMPARE(graph->data()->at(9)->key, 10.0);
      QCOMPARE(graph->data()->at(9)->value, catdpo::testing::syntheticLambda(10, k));
      QCOMPARE(graph->pen().color(), catdpo::ui::categoryColor(k));
    }
  }

  void gPlotLeavesGapsWhereUndefined() {
    CategorySeriesPlot plot(CategoryField::G);
    plot.setCategories(pkuCategoryNames());
    for (int s = 1; s <= 40; ++s) plot.appendStep(syntheticStep(s, 40));
    plot.replotNow();
    // Category k lacks a contrastive pair when (s + k) % 4 == 0: 10 of 40 steps.
    for (int k = 0; k < 19; ++k) QCOMPARE(plot.graph(k)->data()->size(), 30);
    const QCPGraph* g3 = plot.graph(3);
    for (auto it = g3->data()->constBegin(); it != g3->data()->constEnd(); ++it) {
      QVERIFY((int(it->key) + 3) % 4 != 0);
      QCOMPARE(it->value, catdpo::testing::syntheticG(std::int64_t(it->key), 3));
    }
    QVERIFY(!CategorySeriesPlot::fieldValue(CategoryField::G, catdpo::CategoryStepMetrics{}));
  }

  void unnamedCategoriesStillPlot() {
    CategorySeriesPlot plot(CategoryField::Lambda);
    plot.appendStep(syntheticStep(1, 10, 4));
    QCOMPARE(plot.seriesCount(), 4);
    QCOMPARE(plot.seriesName(3), QStringLiteral("Category 4"));
  }

  void outOfOrderStepsAreSorted() {
    CategorySeriesPlot plot(CategoryField::Lambda);
    plot.setCategories({"a"});
    for (int s : {5, 6, 7}) plot.appendStep(syntheticStep(s, 10, 1));
    plot.replotNow();
    for (int s : {3, 4, 8}) plot.appendStep(syntheticStep(s, 10, 1));  // a resumed run
    plot.replotNow();
    const auto data = plot.graph(0)->data();
    QCOMPARE(data->size(), 6);
    for (int i = 0; i < 6; ++i) QCOMPARE(data->at(i)->key, double(3 + i));
  }

  void togglingHidesTheGraph() {
    CategorySeriesPlot plot(CategoryField::Lambda);
    plot.setCategories(pkuCategoryNames());
    QSignalSpy spy(&plot, &CategorySeriesPlot::seriesVisibilityChanged);
    plot.setSeriesVisible(4, false);
    QVERIFY(!plot.graph(4)->visible());
    QVERIFY(!plot.isSeriesVisible(4));
    QVERIFY(plot.isSeriesVisible(3));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toInt(), 4);
    QCOMPARE(spy.at(0).at(1).toBool(), false);
    plot.setAllSeriesVisible(false);
    for (int k = 0; k < 19; ++k) QVERIFY(!plot.graph(k)->visible());
    plot.setAllSeriesVisible(true);
    for (int k = 0; k < 19; ++k) QVERIFY(plot.graph(k)->visible());
  }

  // Plots of other quantities than categories: a legend click toggles one series.
  void scalarLegendClickToggles() {
    ScalarSeriesPlot plot;
    plot.resize(900, 600);
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    plot.replotNow();
    const QPoint center = plot.legendRowRect(2).center();
    QVERIFY(plot.legendRowRect(2).isValid());
    QTest::mouseClick(plot.customPlot(), Qt::LeftButton, Qt::NoModifier, center);
    QVERIFY(!plot.isSeriesVisible(2));
    QVERIFY(plot.isSeriesVisible(1));
    plot.replotNow();
    QTest::mouseClick(plot.customPlot(), Qt::LeftButton, Qt::NoModifier, center);
    QVERIFY(plot.isSeriesVisible(2));
    // The legend keeps its fixed order (loss first), whatever the values.
    QCOMPARE(plot.legendOrder().front(), 0);
  }

  void logScaleSwitchesTheAxis() {
    CategorySeriesPlot plot(CategoryField::Lambda);
    plot.setCategories(pkuCategoryNames());
    for (int s = 1; s <= 20; ++s) plot.appendStep(syntheticStep(s, 20));
    QSignalSpy spy(&plot, &CategorySeriesPlot::logScaleChanged);
    plot.setLogScale(true);
    plot.replotNow();
    QCOMPARE(plot.customPlot()->yAxis->scaleType(), QCPAxis::stLogarithmic);
    QVERIFY(plot.customPlot()->yAxis->ticker().dynamicCast<QCPAxisTickerLog>());
    QVERIFY(plot.customPlot()->yAxis->range().lower > 0);
    plot.setLogScale(false);
    QCOMPARE(plot.customPlot()->yAxis->scaleType(), QCPAxis::stLinear);
    QVERIFY(!plot.customPlot()->yAxis->ticker().dynamicCast<QCPAxisTickerLog>());
    QCOMPARE(spy.count(), 2);
  }

  void referenceLineIsDashedAndInRange() {
    CategorySeriesPlot plot(CategoryField::Lambda);
    plot.setCategories(pkuCategoryNames());
    plot.setReferenceLine(10.0, QStringLiteral("SafeDPO Δ = 10"));
    for (int s = 1; s <= 5; ++s) plot.appendStep(syntheticStep(s, 5));
    plot.replotNow();
    QCOMPARE(plot.referenceValue().value_or(-1), 10.0);
    QCPItemStraightLine* line = nullptr;
    int lines = 0;
    for (int i = 0; i < plot.customPlot()->itemCount(); ++i)
      if (auto* l = qobject_cast<QCPItemStraightLine*>(plot.customPlot()->item(i))) {
        line = l;
        ++lines;
      }
    QCOMPARE(lines, 1);
    QVERIFY(line);
    QCOMPARE(line->pen().style(), Qt::DashLine);
    QCOMPARE(line->point1->coords().y(), 10.0);
    QCOMPARE(line->point2->coords().y(), 10.0);
    // λ stays below 10 here, yet the view includes the reference for comparison.
    QVERIFY(plot.customPlot()->yAxis->range().contains(10.0));
    plot.clearReferenceLine();
    for (int i = 0; i < plot.customPlot()->itemCount(); ++i)
      QVERIFY(!qobject_cast<QCPItemStraightLine*>(plot.customPlot()->item(i)));
  }

  void hoverFindsTheNearestPoint() {
    CategorySeriesPlot plot(CategoryField::Lambda);
    plot.resize(900, 600);
    plot.setCategories(pkuCategoryNames());
    for (int s = 1; s <= 100; ++s) plot.appendStep(syntheticStep(s, 100));
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    plot.replotNow();
    const QCPGraph* graph = plot.graph(12);
    const QPointF pixel(graph->keyAxis()->coordToPixel(40),
                        graph->valueAxis()->coordToPixel(catdpo::testing::syntheticLambda(40, 12)));
    const auto hit = plot.pointNear(pixel + QPointF(1, 1));
    QVERIFY(hit.has_value());
    QCOMPARE(hit->series, 12);
    QCOMPARE(hit->key, 40.0);
    QCOMPARE(hit->value, catdpo::testing::syntheticLambda(40, 12));
    const QString text = plot.hoverText(*hit);
    QVERIFY2(text.contains(QStringLiteral("Sexual Content")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("40")), qPrintable(text));
    plot.setSeriesVisible(12, false);  // hidden series are not hovered
    const auto hidden = plot.pointNear(pixel, 0.5);
    QVERIFY(!hidden || hidden->series != 12);
    QVERIFY(!plot.pointNear(QPointF(-500, -500)).has_value());
  }

  void axesFollowUntilTheUserZooms() {
    CategorySeriesPlot plot(CategoryField::Lambda);
    plot.setCategories(pkuCategoryNames());
    for (int s = 1; s <= 10; ++s) plot.appendStep(syntheticStep(s, 100));
    plot.replotNow();
    QCOMPARE(plot.customPlot()->xAxis->range().upper, 10.0);
    plot.customPlot()->xAxis->setRange(2, 4);  // what a wheel zoom does
    QVERIFY(!plot.followsData());
    for (int s = 11; s <= 20; ++s) plot.appendStep(syntheticStep(s, 100));
    plot.replotNow();
    QCOMPARE(plot.customPlot()->xAxis->range().upper, 4.0);
    plot.fitToData();
    QVERIFY(plot.followsData());
    QCOMPARE(plot.customPlot()->xAxis->range().lower, 1.0);
    QCOMPARE(plot.customPlot()->xAxis->range().upper, 20.0);
  }

  void scalarPlotUsesMetricKeys() {
    ScalarSeriesPlot plot;
    const int loss = plot.seriesIndex(QString::fromLatin1(catdpo::metric::kLoss));
    const int lr = plot.seriesIndex(QString::fromLatin1(catdpo::metric::kLearningRate));
    const int margin = plot.seriesIndex(QString::fromLatin1(catdpo::metric::kRewardMargin));
    QVERIFY(loss >= 0 && lr >= 0 && margin >= 0);
    QCOMPARE(plot.seriesIndex(QStringLiteral("no_such_metric")), -1);
    for (int s = 1; s <= 30; ++s) plot.appendStep(syntheticStep(s, 30));
    plot.replotNow();
    QCOMPARE(plot.graph(loss)->data()->size(), 30);
    QCOMPARE(plot.graph(margin)->data()->at(29)->value, 0.002 * 30 + 0.003 * 30);
    QCOMPARE(plot.graph(lr)->valueAxis(), plot.customPlot()->yAxis2);
    QCOMPARE(plot.graph(loss)->valueAxis(), plot.customPlot()->yAxis);
    QCOMPARE(plot.metricKey(lr), QString::fromLatin1(catdpo::metric::kLearningRate));
  }

  void clearKeepsSeries() {
    CategorySeriesPlot plot(CategoryField::Lambda);
    plot.setCategories(pkuCategoryNames());
    for (int s = 1; s <= 10; ++s) plot.appendStep(syntheticStep(s, 10));
    plot.replotNow();
    plot.clearData();
    plot.replotNow();
    QCOMPARE(plot.seriesCount(), 19);
    QCOMPARE(plot.pointCount(0), 0);
    QCOMPARE(plot.graph(0)->data()->size(), 0);
  }
};

QTEST_MAIN(TestSeriesPlots)
#include "test_series_plots.moc"
