// SPDX-License-Identifier: MIT
// The training loop on a tiny random Llama and byte-level tokens of the demo pairs: a NaN in
// the weights stops the run at the step it appears, names the step and the last good
// checkpoint, and writes nothing after it; a stop writes a checkpoint the run resumes from.
#include <ATen/ATen.h>
#include <c10/core/GradMode.h>

#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>

#include "common/error.h"
#include "common/sha256.h"
#include "data/demo_generator.h"
#include "model/causal_lm.h"
#include "model/checkpoint.h"
#include "model/model_config.h"
#include "model/safetensors_torch.h"
#include "train/pair_examples.h"
#include "train/reference_logps.h"
#include "train/trainer.h"

using namespace catdpo;
namespace fs = std::filesystem;

namespace {

constexpr std::int32_t kEos = 1, kPad = 0;

std::vector<std::int32_t> bytes(const std::string& text) {
  std::vector<std::int32_t> out;
  for (unsigned char ch : text.substr(0, 40)) out.push_back(2 + ch % 62);
  return out;
}

ModelConfig tinyConfig() {
  ModelConfig c;
  c.family = ModelFamily::Llama;
  c.architecture = "LlamaForCausalLM";
  c.vocabSize = 64;
  c.hiddenSize = 16;
  c.intermediateSize = 32;
  c.numLayers = 1;
  c.numHeads = 2;
  c.numKvHeads = 1;
  c.headDim = 8;
  c.maxPositions = 128;
  c.eosTokenIds = {kEos};
  return c;
}

struct Fixture {
  CausalLm model{nullptr};
  std::vector<PairExample> examples;
  ReferenceLogps reference;
  std::vector<std::string> categories;
};

Fixture makeFixture() {
  DemoOptions o;
  o.pairs = 300;
  const DemoData demo = generateDemoData(o);
  Fixture f;
  std::vector<std::size_t> all(demo.train.pairs.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  f.examples =
      buildPairExamples(demo.train.pairs, all, bytes, bytes, kEos, 100, BothUnsafePolicy::Drop);
  for (const auto& c : demo.train.taxonomy.names()) f.categories.push_back(c);
  f.model = createModel(tinyConfig(), 3);
  f.reference = computeReferenceLogps(f.model, f.examples, kPad);
  return f;
}

TrainerSetup setupFor(Fixture& f, const fs::path& checkpoints) {
  TrainerSetup s;
  s.config.method = Method::CatDpo;
  s.config.steps = 6;
  s.config.batchSize = 8;
  s.config.learningRate = 1e-3;
  s.config.warmupSteps = 1;
  s.config.checkpointEvery = 2;
  s.policy = f.model;
  s.train = f.examples;
  s.categories = f.categories;
  s.reference = f.reference;
  s.padId = kPad;
  s.checkpointDir = checkpoints;
  CausalLm model = f.model;
  s.saveModel = [model](const fs::path& dir) mutable { savePretrained(dir, model); };
  s.loadModel = [model](const fs::path& dir) mutable {
    loadWeights(model, TensorStore::open(dir));
  };
  return s;
}

// Poisons the weights after a given step, as a diverging run would.
struct Poison : TrainingListener {
  CausalLm model;
  std::int64_t afterStep;
  std::vector<LifecycleEvent> events;
  Poison(CausalLm m, std::int64_t s) : model(std::move(m)), afterStep(s) {}
  void onStep(const StepMetrics& s) override {
    if (s.step != afterStep) return;
    at::NoGradGuard guard;
    model->parameters().front().fill_(std::numeric_limits<float>::quiet_NaN());
  }
  void onLifecycle(const LifecycleEvent& e) override { events.push_back(e); }
};

}  // namespace

class TestTrainer : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void nanStopsAtItsStepAndKeepsTheLastGoodCheckpoint() {
    QTemporaryDir dir;
    Fixture f = makeFixture();
    const fs::path checkpoints = fs::path(dir.path().toStdString()) / "checkpoints";
    TrainerSetup setup = setupFor(f, checkpoints);
    Poison poison(f.model, 3);
    setup.listeners.push_back(&poison);
    RunControl control;
    Trainer trainer(std::move(setup), control);
    try {
      trainer.run();
      QFAIL("a NaN loss did not stop the run");
    } catch (const Error& e) {
      const std::string what = e.what();
      QVERIFY2(what.find("step 4") != std::string::npos, e.what());
      QVERIFY2(what.find("NaN") != std::string::npos, e.what());
      QVERIFY2(what.find("step-0000002") != std::string::npos, e.what());
    }
    QCOMPARE(trainer.step(), std::int64_t(3));
    QCOMPARE(latestCheckpoint(checkpoints).filename().string(), std::string("step-0000002"));
    QVERIFY(!fs::exists(checkpoints / "step-0000004"));
    QVERIFY(!poison.events.empty());
    QVERIFY(poison.events.back().kind == LifecycleKind::Failed);
    // The checkpoint before the NaN holds finite weights.
    const TensorStore good = TensorStore::open(checkpoints / "step-0000002" / "model");
    for (const std::string& name : good.names())
      QVERIFY2(at::isfinite(good.get(name)).all().item<bool>(), name.c_str());
  }

