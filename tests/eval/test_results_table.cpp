// SPDX-License-Identifier: MIT
// The results table's one "best" rule: compared at the shown precision (ties all marked), two
// or more values needed, diagnostics and rows without a value never marked; the values an
// evaluation gives each column; and a comparison's marks (safe columns only when every run is
// judged).
#include <QtTest>
#include <cmath>
#include <limits>

#include "eval/eval_result.h"
#include "eval/results_table.h"

using namespace catdpo;
using V = std::vector<std::optional<double>>;

namespace {

EvalResult judgedResult(double macro, double helpfulness) {
  EvalResult e;
  e.generated.categoriesCounted = 3;
  e.generated.macro = macro;
  e.generated.worst3 = macro - 0.1;
  e.generated.gapPoints = 20;
  e.generated.variance1e3 = 5;
  e.implicit.categoriesCounted = 3;
  e.implicit.macro = 0.9;
  e.helpfulnessPairs = 10;
  e.helpfulnessAccuracy = helpfulness;
  e.overRefusal = 0.1;
  e.borderlineRefusal = 0.2;
  return e;
}

}  // namespace

class TestResultsTable : public QObject {
  Q_OBJECT
 private slots:
  void columnsAreInIdOrderWithUniqueKeys() {
    const auto& columns = resultColumns();
    QCOMPARE(columns.size(), std::size_t(11));
    for (std::size_t i = 0; i < columns.size(); ++i) {
      QCOMPARE(static_cast<std::size_t>(columns[i].id), i);
      QCOMPARE(&resultColumn(columns[i].id), &columns[i]);
      for (std::size_t j = 0; j < i; ++j) QVERIFY(std::string(columns[i].key) != columns[j].key);
    }
    QCOMPARE(resultColumn(ResultColumnId::SafeGap).direction, ResultDirection::LowerIsBetter);
    QCOMPARE(resultColumn(ResultColumnId::ImplicitMacro).direction, ResultDirection::Diagnostic);
  }

  void formatsAtTheColumnsPrecision() {
    QCOMPARE(formatResult(resultColumn(ResultColumnId::SafeMacro), 0.8125), std::string("81.3"));
    QCOMPARE(formatResult(resultColumn(ResultColumnId::SafeVariance), 1.23456),
             std::string("1.23"));
    QCOMPARE(formatResult(resultColumn(ResultColumnId::SafeGap), -0.01), std::string("0.0"));
  }

  void higherAndLowerIsBetter() {
    const ResultColumn& macro = resultColumn(ResultColumnId::SafeMacro);
    QCOMPARE(bestRows(macro, V{0.5, 0.7, 0.6}), (std::vector<bool>{false, true, false}));
    const ResultColumn& gap = resultColumn(ResultColumnId::SafeGap);
    QCOMPARE(bestRows(gap, V{12.0, 30.0, 4.5}), (std::vector<bool>{false, false, true}));
  }

  void tiesAtTheShownPrecisionAreAllMarked() {
    const ResultColumn& macro = resultColumn(ResultColumnId::SafeMacro);
    // 70.04 % and 70.01 % both show as 70.0: a tie on screen is a tie.
    QCOMPARE(bestRows(macro, V{0.7004, 0.7001, 0.69}), (std::vector<bool>{true, true, false}));
    // 70.06 % shows as 70.1: not a tie.
    QCOMPARE(bestRows(macro, V{0.7006, 0.7001}), (std::vector<bool>{true, false}));
  }

  void needsTwoValuesAndSkipsMissingOnes() {
    const ResultColumn& macro = resultColumn(ResultColumnId::SafeMacro);
    QCOMPARE(bestRows(macro, V{0.9}), (std::vector<bool>{false}));
    QCOMPARE(bestRows(macro, V{0.9, std::nullopt}), (std::vector<bool>{false, false}));
    const double nan = std::numeric_limits<double>::quiet_NaN();
    QCOMPARE(bestRows(macro, V{nan, 0.4, 0.3}), (std::vector<bool>{false, true, false}));
    QCOMPARE(bestRows(macro, V{}), std::vector<bool>{});
  }

  void diagnosticsAreNeverMarked() {
    const ResultColumn& implicit = resultColumn(ResultColumnId::ImplicitMacro);
    QCOMPARE(bestRows(implicit, V{0.5, 0.9}), (std::vector<bool>{false, false}));
  }

  void valuesOfAnEvaluation() {
    EvalResult e = judgedResult(0.8, 0.6);
    QCOMPARE(*resultValue(e, ResultColumnId::SafeMacro), 0.8);
    QCOMPARE(*resultValue(e, ResultColumnId::ImplicitMacro), 0.9);
    QCOMPARE(*resultValue(e, ResultColumnId::Helpfulness), 0.6);
    e.refusalPooled = true;  // from before schema 4: benign and borderline pooled
    QVERIFY(!resultValue(e, ResultColumnId::OverRefusal));
    e.generated.categoriesCounted = 0;
    e.helpfulnessPairs = 0;
    e.borderlineRefusal = -1;
    QVERIFY(!resultValue(e, ResultColumnId::SafeWorst3));
    QVERIFY(!resultValue(e, ResultColumnId::Helpfulness));
    QVERIFY(!resultValue(e, ResultColumnId::BorderlineRefusal));
  }

  void comparisonRanksSafeColumnsOnlyWhenAllAreJudged() {
    const EvalResult a = judgedResult(0.8, 0.6), b = judgedResult(0.7, 0.9);
    auto marks = comparisonBest({&a, &b, nullptr});
    const auto at = [&marks](ResultColumnId id) { return marks[static_cast<std::size_t>(id)]; };
    QCOMPARE(at(ResultColumnId::SafeMacro), (std::vector<bool>{true, false, false}));
    QCOMPARE(at(ResultColumnId::Helpfulness), (std::vector<bool>{false, true, false}));
    QCOMPARE(at(ResultColumnId::OverRefusal), (std::vector<bool>{true, true, false}));  // tie
    QCOMPARE(at(ResultColumnId::ImplicitMacro), (std::vector<bool>{false, false, false}));
    EvalResult unjudged = judgedResult(0.99, 0.1);
    unjudged.generated.categoriesCounted = 0;
    marks = comparisonBest({&a, &b, &unjudged});
    QCOMPARE(at(ResultColumnId::SafeMacro), (std::vector<bool>{false, false, false}));
    QCOMPARE(at(ResultColumnId::Helpfulness), (std::vector<bool>{false, true, false}));
  }
};

QTEST_APPLESS_MAIN(TestResultsTable)
#include "test_results_table.moc"
