// SPDX-License-Identifier: MIT
// Imports are data, not instructions; the run folder is derived, never taken from a file; a
// run has one writer; a read-only database can be viewed without changing a byte.
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>
#include <fstream>

#include "common/error.h"
#include "common/paths.h"
#include "store/run_export.h"
#include "store/run_location.h"
#include "store/run_lock.h"
#include "store/run_store.h"
#include "store/schema.h"
#include "store/writer_identity.h"
#include "store_test_util.h"

using namespace catdpo;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

json exportOf(const std::string& id, const std::string& status = "finished",
              const std::string& config = R"({"beta": 0.1})") {
  return {{"format", kRunExportFormat},
          {"format_version", 1},
          {"run",
           {{"id", id},
            {"name", "n"},
            {"method", "dpo"},
            {"status", status},
            {"created_at", "2026-01-01T00:00:00.000Z"},
            {"software_version", "0.4.0"},
            {"config_json", config},
            {"writer_pid", 4294967295LL},
            {"writer_host", "their-host"},
            {"writer_boot_id", "their-boot"},
            {"heartbeat_ms", 1},
            {"output_folder", "/etc/evil"}}},
          {"checkpoints", json::array({{{"step", 5},
                                        {"path", "/etc/evil/checkpoints/step-5"},
                                        {"sha256", ""},
                                        {"created_at", "x"}}})}};
}

Error importError(RunStore& store, const json& j) {
  try {
    importRunJson(store, j, "x.json");
  } catch (const Error& e) {
    return e;
  }
  return Error("accepted");
}

}  // namespace

