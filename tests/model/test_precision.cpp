// SPDX-License-Identifier: MIT
// The precision option: what "auto" picks and why, that bf16 autocast really sends the
// engine's matrix products to bfloat16 (LibTorch 1.13's CPU autocast covers matmul, linear,
// addmm and bmm; the engine casts its own log-prob head) while the log-softmax stays float32,
// that a bf16 forward follows the float32 one within bfloat16's resolution, and that pure
// bfloat16 AdamW rounds away an update the float32 master weights of bf16-mixed keep.
#include <ATen/ATen.h>
#include <torch/optim/adamw.h>

#include <QtTest>

#include "common/cpu_features.h"
#include "common/error.h"
#include "model/causal_lm.h"
#include "model/device.h"
#include "model/fused_ops.h"
#include "model/lora.h"
#include "model/model_config.h"
#include "model/precision.h"

using namespace catdpo;

namespace {

ModelConfig tinyLlama() {
  ModelConfig c;
  c.family = ModelFamily::Llama;
  c.architecture = "LlamaForCausalLM";
  c.vocabSize = 96;
  c.hiddenSize = 64;
  c.intermediateSize = 128;
  c.numLayers = 2;
  c.numHeads = 4;
  c.numKvHeads = 2;
  c.headDim = 16;
  c.maxPositions = 128;
  return c;
}

ModelConfig tinyGpt2() {
  return modelConfigFromJson({{"model_type", "gpt2"},
                              {"vocab_size", 96},
                              {"n_embd", 64},
                              {"n_layer", 2},
                              {"n_head", 4},
                              {"n_positions", 64}},
                             "test");
}

double relativeDiff(const at::Tensor& a, const at::Tensor& b) {
  return (a.to(at::kDouble) - b.to(at::kDouble)).abs().max().item<double>() /
         b.to(at::kDouble).abs().max().item<double>();
}

}  // namespace

