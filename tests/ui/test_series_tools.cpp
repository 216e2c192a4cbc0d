// SPDX-License-Identifier: MIT
// Reading nineteen lines: smoothing (EMA and window, incremental = batch, remembered per plot),
// the cross-category mean (carry-forward, incremental = recomputed), hovering a line
// highlights it and dims the rest, a legend click isolates a category, "worst 3" keeps the
// three worst as values change, the legend is sorted by the latest value, small multiples
// draw one panel per shown category on shared axes.
#include <qcustomplot.h>
#include <QMouseEvent>
#include <QSettings>
#include <QTemporaryDir>
#include <QToolTip>
#include <QtTest>
#include <cmath>
#include <set>

#include "synthetic_metrics.h"
#include "ui/plots/category_series_plot.h"
#include "ui/plots/plot_theme.h"
#include "ui/plots/series_mean.h"
#include "ui/plots/series_smoothing.h"

using catdpo::testing::pkuCategoryNames;
using catdpo::testing::syntheticLambda;
using catdpo::testing::syntheticStep;
using catdpo::ui::CarryForwardMean;
using catdpo::ui::CategoryField;
using catdpo::ui::CategorySeriesPlot;
using catdpo::ui::Smoother;
using catdpo::ui::Smoothing;
using catdpo::ui::SmoothingMode;

namespace {
void hover(QCustomPlot* plot, const QPointF& pixel) {
  QMouseEvent move(QEvent::MouseMove, pixel, plot->mapToGlobal(pixel), Qt::NoButton, Qt::NoButton,
                   Qt::NoModifier);
  QApplication::sendEvent(plot, &move);
}

std::set<int> shownSeries(const CategorySeriesPlot& plot) {
  std::set<int> shown;
  for (int k = 0; k < plot.seriesCount(); ++k)
    if (plot.isSeriesVisible(k)) shown.insert(k);
  return shown;
}

std::vector<double> values(const QCPGraph* graph) {
  std::vector<double> out;
  for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it)
    out.push_back(it->value);
  return out;
}
}  // namespace

