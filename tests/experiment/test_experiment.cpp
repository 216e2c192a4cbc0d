// SPDX-License-Identifier: MIT
// The whole engine through its public face (Experiment): a short Cat-DPO run on the demo data
// and the quick demo model is deterministic, resumes bit-exactly from a stopped checkpoint,
// records everything in the store, rejects bad configs before any work, and moves lambda the
// way the dual update says it must.
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>

#include "common/error.h"
#include "data/demo_generator.h"
#include "experiment/experiment.h"
#include "store/run_lock.h"
#include "store/run_store.h"
#include "train/events.h"

using namespace catdpo;
namespace fs = std::filesystem;

namespace {

// Records what the engine reports; optionally stops the run after a given step.
struct Recorder : TrainingListener {
  std::vector<StepMetrics> steps;
  std::vector<EvalResult> evaluations;
  std::vector<LifecycleEvent> lifecycle;
  RunControl* control = nullptr;
  std::int64_t stopAfter = -1;
  void onStep(const StepMetrics& s) override {
    steps.push_back(s);
    if (control && s.step == stopAfter) control->stop();
  }
  void onEvaluation(const EvalResult& r) override { evaluations.push_back(r); }
  void onLifecycle(const LifecycleEvent& e) override { lifecycle.push_back(e); }
  bool saw(LifecycleKind kind) const {
    for (const auto& e : lifecycle)
      if (e.kind == kind) return true;
    return false;
  }
};

TrainConfig smallConfig() {
  TrainConfig c;
  c.method = Method::CatDpo;
  c.dataPath = "demo:1200";
  c.modelPath = "demo:quick";
  c.steps = 8;
  c.batchSize = 8;
  c.maxLength = 96;
  c.learningRate = 2e-4;
  c.warmupSteps = 2;
  c.seed = 7;
  c.threads = 2;
  c.checkpointEvery = 4;
  c.eval.every = 0;
  c.eval.maxPairs = 64;
  c.eval.promptsPerCategory = 1;
  c.eval.benignPrompts = 4;
  c.eval.maxNewTokens = 12;
  return c;
}

std::vector<double> losses(const Recorder& r) {
  std::vector<double> out;
  for (const auto& s : r.steps) out.push_back(s.loss);
  return out;
}
std::vector<double> lambdas(const StepMetrics& s) {
  std::vector<double> out;
  for (const auto& c : s.categories) out.push_back(c.lambda);
  return out;
}

}  // namespace

class TestExperiment : public QObject {
  Q_OBJECT
 private slots:
  void rejectsBadConfigBeforeAnyWork() {
    QTemporaryDir dir;
    TrainConfig c = smallConfig();
    c.catdpo.eta = -1;
    Experiment e({c, (fs::path(dir.path().toStdString()) / "runs.sqlite").string(),
                  dir.path().toStdString(), "", ""});
    Recorder rec;
    e.addListener(&rec);
    try {
      e.run();
      QFAIL("a negative eta was accepted");
    } catch (const Error& err) {
      QVERIFY2(std::string(err.what()).find("catdpo.eta") != std::string::npos, err.what());
    }
    QVERIFY(rec.steps.empty());
    QVERIFY(!fs::exists(dir.path().toStdString() + "/checkpoints"));
  }

  void missingDataFileNamesIt() {
    QTemporaryDir dir;
    TrainConfig c = smallConfig();
    c.dataPath = dir.path().toStdString() + "/nope.jsonl";
    Experiment e({c, "-", dir.path().toStdString(), "", ""});
    try {
      e.run();
      QFAIL("a missing data file was accepted");
    } catch (const Error& err) {
      QVERIFY2(std::string(err.what()).find("nope.jsonl") != std::string::npos, err.what());
    }
  }

  // A stopped run whose data file has changed since is not resumed on other pairs: the error
  // names the file and both fingerprints, and the run stays as it was.
  void resumeRefusesChangedData() {
    QTemporaryDir dir;
    const std::string root = dir.path().toStdString();
    DemoOptions demo;
    demo.pairs = 400;
    writeDemoData(generateDemoData(demo), root + "/data");
    TrainConfig c = smallConfig();
    c.dataPath = root + "/data/train.jsonl";
    c.checkpointEvery = 0;
    const std::string db = root + "/runs.sqlite";
    std::string id;
    {
      Experiment e({c, db, root + "/runs", "", ""});
      Recorder rec;
      rec.control = &e.control();
      rec.stopAfter = 1;
      e.addListener(&rec);
      e.run();
      id = e.runId();
      QVERIFY(rec.saw(LifecycleKind::Stopped));
    }
    demo.seed = 2;  // the same file name, other pairs
    writeDemoData(generateDemoData(demo), root + "/data");
    Experiment e({TrainConfig{}, db, root + "/runs", id, ""});
    Recorder rec;
    e.addListener(&rec);
    try {
      e.run();
      QFAIL("a run was resumed on changed data");
    } catch (const Error& err) {
      const std::string what = err.what();
      QVERIFY2(what.find("has changed") != std::string::npos, err.what());
      QVERIFY2(what.find("train.jsonl") != std::string::npos, err.what());
    }
    QVERIFY(rec.steps.empty());
    RunStore store(db);
    QCOMPARE(store.resolveRun(id).status, RunStatus::Stopped);
  }

