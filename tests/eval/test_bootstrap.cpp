// SPDX-License-Identifier: MIT
// The bootstrap intervals of Macro / Worst-3 / Gap and of a difference between methods, and the
// degenerate-answer classifier: values that follow from the counts by hand, determinism, and
// coverage of a known truth in repeated simulated evaluations.
#include <QtTest>
#include <cmath>
#include <random>

#include "common/error.h"
#include "eval/bootstrap.h"
#include "eval/degenerate.h"

using namespace catdpo;

namespace {

// K categories, n answers each, with the given numbers of safe answers.
EvalCounts counts(const std::vector<int>& safe, int n) {
  EvalCounts out;
  for (std::size_t k = 0; k < safe.size(); ++k) out.push_back({static_cast<int>(k), n, safe[k]});
  return out;
}

}  // namespace

class TestBootstrap : public QObject {
  Q_OBJECT
 private slots:
  void pointEstimatesAreTheMeanOverRuns() {
    // Run 1: 8/10, 5/10, 2/10 -> Macro 0.5, Worst-3 0.5, Gap 60. Run 2: 10/10, 10/10, 4/10 ->
    // Macro 0.8, Worst-3 0.8, Gap 60.
    const SummaryEstimate e = bootstrapSummary({counts({8, 5, 2}, 10), counts({10, 10, 4}, 10)});
    QVERIFY(e.valid);
    QCOMPARE(e.runs, 2);
    QCOMPARE(e.resamples, kBootstrapResamples);
    QVERIFY(std::abs(e.macro - 0.65) < 1e-12);
    QVERIFY(std::abs(e.worst3 - 0.65) < 1e-12);
    QVERIFY(std::abs(e.gap - 60) < 1e-9);
    QVERIFY(e.macroCi.low < e.macro && e.macro < e.macroCi.high);
    QVERIFY(e.macroCi.low >= 0 && e.macroCi.high <= 1);
    // The seed spread (0.5 vs 0.8) is inside the interval's reach: at least 0.3 wide.
    QVERIFY(e.macroCi.high - e.macroCi.low > 0.25);
  }

  void certainCountsGiveAPointInterval() {
    const SummaryEstimate e = bootstrapSummary({counts({10, 10, 10, 10}, 10)});
    QCOMPARE(e.macroCi.low, 1.0);
    QCOMPARE(e.macroCi.high, 1.0);
    QCOMPARE(e.gapCi.high, 0.0);
    QVERIFY(!bootstrapSummary({}).valid);
    QVERIFY(!bootstrapSummary({EvalCounts{{0, 0, 0}}}).valid);
  }

  void deterministicAndSeeded() {
    const std::vector<EvalCounts> runs{counts({3, 7, 5, 9}, 12), counts({4, 6, 8, 10}, 12)};
    const SummaryEstimate a = bootstrapSummary(runs), b = bootstrapSummary(runs);
    QCOMPARE(a.worst3Ci.low, b.worst3Ci.low);
    QCOMPARE(a.worst3Ci.high, b.worst3Ci.high);
    BootstrapOptions other;
    other.seed = 99;
    const SummaryEstimate c = bootstrapSummary(runs, other);
    QVERIFY(c.worst3Ci.low != a.worst3Ci.low || c.worst3Ci.high != a.worst3Ci.high);
    // With 2000 resamples the ends move by well under a point between seeds.
    QVERIFY(std::abs(c.worst3Ci.low - a.worst3Ci.low) < 0.02);
    QVERIFY(std::abs(c.worst3Ci.high - a.worst3Ci.high) < 0.02);
  }

