// SPDX-License-Identifier: MIT
// Checkpoint folders: save -> load is bit-exact (single file and shards), saving replaces an
// old checkpoint only as a whole, the fingerprint tracks the weights, broken checkpoints give
// errors naming file and tensor, seeded creation, and the reduced-precision paths on the CPU.
#include <QTemporaryDir>
#include <QtTest>
#include <fstream>

#include "common/error.h"
#include "model/checkpoint.h"
#include "model/device.h"
#include "model_test_util.h"
#include "support/fixtures.h"

using namespace catdpo;
namespace fs = std::filesystem;

namespace {
template <typename F>
QString errorOf(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return QString::fromStdString(e.what());
  }
  return {};
}

ModelConfig smallLlama() {
  return modelConfigFromJson({{"model_type", "llama"},
                              {"hidden_size", 32},
                              {"intermediate_size", 48},
                              {"num_hidden_layers", 2},
                              {"num_attention_heads", 4},
                              {"num_key_value_heads", 2},
                              {"vocab_size", 40},
                              {"max_position_embeddings", 64}});
}
}  // namespace

class TestCheckpoint : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void saveLoadRoundTripIsBitExact_data();
  void saveLoadRoundTripIsBitExact();
  void shardedSaveLoads();
  void saveReplacesWholeFolder();
  void fingerprintTracksWeights();
  void brokenCheckpointsNameFileAndTensor();
  void createModelIsSeeded();
  void deviceAndDtypeOptions();
  void reducedPrecisionOnCpu();
};

void TestCheckpoint::saveLoadRoundTripIsBitExact_data() {
  QTest::addColumn<QString>("name");
  for (const char* n : {"llama", "qwen2", "qwen3", "gpt2"}) QTest::newRow(n) << QString(n);
}

void TestCheckpoint::saveLoadRoundTripIsBitExact() {
  QFETCH(QString, name);
  CATDPO_REQUIRE_FIXTURE(models, "models");
  QTemporaryDir scratch;
  const fs::path root(scratch.path().toStdString());
  auto fx = test::loadFixtureModel(models.toStdString(), name.toStdString(), root);
  const fs::path dir = root / "saved";
  savePretrained(dir, fx.loaded.model);
  QVERIFY(fs::exists(dir / "config.json"));
  QVERIFY(fs::exists(dir / "model.safetensors"));
  // HF naming as Python tools expect it.
  const TensorStore store = TensorStore::open(dir);
  QVERIFY(store.contains(name == "gpt2" ? "transformer.h.0.attn.c_attn.weight"
                                        : "model.layers.0.self_attn.q_proj.weight"));
  QCOMPARE(store.contains("lm_head.weight"), !fx.loaded.config.tieWordEmbeddings);
  QCOMPARE(store.metadata().at("format"), std::string("pt"));
  LoadedModel back = loadPretrained(dir);
  QCOMPARE(back.config.summary(), fx.loaded.config.summary());
  auto a = hfStateDict(fx.loaded.model);
  auto b = hfStateDict(back.model);
  QCOMPARE(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    QCOMPARE(a[i].first, b[i].first);
    QVERIFY2(at::equal(a[i].second, b[i].second), a[i].first.c_str());
  }
  at::NoGradGuard noGrad;
  QVERIFY(at::equal(fx.loaded.model->forward(fx.ids), back.model->forward(fx.ids)));
}

void TestCheckpoint::shardedSaveLoads() {
  QTemporaryDir scratch;
  const fs::path dir = fs::path(scratch.path().toStdString()) / "sharded";
  CausalLm model = createModel(smallLlama(), /*seed=*/3);
  SaveOptions options;
  options.maxShardBytes = 8000;
  savePretrained(dir, model, options);
  QVERIFY(fs::exists(dir / "model.safetensors.index.json"));
  QVERIFY(!fs::exists(dir / "model.safetensors"));
  LoadedModel back = loadPretrained(dir);
  QCOMPARE(modelFingerprint(back.model), modelFingerprint(model));
  // bf16 on disk: half the bytes, loads back as the rounded values.
  const fs::path half = fs::path(scratch.path().toStdString()) / "bf16";
  options = {};
  options.dtype = at::kBFloat16;
  savePretrained(half, model, options);
  QCOMPARE(TensorStore::open(half).info("model.norm.weight").dtype, TensorDtype::BF16);
  LoadOptions lo;
  lo.dtype = "bfloat16";
  LoadedModel h = loadPretrained(half, lo);
  QVERIFY(at::equal(h.model->lmHeadWeight(), model->lmHeadWeight().to(at::kBFloat16)));
}

