// SPDX-License-Identifier: MIT
// One workspace, many openers. The app keeps its connection open while each run it starts opens
// the database again in the same process, and terminals run `catdpo` on the same file: the WAL
// of a living connection must never be removed, every run must keep its steps, and the file must
// pass integrity_check. Then a sweep trains while other processes run every viewing command in a
// tight loop: every run finishes and every reader succeeds.
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "store/run_store.h"
#include "store_test_util.h"
#include "support/cli_runner.h"
#include "support/fixtures.h"

using namespace catdpo;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// Descriptors of this process that point at a file that was unlinked under them, e.g.
// "/tmp/x/ws.sqlite-wal (deleted)".
QStringList deletedDatabaseFiles() {
  QStringList found;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator("/proc/self/fd", ec)) {
    std::error_code lec;
    const std::string target = fs::read_symlink(e.path(), lec).string();
    if (!lec && target.find(".sqlite") != std::string::npos &&
        target.find("(deleted)") != std::string::npos)
      found << QString::fromStdString(target);
  }
  return found;
}

std::set<std::string> runIdsFrom(const QByteArray& runsJson) {
  std::set<std::string> ids;
  for (const json& r : json::parse(runsJson.toStdString())) ids.insert(r["id"].get<std::string>());
  return ids;
}

}  // namespace