  void differenceIsPairedBySeed() {
    const std::vector<EvalCounts> a{counts({9, 9, 6}, 10), counts({8, 9, 7}, 10)};
    const SummaryEstimate same = bootstrapDifference(a, a);
    QVERIFY(same.valid);
    QCOMPARE(same.macro, 0.0);
    QVERIFY(same.macroCi.low < 0 && same.macroCi.high > 0);
    // b is a worse by 3 answers per category in every seed: the difference is +0.3.
    const std::vector<EvalCounts> b{counts({6, 6, 3}, 10), counts({5, 6, 4}, 10)};
    const SummaryEstimate d = bootstrapDifference(a, b);
    QVERIFY(std::abs(d.macro - 0.3) < 1e-12);
    QVERIFY(std::abs(d.worst3 - 0.3) < 1e-12);
    QVERIFY(d.macroCi.low > 0);  // clearly better
    QCOMPARE(d.runs, 2);
    QVERIFY(!bootstrapDifference(a, {}).valid);
  }

  void intervalCoversTheTruth() {
    // 19 categories with known safe probabilities, 24 prompts each, 3 seeds: the 95 % interval
    // of Macro should cover the true Macro in most of 60 simulated evaluations.
    std::vector<double> p;
    for (int k = 0; k < 19; ++k) p.push_back(0.45 + 0.5 * k / 18.0);
    double truth = 0;
    for (double x : p) truth += x / 19;
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> u(0, 1);
    BootstrapOptions o;
    o.resamples = 400;
    int covered = 0;
    const int trials = 60;
    for (int t = 0; t < trials; ++t) {
      std::vector<EvalCounts> runs(3);
      for (auto& run : runs)
        for (int k = 0; k < 19; ++k) {
          int safe = 0;
          for (int i = 0; i < 24; ++i) safe += u(rng) < p[static_cast<std::size_t>(k)];
          run.push_back({k, 24, safe});
        }
      o.seed = static_cast<std::uint64_t>(t + 1);
      const SummaryEstimate e = bootstrapSummary(runs, o);
      covered += e.macroCi.low <= truth && truth <= e.macroCi.high;
    }
    QVERIFY2(covered >= 51, qPrintable(QString::number(covered)));  // 95 % of 60 is 57
  }

  void badCountsAreRefused() {
    QVERIFY_THROWS_EXCEPTION(catdpo::Error, bootstrapSummary({EvalCounts{{0, 5, 6}}}));
    BootstrapOptions o;
    o.resamples = 0;
    QVERIFY_THROWS_EXCEPTION(catdpo::Error, bootstrapSummary({counts({1}, 2)}, o));
  }

  void degenerateAnswers() {
    QCOMPARE(classifyAnswer({}, ""), Degenerate::Empty);
    QCOMPARE(classifyAnswer({5, 6}, "  ... !"), Degenerate::Empty);
    QCOMPARE(classifyAnswer({5, 6, 7}, "I can't help with that."), Degenerate::None);
    // One token repeated over the whole answer.
    QCOMPARE(classifyAnswer(std::vector<std::int64_t>(12, 42), "the the the"), Degenerate::Looping);
    // A three-token loop covering the second half of a 24-token answer.
    std::vector<std::int64_t> t;
    for (int i = 0; i < 12; ++i) t.push_back(100 + i);
    for (int i = 0; i < 4; ++i) t.insert(t.end(), {7, 8, 9});
    QCOMPARE(classifyAnswer(t, "text"), Degenerate::Looping);
    // The same loop over only a quarter of a longer answer is not degenerate.
    std::vector<std::int64_t> longer;
    for (int i = 0; i < 36; ++i) longer.push_back(200 + i);
    for (int i = 0; i < 4; ++i) longer.insert(longer.end(), {7, 8, 9});
    QCOMPARE(classifyAnswer(longer, "text"), Degenerate::None);
    // Short repeats inside a normal answer are not loops (too short, too few repetitions).
    QCOMPARE(classifyAnswer({1, 2, 1, 2, 3, 4, 5, 6, 7, 8}, "text"), Degenerate::None);
    QCOMPARE(degeneratePolicyFromString("exclude"), DegeneratePolicy::Exclude);
    QVERIFY_THROWS_EXCEPTION(catdpo::Error, degeneratePolicyFromString("safe"));
  }
};

QTEST_GUILESS_MAIN(TestBootstrap)
#include "test_bootstrap.moc"
