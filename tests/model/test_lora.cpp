// SPDX-License-Identifier: MIT
// LoRA: zero-initialised adapters leave the model unchanged, only adapters train, switching
// them off gives the untouched base (the reference policy), merging equals running with them,
// and adapters round-trip through PEFT-style files.
#include <QTemporaryDir>
#include <QtTest>

#include "common/error.h"
#include "model/checkpoint.h"
#include "model/lora.h"
#include "model_test_util.h"
#include "support/fixtures.h"

using namespace catdpo;
namespace fs = std::filesystem;

namespace {
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

const at::Tensor& batchIds() {
  static const at::Tensor ids = at::arange(30, at::kLong).remainder(11).view({3, 10});
  return ids;
}

at::Tensor logitsOf(CausalLm& model, const at::Tensor& ids) {
  at::NoGradGuard noGrad;
  return model->forward(ids);
}

// A few SGD steps maximising the log-prob of the ids' second half.
void train(CausalLm& model, const at::Tensor& ids, int steps) {
  at::Tensor target = at::zeros_like(ids);
  target.narrow(1, ids.size(1) / 2, ids.size(1) / 2).fill_(1);
  const auto params = trainableParameters(model);
  for (int s = 0; s < steps; ++s) {
    const SequenceLogprobs lp = model->sequenceLogprobs(ids, {}, target);
    (-lp.sum.sum()).backward();
    at::NoGradGuard noGrad;
    for (const auto& p : params) {
      p.sub_(p.grad() * 0.5);
      p.mutable_grad().zero_();
    }
  }
}
}  // namespace

class TestLora : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void zeroInitEqualsBase();
  void adaptersOffEqualsBaseAfterTraining();
  void mergeEqualsAdaptersOn();
  void gpt2Conv1dAdapters();
  void adaptersSaveAndLoad();
  void unknownTargetIsAnError();
};

void TestLora::zeroInitEqualsBase() {
  CausalLm model = createModel(smallLlama(), 1);
  const at::Tensor base = logitsOf(model, batchIds());
  LoraConfig cfg;
  QCOMPARE(applyLora(model, cfg, 9), 4);  // q_proj and v_proj in 2 layers
  QVERIFY(at::equal(logitsOf(model, batchIds()), base));
  const auto trainable = trainableParameters(model);
  QCOMPARE(trainable.size(), std::size_t(8));
  for (const auto& item : model->named_parameters()) {
    const bool adapter = item.key().find(".lora_") != std::string::npos;
    QCOMPARE(item.value().requires_grad(), adapter);
  }
  // lora_A follows PEFT's init bound 1/sqrt(in) = 1/sqrt(32); lora_B is zero.
  for (const auto& item : model->named_parameters()) {
    if (item.key().find("lora_A") != std::string::npos) {
      QCOMPARE(item.value().sizes(), (at::IntArrayRef{8, 32}));
      QVERIFY(item.value().abs().max().item<double>() <= 1.0 / std::sqrt(32.0));
      QVERIFY(item.value().abs().max().item<double>() > 0.05);
    }
    if (item.key().find("lora_B") != std::string::npos)
      QCOMPARE(item.value().abs().sum().item<double>(), 0.0);
  }
}

void TestLora::adaptersOffEqualsBaseAfterTraining() {
  CausalLm model = createModel(smallLlama(), 1);
  const at::Tensor base = logitsOf(model, batchIds());
  const auto before = hfStateDict(model);
  std::vector<at::Tensor> baseWeights;
  for (const auto& p : model->parameters()) baseWeights.push_back(p.clone());
  LoraConfig cfg;
  cfg.targetModules = {"q_proj", "v_proj", "down_proj"};
  applyLora(model, cfg, 3);
  train(model, batchIds(), 3);
  const at::Tensor adapted = logitsOf(model, batchIds());
  QVERIFY(test::maxAbsDiff(adapted, base) > 1e-3);  // training changed the policy
  {
    AdaptersDisabled off(model);
    QVERIFY(at::equal(logitsOf(model, batchIds()), base));  // the reference policy
  }
  QVERIFY(at::equal(logitsOf(model, batchIds()), adapted));  // back on after the scope
  // The frozen base weights are bit-identical.
  std::size_t i = 0;
  for (const auto& item : model->named_parameters())
    if (item.key().find(".lora_") == std::string::npos)
      QVERIFY(at::equal(item.value(), baseWeights[i++]));
}

