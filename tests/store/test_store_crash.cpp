// SPDX-License-Identifier: MIT
// Crash safety with a real second process: a writer killed with SIGKILL at arbitrary moments
// leaves a database that passes integrity_check, holds every step it reported committed (each
// with all its per-category rows) and shows the run as interrupted; a reader on another
// connection sees whole steps while the writer runs and does not mark a live writer's run
// interrupted; a write that runs out of file space fails with an error and loses nothing.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "store/run_store.h"
#include "store_test_util.h"

using namespace catdpo;

namespace {

struct WriterOutput {
  std::string runId;
  std::int64_t committed = 0;
  std::string error;
};

// Consumes the writer's complete stdout lines into `out`.
void readLines(QProcess& p, WriterOutput& out) {
  while (p.canReadLine()) {
    const QString line = QString::fromUtf8(p.readLine()).trimmed();
    if (line.startsWith("run "))
      out.runId = line.mid(4).toStdString();
    else if (line.startsWith("committed "))
      out.committed = line.mid(10).toLongLong();
    else if (line.startsWith("error "))
      out.error = line.mid(6).toStdString();
  }
}

// Every step 1..n present, each with its 19 category rows and the values the writer wrote.
void verifySteps(RunStore& store, const std::string& runId, std::int64_t atLeast) {
  const std::int64_t n = store.stepCount(runId);
  QVERIFY2(n >= atLeast, qPrintable(QString("%1 steps stored, %2 reported").arg(n).arg(atLeast)));
  const auto loss = store.series({runId, metric::kLoss, -1, 0});
  QCOMPARE(static_cast<std::int64_t>(loss.size()), n);
  for (std::int64_t i = 0; i < n; ++i) {
    QCOMPARE(loss[i].step, i + 1);
    QCOMPARE(loss[i].value, 1.0 / static_cast<double>(i + 1));
  }
  for (int k : {0, 18}) {
    const auto lambda = store.series({runId, metric::kLambda, k, 0});
    QCOMPARE(static_cast<std::int64_t>(lambda.size()), n);
    QCOMPARE(lambda.back().value, 0.1 * static_cast<double>(n) + k);
  }
}

}  // namespace

class TestStoreCrash : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir m_dir;

 private slots:
  void killedWriterLosesNoCommittedStep_data() {
    QTest::addColumn<int>("killAfter");
    QTest::newRow("early") << 3;  // before the checkpoint record
    QTest::newRow("middle") << 40;
    QTest::newRow("later") << 150;
  }

  void killedWriterLosesNoCommittedStep() {
    QFETCH(int, killAfter);
    const std::string db = m_dir.filePath(QString("kill-%1.sqlite").arg(killAfter)).toStdString();
    QProcess writer;
    writer.start(CATDPO_STORE_WRITER, {QString::fromStdString(db), "steps"});
    QVERIFY(writer.waitForStarted());
    WriterOutput out;
    bool checkedLive = false;
    while (out.committed < killAfter) {
      QVERIFY2(writer.state() == QProcess::Running || writer.bytesAvailable() > 0,
               writer.readAllStandardError().constData());
      writer.waitForReadyRead(5000);
      readLines(writer, out);
      if (!checkedLive && out.committed >= 2) {
        // A second process opening the database while the writer lives: nothing is marked.
        RunStore reader(db);
        QVERIFY(reader.interruptedOnOpen().empty());
        QCOMPARE(reader.run(out.runId)->status, RunStatus::Running);
        checkedLive = true;
      }
    }
    writer.kill();  // SIGKILL, wherever the writer is (often inside a transaction)
    QVERIFY(writer.waitForFinished(5000));
    readLines(writer, out);
    QCOMPARE(writer.exitStatus(), QProcess::CrashExit);

    RunStore store(db);
    std::string report;
    QVERIFY2(store.integrityOk(&report), report.c_str());
    QCOMPARE(store.interruptedOnOpen(), std::vector<std::string>{out.runId});
    const RunRecord run = *store.run(out.runId);
    QCOMPARE(run.status, RunStatus::Interrupted);
    verifySteps(store, out.runId, out.committed);
    const auto checkpoint = store.latestCheckpoint(out.runId);
    if (killAfter >= 5) {
      QVERIFY(checkpoint);
      QCOMPARE(checkpoint->step, std::int64_t{5});  // where a resume starts
      QCOMPARE(checkpoint->path, std::string("/ckpt/step-5"));
    }
  }

  void readerSeesWholeStepsWhileWriting() {
    const std::string db = m_dir.filePath("concurrent.sqlite").toStdString();
    QProcess writer;
    writer.start(CATDPO_STORE_WRITER, {QString::fromStdString(db), "steps", "400"});
    QVERIFY(writer.waitForStarted());
    WriterOutput out;
    while (out.runId.empty() || out.committed < 1) {
      QVERIFY(writer.waitForReadyRead(5000));
      readLines(writer, out);
    }
    RunStore reader(db, /*readOnly=*/true);
    std::int64_t previous = 0;
    int reads = 0;
    while (writer.state() == QProcess::Running) {
      const auto latest = reader.latestStep(out.runId);
      QVERIFY(latest);
      QVERIFY(latest->step >= previous);
      QCOMPARE(latest->categories.size(), size_t{19});  // never half a step
      QCOMPARE(latest->categories[18].lambda, 0.1 * static_cast<double>(latest->step) + 18);
      previous = latest->step;
      ++reads;
      writer.waitForReadyRead(2);
      readLines(writer, out);
    }
    QVERIFY(writer.state() == QProcess::NotRunning || writer.waitForFinished(10000));
    QCOMPARE(writer.exitCode(), 0);
    QVERIFY(reads > 1);
    QCOMPARE(reader.latestStep(out.runId)->step, std::int64_t{400});
    QCOMPARE(reader.run(out.runId)->status, RunStatus::Finished);
  }

  void fullDiskLosesNothingCommitted() {
    const std::string db = m_dir.filePath("full.sqlite").toStdString();
    QProcess writer;
    writer.start(CATDPO_STORE_WRITER, {QString::fromStdString(db), "diskfull", "300000"});
    QVERIFY(writer.waitForStarted());
    QVERIFY(writer.waitForFinished(60000));
    WriterOutput out;
    readLines(writer, out);
    QCOMPARE(writer.exitCode(), 0);
    QVERIFY2(!out.error.empty(), "the file size cap never made a write fail");
    QVERIFY(out.committed > 0);
    QVERIFY2(QString::fromStdString(out.error).contains("full", Qt::CaseInsensitive) ||
                 QString::fromStdString(out.error).contains("I/O", Qt::CaseInsensitive),
             out.error.c_str());

    RunStore store(db);
    std::string report;
    QVERIFY2(store.integrityOk(&report), report.c_str());
    QCOMPARE(store.stepCount(out.runId), out.committed);  // the failed step is not half there
    verifySteps(store, out.runId, out.committed);
  }
};

QTEST_GUILESS_MAIN(TestStoreCrash)
#include "test_store_crash.moc"