  void sameSeedSameLosses() {
    QTemporaryDir a, b;
    TrainConfig c = smallConfig();
    c.checkpointEvery = 0;
    c.steps = 5;
    Recorder ra, rb;
    {
      Experiment e({c, "-", a.path().toStdString(), "", ""});
      e.addListener(&ra);
      e.run();
    }
    {
      Experiment e({c, "-", b.path().toStdString(), "", ""});
      e.addListener(&rb);
      e.run();
    }
    QCOMPARE(ra.steps.size(), std::size_t(5));
    QCOMPARE(losses(ra), losses(rb));  // bit-identical on the CPU
    QCOMPARE(lambdas(ra.steps.back()), lambdas(rb.steps.back()));
    for (double l : losses(ra)) QVERIFY(std::isfinite(l));
  }

  // A run stopped at step 4 and resumed from its checkpoint continues exactly like a run that
  // was never interrupted; the store holds one run with every step once.
  void resumeIsBitExact() {
    QTemporaryDir dir;
    const std::string root = dir.path().toStdString();
    TrainConfig c = smallConfig();

    Recorder straight;
    {
      Experiment e({c, root + "/straight.sqlite", root + "/straight", "", ""});
      e.addListener(&straight);
      e.run();
      QVERIFY(fs::exists(e.finalModelDir() + "/model.safetensors"));
      QVERIFY(fs::exists(e.finalModelDir() + "/config.json"));
    }
    QCOMPARE(straight.steps.size(), std::size_t(8));

    const std::string db = root + "/resumed.sqlite";
    std::string id;
    Recorder first;
    {
      Experiment e({c, db, root + "/resumed", "", ""});
      first.control = &e.control();
      first.stopAfter = 3;  // between checkpoints: the stop writes its own
      e.addListener(&first);
      e.run();
      id = e.runId();
      QVERIFY(first.saw(LifecycleKind::Stopped));
    }
    QCOMPARE(first.steps.size(), std::size_t(3));
    {
      RunStore store(db);
      QCOMPARE(store.resolveRun(id).status, RunStatus::Stopped);
    }
    Recorder second;
    {
      TrainConfig ignored;  // the resumed run takes its config from the record
      Experiment e({ignored, db, root + "/resumed", id, ""});
      e.addListener(&second);
      e.run();
      QCOMPARE(e.runId(), id);
    }
    QCOMPARE(second.steps.size(), std::size_t(5));
    QCOMPARE(second.steps.front().step, std::int64_t(4));
    std::vector<double> joined = losses(first);
    for (double l : losses(second)) joined.push_back(l);
    QCOMPARE(joined, losses(straight));
    QCOMPARE(lambdas(second.steps.back()), lambdas(straight.steps.back()));

    RunStore store(db);
    const RunRecord run = store.resolveRun(id);
    QCOMPARE(run.status, RunStatus::Finished);
    QCOMPARE(store.listRuns().size(), std::size_t(1));
    const auto series = store.series({id, metric::kLoss, -1, 0});
    QCOMPARE(series.size(), std::size_t(8));
    for (std::size_t i = 0; i < series.size(); ++i) QCOMPARE(series[i].value, joined[i]);
  }