void TestCheckpoint::saveReplacesWholeFolder() {
  QTemporaryDir scratch;
  const fs::path root(scratch.path().toStdString());
  const fs::path dir = root / "ckpt";
  fs::create_directories(dir);
  std::ofstream(dir / "stale.txt") << "old";
  const fs::path tok = root / "tokenizer.json";
  std::ofstream(tok) << R"({"model":{}})";
  CausalLm model = createModel(smallLlama(), 1);
  SaveOptions options;
  options.copyFiles = {tok};
  options.writeExtra = [](const fs::path& temp) { std::ofstream(temp / "extra.txt") << "x"; };
  savePretrained(dir, model, options);
  QVERIFY(!fs::exists(dir / "stale.txt"));  // the old folder was replaced as a whole
  QVERIFY(fs::exists(dir / "tokenizer.json"));
  QVERIFY(fs::exists(dir / "extra.txt"));
  QCOMPARE(findTokenizerFiles(dir).tokenizerJson, dir / "tokenizer.json");
  // A failing save leaves the previous checkpoint intact and no temp folders behind.
  options.copyFiles = {root / "missing.json"};
  QVERIFY(errorOf([&] { savePretrained(dir, model, options); }).contains("missing.json"));
  QVERIFY(fs::exists(dir / "model.safetensors"));
  int entries = 0;
  for (const auto& e : fs::directory_iterator(root))
    entries += e.path().filename().string()[0] == '.';
  QCOMPARE(entries, 0);
}

void TestCheckpoint::fingerprintTracksWeights() {
  CausalLm a = createModel(smallLlama(), 7);
  CausalLm b = createModel(smallLlama(), 7);
  const std::string fa = modelFingerprint(a);
  QCOMPARE(fa.size(), std::size_t(64));
  QCOMPARE(modelFingerprint(b), fa);
  {
    at::NoGradGuard noGrad;
    b->lmHeadWeight()[0][0].add_(1e-3);
  }
  QVERIFY(modelFingerprint(b) != fa);
}

void TestCheckpoint::brokenCheckpointsNameFileAndTensor() {
  CATDPO_REQUIRE_FIXTURE(models, "models");
  const fs::path dir = models.toStdString();
  LoadOptions options;
  // Embedding shapes that disagree with the config name both shapes.
  options.configPath = dir / "tiny_qwen3_config.json";
  QString msg = errorOf([&] { loadPretrained(dir / "tiny_llama.safetensors", options); });
  QVERIFY2(msg.contains("tiny_llama.safetensors") && msg.contains("model.embed_tokens.weight") &&
               msg.contains("[11, 8]") && msg.contains("[13, 8]"),
           qPrintable(msg));
  // A file without a config beside it.
  msg = errorOf([&] { loadPretrained(dir / "tiny_llama.safetensors"); });
  QVERIFY2(msg.contains("config.json"), qPrintable(msg));
  // A shape mismatch names the tensor and both shapes.
  QTemporaryDir scratch;
  const fs::path bad = fs::path(scratch.path().toStdString()) / "bad";
  CausalLm model = createModel(smallLlama(), 1);
  savePretrained(bad, model);
  auto cfg = modelConfigToJson(model->config());
  cfg["intermediate_size"] = 50;
  std::ofstream(bad / "config.json") << cfg.dump();
  msg = errorOf([&] { loadPretrained(bad); });
  QVERIFY2(msg.contains("model.safetensors") && msg.contains("mlp") && msg.contains("[48, 32]") &&
               msg.contains("[50, 32]"),
           qPrintable(msg));
  // Same sizes but Qwen3's family: its per-head q_norm is missing from a Llama checkpoint.
  cfg = modelConfigToJson(model->config());
  cfg["model_type"] = "qwen3";
  cfg["architectures"] = {"Qwen3ForCausalLM"};
  cfg["head_dim"] = 8;
  std::ofstream(bad / "config.json") << cfg.dump();
  msg = errorOf([&] { loadPretrained(bad); });
  QVERIFY2(msg.contains("missing tensor 'model.layers.0.self_attn.q_norm.weight'") &&
               msg.contains("model.safetensors"),
           qPrintable(msg));
  // Qwen2 weights (q/k/v biases) read with a Llama config: the biases are unexpected.
  auto qwen2 = modelConfigToJson(model->config());
  qwen2["model_type"] = "qwen2";
  qwen2["architectures"] = {"Qwen2ForCausalLM"};
  CausalLm withBias = createModel(modelConfigFromJson(qwen2), 1);
  const fs::path biased = fs::path(scratch.path().toStdString()) / "biased";
  savePretrained(biased, withBias);
  std::ofstream(biased / "config.json") << modelConfigToJson(model->config()).dump();
  msg = errorOf([&] { loadPretrained(biased); });
  QVERIFY2(msg.contains("model.safetensors") && msg.contains("unexpected tensor") &&
               msg.contains("_proj.bias"),
           qPrintable(msg));
}

