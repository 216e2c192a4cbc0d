// SPDX-License-Identifier: MIT
// The version comes from one place (CMake's project()) and reaches buildInfo(), versionLine()
// and `catdpo --version` unchanged.
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QtTest>

#include "common/build_info.h"
#include "common/cpu_features.h"
#include "common/version.h"
#include "support/cli_runner.h"

namespace {
// One field of `catdpo info --json` run with `options` (its environment); "(failed)" when the
// run fails, "(absent)" when the field is missing.
QString infoField(const QString& key, const catdpo::test::CliOptions& options = {}) {
  const catdpo::test::CliResult r =
      catdpo::test::runCli({QStringLiteral("info"), QStringLiteral("--json")}, options);
  if (!r.ok()) {
    qWarning("%s", qPrintable(r.describe()));
    return QStringLiteral("(failed)");
  }
  const QJsonObject info = QJsonDocument::fromJson(r.out).object();
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

  // `catdpo info` names the LibTorch, whether CUDA is compiled in and what it found.
  void infoSaysLibTorchAndCuda() {
    const catdpo::BuildInfo info = catdpo::buildInfo();
    const catdpo::test::CliResult r = catdpo::test::runCli({QStringLiteral("info")});
    CATDPO_VERIFY_CLI_OK(r);
    const QString out = QString::fromUtf8(r.out);
    QVERIFY2(out.contains(QStringLiteral("LibTorch:  ") +
                          QString::fromStdString(info.torchVersion) + QStringLiteral(", ")),
             qPrintable(out));
    if (!info.cudaCompiled) {
      QVERIFY2(out.contains(QStringLiteral("CPU only (no CUDA compiled in)")), qPrintable(out));
      QCOMPARE(infoField(QStringLiteral("cuda_version")), QString());
      return;
    }
    QVERIFY2(
        QRegularExpression(QStringLiteral("CUDA \\d+\\.\\d+ compiled in")).match(out).hasMatch(),
        qPrintable(out));
    if (info.cudaDevices == 0)
      QVERIFY2(out.contains(QStringLiteral("no CUDA device found")), qPrintable(out));
    QCOMPARE(infoField(QStringLiteral("cuda_version")), QString::fromStdString(info.cudaVersion));
  }

  void cliPrintsTheSameVersion() {
    const catdpo::test::CliResult r = catdpo::test::runCli({QStringLiteral("--version")});
    CATDPO_VERIFY_CLI_OK(r);
    const QString out = QString::fromUtf8(r.out).trimmed();
    QCOMPARE(out, QString::fromStdString(catdpo::versionLine()));
  }

  // OpenMP threads wait passively unless the user chose otherwise (the program restarts itself
  // to make the runtime see it).
  void cliWaitsPassivelyUnlessTold() {
    const auto policyWith = [](const QString& value) {
      catdpo::test::CliOptions options;
      options.unsetEnv = {QStringLiteral("OMP_WAIT_POLICY")};
      if (!value.isEmpty()) options.env = {{QStringLiteral("OMP_WAIT_POLICY"), value}};
      return infoField(QStringLiteral("omp_wait_policy"), options);
    };
    QCOMPARE(policyWith(QString()), QStringLiteral("PASSIVE"));
    QCOMPARE(policyWith(QStringLiteral("active")), QStringLiteral("active"));
  }

  // The heap keeps freed memory for the next step unless the user tuned the allocator.
  void cliKeepsFreedHeapMemoryUnlessTold() {
    const auto heapWith = [](const QString& tunables) {
      catdpo::test::CliOptions options;
      for (const char* name : {"GLIBC_TUNABLES", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_",
                               "MALLOC_TOP_PAD_", "MALLOC_MMAP_MAX_", "MALLOC_ARENA_MAX"})
        options.unsetEnv << QString::fromLatin1(name);
      if (!tunables.isEmpty()) options.env = {{QStringLiteral("GLIBC_TUNABLES"), tunables}};
      return infoField(QStringLiteral("heap_policy"), options);
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
    const QString precision = infoField(QStringLiteral("auto_precision"));
    const QString reason = infoField(QStringLiteral("auto_precision_reason"));
    const catdpo::CpuBf16Support cpu = catdpo::detectCpuBf16();
    QCOMPARE(infoField(QStringLiteral("cpu_bf16")), QString::fromStdString(cpu.describe()));
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