class TestStoreHostile : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir m_dir;
  std::string path(const char* name) { return m_dir.filePath(name).toStdString(); }

 private slots:
  void initTestCase() { qputenv("CATDPO_HOME", m_dir.filePath("home").toUtf8()); }

  void runIdsAreCheckedOnImport_data() {
    QTest::addColumn<QByteArray>("id");
    QTest::newRow("parent") << QByteArray("../../x");
    QTest::newRow("slash") << QByteArray("a/b");
    QTest::newRow("nul") << QByteArray("ab\0cd", 5);
    QTest::newRow("bidi") << QByteArray(
        "\xE2\x80\xAE"
        "abc");
    QTest::newRow("newline") << QByteArray("a\nb");
    QTest::newRow("dash") << QByteArray("-rf");
    QTest::newRow("long") << QByteArray(65, 'a');
    QTest::newRow("dot") << QByteArray(".");
  }
  void runIdsAreCheckedOnImport() {
    QFETCH(QByteArray, id);
    RunStore store(path("ids.sqlite"));
    const Error e = importError(store, exportOf(id.toStdString()));
    QCOMPARE(e.where().field, std::string("run.id"));
    QVERIFY2(std::string(e.what()).find("invalid run id") != std::string::npos, e.what());
    QVERIFY(store.listRuns().empty());
    QVERIFY_THROWS_EXCEPTION(Error, runFolder(id.toStdString()));
  }

  void importedRunsAreDataNotInstructions() {
    RunStore store(path("import.sqlite"));
    json j = exportOf("imported-1", "running",
                      // Not a raw string: moc takes the "//" of a URL in one for a comment.
                      "{\"eval\": {\"judge\": \"llm:http://user:pw@evil.example/v1#m\"}}");
    QVERIFY(importRunJson(store, j, "x.json"));
    const RunRecord r = *store.run("imported-1");
    // Not running here, no writer here (2^32-1 must not become kill(-1, 0)).
    QCOMPARE(r.status, RunStatus::Interrupted);
    QCOMPARE(r.writerPid, std::int64_t{0});
    QVERIFY(r.writerHost.empty());
    QVERIFY(store.markDeadRunsInterrupted().empty());
    // The judge moved aside: the config says none, the untrusted record keeps what came.
    QVERIFY(r.configJson.find("evil") == std::string::npos);
    QCOMPARE(json::parse(r.configJson)["eval"]["judge"].get<std::string>(), std::string("none"));
    const json untrusted = json::parse(r.untrustedJson);
    QCOMPARE(untrusted["eval.judge"].get<std::string>(),
             std::string("llm:http://user:pw@evil.example/v1#m"));
    QCOMPARE(untrusted["imported_from"].get<std::string>(), std::string("x.json"));
    QVERIFY(isImportedRun(r));
    // Its stored checkpoint path is never followed: the folder is the workspace's.
    QVERIFY(r.outputFolder.empty());
    QCOMPARE(runOutputFolder(r, store), runsRoot() / "imported-1");
    QVERIFY(!checkpointInside(store.checkpoints("imported-1")[0], runOutputFolder(r, store)));
    // An import of an import keeps the untrusted judge apart.
    RunStore second(path("import2.sqlite"));
    QVERIFY(importRunJson(second, exportRunJson(store, "imported-1"), "y.json"));
    const json again = json::parse(second.run("imported-1")->untrustedJson);
    QCOMPARE(again["eval.judge"].get<std::string>(),
             std::string("llm:http://user:pw@evil.example/v1#m"));
    QCOMPARE(again["imported_from"].get<std::string>(), std::string("y.json"));
  }

  void implausiblePidsAreNoProcess() {
    store::WriterIdentity w = store::currentWriter();
    QVERIFY(store::writerAlive(w, 0, store::unixMillis()));
    for (std::int64_t pid :
         {std::int64_t{4294967295LL}, std::int64_t{-1}, std::int64_t{0}, std::int64_t{1} << 40}) {
      w.pid = pid;
      QVERIFY(!store::writerAlive(w, 0, store::unixMillis()));
    }
    // A row holding 2^32-1 (a damaged or hand-made database) is marked interrupted.
    const std::string db = path("pid.sqlite");
    std::string id;
    {
      RunStore store(db);
      NewRun spec;
      spec.method = "dpo";
      id = store.createRun(spec).id;
      store.claimRun(id);
    }
    QVERIFY(test::rawExec(db, "UPDATE runs SET writer_pid = 4294967295 WHERE id = '" + id + "'"));
    RunStore store(db);
    QCOMPARE(store.interruptedOnOpen(), std::vector<std::string>{id});
  }

  void arrayImportIsAllOrNothing() {
    RunStore store(path("array.sqlite"));
    const std::string file = path("three.json");
    json bad = exportOf("run-c");
    bad["step_metrics"] =
        json::array({{{"stage", 1}, {"step", 1}, {"total_steps", 1}, {"no_such_column", 2}}});
    std::ofstream(file) << json::array({exportOf("run-a"), exportOf("run-b"), bad}).dump();
    try {
      importRuns(store, file);
      QFAIL("expected an error");
    } catch (const Error& e) {
      QVERIFY2(std::string(e.what()).find("nothing was imported") != std::string::npos, e.what());
      QVERIFY2(std::string(e.what()).find("run 3 of 3") != std::string::npos, e.what());
      QCOMPARE(e.where().field, std::string("step_metrics[0].no_such_column"));
    }
    QVERIFY(store.listRuns().empty());
    // Fixed, the same file imports every run at once, with a report of what changed.
    std::ofstream(file) << json::array({exportOf("run-a", "paused"), exportOf("run-b")}).dump();
    const ImportReport r = importRuns(store, file);
    QCOMPARE(r.imported, (std::vector<std::string>{"run-a", "run-b"}));
    QCOMPARE(r.notes.size(), std::size_t{1});
    QVERIFY(r.notes[0].find("status paused became interrupted") != std::string::npos);
  }

  void deepTagsAreRefusedNotRecursed() {
    RunStore store(path("tags.sqlite"));
    const std::string file = path("tags.json");
    std::string text = exportOf("run-t").dump();
    text.pop_back();
    text += ", \"tags\": " + std::string(100000, '[') + std::string(100000, ']') + "}";
    std::ofstream(file) << text;
    try {
      importRuns(store, file);
      QFAIL("expected an error");
    } catch (const Error& e) {
      QCOMPARE(e.where().file, file);
      QVERIFY2(std::string(e.what()).find("CATDPO_JSON_MAX_DEPTH") != std::string::npos, e.what());
    }
    QVERIFY(store.listRuns().empty());
    json j = exportOf("run-u");
    j["tags"] = json::array({"ok", 5});
    QCOMPARE(importError(store, j).where().field, std::string("tags[1]"));
  }

  void exportsLeaveTheWriterOutUnlessAsked() {
    RunStore store(path("writer.sqlite"));
    NewRun spec;
    spec.method = "dpo";
    const std::string id = store.createRun(spec).id;
    store.setOutputFolder(id, "/data/out");
    const json plain = exportRunJson(store, id);
    for (const char* column : {"writer_pid", "writer_host", "writer_boot_id", "heartbeat_ms",
                               "writer_start_ticks", "output_folder"})
      QVERIFY2(!plain["run"].contains(column), column);
    RunExportOptions with;
    with.includeWriter = true;
    const json full = exportRunJson(store, id, with);
    QCOMPARE(full["run"]["writer_pid"].get<std::int64_t>(), std::int64_t{getpid()});
    QCOMPARE(full["run"]["output_folder"].get<std::string>(), std::string("/data/out"));
    exportRunCsv(store, id, path("csv"));
    QVERIFY(test::fileBytes(path("csv/run.csv")).find("writer_host") == std::string::npos);
  }

  void runsFindTheFolderRecordedAtTheirStart() {
    RunStore store(path("locator.sqlite"));
    NewRun spec;
    spec.method = "catdpo";
    const std::string id = store.createRun(spec).id;
    // Nothing recorded, no checkpoint: the workspace's folder for the run.
    QCOMPARE(runOutputFolder(*store.run(id), store), runsRoot() / id);
    // Recorded before schema 6: an --out folder is inferred from the run's checkpoint rows.
    store.recordCheckpoint({id, 4, "/data/old-out/checkpoints/step-0000004", "", ""});
    QCOMPARE(runOutputFolder(*store.run(id), store), fs::path("/data/old-out"));
    // Recorded: the folder wins, with or without checkpoint rows, relative paths made absolute.
    store.setOutputFolder(id, "/data/out/./run");
    QCOMPARE(store.run(id)->outputFolder, std::string("/data/out/run"));
    QCOMPARE(runOutputFolder(*store.run(id), store), fs::path("/data/out/run"));
    QCOMPARE(finalModelFolder(*store.run(id), store), fs::path("/data/out/run/final"));
    QVERIFY(!checkpointInside(store.checkpoints(id)[0], runOutputFolder(*store.run(id), store)));
    store.setOutputFolder(id, "relative-out");
    QCOMPARE(fs::path(store.run(id)->outputFolder), fs::current_path() / "relative-out");
    QVERIFY_THROWS_EXCEPTION(Error, store.setOutputFolder("no-such-run", "/x"));
  }

  void runFoldersStayInTheWorkspace() {
    const fs::path root = runsRoot();
    QCOMPARE(runFolder("abc-123"), root / "abc-123");
    QVERIFY(pathInside(root / "a" / "b", root));
    QVERIFY(!pathInside(root / ".." / "x", root));
    QVERIFY(!pathInside(root, root));
    // A symlink planted where a run folder would be leads outside: refused.
    fs::create_directories(root);
    fs::create_directory_symlink(m_dir.path().toStdString(), root / "planted");
    QVERIFY_THROWS_EXCEPTION(Error, runFolder("planted"));
    QVERIFY(!pathInside(root / "planted" / "x", root));
  }

  void secondWriterIsRefused() {
    const fs::path folder = path("locked-run");
    std::unique_ptr<RunWriterLock> first = std::make_unique<RunWriterLock>(folder, "run-l");
    try {
      RunWriterLock second(folder, "run-l");
      QFAIL("a second writer got the lock");
    } catch (const Error& e) {
      QVERIFY2(std::string(e.what()).find("pid " + std::to_string(getpid())) != std::string::npos,
               e.what());
    }
    first.reset();
    RunWriterLock again(folder, "run-l");  // free once the first one is gone
  }

  void claimRefusesALivingWriter() {
    const std::string db = path("claim.sqlite");
    RunStore store(db);
    NewRun spec;
    spec.method = "dpo";
    const std::string id = store.createRun(spec).id;
    store.claimRun(id);
    // Another process on this host writes the run.
    const pid_t child = fork();
    if (child == 0) {
      pause();
      _exit(0);
    }
    QVERIFY(child > 0);
    QVERIFY(test::rawExec(db, "UPDATE runs SET writer_pid = " + std::to_string(child) +
                                  ", writer_start_ticks = NULL WHERE id = '" + id + "'"));
    try {
      store.claimRun(id);
      QFAIL("claimed a run whose writer lives");
    } catch (const Error& e) {
      QVERIFY2(std::string(e.what()).find("pid " + std::to_string(child)) != std::string::npos,
               e.what());
    }
    ::kill(child, SIGKILL);
    ::waitpid(child, nullptr, 0);
    store.claimRun(id);  // its writer is gone: the run can be taken over
    QCOMPARE(store.run(id)->writerPid, std::int64_t{getpid()});
  }

  void readOnlyViewingChangesNothing() {
    const std::string db = path("view.sqlite");
    std::string id;
    {
      RunStore store(db);
      NewRun spec;
      spec.method = "dpo";
      id = store.createRun(spec).id;
      store.recordStep(id, test::exampleStep(1, 2));
    }
    ::chmod(db.c_str(), 0444);
    const std::string before = test::fileBytes(db);
    QVERIFY(RunStore::shouldOpenReadOnly(db));
    {
      RunStore view(db, /*readOnly=*/true);
      QCOMPARE(view.listRuns().size(), std::size_t{1});
      QCOMPARE(view.stepCount(id), std::int64_t{1});
      QVERIFY(view.integrityOk());
    }
    QVERIFY(!fs::exists(db + "-wal"));
    QVERIFY(!fs::exists(db + "-shm"));
    QVERIFY(test::fileBytes(db) == before);
    ::chmod(db.c_str(), 0644);

    // An older schema is viewed through an upgraded temporary copy; the file stays as it was.
    const std::string old = path("old-view.sqlite");
    QVERIFY(test::rawExec(old, std::string(store::migrations().at(0).sql) +
                                   "INSERT INTO runs(id, name, method, status, created_at, "
                                   "software_version) VALUES ('old1', 'old', 'dpo', 'finished', "
                                   "'2026-01-01T00:00:00.000Z', '0.1.0');"
                                   "PRAGMA user_version = 1;"));
    const std::string oldBefore = test::fileBytes(old);
    {
      RunStore view(old, /*readOnly=*/true);
      QCOMPARE(view.run("old1")->name, std::string("old"));
    }
    QVERIFY(test::fileBytes(old) == oldBefore);
    QVERIFY(!fs::exists(old + "-wal"));
  }
};

QTEST_GUILESS_MAIN(TestStoreHostile)
#include "test_store_hostile.moc"
