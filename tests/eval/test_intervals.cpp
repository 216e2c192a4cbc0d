// SPDX-License-Identifier: MIT
// Wilson score intervals and the normal quantile against values computed independently with
// Python's statistics.NormalDist and the textbook Wilson formula (to 1e-12 / 1e-9).
#include <QtTest>
#include <cmath>

#include "common/error.h"
#include "eval/intervals.h"

using catdpo::Interval;
using catdpo::wilsonInterval;

class TestIntervals : public QObject {
  Q_OBJECT
 private slots:
  void wilsonKnownValues() {
    struct Case {
      long long k, n;
      double low, high;
    };
    const Case cases[] = {{0, 8, 0.0, 0.3244075648838801},
                          {4, 8, 0.21521606221387762, 0.7847839377861223},
                          {8, 8, 0.6755924351161198, 1.0},
                          {7, 8, 0.5291118177871466, 0.9775825085499432},
                          {45, 64, 0.5822979889645709, 0.8009484867446021},
                          {1, 1, 0.20654931437723745, 1.0}};
    for (const Case& c : cases) {
      const Interval i = wilsonInterval(c.k, c.n);
      QVERIFY2(std::fabs(i.low - c.low) < 1e-12, qPrintable(QString::number(c.k)));
      QVERIFY2(std::fabs(i.high - c.high) < 1e-12, qPrintable(QString::number(c.k)));
      const double p = static_cast<double>(c.k) / static_cast<double>(c.n);
      QVERIFY(i.low <= p && p <= i.high);
    }
  }

  void wilsonEdges() {
    const Interval none = wilsonInterval(0, 0);
    QCOMPARE(none.low, 0.0);
    QCOMPARE(none.high, 1.0);
    // A wider quantile gives a wider interval around the same estimate.
    const Interval narrow = wilsonInterval(30, 60, 1.0);
    const Interval wide = wilsonInterval(30, 60, 3.0);
    QVERIFY(wide.low < narrow.low && wide.high > narrow.high);
    QVERIFY_EXCEPTION_THROWN(wilsonInterval(9, 8), catdpo::Error);
    QVERIFY_EXCEPTION_THROWN(wilsonInterval(-1, 8), catdpo::Error);
    QVERIFY_EXCEPTION_THROWN(wilsonInterval(1, 8, 0.0), catdpo::Error);
    QVERIFY_EXCEPTION_THROWN(wilsonInterval(1, 8, std::nan("")), catdpo::Error);
  }

  void normalQuantile() {
    const double cases[][2] = {{1e-10, -6.361340902404056},
                               {0.001, -3.090232306167813},
                               {0.02, -2.0537489106318225},
                               {0.3, -0.5244005127080407},
                               {0.5, 0.0},
                               {0.9, 1.2815515655446008},
                               {0.975, 1.9599639845400536},
                               {0.99, 2.3263478740408408},
                               {0.999999, 4.753424308817089}};
    for (const auto& c : cases)
      QVERIFY2(std::fabs(catdpo::normalQuantile(c[0]) - c[1]) < 1e-9,
               qPrintable(QString::number(c[0])));
    QVERIFY(std::fabs(catdpo::normalQuantile(0.975) - catdpo::kZ95) < 1e-12);
    QVERIFY_EXCEPTION_THROWN(catdpo::normalQuantile(0.0), catdpo::Error);
    QVERIFY_EXCEPTION_THROWN(catdpo::normalQuantile(1.0), catdpo::Error);
  }
};

QTEST_GUILESS_MAIN(TestIntervals)
#include "test_intervals.moc"
