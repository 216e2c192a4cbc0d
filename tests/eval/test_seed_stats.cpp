// SPDX-License-Identifier: MIT
// The seed-level difference between two methods: Student t quantiles against published values,
// the exact sign-flip p-value against hand counts (and its floor of 2/2^n), the t interval by
// hand, the pairing of runs by seed, and the coverage of a known zero difference at three seeds
// in repeated simulated sweeps (the percentile bootstrap under-covers there; the t interval must
// not).
#include <QtTest>
#include <cmath>
#include <random>

#include "common/error.h"
#include "eval/seed_stats.h"

using namespace catdpo;

namespace {

EvalCounts counts(const std::vector<int>& safe, int n) {
  EvalCounts out;
  for (std::size_t k = 0; k < safe.size(); ++k) out.push_back({static_cast<int>(k), n, safe[k]});
  return out;
}

// A standard normal draw from two uniforms (Box-Muller), the same on every platform.
double normalDraw(std::mt19937_64& rng) {
  const double u1 = (static_cast<double>(rng() >> 11) + 0.5) * 0x1.0p-53;
  const double u2 = static_cast<double>(rng() >> 11) * 0x1.0p-53;
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
}

}  // namespace

class TestSeedStats : public QObject {
  Q_OBJECT
 private slots:
  void tQuantilesMatchPublishedValues() {
    // Two-sided 95 % critical values (the 0.975 quantile) and one 99 % value.
    const std::pair<int, double> q975[] = {{1, 12.706204736174698},   {2, 4.302652729749464},
                                           {3, 3.182446305284263},    {4, 2.7764451051977934},
                                           {9, 2.2621571628540993},   {30, 2.0422724563012373},
                                           {1000, 1.9623390808264078}};
    for (const auto& [df, expected] : q975)
      QVERIFY2(
          std::fabs(studentTQuantile(0.975, df) - expected) < 1e-7,
          qPrintable(QString("df %1: %2").arg(df).arg(studentTQuantile(0.975, df), 0, 'g', 12)));
    QVERIFY(std::fabs(studentTQuantile(0.995, 5) - 4.032142983557536) < 1e-7);
    QVERIFY(std::fabs(studentTQuantile(0.025, 2) + 4.302652729749464) < 1e-7);
    QCOMPARE(studentTQuantile(0.5, 7), 0.0);
    QVERIFY_THROWS_EXCEPTION(Error, studentTQuantile(1.0, 3));
    QVERIFY_THROWS_EXCEPTION(Error, studentTQuantile(0.9, 0));
  }

  void signFlipPValuesByHand() {
    // Three differences of one sign: only the observed pattern and its mirror are as extreme.
    QCOMPARE(signFlipPValue({0.01, 0.02, 0.03}), 0.25);
    QCOMPARE(signFlipPValue({-0.4, -0.1, -0.3}), 0.25);
    QCOMPARE(smallestSignFlipP(3), 0.25);
    QCOMPARE(smallestSignFlipP(10), 2.0 / 1024);
    QCOMPARE(smallestSignFlipP(0), 1.0);
    // {3, -1, 2, 2}: sum 6; of the 16 patterns, +3±1+2+2 reach 8 and 6, their mirrors -8 and -6.
    QCOMPARE(signFlipPValue({3, -1, 2, 2}), 4.0 / 16);
    // A zero mean: every pattern is as extreme.
    QCOMPARE(signFlipPValue({1, -1}), 1.0);
    QCOMPARE(signFlipPValue({}), 1.0);
    // Ties within rounding count (0.1 + 0.2 != 0.3 in binary).
    QCOMPARE(signFlipPValue({0.1, 0.2, -0.3, 0.3}), signFlipPValue({1, 2, -3, 3}));
    // Beyond 16 pairs, random patterns: all 20 positive is far in the tail, never exactly 0.
    const double p20 = signFlipPValue(std::vector<double>(20, 0.05));
    QVERIFY2(p20 > 0 && p20 < 1e-4, qPrintable(QString::number(p20)));
    // Beyond 16 pairs with no effect: about 1.
    std::vector<double> mixed;
    for (int i = 0; i < 20; ++i) mixed.push_back(i % 2 ? 0.1 : -0.1);
    QVERIFY(signFlipPValue(mixed) > 0.99);
  }

