// SPDX-License-Identifier: MIT
// The version comes from one place (CMake's project()) and reaches buildInfo(), versionLine()
// and `catdpo --version` unchanged.
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

#include "common/build_info.h"
#include "common/cpu_features.h"
#include "common/version.h"
#include "support/fixtures.h"

namespace {
// One field of `catdpo info --json` run with the given environment; "(failed)" when the run
// fails, "(absent)" when the field is missing.
QString infoField(const QProcessEnvironment& env, const QString& key) {
  QProcess cli;
  cli.setProcessEnvironment(env);
  cli.start(catdpo::test::executable(QStringLiteral("catdpo")),
            {QStringLiteral("--no-blas-check"), QStringLiteral("info"), QStringLiteral("--json")});
  if (!cli.waitForFinished(60000) || cli.exitCode() != 0) return QStringLiteral("(failed)");
  const QJsonObject info = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
  return info.value(key).toString(QStringLiteral("(absent)"));
}
}  // namespace

class TestBuildInfo : public QObject {
  Q_OBJECT
 private slots:
  void versionIsSemantic() {
    const QString v = QString::fromUtf8(catdpo::kVersion);
    QVERIFY2(QRegularExpression(QStringLiteral("^\\d+\\.\\d+\\.\\d+$")).match(v).hasMatch(),
             qPrintable(v));
    QCOMPARE(v, QStringLiteral("%1.%2.%3")
                    .arg(catdpo::kVersionMajor)
                    .arg(catdpo::kVersionMinor)
                    .arg(catdpo::kVersionPatch));
  }

  void buildInfoIsFilled() {
    const catdpo::BuildInfo info = catdpo::buildInfo();
    QCOMPARE(QString::fromStdString(info.version), QString::fromUtf8(catdpo::kVersion));
    QCOMPARE(QString::fromStdString(info.name), QStringLiteral("Cat-DPO Studio"));
    QVERIFY(QString::fromStdString(info.torchVersion).startsWith(QStringLiteral("1.")) ||
            QString::fromStdString(info.torchVersion).startsWith(QStringLiteral("2.")));
    QVERIFY(!info.compiler.empty());
    QVERIFY(info.cudaDevices >= 0);
    if (!info.cudaCompiled) QCOMPARE(info.cudaDevices, 0);
  }

  void versionLineNamesVersionAndTorch() {
    const QString line = QString::fromStdString(catdpo::versionLine());
    QVERIFY2(
        line.startsWith(QStringLiteral("Cat-DPO Studio ") + QString::fromUtf8(catdpo::kVersion)),
        qPrintable(line));
    QVERIFY(line.contains(QStringLiteral("LibTorch ") +
                          QString::fromStdString(catdpo::buildInfo().torchVersion)));
  }

  void cliPrintsTheSameVersion() {
    QProcess cli;
    cli.start(catdpo::test::executable(QStringLiteral("catdpo")), {QStringLiteral("--version")});
    QVERIFY2(cli.waitForFinished(60000), "catdpo --version did not finish");
    QCOMPARE(cli.exitCode(), 0);
    const QString out = QString::fromUtf8(cli.readAllStandardOutput()).trimmed();
    QCOMPARE(out, QString::fromStdString(catdpo::versionLine()));
  }

  // OpenMP threads wait passively unless the user chose otherwise (the program restarts itself
  // to make the runtime see it).
  void cliWaitsPassivelyUnlessTold() {
    const auto policyWith = [](const QString& value) {
      QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
      env.remove(QStringLiteral("OMP_WAIT_POLICY"));
      if (!value.isEmpty()) env.insert(QStringLiteral("OMP_WAIT_POLICY"), value);
      return infoField(env, QStringLiteral("omp_wait_policy"));
    };
    QCOMPARE(policyWith(QString()), QStringLiteral("PASSIVE"));
    QCOMPARE(policyWith(QStringLiteral("active")), QStringLiteral("active"));
  }

  // The heap keeps freed memory for the next step unless the user tuned the allocator.
  void cliKeepsFreedHeapMemoryUnlessTold() {
    const auto heapWith = [](const QString& tunables) {
      QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
      for (const char* name : {"GLIBC_TUNABLES", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_",
                               "MALLOC_TOP_PAD_", "MALLOC_MMAP_MAX_", "MALLOC_ARENA_MAX"})
        env.remove(QString::fromLatin1(name));
      if (!tunables.isEmpty()) env.insert(QStringLiteral("GLIBC_TUNABLES"), tunables);
      return infoField(env, QStringLiteral("heap_policy"));
    };
    const QString kept = heapWith(QString());
    QVERIFY2(kept.startsWith(QStringLiteral("freed memory kept")), qPrintable(kept));
    const QString user = heapWith(QStringLiteral("glibc.malloc.trim_threshold=1048576"));
    QVERIFY2(user.startsWith(QStringLiteral("set by the user")) &&
                 user.contains(QStringLiteral("glibc.malloc.trim_threshold=1048576")),
             qPrintable(user));
    // A tunable outside malloc is not a choice about the heap.
    const QString other = heapWith(QStringLiteral("glibc.cpu.hwcaps=-AVX512F"));
    QVERIFY2(other.startsWith(QStringLiteral("freed memory kept")), qPrintable(other));
  }

  // `catdpo info` says what precision "auto" trains in here, and why: bf16-mixed where the CPU
  // multiplies bfloat16 natively (Debian's LibTorch has oneDNN), else fp32.
  void infoShowsTheAutoPrecision() {
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QString precision = infoField(env, QStringLiteral("auto_precision"));
    const QString reason = infoField(env, QStringLiteral("auto_precision_reason"));
    const catdpo::CpuBf16Support cpu = catdpo::detectCpuBf16();
    QCOMPARE(infoField(env, QStringLiteral("cpu_bf16")), QString::fromStdString(cpu.describe()));
    if (!cpu.native()) {
      QCOMPARE(precision, QStringLiteral("fp32"));
      QVERIFY2(reason.contains(QStringLiteral("no bfloat16 matrix instructions")),
               qPrintable(reason));
    } else {
      QCOMPARE(precision, QStringLiteral("bf16-mixed"));
      QVERIFY2(reason.contains(QString::fromStdString(cpu.describe())), qPrintable(reason));
    }
  }
};

QTEST_GUILESS_MAIN(TestBuildInfo)
#include "test_build_info.moc"