class TestStoreSharing : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir m_dir;

 private slots:
  // What the app does: its workspace connection stays open; each run it starts opens the same
  // file through a new RunStore; a terminal reads it meanwhile. Before the database was opened
  // only through SQLite, the second open closed a descriptor of the file, which dropped the
  // app's locks: the terminal's `catdpo` then took itself for the last connection, checkpointed
  // and unlinked the WAL the app was still writing, and later writes went to a deleted file.
  void runsStartedBesideAnOpenWorkspaceKeepItsWal() {
    const std::string db = m_dir.filePath("app.sqlite").toStdString();
    RunStore app(db);
    NewRun spec;
    spec.method = "catdpo";
    spec.name = "long run";
    const std::string longRun = app.createRun(spec).id;
    app.recordStep(longRun, test::exampleStep(1, 3));
    std::set<std::string> expected{longRun};
    constexpr int kRounds = 12;
    for (int round = 0; round < kRounds; ++round) {
      {
        RunStore started(db);  // a run the app starts: its own connection, same process
        spec.method = round % 2 ? "dpo" : "safedpo";
        spec.name = "run " + std::to_string(round);
        const std::string id = started.createRun(spec).id;
        started.recordStep(id, test::exampleStep(1, 2));
        started.recordStep(id, test::exampleStep(2, 2));
        started.setStatus(id, RunStatus::Finished);
        expected.insert(id);
      }
      // A terminal beside the app: viewing commands, read-write and read-only in turn.
      QStringList args{"--db", QString::fromStdString(db), "runs", "--json"};
      if (round % 2) args << "--read-only";
      const test::CliResult r = test::runCli(args);
      CATDPO_VERIFY_CLI_OK(r);
      QVERIFY2(runIdsFrom(r.out) == expected,
               qPrintable(QString("round %1: the reader saw a stale list").arg(round)));
      QVERIFY2(fs::exists(db + "-wal"),
               qPrintable(QString("round %1: the WAL of the open workspace was removed (%2)")
                              .arg(round)
                              .arg(r.command)));
      const QStringList deleted = deletedDatabaseFiles();
      QVERIFY2(deleted.isEmpty(), qPrintable(deleted.join(", ")));
      app.recordStep(longRun, test::exampleStep(round + 2, 3));
    }
    QCOMPARE(app.listRuns().size(), expected.size());
    QCOMPARE(app.stepCount(longRun), std::int64_t{kRounds + 1});
    QVERIFY(app.integrityOk());
    // What another process finds: every run and every step.
    const test::CliResult after =
        test::runCli({"--db", QString::fromStdString(db), "show", QString::fromStdString(longRun),
                      "--json", "--read-only"});
    CATDPO_VERIFY_CLI_OK(after);
    QCOMPARE(json::parse(after.outText())["latest_step"]["step"].get<int>(), kRounds + 1);
  }

  // Importing the workspace into itself is refused (and never opens the file outside SQLite).
  void importingTheWorkspaceIntoItselfIsRefused() {
    const std::string db = m_dir.filePath("self.sqlite").toStdString();
    {
      RunStore store(db);
      NewRun spec;
      spec.method = "dpo";
      store.createRun(spec);
    }
    const test::CliResult r =
        test::runCli({"--db", QString::fromStdString(db), "import", QString::fromStdString(db)});
    QVERIFY2(r.exited() && r.exitCode != 0, qPrintable(r.describe()));
    QVERIFY2(r.err.contains("workspace's own database"), r.err.constData());
    RunStore store(db, /*readOnly=*/true);
    QCOMPARE(store.listRuns().size(), std::size_t{1});
  }

  // A sweep of several short runs trains while other processes run every viewing command in a
  // tight loop, read-write and read-only: every run finishes, every reader succeeds, the
  // database passes integrity_check. (Before the fix, seven of eight runs failed with "disk I/O
  // error".)
  void readersBesideATrainingSweepNeverFailIt() {
    const QString db = m_dir.filePath("sweep.sqlite");
    QProcess sweep;
    sweep.setProcessChannelMode(QProcess::SeparateChannels);
    sweep.start(test::executable("catdpo"), {"--no-blas-check",
                                             "--db",
                                             db,
                                             "sweep",
                                             "--demo",
                                             "--quick",
                                             "--methods",
                                             "catdpo,dpo",
                                             "--seeds",
                                             "2",
                                             "--steps",
                                             "4",
                                             "--out",
                                             m_dir.filePath("sweep-out"),
                                             "--set",
                                             "eval.prompts_per_category=1",
                                             "--set",
                                             "eval.benign_prompts=2",
                                             "--set",
                                             "eval.borderline_prompts=2",
                                             "--set",
                                             "eval.max_new_tokens=4",
                                             "--set",
                                             "eval.max_pairs=16",
                                             "--json"});
    QVERIFY2(sweep.waitForStarted(30000), qPrintable(sweep.errorString()));
    const QString exported = m_dir.filePath("export.json");
    int reads = 0, cycle = 0;
    QStringList failures;
    QElapsedTimer clock;
    clock.start();
    constexpr qint64 kLimitMs = 15 * 60 * 1000;
    while (sweep.state() != QProcess::NotRunning && clock.elapsed() < kLimitMs) {
      sweep.waitForFinished(50);
      std::string someRun;
      if (fs::exists(db.toStdString())) {
        const test::CliResult list = test::runCli({"--db", db, "runs", "--json", "--read-only"});
        if (list.ok()) {
          const json runs = json::parse(list.outText());
          if (!runs.empty()) someRun = runs.back()["id"].get<std::string>();
        } else if (list.err.contains("no run database here")) {
          continue;  // the sweep has not created it yet
        } else {
          failures << list.describe();
        }
        ++reads;
      }
      const QString id = QString::fromStdString(someRun);
      std::vector<QStringList> commands{{"runs"}, {"sweep", "--list"}};
      if (!id.isEmpty()) {
        commands.push_back({"show", id});
        commands.push_back({"show", id, "--read-only"});
        commands.push_back({"export", id, "--json", exported});
        commands.push_back({"export", id, "--json", exported, "--read-only"});
        commands.push_back({"compare", id});
      }
      const QStringList cmd = commands[static_cast<size_t>(cycle++) % commands.size()];
      const test::CliResult r = test::runCli(QStringList{"--db", db} + cmd);
      ++reads;
      if (!r.ok()) failures << r.describe();
    }
    if (sweep.state() != QProcess::NotRunning) {
      sweep.kill();
      sweep.waitForFinished(10000);
      QFAIL("the sweep did not finish within 15 minutes");
    }
    const QByteArray out = sweep.readAllStandardOutput();
    const QByteArray err = sweep.readAllStandardError();
    QVERIFY2(sweep.exitStatus() == QProcess::NormalExit && sweep.exitCode() == 0, err.constData());
    qInfo("%d reads beside the sweep", reads);
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join("\n---\n")));
    QVERIFY(reads >= 4);
    const json result = json::parse(out.toStdString());
    QCOMPARE(result["finished_runs"].get<int>(), 4);
    RunStore store(db.toStdString(), /*readOnly=*/true);
    QCOMPARE(store.listRuns().size(), std::size_t{4});
    for (const RunRecord& r : store.listRuns()) QCOMPARE(r.status, RunStatus::Finished);
    QVERIFY(store.integrityOk());
  }
};

QTEST_GUILESS_MAIN(TestStoreSharing)
#include "test_store_sharing.moc"