class TestPrecision : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void autoFollowsTheDeviceAndTheCpu() {
    QCOMPARE(resolvePrecision("auto", /*cuda=*/true).precision, Precision::Bf16Mixed);
    const PrecisionChoice cpu = resolvePrecision("auto", /*cuda=*/false);
    const bool native = detectCpuBf16().native() && at::hasMKLDNN();
    QCOMPARE(cpu.precision, native ? Precision::Bf16Mixed : Precision::Fp32);
    QVERIFY(!cpu.reason.empty());
    QVERIFY2(cpu.reason.find(native ? "the CPU has" : "no") != std::string::npos,
             cpu.reason.c_str());
    QCOMPARE(resolvePrecision("bf16", false).precision, Precision::Bf16);
    QCOMPARE(resolvePrecision("fp32", true).precision, Precision::Fp32);
    QCOMPARE(std::string(toString(Precision::Bf16Mixed)), std::string("bf16-mixed"));
    try {
      resolvePrecision("fp16", false);
      QFAIL("expected an error");
    } catch (const Error& e) {
      QCOMPARE(e.where().field, std::string("precision"));
    }
    QCOMPARE(weightDtypeFor(Precision::Bf16Mixed), std::string("float32"));
    QCOMPARE(weightDtypeFor(Precision::Bf16), std::string("bfloat16"));
  }

  void autocastSendsProductsToBf16() {
    const at::Tensor x = at::randn({2, 5, 8}), w = at::randn({8, 12}), b = at::randn({12});
    QVERIFY(!activeAutocastDtype(at::kCPU));
    {
      const AutocastGuard guard(at::kCPU, true);
      QCOMPARE(activeAutocastDtype(at::kCPU).value_or(at::kFloat), at::kBFloat16);
      QCOMPARE(at::matmul(x, w).scalar_type(), at::kBFloat16);
      QCOMPARE(at::linear(x, w.t()).scalar_type(), at::kBFloat16);
      // GPT-2's Conv1D layout with a bias: bfloat16 throughout, not a float32 sum.
      const at::Tensor y = project(x, w, b, /*inOutLayout=*/true);
      QCOMPARE(y.scalar_type(), at::kBFloat16);
      QVERIFY(relativeDiff(y, at::matmul(x, w) + b) < 2e-2);
      QCOMPARE(project(x, w.t().contiguous(), b, false).scalar_type(), at::kBFloat16);
    }
    QVERIFY(!activeAutocastDtype(at::kCPU));
    QCOMPARE(at::matmul(x, w).scalar_type(), at::kFloat);
  }

  void bf16ForwardFollowsFp32() {
    for (const ModelConfig& config : {tinyLlama(), tinyGpt2()}) {
      at::manual_seed(5);
      CausalLm model = createModel(config, /*seed=*/11);
      model->eval();
      const at::Tensor ids = at::randint(1, config.vocabSize, {3, 24}, at::kLong);
      at::Tensor mask = at::zeros({3, 24}, at::kBool);
      mask.narrow(1, 10, 14).fill_(true);
      at::NoGradGuard noGrad;
      const at::Tensor logits32 = model->forward(ids);
      const SequenceLogprobs lp32 = model->sequenceLogprobs(ids, {}, mask);
      at::Tensor logits16;
      SequenceLogprobs lp16;
      {
        const AutocastGuard guard(at::kCPU, true);
        logits16 = model->forward(ids);
        lp16 = model->sequenceLogprobs(ids, {}, mask);
        // The KV cache made under autocast holds what the products give.
        QCOMPARE(model->makeCache(1, 4).layers[0].keys.scalar_type(), at::kBFloat16);
      }
      QCOMPARE(logits16.scalar_type(), at::kBFloat16);
      QCOMPARE(lp16.sum.scalar_type(), at::kFloat);  // the log-softmax in float32
      const double diff = relativeDiff(logits16, logits32);
      // bfloat16 keeps 8 significant bits: differences of a few 1e-3 relative, never zero.
      QVERIFY2(diff > 1e-5 && diff < 3e-2, qPrintable(QString::number(diff)));
      const double lpDiff = (lp16.sum - lp32.sum).abs().max().item<double>();
      QVERIFY2(lpDiff > 0 && lpDiff < 0.05 * lp32.sum.abs().max().item<double>(),
               qPrintable(QString::number(lpDiff)));
    }
  }

  void bf16BackwardGivesFloat32MasterGradients() {
    at::manual_seed(3);
    CausalLm model = createModel(tinyLlama(), /*seed=*/2);
    const at::Tensor ids = at::randint(1, 96, {2, 16}, at::kLong);
    at::Tensor mask = at::zeros({2, 16}, at::kBool);
    mask.narrow(1, 8, 8).fill_(true);
    const auto gradients = [&](bool autocast) {
      model->zero_grad();
      at::Tensor loss;
      {
        const AutocastGuard guard(at::kCPU, autocast);
        loss = -model->sequenceLogprobs(ids, {}, mask).sum.sum();
      }
      loss.backward();
      std::vector<at::Tensor> out;
      for (const auto& p : model->parameters()) out.push_back(p.grad().clone());
      return out;
    };
    const auto g32 = gradients(false);
    const auto g16 = gradients(true);
    QCOMPARE(g16.size(), g32.size());
    double worst = 0;
    for (std::size_t i = 0; i < g32.size(); ++i) {
      QCOMPARE(g16[i].scalar_type(), at::kFloat);  // master gradients stay float32
      const double scale = g32[i].abs().max().item<double>();
      if (scale > 0) worst = std::max(worst, (g16[i] - g32[i]).abs().max().item<double>() / scale);
    }
    QVERIFY2(worst > 0 && worst < 0.1, qPrintable(QString::number(worst)));
  }

  // AdamW's first step moves every weight by about the learning rate. Near 1.0 bfloat16's
  // spacing is 2^-7 = 0.0078, so a step of 1e-3 rounds back to the same bfloat16 weight; the
  // float32 master weight of bf16-mixed keeps it.
  void pureBf16AdamWLosesAnUpdateMixedKeeps() {
    const auto step = [](at::ScalarType type) {
      at::Tensor w = at::ones({4}, at::TensorOptions().dtype(type)).requires_grad_(true);
      torch::optim::AdamW opt({w}, torch::optim::AdamWOptions(1e-3).weight_decay(0.0));
      w.mutable_grad() = at::full({4}, 0.5, at::TensorOptions().dtype(type));
      opt.step();
      return w.detach().to(at::kDouble);
    };
    const at::Tensor pure = step(at::kBFloat16);
    const at::Tensor master = step(at::kFloat);
    QCOMPARE(pure.eq(1.0).all().item<bool>(), true);  // the update is lost
    QVERIFY(std::abs(master[0].item<double>() - 0.999) < 1e-6);
    // The same through the model: a tiny learning rate moves float32 weights, not bf16 ones.
    const auto changedFraction = [](at::ScalarType type) {
      CausalLm model = createModel(tinyLlama(), /*seed=*/4, at::kCPU, type);
      std::vector<at::Tensor> before;
      for (const auto& p : model->parameters()) before.push_back(p.detach().clone());
      torch::optim::AdamW opt(model->parameters(),
                              torch::optim::AdamWOptions(3e-6).weight_decay(0.0));
      const at::Tensor ids = at::randint(1, 96, {2, 16}, at::kLong);
      at::Tensor loss;
      {
        const AutocastGuard guard(at::kCPU, true);
        loss = -model->sequenceLogprobs(ids, {}, at::ones({2, 16}, at::kBool)).sum.sum();
      }
      loss.backward();
      opt.step();
      std::int64_t changed = 0, total = 0;
      const auto params = model->parameters();
      for (std::size_t i = 0; i < params.size(); ++i) {
        changed += params[i].detach().ne(before[i]).sum().item<std::int64_t>();
        total += params[i].numel();
      }
      return static_cast<double>(changed) / static_cast<double>(total);
    };
    const double bf16 = changedFraction(at::kBFloat16);
    const double mixed = changedFraction(at::kFloat);
    QVERIFY2(mixed > 0.9, qPrintable(QString::number(mixed)));
    QVERIFY2(bf16 < 0.1, qPrintable(QString::number(bf16)));
  }

  void loraAdaptersOfABf16ModelStayFloat32() {
    CausalLm model = createModel(tinyLlama(), /*seed=*/6, at::kCPU, at::kBFloat16);
    LoraConfig lora;
    lora.rank = 4;
    lora.targetModules = {"q_proj", "v_proj"};
    QCOMPARE(applyLora(model, lora, /*seed=*/1), 4);
    for (const at::Tensor& p : trainableParameters(model)) QCOMPARE(p.scalar_type(), at::kFloat);
    const at::Tensor ids = at::randint(1, 96, {2, 12}, at::kLong);
    at::NoGradGuard noGrad;
    // Outside autocast the adapters take a float32 copy of their input and give bfloat16 back.
    QCOMPARE(model->forward(ids).scalar_type(), at::kBFloat16);
  }
};

QTEST_GUILESS_MAIN(TestPrecision)
#include "test_precision.moc"