  // The newest checkpoint is damaged (a flipped byte): resume names it, falls back to the
  // intact one before it and continues from there. A second writer of the run is refused
  // before it changes anything.
  void resumeFallsBackOverADamagedCheckpoint() {
    QTemporaryDir dir;
    const std::string root = dir.path().toStdString();
    TrainConfig c = smallConfig();
    c.checkpointEvery = 2;
    const std::string db = root + "/runs.sqlite";
    const std::string out = root + "/run";
    std::string id;
    {
      Recorder first;
      Experiment e({c, db, out, "", ""});
      first.control = &e.control();
      first.stopAfter = 5;  // checkpoints at 2, 4 and the stop's own at 5
      e.addListener(&first);
      e.run();
      id = e.runId();
    }
    const fs::path newest = fs::path(out) / "checkpoints" / "step-0000005";
    QVERIFY(fs::exists(newest / "checkpoint.sha256"));
    QVERIFY(fs::exists(fs::path(out) / "checkpoints" / "step-0000004"));
    {
      std::fstream f(newest / "optimizer.pt", std::ios::in | std::ios::out | std::ios::binary);
      f.seekg(100);
      char byte = 0;
      f.read(&byte, 1);
      f.seekp(100);
      byte = static_cast<char>(byte ^ 0x5A);
      f.write(&byte, 1);
    }
    {
      // Another process holds the run folder: the resume is refused and changes nothing.
      RunWriterLock other(out, id);
      TrainConfig ignored;
      Experiment e({ignored, db, out, id, ""});
      try {
        e.run();
        QFAIL("a second writer was allowed");
      } catch (const Error& err) {
        QVERIFY2(
            std::string(err.what()).find("being written by another process") != std::string::npos,
            err.what());
      }
      RunStore store(db);
      QCOMPARE(store.stepCount(id), std::int64_t{5});
      QCOMPARE(store.resolveRun(id).status, RunStatus::Stopped);
    }
    Recorder second;
    std::vector<std::string> warnings;
    {
      TrainConfig ignored;
      Experiment e({ignored, db, out, id, ""});
      e.setPreparationCallback([&](const PreparationProgress& p) {
        if (p.stage == "warning") warnings.push_back(p.message);
      });
      e.addListener(&second);
      e.run();
    }
    QVERIFY(!warnings.empty());
    QVERIFY2(warnings.front().find("step 5") != std::string::npos &&
                 warnings.front().find("optimizer.pt") != std::string::npos,
             warnings.front().c_str());
    QCOMPARE(second.steps.front().step, std::int64_t(5));  // again from step 4's checkpoint
    RunStore store(db);
    QCOMPARE(store.resolveRun(id).status, RunStatus::Finished);
    QCOMPARE(store.stepCount(id), std::int64_t{8});
  }

  // End to end on the demo with the batch_mean rule: lambda_k rises exactly on the steps where
  // category k's g_k is above epsilon, relaxes where it is below, and stays put where k is not
  // in the batch. (The per-pair rule is replayed from its stored pairs in test_trainer and
  // test_comparison_cli.)
  void lambdaFollowsTheConstraint() {
    QTemporaryDir dir;
    TrainConfig c = smallConfig();
    c.steps = 20;
    c.checkpointEvery = 0;
    c.catdpo.dualStep = DualStep::BatchMean;
    c.catdpo.eta = 2.0;
    c.catdpo.epsilon = 0.5;  // near the start's g_k (~0.5): some categories above, some below
    c.catdpo.lambdaInit = 1.0;
    Recorder rec;
    Experiment e({c, "-", dir.path().toStdString(), "", ""});
    e.addListener(&rec);
    e.run();
    QCOMPARE(rec.steps.size(), std::size_t(20));
    std::vector<double> previous(19, c.catdpo.lambdaInit);
    int rises = 0, relaxes = 0;
    for (const StepMetrics& s : rec.steps) {
      QCOMPARE(s.categories.size(), std::size_t(19));
      for (const CategoryStepMetrics& k : s.categories) {
        const double before = previous[static_cast<std::size_t>(k.category)];
        if (k.contrastive == 0) {
          QCOMPARE(k.lambda, before);
          continue;
        }
        const double expected =
            std::clamp(before + c.catdpo.eta * (k.g - c.catdpo.epsilon), 0.0, c.catdpo.lambdaMax);
        QVERIFY2(std::abs(k.lambda - expected) < 1e-9,
                 qPrintable(QString("step %1 category %2: lambda %3, expected %4")
                                .arg(s.step)
                                .arg(k.category)
                                .arg(k.lambda)
                                .arg(expected)));
        if (k.g > c.catdpo.epsilon && k.lambda > before) ++rises;
        if (k.g < c.catdpo.epsilon && k.lambda < before) ++relaxes;
        previous[static_cast<std::size_t>(k.category)] = k.lambda;
      }
    }
    QVERIFY(rises > 0);
    QVERIFY(relaxes > 0);  // categories that caught up give their margin back
  }

  void everyMethodRunsAndStoresItsEvaluation() {
    QTemporaryDir dir;
    const std::string root = dir.path().toStdString();
    for (const std::string& name : methodNames()) {
      TrainConfig c = smallConfig();
      c.method = methodFromString(name);
      c.steps = 3;
      c.checkpointEvery = 0;
      Recorder rec;
      Experiment e({c, root + "/runs.sqlite", root + "/" + name, "", ""});
      e.addListener(&rec);
      e.run();
      QVERIFY2(rec.steps.size() == 3, name.c_str());
      QVERIFY2(rec.evaluations.size() == 1, name.c_str());  // the final evaluation
      QCOMPARE(rec.steps.back().categories.size(), std::size_t(19));
      for (const auto& s : rec.steps) QVERIFY2(std::isfinite(s.loss), name.c_str());
      QVERIFY(rec.saw(LifecycleKind::Finished));
    }
    RunStore store(root + "/runs.sqlite");
    QCOMPARE(store.listRuns().size(), methodNames().size());
  }
};

QTEST_GUILESS_MAIN(TestExperiment)
#include "test_experiment.moc"
