// SPDX-License-Identifier: MIT
// The slow-BLAS warning: a pure decision over (measured GFLOP/s, mapped library), plus a
// check that the live probe measures something plausible.
#include <QtTest>

#include "common/blas_check.h"

using catdpo::BlasVerdict;

class TestBlasCheck : public QObject {
  Q_OBJECT
 private slots:
  void classify_data() {
    QTest::addColumn<double>("gflops");
    QTest::addColumn<QString>("library");
    QTest::addColumn<int>("verdict");
    const QString ref = QStringLiteral("/usr/lib/x86_64-linux-gnu/blas/libblas.so.3");
    const QString open = QStringLiteral("/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3");
    QTest::newRow("reference lib, slow") << 4.0 << ref << int(BlasVerdict::ReferenceLibrary);
    QTest::newRow("reference lib, fast anyway")
        << 80.0 << ref << int(BlasVerdict::ReferenceLibrary);
    QTest::newRow("openblas fast") << 50.0 << open << int(BlasVerdict::Fast);
    QTest::newRow("openblas on a loaded box") << 3.0 << open << int(BlasVerdict::Fast);
    QTest::newRow("unknown lib slow") << 5.0 << QString() << int(BlasVerdict::SlowUnknownLibrary);
    QTest::newRow("unknown lib at threshold")
        << catdpo::kReferenceBlasGflops << QString() << int(BlasVerdict::Fast);
    QTest::newRow("unknown lib fast") << 40.0 << QString() << int(BlasVerdict::Fast);
    QTest::newRow("mkl") << 2.0 << QStringLiteral("/opt/intel/lib/libmkl_rt.so.2")
                         << int(BlasVerdict::Fast);
    QTest::newRow("blis") << 60.0
                          << QStringLiteral("/usr/lib/x86_64-linux-gnu/blis-openmp/libblas.so.3")
                          << int(BlasVerdict::Fast);
  }
  void classify() {
    QFETCH(double, gflops);
    QFETCH(QString, library);
    QFETCH(int, verdict);
    QCOMPARE(int(catdpo::classifyBlas(gflops, library.toStdString())), verdict);
  }

  void warningTextNamesTheFix() {
    catdpo::BlasProbe probe;
    probe.gflops = 4.2;
    probe.libraryPath = "/usr/lib/x86_64-linux-gnu/blas/libblas.so.3";
    const auto warning = catdpo::blasWarning(probe);
    QVERIFY(warning.has_value());
    QVERIFY(warning->find("libopenblas0-pthread") != std::string::npos);
    QVERIFY(warning->find("reference BLAS") != std::string::npos);
    probe.libraryPath = "/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3";
    probe.gflops = 45;
    QVERIFY(!catdpo::blasWarning(probe).has_value());
  }

  void liveProbeMeasuresSomething() {
    const catdpo::BlasProbe probe = catdpo::probeBlas(128);
    QVERIFY2(probe.gflops > 0.05 && probe.gflops < 1e5, qPrintable(QString::number(probe.gflops)));
    QVERIFY(probe.threads >= 1);
  }
};

QTEST_GUILESS_MAIN(TestBlasCheck)
#include "test_blas_check.moc"
