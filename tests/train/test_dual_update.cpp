// SPDX-License-Identifier: MIT
// Cat-DPO's dual update and the group-robust weights, against hand-derived values.
#include <QtTest>
#include <cmath>

#include "train/dual_update.h"

using catdpo::CatDpoDual;
using catdpo::CatDpoOptions;
using catdpo::CategoryBatchStats;

class TestDualUpdate : public QObject {
  Q_OBJECT
 private slots:
  void risesAboveEpsilonDecaysBelow() {
    CatDpoOptions o;  // eta 0.5, epsilon 0.02, lambda_init 0, lambda_max 50
    o.lambdaInit = 1.0;
    CatDpoDual dual(3, o);
    CategoryBatchStats s(3);
    s.gSum = {0.6 * 2, 0.01 * 4, 0};
    s.contrastive = {2, 4, 0};
    dual.update(s);
    QCOMPARE(dual.lambda()[0], 1.0 + 0.5 * (0.6 - 0.02));   // rises: g > epsilon
    QCOMPARE(dual.lambda()[1], 1.0 + 0.5 * (0.01 - 0.02));  // decays: g < epsilon
    QCOMPARE(dual.lambda()[2], 1.0);                        // absent from the batch: untouched
    QCOMPARE(dual.signal()[0], 0.6);
    QVERIFY(!dual.signalSeen()[2]);
  }

  void clippedAtZeroAndMax() {
    CatDpoOptions o;
    o.eta = 100;
    o.lambdaMax = 7;
    CatDpoDual dual(2, o);
    CategoryBatchStats s(2);
    s.gSum = {0.9, 0.0};
    s.contrastive = {1, 1};
    dual.update(s);
    QCOMPARE(dual.lambda()[0], 7.0);
    QCOMPARE(dual.lambda()[1], 0.0);
    dual.update(s);
    QCOMPARE(dual.lambda()[0], 7.0);
    QCOMPARE(dual.lambda()[1], 0.0);
  }

  void emaSmoothsTheSignal() {
    CatDpoOptions o;
    o.gEma = 0.25;
    o.eta = 1.0;
    o.epsilon = 0.0;
    CatDpoDual dual(1, o);
    CategoryBatchStats s(1);
    s.gSum = {0.8};
    s.contrastive = {1};
    dual.update(s);  // first observation initialises the EMA
    QCOMPARE(dual.signal()[0], 0.8);
    s.gSum = {0.0};
    dual.update(s);
    QVERIFY(std::abs(dual.signal()[0] - 0.6) < 1e-12);  // 0.75 * 0.8 + 0.25 * 0
    QVERIFY(std::abs(dual.lambda()[0] - 1.4) < 1e-12);
  }

  void judgedSignalUsesUnsafeRates() {
    CatDpoOptions o;
    o.signal = catdpo::ConstraintSignal::Judged;
    CatDpoDual dual(3, o);
    dual.updateJudged({0.5, std::nan(""), 0.0});
    QCOMPARE(dual.lambda()[0], 0.5 * (0.5 - 0.02));
    QCOMPARE(dual.lambda()[1], 0.0);
    QVERIFY(!dual.signalSeen()[1]);
    QCOMPARE(dual.lambda()[2], 0.0);
  }

  void aggregationOverCategorySet() {
    CatDpoOptions o;
    CatDpoDual sum(3, o);
    sum.setState({1, 2, 4}, {0, 0, 0}, {false, false, false});
    QCOMPARE(sum.aggregate({0, 2}), 5.0);
    QCOMPARE(sum.aggregate({}), 0.0);
    o.aggregation = catdpo::LambdaAggregation::Mean;
    CatDpoDual mean(3, o);
    mean.setState({1, 2, 4}, {0, 0, 0}, {false, false, false});
    QCOMPARE(mean.aggregate({0, 2}), 2.5);
    o.aggregation = catdpo::LambdaAggregation::Max;
    CatDpoDual mx(3, o);
    mx.setState({1, 2, 4}, {0, 0, 0}, {false, false, false});
    QCOMPARE(mx.aggregate({0, 1}), 2.0);
  }

  void groupWeightsExponentiatedGradient() {
    catdpo::GroupWeights w(3, 0.5);
    QCOMPARE(w.weights()[0], 1.0 / 3);
    w.update({1.0, 2.0, 100.0}, {4, 2, 0});  // group 2 absent: its raw weight stays 1/3
    const double a0 = std::exp(0.5) / 3, a1 = std::exp(1.0) / 3, a2 = 1.0 / 3;
    const double total = a0 + a1 + a2;
    QVERIFY(std::abs(w.weights()[0] - a0 / total) < 1e-12);
    QVERIFY(std::abs(w.weights()[1] - a1 / total) < 1e-12);
    QVERIFY(std::abs(w.weights()[2] - a2 / total) < 1e-12);
    double s = 0;
    for (double a : w.weights()) s += a;
    QVERIFY(std::abs(s - 1.0) < 1e-12);
  }

  void learningRateSchedule() {
    catdpo::TrainConfig c;
    c.learningRate = 1e-3;
    c.warmupSteps = 10;
    c.minLrRatio = 0.1;
    QVERIFY(std::abs(catdpo::learningRateAt(c, 0, 110) - 1e-4) < 1e-15);
    QVERIFY(std::abs(catdpo::learningRateAt(c, 9, 110) - 1e-3) < 1e-15);
    QVERIFY(std::abs(catdpo::learningRateAt(c, 10, 110) - 1e-3) < 1e-15);
    QVERIFY(std::abs(catdpo::learningRateAt(c, 60, 110) - (1e-4 + 0.9e-3 * 0.5)) < 1e-15);
    QVERIFY(std::abs(catdpo::learningRateAt(c, 110, 110) - 1e-4) < 1e-15);
    c.schedule = catdpo::LrSchedule::Linear;
    QVERIFY(std::abs(catdpo::learningRateAt(c, 35, 110) - (1e-4 + 0.9e-3 * 0.75)) < 1e-15);
    c.schedule = catdpo::LrSchedule::Constant;
    QCOMPARE(catdpo::learningRateAt(c, 100, 110), 1e-3);
  }
};

QTEST_GUILESS_MAIN(TestDualUpdate)
#include "test_dual_update.moc"