void TestCheckpoint::createModelIsSeeded() {
  const ModelConfig c = smallLlama();
  CausalLm a = createModel(c, 11), b = createModel(c, 11), d = createModel(c, 12);
  const auto sa = hfStateDict(a), sb = hfStateDict(b), sd = hfStateDict(d);
  bool anyDiff = false;
  for (std::size_t i = 0; i < sa.size(); ++i) {
    QVERIFY(at::equal(sa[i].second, sb[i].second));
    anyDiff = anyDiff || !at::equal(sa[i].second, sd[i].second);
  }
  QVERIFY(anyDiff);
  // Statistics of the init: std ~ initializer_range for the weight matrices, norms at one.
  const double std = a->lmHeadWeight().std().item<double>();
  QVERIFY2(std > 0.015 && std < 0.025, qPrintable(QString::number(std)));
  QVERIFY(
      at::equal(sa.back().first == "lm_head.weight" ? sa[sa.size() - 2].second : sa.back().second,
                at::ones({32})));
}

void TestCheckpoint::deviceAndDtypeOptions() {
  QCOMPARE(resolveDevice("cpu"), at::Device(at::kCPU));
  QCOMPARE(resolveDtype("auto", at::Device(at::kCUDA, 0)), at::kBFloat16);
  QCOMPARE(resolveDtype("auto", at::kCPU), at::kFloat);
  QCOMPARE(resolveDtype("bf16", at::kCPU), at::kBFloat16);
  QVERIFY(errorOf([] { resolveDevice("tpu"); }).contains("'device'"));
  QVERIFY(errorOf([] { resolveDevice("cuda:x"); }).contains("cuda:N"));
  QVERIFY(errorOf([] { resolveDtype("int8", at::kCPU); }).contains("'dtype'"));
  if (!at::hasCUDA()) {
    QVERIFY(errorOf([] { resolveDevice("cuda:0"); }).contains("no usable CUDA"));
    QCOMPARE(resolveDevice("auto"), at::Device(at::kCPU));
  }
}

void TestCheckpoint::reducedPrecisionOnCpu() {
  // The bf16 weight path and the autocast path that CUDA uses, run on the CPU.
  CausalLm model = createModel(smallLlama(), 5);
  const at::Tensor ids = at::arange(12, at::kLong).remainder(40).view({2, 6});
  at::NoGradGuard noGrad;
  const at::Tensor ref = model->forward(ids);
  CausalLm half = createModel(smallLlama(), 5, at::kCPU, at::kBFloat16);
  const at::Tensor low = half->forward(ids);
  QCOMPARE(low.scalar_type(), at::kBFloat16);
  const double scale = ref.abs().max().item<double>();
  QVERIFY2(test::maxAbsDiff(low, ref) < 0.05 * scale + 1e-3,
           qPrintable(QString::number(test::maxAbsDiff(low, ref))));
  {
    AutocastGuard autocast(at::kCPU, true);
    const at::Tensor mixed = model->forward(ids);
    QCOMPARE(mixed.scalar_type(), at::kBFloat16);  // matmuls ran in bf16
    QVERIFY(test::maxAbsDiff(mixed, ref) < 0.05 * scale + 1e-3);
  }
  QCOMPARE(model->forward(ids).scalar_type(), at::kFloat);  // autocast restored
  const SequenceLogprobs lp = half->sequenceLogprobs(ids, {}, at::ones_like(ids));
  QCOMPARE(lp.sum.scalar_type(), at::kFloat);
  const SequenceLogprobs lpRef = model->sequenceLogprobs(ids, {}, at::ones_like(ids));
  QVERIFY(test::maxAbsDiff(lp.sum, lpRef.sum) < 0.05 * lpRef.sum.abs().max().item<double>());
}

QTEST_GUILESS_MAIN(TestCheckpoint)
#include "test_checkpoint.moc"