  void pairedDifferenceByHand() {
    // Differences -0.20, +0.05, -0.30: mean -0.15, sd sqrt(0.0325), half-width
    // t(0.975, 2) * sd / sqrt(3).
    const SeedDifference d = pairedDifference({0.50, 0.65, 0.40}, {0.70, 0.60, 0.70});
    QCOMPARE(d.n, 3);
    QCOMPARE(d.perSeed.size(), std::size_t{3});
    QVERIFY(std::fabs(d.perSeed[1] - 0.05) < 1e-12);
    QVERIFY(std::fabs(d.mean + 0.15) < 1e-12);
    QVERIFY(std::fabs(d.sd - std::sqrt(0.0325)) < 1e-12);
    const double half = 4.302652729749464 * std::sqrt(0.0325) / std::sqrt(3.0);
    QVERIFY(d.hasT);
    QVERIFY(std::fabs(d.tCi.low - (-0.15 - half)) < 1e-7);
    QVERIFY(std::fabs(d.tCi.high - (-0.15 + half)) < 1e-7);
    QCOMPARE(d.pSignFlip, 0.5);  // {-0.2, 0.05, -0.3}: 4 of 8 patterns reach |sum| >= 0.45
    QCOMPARE(d.pMin, 0.25);
    // One seed: a difference, no interval.
    const SeedDifference one = pairedDifference({0.5}, {0.25});
    QVERIFY(!one.hasT);
    QCOMPARE(one.mean, 0.25);
    QCOMPARE(one.pSignFlip, 1.0);
    QVERIFY_THROWS_EXCEPTION(Error, pairedDifference({0.5, 0.1}, {0.5}));
    QVERIFY_THROWS_EXCEPTION(Error, pairedDifference({}, {}));
  }

  void summariesArePairedBySeed() {
    // Seeds given as 7, 3: reported ascending. Seed 3: A has 8/10, 5/10, 2/10 (Macro 0.5),
    // B 10/10, 5/10, 3/10 (Macro 0.6). Seed 7: A 6/10 x3 (0.6), B 3/10 x3 (0.3).
    const SeedSummaryDifference d =
        pairedSummaryDifference({7, 3}, {counts({6, 6, 6}, 10), counts({8, 5, 2}, 10)},
                                {counts({3, 3, 3}, 10), counts({10, 5, 3}, 10)});
    QVERIFY(d.valid);
    QCOMPARE(d.seeds, (std::vector<std::uint64_t>{3, 7}));
    QVERIFY(std::fabs(d.macro.perSeed[0] - (-0.1)) < 1e-12);
    QVERIFY(std::fabs(d.macro.perSeed[1] - 0.3) < 1e-12);
    // Gap in points: seed 3: A 60, B 70 -> -10; seed 7: 0 - 0.
    QVERIFY(std::fabs(d.gap.perSeed[0] + 10) < 1e-9);
    QVERIFY(std::fabs(d.gap.perSeed[1]) < 1e-9);
    QCOMPARE(d.worst3.n, 2);
    // A seed whose run has no judged answer is left out.
    const SeedSummaryDifference partial = pairedSummaryDifference(
        {1, 2}, {counts({1}, 2), EvalCounts{}}, {counts({2}, 2), counts({1}, 2)});
    QCOMPARE(partial.seeds, (std::vector<std::uint64_t>{1}));
    QVERIFY(!pairedSummaryDifference({}, {}, {}).valid);
  }

  void tIntervalCoversAZeroDifferenceAtThreeSeeds() {
    // Repeated simulated comparisons with no true difference: per-seed differences drawn with a
    // spread like the demo sweeps' (sd 0.2). The 95 % t interval must cover 0 in about 95 % of
    // them (binomial sd at 4000 draws: 0.34 points), and the sign-flip test never rejects at
    // 0.05 with three seeds.
    std::mt19937_64 rng(20261208);
    constexpr int kSims = 4000;
    int covered = 0, rejected = 0;
    for (int s = 0; s < kSims; ++s) {
      std::vector<double> a, b;
      for (int seed = 0; seed < 3; ++seed) {
        a.push_back(0.2 * normalDraw(rng));
        b.push_back(0.0);
      }
      const SeedDifference d = pairedDifference(a, b);
      if (d.tCi.low <= 0 && 0 <= d.tCi.high) ++covered;
      if (d.pSignFlip < 0.05) ++rejected;
    }
    const double coverage = static_cast<double>(covered) / kSims;
    QVERIFY2(coverage > 0.935 && coverage < 0.965, qPrintable(QString::number(coverage)));
    QCOMPARE(rejected, 0);
  }
};

QTEST_GUILESS_MAIN(TestSeedStats)
#include "test_seed_stats.moc"
