// SPDX-License-Identifier: MIT
// The version comes from one place (CMake's project()) and reaches buildInfo(), versionLine()
// and `catdpo --version` unchanged.
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

#include "common/build_info.h"
#include "common/version.h"
#include "support/fixtures.h"

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
    QVERIFY2(line.startsWith(QStringLiteral("Cat-DPO Studio ") + QString::fromUtf8(catdpo::kVersion)),
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
      QProcess cli;
      QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
      env.remove(QStringLiteral("OMP_WAIT_POLICY"));
      if (!value.isEmpty()) env.insert(QStringLiteral("OMP_WAIT_POLICY"), value);
      cli.setProcessEnvironment(env);
      cli.start(catdpo::test::executable(QStringLiteral("catdpo")),
                {QStringLiteral("--no-blas-check"), QStringLiteral("info"), QStringLiteral("--json")});
      if (!cli.waitForFinished(60000) || cli.exitCode() != 0) return QStringLiteral("(failed)");
      const QJsonObject info = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
      return info.value(QStringLiteral("omp_wait_policy")).toString(QStringLiteral("(absent)"));
    };
    QCOMPARE(policyWith(QString()), QStringLiteral("PASSIVE"));
    QCOMPARE(policyWith(QStringLiteral("active")), QStringLiteral("active"));
  }
};

QTEST_GUILESS_MAIN(TestBuildInfo)
#include "test_build_info.moc"
