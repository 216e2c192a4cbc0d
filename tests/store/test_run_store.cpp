// SPDX-License-Identifier: MIT
// RunStore basics: creating and finding runs, filters, the listener's status mapping, step and
// evaluation round trips, dead-writer detection, cascading delete and the metric series (with
// the min/max downsampling checked on a hand-worked example).
#include <unistd.h>

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "common/error.h"
#include "store/run_store.h"
#include "store/schema.h"
#include "store/series.h"
#include "store/store_listener.h"
#include "store/writer_identity.h"
#include "store_test_util.h"

using namespace catdpo;

class TestRunStore : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir m_dir;
  std::string dbPath(const char* name) { return m_dir.filePath(name).toStdString(); }

 private slots:
  void createAndFindRuns() {
    RunStore store(dbPath("create.sqlite"));
    QCOMPARE(store.schemaVersion(), store::kSchemaVersion);
    NewRun spec;
    spec.method = "catdpo";
    spec.configJson = R"({"beta":0.1})";
    spec.tags = {"baseline", "k19"};
    spec.sweepId = "sweep-1";
    const RunRecord a = store.createRun(spec);
    QVERIFY(
        QRegularExpression("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
            .match(QString::fromStdString(a.id))
            .hasMatch());
    QCOMPARE(a.name, "catdpo-" + a.id.substr(0, 8));
    QCOMPARE(a.status, RunStatus::Created);
    QCOMPARE(a.configJson, std::string(R"({"beta":0.1})"));
    QCOMPARE(a.tags, (std::vector<std::string>{"baseline", "k19"}));
    QVERIFY(QRegularExpression(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$)")
                .match(QString::fromStdString(a.createdAt))
                .hasMatch());
    QCOMPARE(a.writerPid, static_cast<std::int64_t>(getpid()));

    NewRun other;
    other.method = "dpo";
    other.name = "plain dpo";
    const RunRecord b = store.createRun(other);
    QVERIFY(a.id != b.id);

    QCOMPARE(store.listRuns().size(), size_t{2});
    RunFilter byMethod;
    byMethod.method = "dpo";
    QCOMPARE(store.listRuns(byMethod).front().id, b.id);
    RunFilter byTag;
    byTag.tag = "k19";
    QCOMPARE(store.listRuns(byTag).size(), size_t{1});
    QCOMPARE(store.listRuns(byTag).front().id, a.id);
    RunFilter bySweep;
    bySweep.sweepId = "sweep-1";
    QCOMPARE(store.listRuns(bySweep).size(), size_t{1});
    RunFilter byText;
    byText.text = "PLAIN";  // case-insensitive, in the name
    QCOMPARE(store.listRuns(byText).front().id, b.id);
    byText.text = "basel";  // in a tag
    QCOMPARE(store.listRuns(byText).front().id, a.id);
    RunFilter byStatus;
    byStatus.status = RunStatus::Finished;
    QVERIFY(store.listRuns(byStatus).empty());

    QCOMPARE(store.resolveRun(a.id.substr(0, 6)).id, a.id);
    QCOMPARE(store.resolveRun("plain dpo").id, b.id);
    QVERIFY_THROWS_EXCEPTION(Error, store.resolveRun("no-such-run"));
    store.renameRun(a.id, "plain dpo");  // two runs with that name now: ambiguous
    QVERIFY_THROWS_EXCEPTION(Error, store.resolveRun("plain dpo"));

    store.setNotes(a.id, "lr too high?");
    store.setTags(a.id, {"z", "a"});
    const RunRecord again = *store.run(a.id);
    QCOMPARE(again.notes, std::string("lr too high?"));
    QCOMPARE(again.tags, (std::vector<std::string>{"a", "z"}));
    QVERIFY_THROWS_EXCEPTION(Error, store.setStatus("missing", RunStatus::Finished));
  }

  void listenerRecordsTheRun() {
    const std::string path = dbPath("listener.sqlite");
    RunStore store(path);
    NewRun spec;
    spec.method = "catdpo";
    const std::string id = store.createRun(spec).id;
    StoreListener listener(store, id);
    listener.onLifecycle({LifecycleKind::Started, 0, "", "", ""});
    QCOMPARE(store.run(id)->status, RunStatus::Running);
    for (int s = 1; s <= 12; ++s) listener.onStep(test::exampleStep(s, 4));
    listener.onLifecycle({LifecycleKind::CheckpointSaved, 10, "", "/tmp/ck10", "deadbeef"});
    listener.onLifecycle({LifecycleKind::Paused, 12, "", "", ""});
    QCOMPARE(store.run(id)->status, RunStatus::Paused);
    listener.onLifecycle({LifecycleKind::Resumed, 12, "", "", ""});
    EvalResult ev;
    ev.step = 12;
    ev.judge = "demo";
    ev.categories = {{0, "Violence", 10, 7, 0.7, 5, 0.8, 0.75, 1},
                     {3, "Drugs", 4, 1, 0.25, 2, 0.5, 0.5, 0}};
    ev.generated.macro = 0.475;
    ev.generated.worst3Categories = {3, 0};
    ev.generated.categoriesCounted = 2;
    ev.overRefusal = 0.1;
    ev.benignPrompts = 10;
    ev.benignRefusals = 1;
    ev.borderlineRefusal = 0.25;
    ev.borderlinePrompts = 8;
    ev.borderlineRefusals = 2;
    ev.borderlineDegenerate = 1;
    ev.degeneratePolicy = "fail";
    ev.categories[0].emptyAnswers = 2;
    ev.categories[0].loopingAnswers = 1;
    ev.categories[0].truncatedAnswers = 3;
    ev.categories[1].borderlinePrompts = 4;
    ev.categories[1].borderlineRefusals = 1;
    ev.samples = {{3, "how to ...", "I can't help", false, true, true, "demo", "safe"}};
    ev.samples[0].kind = "harmful";
    ev.samples[0].degenerate = Degenerate::Looping;
    ev.samples[0].truncated = true;
    listener.onEvaluation(ev);
    listener.onLifecycle({LifecycleKind::Failed, 12, "out of memory", "", ""});
    QCOMPARE(listener.failedWrites(), 0);

    const RunRecord r = *store.run(id);
    QCOMPARE(r.status, RunStatus::Failed);
    QCOMPARE(r.errorMessage, std::string("out of memory"));
    QVERIFY(!r.finishedAt.empty());
    QCOMPARE(r.lastStep, std::int64_t{12});
    QCOMPARE(r.totalSteps, std::int64_t{1000});
    QCOMPARE(store.stepCount(id), std::int64_t{12});
    const auto last = store.latestStep(id);
    QVERIFY(last);
    QCOMPARE(last->loss, 1.0 / 12);
    QCOMPARE(last->categories.size(), size_t{4});
    QCOMPARE(last->categories[3].lambda, 0.1 * 12 + 3);
    QCOMPARE(last->categories[2].pairs, 3);
    const auto ck = store.latestCheckpoint(id);
    QVERIFY(ck);
    QCOMPARE(ck->step, std::int64_t{10});
    QCOMPARE(ck->sha256, std::string("deadbeef"));

    const auto stored = store.latestEvaluation(id, /*withSamples=*/true);
    QVERIFY(stored);
    QCOMPARE(stored->result.judge, std::string("demo"));
    QCOMPARE(stored->result.categories.size(), size_t{2});
    QCOMPARE(stored->result.categories[1].name, std::string("Drugs"));
    QCOMPARE(stored->result.categories[1].safeRatio, 0.25);
    QCOMPARE(stored->result.generated.macro, 0.475);
    QCOMPARE(stored->result.generated.worst3Categories, (std::vector<int>{3, 0}));
    QCOMPARE(stored->result.overRefusal, 0.1);
    QCOMPARE(stored->result.samples.size(), size_t{1});
    QCOMPARE(stored->result.samples[0].refusal, true);
    // Benign and borderline over-refusal apart, degenerate answers, per-category counts.
    const EvalResult& back = stored->result;
    QVERIFY(!back.refusalPooled);
    QCOMPARE(back.benignRefusals, 1);
    QCOMPARE(back.borderlineRefusal, 0.25);
    QCOMPARE(back.borderlinePrompts, 8);
    QCOMPARE(back.borderlineRefusals, 2);
    QCOMPARE(back.borderlineDegenerate, 1);
    QCOMPARE(back.degeneratePolicy, std::string("fail"));
    QCOMPARE(back.categories[0].emptyAnswers, 2);
    QCOMPARE(back.categories[0].loopingAnswers, 1);
    QCOMPARE(back.categories[0].truncatedAnswers, 3);
    QCOMPARE(back.categories[1].borderlinePrompts, 4);
    QCOMPARE(back.categories[1].borderlineRefusals, 1);
    QCOMPARE(back.samples[0].kind, std::string("harmful"));
    QCOMPARE(back.samples[0].degenerate, Degenerate::Looping);
    QVERIFY(back.samples[0].truncated);
    QCOMPARE(store.latestEvaluation(id)->result.samples.size(), size_t{0});

    // A failed write is counted and reported, never thrown into the training loop.
    std::string reported;
    StoreListener orphan(store, "no-such-run", [&](const std::string& m) { reported = m; });
    orphan.onStep(test::exampleStep(1, 2));
    QCOMPARE(orphan.failedWrites(), 1);
    QVERIFY(!reported.empty());

    store.deleteRun(id);
    for (const char* table :
         {"runs", "step_metrics", "category_step_metrics", "evaluations", "evaluation_summaries",
          "category_eval_results", "samples", "checkpoints", "run_tags", "pair_step_values"})
      QCOMPARE(test::rawInt(path, std::string("SELECT count(*) FROM ") + table), std::int64_t{0});
    QVERIFY(store.integrityOk());
  }

  void pairValuesAreStoredInOrderAndReplaced() {
    const std::string path = dbPath("pairs.sqlite");
    RunStore store(path);
    NewRun spec;
    spec.method = "catdpo";
    const std::string id = store.createRun(spec).id;
    StepMetrics s1 = test::exampleStep(1, 3);
    s1.pairs = {{0, 17, {0, 2}, {0, 2}, 0.625, 0.0}, {3, 4, {1}, {1}, 0.125, 0.0}};
    StepMetrics s2 = test::exampleStep(2, 3);
    s2.pairs = {{1, 9, {2}, {2}, 0.5, 1.25}};
    store.recordStep(id, s1);
    store.recordStep(id, s2);
    auto values = store.pairValues(id);
    QCOMPARE(values.size(), std::size_t(3));
    QCOMPARE(values[0].step, std::int64_t(1));
    QCOMPARE(values[0].value.pair, std::int64_t(17));
    QCOMPARE(values[0].value.categories, (std::vector<int>{0, 2}));
    QCOMPARE(values[0].value.v, 0.625);
    QCOMPARE(values[1].value.position, 3);
    QCOMPARE(values[2].value.margin, 1.25);
    // A resumed run rewrites its steps: the old pairs of a step go with the old step row.
    s2.pairs = {{2, 5, {0}, {0}, 0.25, 1.0}};
    store.discardStepsAfter(id, 1, 1);
    store.recordStep(id, s2);
    values = store.pairValues(id);
    QCOMPARE(values.size(), std::size_t(3));
    QCOMPARE(values[2].value.pair, std::int64_t(5));
    store.recordStep(id, s2);  // the same step again replaces, never duplicates
    QCOMPARE(store.pairValues(id).size(), std::size_t(3));
  }

  void deadWritersAreInterruptedLiveOnesAreNot() {
    const std::string path = dbPath("liveness.sqlite");
    std::string live, dead, remoteFresh, remoteStale;
    {
      RunStore store(path);
      NewRun spec;
      spec.method = "dpo";
      for (std::string* id : {&live, &dead, &remoteFresh, &remoteStale}) {
        *id = store.createRun(spec).id;
        store.claimRun(*id);
      }
    }
    // A pid that cannot exist (above pid_max) stands for a writer that died on this host.
    QVERIFY(
        test::rawExec(path, "UPDATE runs SET writer_pid = 2147483000 WHERE id = '" + dead + "'"));
    const std::string now = std::to_string(store::unixMillis());
    QVERIFY(test::rawExec(path, "UPDATE runs SET writer_host = 'gpu-server-7', heartbeat_ms = " +
                                    now + " WHERE id = '" + remoteFresh + "'"));
    QVERIFY(test::rawExec(path,
                          "UPDATE runs SET writer_host = 'gpu-server-7', heartbeat_ms = 1000"
                          " WHERE id = '" +
                              remoteStale + "'"));
    RunStore reopened(path);
    auto marked = reopened.interruptedOnOpen();
    std::sort(marked.begin(), marked.end());
    std::vector<std::string> expected{dead, remoteStale};
    std::sort(expected.begin(), expected.end());
    QCOMPARE(marked, expected);
    QCOMPARE(reopened.run(live)->status, RunStatus::Running);
    QCOMPARE(reopened.run(remoteFresh)->status, RunStatus::Running);
    QCOMPARE(reopened.run(dead)->status, RunStatus::Interrupted);
    QVERIFY(!reopened.run(dead)->errorMessage.empty());
    QVERIFY(reopened.markDeadRunsInterrupted().empty());  // idempotent
  }

  void downsamplingKeepsExtremesOfEachBucket() {
    // values 0 5 1 9 2 8 3 7 4 6 at steps 1..10, at most 6 points: ends kept (steps 1, 10);
    // (6 - 2) / 2 = 2 buckets over the 8 interior points: steps 2..5 (5 1 9 2) give min 1 at
    // step 3 and max 9 at step 4; steps 6..9 (8 3 7 4) give max 8 at 6 and min 3 at 7.
    const double v[] = {0, 5, 1, 9, 2, 8, 3, 7, 4, 6};
    std::vector<SeriesPoint> pts;
    for (int i = 0; i < 10; ++i) pts.push_back({1, i + 1, v[i]});
    const auto out = downsampleMinMax(pts, 6);
    std::vector<std::int64_t> steps;
    std::vector<double> values;
    for (const auto& p : out) {
      steps.push_back(p.step);
      values.push_back(p.value);
    }
    QCOMPARE(steps, (std::vector<std::int64_t>{1, 3, 4, 6, 7, 10}));
    QCOMPARE(values, (std::vector<double>{0, 1, 9, 8, 3, 6}));
    QCOMPARE(downsampleMinMax(pts, 0).size(), size_t{10});
    QCOMPARE(downsampleMinMax(pts, 10).size(), size_t{10});
    QCOMPARE(downsampleMinMax(pts, 2).size(), size_t{2});
  }

  void seriesFromTheStore() {
    RunStore store(dbPath("series.sqlite"));
    NewRun spec;
    spec.method = "catdpo";
    const std::string id = store.createRun(spec).id;
    for (int s = 1; s <= 500; ++s) store.recordStep(id, test::exampleStep(s, 3));
    // Resume from step 400: later steps are discarded and rewritten with other values.
    store.discardStepsAfter(id, 1, 400);
    QCOMPARE(store.stepCount(id), std::int64_t{400});
    for (int s = 401; s <= 500; ++s) store.recordStep(id, test::exampleStep(s, 3));

    const auto full = store.series({id, metric::kLoss, -1, 0});
    QCOMPARE(full.size(), size_t{500});
    QCOMPARE(full[41].step, std::int64_t{42});
    QCOMPARE(full[41].value, 1.0 / 42);
    const auto lambda = store.series({id, metric::kLambda, 2, 0});
    QCOMPARE(lambda.size(), size_t{500});
    QCOMPARE(lambda[99].value, 0.1 * 100 + 2);
    // Category 0 never has contrastive pairs (its g is undefined, stored as 0): no points.
    QVERIFY(store.series({id, metric::kG, 0, 0}).empty());
    const auto g1 = store.series({id, metric::kG, 1, 0});
    QCOMPARE(g1.size(), size_t{500});
    QCOMPARE(g1[7].value, 0.01);
    QCOMPARE(store.series({id, metric::kCategoryLoss, 0, 0}).size(), size_t{500});
    // grad_norm = step % 7: each of the 25 buckets (about 20 consecutive steps) holds both 0 and 6.
    const auto grad = store.series({id, metric::kGradNorm, -1, 52});
    QVERIFY(grad.size() <= 52);
    QCOMPARE(grad.front().step, std::int64_t{1});
    QCOMPARE(grad.back().step, std::int64_t{500});
    int zeros = 0, sixes = 0;
    for (const auto& p : grad) {
      zeros += p.value == 0;
      sixes += p.value == 6;
    }
    QCOMPARE(zeros, 25);
    QCOMPARE(sixes, 25);
    QVERIFY_THROWS_EXCEPTION(Error, store.series({id, "bogus", -1, 0}));
    QVERIFY_THROWS_EXCEPTION(Error, store.series({id, metric::kLambda, -1, 0}));
    QVERIFY_THROWS_EXCEPTION(Error, store.series({id, metric::kLoss, 1, 0}));
  }

  void readOnlyStoreRefusesWrites() {
    const std::string path = dbPath("ro.sqlite");
    std::string id;
    {
      RunStore store(path);
      NewRun spec;
      spec.method = "dpo";
      id = store.createRun(spec).id;
    }
    RunStore reader(path, /*readOnly=*/true);
    QCOMPARE(reader.listRuns().size(), size_t{1});
    QVERIFY_THROWS_EXCEPTION(Error, reader.recordStep(id, test::exampleStep(1, 1)));
  }

  void dataVersionSeesOtherConnectionsAndCategories() {
    const std::string path = dbPath("version.sqlite");
    RunStore reader(path);
    RunStore writer(path);
    const std::int64_t before = reader.dataVersion();
    QCOMPARE(reader.dataVersion(), before);  // nothing committed elsewhere
    NewRun spec;
    spec.method = "catdpo";
    const std::string id = writer.createRun(spec).id;
    QVERIFY(reader.stepCategories(id).empty());
    const std::int64_t afterCreate = reader.dataVersion();
    QVERIFY(afterCreate != before);
    QCOMPARE(reader.dataVersion(), afterCreate);
    writer.recordStep(id, test::exampleStep(1, 3));
    QVERIFY(reader.dataVersion() != afterCreate);
    QCOMPARE(reader.stepCategories(id), (std::vector<int>{0, 1, 2}));
    const std::int64_t own = reader.dataVersion();
    reader.renameRun(id, "renamed here");  // the reader's own write: no change
    QCOMPARE(reader.dataVersion(), own);
  }
};

QTEST_GUILESS_MAIN(TestRunStore)
#include "test_run_store.moc"
