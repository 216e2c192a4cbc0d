// SPDX-License-Identifier: MIT
// Gradient checkpointing recomputes each decoder block in backward: the gradients equal those
// of the plain run (Llama-, Qwen3- and GPT-2-style blocks; LoRA with dropout behind a frozen
// embedding, where the replayed random state must give the same dropout masks; bf16 autocast),
// the forward keeps less memory, and inference (eval mode, KV cache) is untouched.
#include <ATen/ATen.h>

#include <QtTest>

#include "model/allocation_counter.h"
#include "model/causal_lm.h"
#include "model/device.h"
#include "model/lora.h"
#include "model/model_config.h"

using namespace catdpo;

namespace {

ModelConfig llama(bool qkNorm) {
  ModelConfig c;
  c.family = qkNorm ? ModelFamily::Qwen3 : ModelFamily::Llama;
  c.architecture = qkNorm ? "Qwen3ForCausalLM" : "LlamaForCausalLM";
  c.vocabSize = 80;
  c.hiddenSize = 48;
  c.intermediateSize = 96;
  c.numLayers = 3;
  c.numHeads = 4;
  c.numKvHeads = 2;
  c.headDim = qkNorm ? 16 : 12;
  c.qkNorm = qkNorm;
  c.maxPositions = 128;
  return c;
}

ModelConfig gpt2() {
  return modelConfigFromJson({{"model_type", "gpt2"},
                              {"vocab_size", 80},
                              {"n_embd", 48},
                              {"n_layer", 3},
                              {"n_head", 4},
                              {"n_positions", 64}},
                             "test");
}

struct Grads {
  double loss = 0;
  std::vector<at::Tensor> grads;
};

// One loss and backward; the same seed before each so dropout draws the same masks.
Grads run(CausalLm& model, bool checkpointing, bool autocast, const at::Tensor& ids,
          const at::Tensor& mask) {
  model->setGradientCheckpointing(checkpointing);
  model->zero_grad();
  at::manual_seed(99);
  at::Tensor loss;
  {
    const AutocastGuard guard(at::kCPU, autocast);
    const SequenceLogprobs lp = model->sequenceLogprobs(ids, {}, mask);
    loss = -(lp.sum * at::linspace(0.5, 1.5, lp.sum.size(0))).sum();
  }
  loss.backward();
  Grads out;
  out.loss = loss.item<double>();
  for (const auto& p : model->parameters())
    if (p.requires_grad())
      out.grads.push_back(p.grad().defined() ? p.grad().clone() : at::Tensor());
  return out;
}

void expectSame(const Grads& a, const Grads& b, double tolerance) {
  QCOMPARE(a.grads.size(), b.grads.size());
  QVERIFY(std::abs(a.loss - b.loss) <= tolerance * std::max(1.0, std::abs(a.loss)));
  for (std::size_t i = 0; i < a.grads.size(); ++i) {
    QVERIFY(a.grads[i].defined() && b.grads[i].defined());
    const double scale = std::max(1e-12, a.grads[i].abs().max().item<double>());
    const double diff = (a.grads[i] - b.grads[i]).abs().max().item<double>() / scale;
    QVERIFY2(diff <= tolerance, qPrintable(QStringLiteral("parameter %1: %2").arg(i).arg(diff)));
  }
}

struct Batch {
  at::Tensor ids, mask;
};
Batch batch(std::int64_t vocab, std::int64_t rows, std::int64_t length) {
  at::manual_seed(7);
  Batch b{at::randint(1, vocab, {rows, length}, at::kLong), at::zeros({rows, length}, at::kBool)};
  b.mask.narrow(1, length / 3, length - length / 3).fill_(true);
  return b;
}

}  // namespace

class TestActivationCheckpoint : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() { allocation_counter::install(); }

  void gradientsEqualThePlainRun() {
    for (const ModelConfig& config : {llama(false), llama(true), gpt2()}) {
      CausalLm model = createModel(config, /*seed=*/3);
      model->train();
      const Batch b = batch(config.vocabSize, 4, 20);
      const Grads plain = run(model, false, false, b.ids, b.mask);
      const Grads recomputed = run(model, true, false, b.ids, b.mask);
      expectSame(plain, recomputed, 1e-5);
    }
  }

  void loraWithDropoutBehindFrozenEmbeddings() {
    CausalLm model = createModel(llama(false), /*seed=*/5);
    LoraConfig lora;
    lora.rank = 4;
    lora.dropout = 0.3;
    lora.targetModules = {"q_proj", "v_proj", "down_proj"};
    applyLora(model, lora, /*seed=*/2);
    model->train();
    // B starts at zero; give it values so the adapters (and their dropout) matter.
    {
      at::NoGradGuard noGrad;
      for (auto& p : trainableParameters(model)) p.normal_(0.0, 0.05);
    }
    const Batch b = batch(80, 4, 20);
    const Grads plain = run(model, false, false, b.ids, b.mask);
    const Grads recomputed = run(model, true, false, b.ids, b.mask);
    QCOMPARE(plain.grads.size(), std::size_t{18});  // A and B of 3 projections in 3 layers
    expectSame(plain, recomputed, 1e-5);
    // A different seed draws other masks: the replay above is what made them equal.
    model->setGradientCheckpointing(false);
    model->zero_grad();
    at::manual_seed(100);
    (-model->sequenceLogprobs(b.ids, {}, b.mask).sum.sum()).backward();
    QVERIFY((model->parameters().size() > 0));
    double differs = 0;
    std::size_t i = 0;
    for (const auto& p : trainableParameters(model))
      differs = std::max(differs, (p.grad() - plain.grads[i++]).abs().max().item<double>());
    QVERIFY(differs > 1e-6);
  }

  void underBf16Autocast() {
    for (const ModelConfig& config : {llama(false), gpt2()}) {
      CausalLm model = createModel(config, /*seed=*/8);
      model->train();
      const Batch b = batch(config.vocabSize, 4, 20);
      const Grads plain = run(model, false, true, b.ids, b.mask);
      const Grads recomputed = run(model, true, true, b.ids, b.mask);
      expectSame(plain, recomputed, 1e-5);
    }
  }

  void forwardKeepsLessAndInferenceIsUntouched() {
    const ModelConfig config = llama(false);
    CausalLm model = createModel(config, /*seed=*/9);
    model->train();
    const Batch b = batch(config.vocabSize, 8, 48);
    const auto savedByForward = [&](bool checkpointing) {
      model->setGradientCheckpointing(checkpointing);
      const std::int64_t before = allocation_counter::currentBytes();
      const at::Tensor loss = -model->sequenceLogprobs(b.ids, {}, b.mask).sum.sum();
      const std::int64_t kept = allocation_counter::currentBytes() - before;
      loss.backward();
      model->zero_grad();
      return kept;
    };
    const std::int64_t plain = savedByForward(false);
    const std::int64_t recomputed = savedByForward(true);
    QVERIFY2(recomputed < plain / 2,
             qPrintable(QStringLiteral("%1 vs %2 bytes").arg(recomputed).arg(plain)));
    // Eval mode and no-grad forwards never recompute: same logits with the option on.
    model->eval();
    at::NoGradGuard noGrad;
    model->setGradientCheckpointing(false);
    const at::Tensor expected = model->forward(b.ids);
    model->setGradientCheckpointing(true);
    QCOMPARE((model->forward(b.ids) - expected).abs().max().item<double>(), 0.0);
  }
};

QTEST_GUILESS_MAIN(TestActivationCheckpoint)
#include "test_activation_checkpoint.moc"