  // Every checkpoint holds a sha256 list of its files; the sha256 of that list is what the
  // run database records. A flipped byte or a different list is recognised.
  void checkpointsCarryAChecksumList() {
    QTemporaryDir dir;
    Fixture f = makeFixture();
    const fs::path checkpoints = fs::path(dir.path().toStdString()) / "checkpoints";
    struct Saved : TrainingListener {
      std::vector<LifecycleEvent> saved;
      void onLifecycle(const LifecycleEvent& e) override {
        if (e.kind == LifecycleKind::CheckpointSaved) saved.push_back(e);
      }
    } saved;
    TrainerSetup setup = setupFor(f, checkpoints);
    setup.listeners.push_back(&saved);
    RunControl control;
    Trainer trainer(std::move(setup), control);
    QCOMPARE(trainer.run(), RunStatus::Finished);
    QVERIFY(saved.saved.size() >= 2);
    const LifecycleEvent& last = saved.saved.back();
    const fs::path latest(last.checkpointPath);
    QVERIFY(!checkpointDamage(latest, last.checkpointSha256));
    std::ifstream list(latest / kCheckpointManifest);
    const std::string text((std::istreambuf_iterator<char>(list)), {});
    QCOMPARE(sha256Hex(text), last.checkpointSha256);
    for (const char* file :
         {"  model/model.safetensors\n", "  optimizer.pt\n", "  trainer_state.json\n"})
      QVERIFY2(text.find(file) != std::string::npos, file);
    // Nothing half-written is left beside the checkpoints.
    for (const auto& entry : fs::directory_iterator(checkpoints))
      QVERIFY2(entry.path().filename().string().rfind("step-", 0) == 0,
               entry.path().string().c_str());
    QVERIFY(checkpointDamage(latest, std::string(64, '0'))->find("does not match") !=
            std::string::npos);
    {
      std::fstream f2(latest / "optimizer.pt", std::ios::in | std::ios::out | std::ios::binary);
      char byte = 0;
      f2.seekg(10);
      f2.read(&byte, 1);
      f2.seekp(10);
      f2.put(static_cast<char>(byte ^ 0x5A));
    }
    const auto damage = checkpointDamage(latest, last.checkpointSha256);
    QVERIFY(damage && damage->find("optimizer.pt") != std::string::npos);
    fs::remove(latest / "trainer_state.json");
    QVERIFY(checkpointDamage(latest, "")->find("trainer_state.json") != std::string::npos);
  }

  void stopWritesAResumableCheckpoint() {
    QTemporaryDir dir;
    const fs::path root(dir.path().toStdString());
    std::vector<double> straight, straightLambda;
    {
      Fixture f = makeFixture();
      RunControl control;
      Trainer t(setupFor(f, root / "a"), control);
      QCOMPARE(t.run(), RunStatus::Finished);
      straight = t.lossHistory();
      straightLambda = t.dual().lambda();
    }
    std::vector<double> joined;
    {
      Fixture f = makeFixture();
      RunControl control;
      struct StopAt : TrainingListener {
        RunControl* c;
        void onStep(const StepMetrics& s) override {
          if (s.step == 3) c->stop();
        }
      } stopAt;
      stopAt.c = &control;
      TrainerSetup s = setupFor(f, root / "b");
      s.listeners.push_back(&stopAt);
      Trainer t(std::move(s), control);
      QCOMPARE(t.run(), RunStatus::Stopped);
      QCOMPARE(latestCheckpoint(root / "b").filename().string(), std::string("step-0000003"));
      joined = t.lossHistory();
    }
    {
      Fixture f = makeFixture();  // fresh weights: everything comes from the checkpoint
      RunControl control;
      Trainer t(setupFor(f, root / "b"), control);
      t.resumeFrom(latestCheckpoint(root / "b"));
      QCOMPARE(t.step(), std::int64_t(3));
      QCOMPARE(t.run(), RunStatus::Finished);
      const auto& rest = t.lossHistory();
      joined.insert(joined.end(), rest.end() - 3, rest.end());
      // The per-pair dual state continues exactly from the checkpoint.
      QCOMPARE(t.dual().lambda(), straightLambda);
    }
    QCOMPARE(joined, straight);
  }

