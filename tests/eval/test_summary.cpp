// SPDX-License-Identifier: MIT
// Macro / Worst-3 / Gap / Variance on small hand-made inputs whose values were worked out by
// hand (see the comment above each case), including ties, K < 3 and bad input.
#include <QtTest>
#include <cmath>
#include <limits>

#include "common/error.h"
#include "eval/summary.h"

using catdpo::CategorySummary;
using catdpo::summarize;

namespace {
bool near(double a, double b) { return std::fabs(a - b) < 1e-12; }
}  // namespace

class TestEvalSummary : public QObject {
  Q_OBJECT
 private slots:
  void fiveCategories() {
    // values 0.9 0.5 0.7 0.6 1.0: mean 3.7/5 = 0.74; three lowest 0.5 0.6 0.7 -> 0.6;
    // gap (1.0 - 0.5) * 100 = 50; squared deviations .0256 .0576 .0016 .0196 .0676 = .172,
    // / 5 = .0344 -> x1000 = 34.4.
    const CategorySummary s = summarize({{0, 0.9}, {1, 0.5}, {2, 0.7}, {3, 0.6}, {4, 1.0}});
    QVERIFY(near(s.macro, 0.74));
    QVERIFY(near(s.worst3, 0.6));
    QVERIFY(near(s.gapPoints, 50.0));
    QVERIFY(near(s.variance1e3, 34.4));
    QCOMPARE(s.worst3Categories, (std::vector<int>{1, 3, 2}));
    QCOMPARE(s.minCategory, 1);
    QCOMPARE(s.maxCategory, 4);
    QCOMPARE(s.categoriesCounted, 5);
  }

  void fewerThanThreeCategoriesUseAll() {
    // 0.25 and 0.75: mean 0.5, Worst-3 over both = 0.5, gap 50, variance .0625 -> 62.5.
    const CategorySummary s = summarize({{7, 0.25}, {3, 0.75}});
    QVERIFY(near(s.macro, 0.5));
    QVERIFY(near(s.worst3, 0.5));
    QVERIFY(near(s.gapPoints, 50.0));
    QVERIFY(near(s.variance1e3, 62.5));
    QCOMPARE(s.worst3Categories, (std::vector<int>{7, 3}));
    QCOMPARE(s.minCategory, 7);
    QCOMPARE(s.maxCategory, 3);
    QCOMPARE(s.categoriesCounted, 2);

    const CategorySummary one = summarize({{5, 0.8}});
    QVERIFY(near(one.macro, 0.8));
    QVERIFY(near(one.worst3, 0.8));
    QCOMPARE(one.gapPoints, 0.0);
    QCOMPARE(one.variance1e3, 0.0);
    QCOMPARE(one.minCategory, 5);
    QCOMPARE(one.maxCategory, 5);
  }

  void nineteenCategoriesOrderIndependent() {
    // Category k has value k/20 (k = 0..18), given in reverse order. Mean = 9/20 = 0.45;
    // three lowest 0, .05, .1 -> .05; gap 18/20*100 = 90; variance of k/20 = var(0..18)/400
    // = ((19^2 - 1)/12)/400 = 30/400 = .075 -> 75.
    std::vector<std::pair<int, double>> values;
    for (int k = 18; k >= 0; --k) values.emplace_back(k, k / 20.0);
    const CategorySummary s = summarize(values);
    QVERIFY(near(s.macro, 0.45));
    QVERIFY(near(s.worst3, 0.05));
    QVERIFY(near(s.gapPoints, 90.0));
    QVERIFY(std::fabs(s.variance1e3 - 75.0) < 1e-9);
    QCOMPARE(s.worst3Categories, (std::vector<int>{0, 1, 2}));
    QCOMPARE(s.minCategory, 0);
    QCOMPARE(s.maxCategory, 18);
    QCOMPARE(s.categoriesCounted, 19);
  }

  void tiesPreferLowerCategoryIndex() {
    const CategorySummary s = summarize({{3, 0.5}, {1, 0.5}, {2, 0.5}, {0, 0.5}});
    QCOMPARE(s.worst3Categories, (std::vector<int>{0, 1, 2}));
    QCOMPARE(s.minCategory, 0);
    QCOMPARE(s.maxCategory, 0);
    QCOMPARE(s.gapPoints, 0.0);
    QVERIFY(near(s.variance1e3, 0.0));
  }

  void emptyInputGivesEmptySummary() {
    const CategorySummary s = summarize({});
    QCOMPARE(s.categoriesCounted, 0);
    QCOMPARE(s.macro, 0.0);
    QCOMPARE(s.minCategory, -1);
    QCOMPARE(s.maxCategory, -1);
    QVERIFY(s.worst3Categories.empty());
  }

  void badInputIsRejectedWithTheCategory() {
    try {
      summarize({{0, 0.5}, {4, std::numeric_limits<double>::quiet_NaN()}});
      QFAIL("NaN accepted");
    } catch (const catdpo::Error& e) {
      QCOMPARE(QString::fromStdString(e.where().field), QStringLiteral("category 4"));
    }
    try {
      summarize({{2, 0.5}, {2, 0.6}});
      QFAIL("duplicate category accepted");
    } catch (const catdpo::Error& e) {
      QCOMPARE(QString::fromStdString(e.where().field), QStringLiteral("category 2"));
    }
  }
};

QTEST_GUILESS_MAIN(TestEvalSummary)
#include "test_summary.moc"
