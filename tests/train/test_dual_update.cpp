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
    CatDpoOptions o;  // eta 0.5, epsilon 0.02, lambda_init 0, no cap
    o.lambdaInit = 1.0;
    o.dualStep = catdpo::DualStep::BatchMean;
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
    o.dualStep = catdpo::DualStep::BatchMean;
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
    o.dualStep = catdpo::DualStep::BatchMean;
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

  void perPairRuleByHand() {
    // The authors' rule on a batch of five contrastive pairs over three categories, applied in
    // batch order: lambda_k <- max(0, lambda_k + eta (V_i - epsilon)), no cap.
    CatDpoOptions o;
    o.eta = 2.0;
    o.epsilon = 0.1;
    QVERIFY(!o.capped());
    QCOMPARE(o.dualStep, catdpo::DualStep::PerPair);
    CatDpoDual dual(3, o);
    dual.setState({0.05, 1.0, 0.0}, {0, 0, 0}, {false, false, false});
    const std::vector<catdpo::PairSignal> pairs{
        {{0}, 0.0},     // k0: 0.05 + 2 (0 - 0.1) = -0.15 -> 0 (the projection bites)
        {{0}, 0.6},     // k0: 0 + 2 (0.6 - 0.1) = 1.0
        {{1, 2}, 0.3},  // k1: 1.0 + 0.4 = 1.4; k2: 0 + 0.4 = 0.4
        {{2}, 0.05},    // k2: 0.4 - 0.1 = 0.3
        {{1}, 0.9},     // k1: 1.4 + 1.6 = 3.0
    };
    dual.updatePerPair(pairs);
    QVERIFY(std::abs(dual.lambda()[0] - 1.0) < 1e-12);
    QVERIFY(std::abs(dual.lambda()[1] - 3.0) < 1e-12);
    QVERIFY(std::abs(dual.lambda()[2] - 0.3) < 1e-12);
    // The batch mean over the same pairs moves less: k0 steps once on (0 + 0.6) / 2.
    o.dualStep = catdpo::DualStep::BatchMean;
    CatDpoDual mean(3, o);
    mean.setState({0.05, 1.0, 0.0}, {0, 0, 0}, {false, false, false});
    CategoryBatchStats s(3);
    s.gSum = {0.6, 1.2, 0.35};
    s.contrastive = {2, 2, 2};
    mean.update(s);
    QVERIFY(std::abs(mean.lambda()[0] - (0.05 + 2 * (0.3 - 0.1))) < 1e-12);
    QVERIFY(std::abs(mean.lambda()[1] - (1.0 + 2 * (0.6 - 0.1))) < 1e-12);
    QVERIFY(std::abs(mean.lambda()[2] - 2 * (0.175 - 0.1)) < 1e-12);
  }

  void perPairOrderMattersOnlyThroughTheProjection() {
    CatDpoOptions o;
    o.eta = 1.0;
    o.epsilon = 0.0;
    CatDpoDual a(1, o), b(1, o);
    a.updatePerPair({{{0}, 0.0}, {{0}, 0.5}});  // 0 -> 0 -> 0.5
    b.updatePerPair({{{0}, 0.5}, {{0}, 0.0}});  // 0 -> 0.5 -> 0.5
    QCOMPARE(a.lambda()[0], 0.5);
    QCOMPARE(b.lambda()[0], 0.5);
    o.epsilon = 0.3;
    CatDpoDual c(1, o), d(1, o);
    c.updatePerPair({{{0}, 0.0}, {{0}, 0.9}});  // 0 -> 0 (clipped from -0.3) -> 0.6
    d.updatePerPair({{{0}, 0.9}, {{0}, 0.0}});  // 0 -> 0.6 -> 0.3
    QVERIFY(std::abs(c.lambda()[0] - 0.6) < 1e-12);
    QVERIFY(std::abs(d.lambda()[0] - 0.3) < 1e-12);
  }

  void perPairCapAndEma() {
    CatDpoOptions o;
    o.eta = 10;
    o.lambdaMax = 4;
    CatDpoDual capped(1, o);
    capped.updatePerPair({{{0}, 0.9}, {{0}, 0.9}});
    QCOMPARE(capped.lambda()[0], 4.0);
    // EMA over the pairs of a category, in order: 0.8, then 0.75 * 0.8 + 0.25 * 0 = 0.6.
    CatDpoOptions e;
    e.eta = 1;
    e.epsilon = 0;
    e.gEma = 0.25;
    CatDpoDual ema(1, e);
    ema.updatePerPair({{{0}, 0.8}, {{0}, 0.0}});
    QVERIFY(std::abs(ema.signal()[0] - 0.6) < 1e-12);
    QVERIFY(std::abs(ema.lambda()[0] - 1.4) < 1e-12);
  }

  void bindingCategoriesGetTheMarginAndTheStep() {
    CatDpoOptions o;
    o.aggregation = catdpo::LambdaAggregation::Binding;
    CatDpoDual dual(4, o);
    dual.setState({1.0, 3.0, 3.0, 0.5}, {0, 0, 0, 0}, {false, false, false, false});
    QCOMPARE(dual.aggregate({0, 3}), 1.0);
    QCOMPARE(dual.bound({0, 3}), (std::vector<int>{0}));
    QCOMPARE(dual.aggregate({0, 1, 2}), 3.0);
    QCOMPARE(dual.bound({0, 1, 2}), (std::vector<int>{1, 2}));  // a tie: both bind
    QCOMPARE(dual.bound({3}), (std::vector<int>{3}));
    QCOMPARE(dual.bound({}), (std::vector<int>{}));
    o.aggregation = catdpo::LambdaAggregation::Sum;
    CatDpoDual sum(4, o);
    sum.setState({1.0, 3.0, 3.0, 0.5}, {0, 0, 0, 0}, {false, false, false, false});
    QCOMPARE(sum.bound({0, 1, 2}), (std::vector<int>{0, 1, 2}));
  }

  void judgedSignalPerPair() {
    CatDpoOptions o;
    o.signal = catdpo::ConstraintSignal::Judged;
    CatDpoDual dual(3, o);
    // Two pairs of category 0, one of 1 (no judged rate), none of 2: k0 steps twice.
    dual.updateJudgedPerPair({{{0}, 0.9}, {{1}, 0.9}, {{0}, 0.1}}, {0.5, std::nan(""), 0.4});
    QVERIFY(std::abs(dual.lambda()[0] - 2 * 0.5 * (0.5 - 0.02)) < 1e-12);
    QCOMPARE(dual.lambda()[1], 0.0);
    QCOMPARE(dual.lambda()[2], 0.0);
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