  void perPairLambdaReplaysFromThePairsAndTheControlMatches() {
    struct Collect : TrainingListener {
      std::vector<StepMetrics> steps;
      void onStep(const StepMetrics& s) override { steps.push_back(s); }
    };
    const auto train = [](Method method, std::vector<double>* lambda) {
      Fixture f = makeFixture();
      TrainerSetup s = setupFor(f, {});
      s.config.method = method;
      s.config.steps = 8;
      s.config.catdpo.eta = 3.0;  // lambda moves visibly within a few steps
      Collect c;
      s.listeners.push_back(&c);
      RunControl control;
      Trainer t(std::move(s), control);
      if (t.run() != RunStatus::Finished) return std::vector<StepMetrics>{};
      if (lambda) *lambda = t.dual().lambda();
      return c.steps;
    };
    std::vector<double> finalLambda;
    const std::vector<StepMetrics> cat = train(Method::CatDpo, &finalLambda);
    const std::vector<StepMetrics> control = train(Method::CatDpoNoMargin, nullptr);
    QCOMPARE(cat.size(), std::size_t(8));
    QCOMPARE(control.size(), std::size_t(8));
    // By hand from the per-pair values: lambda_k <- max(0, lambda_k + eta (V_i - epsilon)), in
    // position order, for each category the pair moved; the margin is the sum of the lambdas
    // before the step.
    std::vector<double> lambda(cat.front().categories.size(), 0.0);
    int pairs = 0, moved = 0;
    for (std::size_t t = 0; t < cat.size(); ++t) {
      int last = -1;
      for (const PairStepValue& p : cat[t].pairs) {
        QVERIFY(p.position > last);
        last = p.position;
        QCOMPARE(p.updated, p.categories);  // aggregation sum: every category of the pair
        ++pairs;
      }
      for (const PairStepValue& p : cat[t].pairs) {
        double margin = 0;
        for (int k : p.categories) margin += lambda[static_cast<std::size_t>(k)];
        QVERIFY(std::abs(p.margin - margin) < 1e-12);
      }
      for (const PairStepValue& p : cat[t].pairs)
        for (int k : p.updated) {
          double& l = lambda[static_cast<std::size_t>(k)];
          l = std::max(0.0, l + 3.0 * (p.v - 0.02));
        }
      for (const CategoryStepMetrics& c : cat[t].categories) {
        QVERIFY2(std::abs(c.lambda - lambda[static_cast<std::size_t>(c.category)]) < 1e-12,
                 qPrintable(QStringLiteral("step %1 category %2").arg(t + 1).arg(c.category)));
        moved += c.lambda > 0 ? 1 : 0;
      }
      // The control draws the same pairs in the same order, and logs lambda = 0.
      QCOMPARE(control[t].pairs.size(), cat[t].pairs.size());
      for (std::size_t i = 0; i < cat[t].pairs.size(); ++i) {
        QCOMPARE(control[t].pairs[i].pair, cat[t].pairs[i].pair);
        QCOMPARE(control[t].pairs[i].position, cat[t].pairs[i].position);
        QVERIFY(control[t].pairs[i].updated.empty());
        QCOMPARE(control[t].pairs[i].margin, 0.0);
      }
      for (const CategoryStepMetrics& c : control[t].categories) QCOMPARE(c.lambda, 0.0);
    }
    QVERIFY(pairs > 10);
    QVERIFY(moved > 0);
    for (std::size_t k = 0; k < lambda.size(); ++k)
      QVERIFY(std::abs(finalLambda[k] - lambda[k]) < 1e-12);
    // Step 1 uses lambda = 0 in both: the same loss.
    QCOMPARE(control.front().loss, cat.front().loss);
  }
};

QTEST_GUILESS_MAIN(TestTrainer)
#include "test_trainer.moc"