class TestSeriesTools : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir m_dir;

 private slots:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("catdpo-test"));
    QCoreApplication::setApplicationName(QStringLiteral("test_series_tools"));
  }

  // EMA with weight w, debiased by 1 - w^n: the first value comes through unchanged.
  void emaIsDebiased() {
    Smoother ema(Smoothing{SmoothingMode::Ema, 0.5, 10});
    QCOMPARE(ema.add(4.0), 4.0);
    // (0.5 * 0.5 * 4 + 0.5 * 2) / (1 - 0.25) = 2 / 0.75
    QVERIFY(std::abs(ema.add(2.0) - 2.0 / 0.75) < 1e-12);
    QVERIFY(std::isnan(ema.add(std::nan(""))));  // passes through, state unchanged
    // state 0.5 * 2 + 0.5 * 1 = 1.5, debiased by 1 - 0.125
    QVERIFY(std::abs(ema.add(1.0) - 1.5 / 0.875) < 1e-12);
  }

  void windowIsATrailingMean() {
    Smoother window(Smoothing{SmoothingMode::Window, 0.8, 3});
    QCOMPARE(window.add(3), 3.0);
    QCOMPARE(window.add(6), 4.5);
    QCOMPARE(window.add(9), 6.0);
    QCOMPARE(window.add(0), 5.0);  // 6, 9, 0
    const std::vector<double> in{1, 2, 3, 4, 5, 6, 7, 8};
    const std::vector<double> out =
        catdpo::ui::smoothValues(Smoothing{SmoothingMode::Window, 0, 1}, in);
    QCOMPARE(out, in);  // a window of one is no smoothing
  }

  void settingsTextRoundTripsAndIsClamped() {
    for (const Smoothing& s : {Smoothing{}, Smoothing{SmoothingMode::Ema, 0.95, 10},
                               Smoothing{SmoothingMode::Window, 0.8, 25}})
      QCOMPARE(Smoothing::fromString(s.toString()), s);
    QCOMPARE(Smoothing::fromString(QStringLiteral("ema:7")).emaWeight, Smoothing::kMaxEmaWeight);
    QCOMPARE(Smoothing::fromString(QStringLiteral("window:-4")).window, 1);
    QCOMPARE(Smoothing::fromString(QStringLiteral("window:99999999")).window,
             Smoothing::kMaxWindow);
    for (const char* junk : {"", "ema", "ema:nan", "ema:x", "median:3", "window:2:3"})
      QCOMPARE(Smoothing::fromString(QString::fromLatin1(junk)).mode, SmoothingMode::Off);
  }

  // The plot smooths what arrives since its last replot; fed in chunks it holds exactly what
  // smoothing the whole series at once gives, and the raw points stay faint behind.
  void plotSmoothsIncrementally() {
    CategorySeriesPlot chunked(CategoryField::G), whole(CategoryField::G);
    for (CategorySeriesPlot* plot : {&chunked, &whole}) {
      plot->setCategories(pkuCategoryNames());
      plot->setSmoothing(Smoothing{SmoothingMode::Ema, 0.9, 10});
    }
    for (int s = 1; s <= 120; ++s) {
      chunked.appendStep(syntheticStep(s, 120));
      if (s % 17 == 0) chunked.replotNow();
    }
    chunked.replotNow();
    for (int s = 1; s <= 120; ++s) whole.appendStep(syntheticStep(s, 120));
    whole.replotNow();
    for (int k : {0, 7, 18}) {
      const std::vector<double> expected =
          catdpo::ui::smoothValues(Smoothing{SmoothingMode::Ema, 0.9, 10}, values(whole.graph(k)));
      QCOMPARE(values(chunked.smoothedGraph(k)), expected);
      QCOMPARE(values(whole.smoothedGraph(k)), expected);
      QVERIFY(chunked.smoothedGraph(k)->visible());
      QVERIFY(chunked.graph(k)->pen().color().alphaF() < 0.5);  // raw: faint
      QCOMPARE(chunked.smoothedGraph(k)->pen().color().alphaF(), 1.0);
    }
    // Off: the raw curve is the curve again, the smoothed one is gone.
    chunked.setSmoothing(Smoothing{});
    chunked.replotNow();
    QVERIFY(!chunked.smoothedGraph(3)->visible());
    QCOMPARE(chunked.graph(3)->pen().color().alphaF(), 1.0);
  }

  void smoothingIsRememberedPerPlot() {
    QSettings().remove(QStringLiteral("plots/test"));
    {
      CategorySeriesPlot plot(CategoryField::G);
      plot.setSettingsKey(QStringLiteral("test/g"), Smoothing{SmoothingMode::Ema, 0.8, 10});
      QCOMPARE(plot.smoothing(), (Smoothing{SmoothingMode::Ema, 0.8, 10}));  // the fallback
      plot.setSmoothing(Smoothing{SmoothingMode::Window, 0.8, 25});
      CategorySeriesPlot other(CategoryField::Lambda);
      other.setSettingsKey(QStringLiteral("test/lambda"));
      QCOMPARE(other.smoothing().mode, SmoothingMode::Off);
    }
    CategorySeriesPlot again(CategoryField::G);
    again.setSettingsKey(QStringLiteral("test/g"), Smoothing{SmoothingMode::Ema, 0.8, 10});
    QCOMPARE(again.smoothing(), (Smoothing{SmoothingMode::Window, 0.8, 25}));
    QVERIFY(again.smoothingButton()->text().contains(QStringLiteral("25")));
  }

  // A step without a point of a category keeps that category's last value in the mean.
  void meanCarriesValuesForward() {
    QCPGraphDataContainer a, b, out;
    a.add(QCPGraphData(1, 1.0));
    a.add(QCPGraphData(3, 3.0));
    b.add(QCPGraphData(2, 10.0));
    CarryForwardMean mean;
    mean.update({&a, &b}, -INFINITY, out);
    QCOMPARE(out.size(), 3);
    QCOMPARE(out.at(0)->value, 1.0);  // only a so far
    QCOMPARE(out.at(1)->value, (1.0 + 10) / 2);
    QCOMPARE(out.at(2)->value, (3.0 + 10) / 2);
    b.add(QCPGraphData(3, 20.0));  // the open key gets another point
    mean.update({&a, &b}, 3, out);
    QCOMPARE(out.size(), 3);
    QCOMPARE(out.at(2)->value, (3.0 + 20) / 2);
    a.add(QCPGraphData(0, 5.0));  // further back: everything is recomputed
    mean.update({&a, &b}, 0, out);
    QCOMPARE(out.size(), 4);
    QCOMPARE(out.at(0)->key, 0.0);
    QCOMPARE(out.at(1)->value, 1.0);
  }

  void plotMeanIsTheCategoryMean() {
    CategorySeriesPlot chunked(CategoryField::Lambda), whole(CategoryField::Lambda);
    for (CategorySeriesPlot* plot : {&chunked, &whole}) {
      plot->setCategories(pkuCategoryNames());
      plot->setMeanVisible(true);
    }
    for (int s = 1; s <= 60; ++s) {
      chunked.appendStep(syntheticStep(s, 60));
      if (s % 7 == 0) chunked.replotNow();
    }
    chunked.replotNow();
    for (int s = 1; s <= 60; ++s) whole.appendStep(syntheticStep(s, 60));
    whole.replotNow();
    QCOMPARE(values(chunked.meanGraph()), values(whole.meanGraph()));
    QCOMPARE(whole.meanGraph()->data()->size(), 60);
    double expected = 0;
    for (int k = 0; k < 19; ++k) expected += syntheticLambda(40, k);
    QVERIFY(std::abs(whole.meanGraph()->data()->at(39)->value - expected / 19) < 1e-12);
    QVERIFY(whole.meanGraph()->visible());
    QVERIFY(whole.meanGraph()->pen().widthF() >= 3.0);  // thick, as in the paper's Figure 6
    QCOMPARE(whole.legendOrder().front(), -1);          // the mean heads the legend
    // Smoothed too, when smoothing is on, and equal to smoothing the mean.
    whole.setSmoothing(Smoothing{SmoothingMode::Window, 0.8, 5});
    whole.replotNow();
    QCOMPARE(values(whole.meanGraph(true)),
             catdpo::ui::smoothValues(Smoothing{SmoothingMode::Window, 0.8, 5},
                                      values(whole.meanGraph())));
    whole.setMeanVisible(false);
    whole.replotNow();
    QVERIFY(!whole.meanGraph()->visible());
  }

  // Hovering a line highlights it (wider, on top) and dims every other one; the tooltip names
  // the category and its value.
  void hoveringALineHighlightsIt() {
    CategorySeriesPlot plot(CategoryField::Lambda);
    plot.resize(1000, 600);
    plot.setCategories(pkuCategoryNames());
    for (int s = 1; s <= 100; ++s) plot.appendStep(syntheticStep(s, 100));
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    plot.replotNow();
    QCOMPARE(plot.highlightedSeries(), -1);
    QSignalSpy spy(&plot, &CategorySeriesPlot::highlightChanged);
    const QCPGraph* g12 = plot.graph(12);
    const QPointF pixel(g12->keyAxis()->coordToPixel(40),
                        g12->valueAxis()->coordToPixel(syntheticLambda(40, 12)));
    hover(plot.customPlot(), pixel);
    QCOMPARE(plot.highlightedSeries(), 12);
    QCOMPARE(spy.count(), 1);
    QVERIFY(plot.graph(12)->pen().widthF() > plot.graph(3)->pen().widthF());
    QCOMPARE(plot.graph(12)->pen().color().alphaF(), 1.0);
    for (int k : {0, 3, 11, 13, 18}) QVERIFY(plot.graph(k)->pen().color().alphaF() < 0.2);
    QCOMPARE(plot.graph(12)->layer()->name(), QStringLiteral("highlight"));
    QVERIFY2(QToolTip::text().contains(QStringLiteral("Sexual Content")),
             qPrintable(QToolTip::text()));
    // Moving along the same line changes nothing; leaving the lines restores all.
    hover(plot.customPlot(), pixel + QPointF(1, 0));
    QCOMPARE(spy.count(), 1);
    hover(plot.customPlot(), QPointF(2, 2));
    QCOMPARE(plot.highlightedSeries(), -1);
    for (int k : {0, 12}) QCOMPARE(plot.graph(k)->pen().color().alphaF(), 1.0);
    // Hovering a legend row highlights its category too.
    plot.replotNow();
    hover(plot.customPlot(), plot.legendRowRect(4).center());
    QCOMPARE(plot.highlightedSeries(), 4);
  }

  // A click on a legend row shows only that category; a second click shows all again;
  // Ctrl+click toggles one.
  void legendClickIsolates() {
    CategorySeriesPlot plot(CategoryField::Lambda);
    plot.resize(1000, 700);
    plot.setCategories(pkuCategoryNames());
    for (int s = 1; s <= 30; ++s) plot.appendStep(syntheticStep(s, 30));
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    plot.replotNow();
    const QRect row = plot.legendRowRect(5);
    QVERIFY(row.isValid());
    QTest::mouseClick(plot.customPlot(), Qt::LeftButton, Qt::NoModifier, row.center());
    QCOMPARE(shownSeries(plot), std::set<int>{5});
    plot.replotNow();
    QTest::mouseClick(plot.customPlot(), Qt::LeftButton, Qt::NoModifier,
                      plot.legendRowRect(5).center());
    QCOMPARE(int(shownSeries(plot).size()), 19);
    plot.replotNow();
    QTest::mouseClick(plot.customPlot(), Qt::LeftButton, Qt::ControlModifier,
                      plot.legendRowRect(7).center());
    QVERIFY(!plot.isSeriesVisible(7));
    QCOMPARE(int(shownSeries(plot).size()), 18);
    plot.isolateSeries(2);
    QCOMPARE(shownSeries(plot), std::set<int>{2});
  }

  // Worst 3 of λ: the three highest margins at the latest step, chosen again as they change.
  void worstThreeFollowTheLatestValues() {
    CategorySeriesPlot plot(CategoryField::Lambda);
    plot.setCategories(pkuCategoryNames());
    for (int s = 1; s <= 50; ++s) plot.appendStep(syntheticStep(s, 50));
    plot.replotNow();
    plot.setWorstCount(3);
    QCOMPARE(shownSeries(plot), (std::set<int>{16, 17, 18}));  // λ grows with the index
    QVERIFY(plot.worstAction()->isChecked());
    QCOMPARE(plot.rankedByLatest().front(), 18);
    // Category 0's margin shoots up: it joins the worst three at the next replot.
    catdpo::StepMetrics step = syntheticStep(51, 60);
    step.categories[0].lambda = 50.0;
    plot.appendStep(step);
    plot.replotNow();
    QCOMPARE(shownSeries(plot), (std::set<int>{0, 17, 18}));
    std::vector<int> legend = plot.legendOrder();
    QCOMPARE(legend.front(), 0);  // sorted by the latest value, worst first
    QCOMPARE(legend.at(1), 18);
    // Showing all (or isolating) ends "worst k".
    plot.setAllSeriesVisible(true);
    QCOMPARE(plot.worstCount(), 0);
    QVERIFY(!plot.worstAction()->isChecked());
    QCOMPARE(int(shownSeries(plot).size()), 19);
    plot.worstAction()->trigger();
    QCOMPARE(plot.worstCount(), 3);
    QCOMPARE(int(shownSeries(plot).size()), 3);
  }

  void smallMultiplesShowOnePanelPerShownCategory() {
    CategorySeriesPlot plot(CategoryField::Lambda);
    plot.resize(1200, 800);
    plot.setCategories(pkuCategoryNames());
    for (int s = 1; s <= 40; ++s) plot.appendStep(syntheticStep(s, 40));
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    plot.setSmallMultiples(true);
    plot.replotNow();
    QCOMPARE(plot.smallMultiplesPanelCount(), 19);
    QVERIFY(plot.smallMultiplesAction()->isChecked());
    // Shared axes: every panel shows the same ranges as the overlay would.
    const QList<QCPAxisRect*> rects = plot.customPlot()->axisRects();
    QCOMPARE(rects.size(), 19);
    for (QCPAxisRect* r : rects) {
      QCOMPARE(r->axis(QCPAxis::atLeft)->range(), rects.front()->axis(QCPAxis::atLeft)->range());
      QCOMPARE(r->axis(QCPAxis::atBottom)->range().upper, 40.0);
    }
    plot.setWorstCount(3);
    plot.replotNow();
    QCOMPARE(plot.smallMultiplesPanelCount(), 3);
    // Each panel holds its category's points (shared with the overlay's graph, not copied).
    const QCPAxisRect* first = plot.customPlot()->axisRects().front();
    QCOMPARE(first->axis(QCPAxis::atTop)->label(), QStringLiteral("Psychological Harm"));
    const QString png = m_dir.filePath(QStringLiteral("multiples.png"));
    QVERIFY(plot.exportTo(png, catdpo::ui::ExportOptions{}));
    QVERIFY(QFileInfo(png).size() > 5000);
    plot.setSmallMultiples(false);
    plot.replotNow();
    QCOMPARE(plot.smallMultiplesPanelCount(), 0);
    QCOMPARE(plot.customPlot()->axisRects().size(), 1);
    QVERIFY(plot.customPlot()->axisRect()->visible());
    QVERIFY(plot.legendRowRect(18).isValid());
  }

  // Panels built while the plot is small (a hidden tab) get their full titles once it is large.
  void smallMultiplesTitlesFollowThePlotWidth() {
    CategorySeriesPlot plot(CategoryField::Lambda);
    plot.resize(160, 120);
    plot.setCategories(pkuCategoryNames());
    for (int s = 1; s <= 10; ++s) plot.appendStep(syntheticStep(s, 10));
    plot.setSmallMultiples(true);
    plot.replotNow();
    const auto firstTitle = [&] {
      return plot.customPlot()->axisRects().front()->axis(QCPAxis::atTop)->label();
    };
    QVERIFY(firstTitle().endsWith(QChar(0x2026)));  // elided: "…"
    plot.resize(1600, 1000);
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    plot.replotNow();
    QCOMPARE(firstTitle(), QString::fromStdString(pkuCategoryNames().front()));
    // Three step labels at most per panel: 1..10 gets a step of 5 (0, 5, 10).
    QCPAxis* steps = plot.customPlot()->axisRects().back()->axis(QCPAxis::atBottom);
    const auto fixed = steps->ticker().dynamicCast<QCPAxisTickerFixed>();
    QVERIFY(fixed);
    QCOMPARE(fixed->tickStep(), 5.0);
  }

  void colourByRankOrdersTheRamp() {
    CategorySeriesPlot plot(CategoryField::Lambda);
    plot.setCategories(pkuCategoryNames());
    for (int s = 1; s <= 10; ++s) plot.appendStep(syntheticStep(s, 10));
    plot.replotNow();
    QCOMPARE(plot.drawnColor(4), catdpo::ui::categoryColor(4));
    plot.setColorByRank(true);
    plot.replotNow();
    QCOMPARE(plot.drawnColor(18), catdpo::ui::rankColor(1.0));  // the highest λ
    QCOMPARE(plot.drawnColor(0), catdpo::ui::rankColor(0.0));
    QCOMPARE(plot.graph(18)->pen().color(), catdpo::ui::rankColor(1.0));
  }

  // Before data: a probability axis from 0 to 1, a one-line hint saying how to fill the plot.
  void emptyPlotHasSensibleAxesAndAHint() {
    CategorySeriesPlot g(CategoryField::G);
    g.resize(800, 500);
    g.setCategories(pkuCategoryNames());
    g.replotNow();
    QVERIFY(g.customPlot()->yAxis->range().lower <= 0.0);
    QVERIFY(g.customPlot()->yAxis->range().upper >= 1.0 &&
            g.customPlot()->yAxis->range().upper < 1.1);
    QVERIFY(g.emptyHintShown());
    g.appendStep(syntheticStep(1, 10));
    g.replotNow();
    QVERIFY(!g.emptyHintShown());
    // g stays on its 0-1 axis however small the values.
    QVERIFY(g.customPlot()->yAxis->range().upper >= 1.0);
  }
};

QTEST_MAIN(TestSeriesTools)
#include "test_series_tools.moc"