void TestLora::mergeEqualsAdaptersOn() {
  CausalLm model = createModel(smallLlama(), 2);
  LoraConfig cfg;
  cfg.targetModules = {"q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"};
  cfg.rank = 4;
  cfg.alpha = 8;
  applyLora(model, cfg, 4);
  train(model, batchIds(), 3);
  const at::Tensor adapted = logitsOf(model, batchIds());
  // Saving an adapted model saves the merged weights.
  QTemporaryDir scratch;
  const fs::path dir = fs::path(scratch.path().toStdString()) / "merged";
  savePretrained(dir, model);
  mergeAdapters(model);
  QVERIFY(!hasAdapters(model));
  const at::Tensor merged = logitsOf(model, batchIds());
  QVERIFY2(test::maxAbsDiff(merged, adapted) < 1e-5,
           qPrintable(QString::number(test::maxAbsDiff(merged, adapted))));
  for (const auto& p : model->parameters()) QVERIFY(p.requires_grad());
  LoadedModel back = loadPretrained(dir);
  QVERIFY(test::maxAbsDiff(logitsOf(back.model, batchIds()), adapted) < 1e-5);
  QVERIFY(!TensorStore::open(dir).contains("model.layers.0.self_attn.q_proj.lora_A.weight"));
}

void TestLora::gpt2Conv1dAdapters() {
  CATDPO_REQUIRE_FIXTURE(models, "models");
  QTemporaryDir scratch;
  auto fx = test::loadFixtureModel(models.toStdString(), "gpt2", scratch.path().toStdString());
  CausalLm& model = fx.loaded.model;
  LoraConfig cfg;
  cfg.targetModules = {"c_attn", "mlp.c_proj"};
  QCOMPARE(applyLora(model, cfg, 5), 4);
  QVERIFY(test::maxAbsDiff(logitsOf(model, fx.ids), fx.expected) <= 1e-5);
  train(model, fx.ids, 3);
  const at::Tensor adapted = logitsOf(model, fx.ids);
  QVERIFY(test::maxAbsDiff(adapted, fx.expected) > 1e-3);
  {
    AdaptersDisabled off(model);
    QVERIFY(test::maxAbsDiff(logitsOf(model, fx.ids), fx.expected) <= 1e-5);
  }
  mergeAdapters(model);
  QVERIFY(test::maxAbsDiff(logitsOf(model, fx.ids), adapted) < 1e-5);
}

void TestLora::adaptersSaveAndLoad() {
  CausalLm model = createModel(smallLlama(), 6);
  LoraConfig cfg;
  cfg.rank = 2;
  cfg.alpha = 4;
  applyLora(model, cfg, 8);
  train(model, batchIds(), 2);
  const at::Tensor adapted = logitsOf(model, batchIds());
  QTemporaryDir scratch;
  const fs::path dir = fs::path(scratch.path().toStdString()) / "adapter";
  saveAdapters(dir, model, cfg);
  const TensorStore store = TensorStore::open(dir / "adapter_model.safetensors");
  QVERIFY(store.contains("base_model.model.model.layers.1.self_attn.v_proj.lora_B.weight"));
  QCOMPARE(store.names().size(), std::size_t(8));
  CausalLm fresh = createModel(smallLlama(), 6);
  const LoraConfig loaded = loadAdapters(dir, fresh);
  QCOMPARE(loaded.rank, std::int64_t(2));
  QCOMPARE(loaded.alpha, 4.0);
  QCOMPARE(loaded.targetModules, cfg.targetModules);
  QVERIFY(at::equal(logitsOf(fresh, batchIds()), adapted));
}

void TestLora::unknownTargetIsAnError() {
  CausalLm model = createModel(smallLlama(), 1);
  LoraConfig cfg;
  cfg.targetModules = {"c_attn"};
  try {
    applyLora(model, cfg, 1);
    QFAIL("expected an error");
  } catch (const Error& e) {
    const QString msg = e.what();
    QVERIFY2(msg.contains("'target_modules'") && msg.contains("c_attn") && msg.contains("q_proj") &&
                 msg.contains("gate_proj"),
             qPrintable(msg));
  }
}

QTEST_GUILESS_MAIN(TestLora)
#include "test_lora.moc"
