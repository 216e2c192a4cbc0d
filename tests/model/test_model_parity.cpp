// SPDX-License-Identifier: MIT
// The decoder against logits computed by others: Hugging Face transformers (float64) for the
// tiny Llama, Qwen2 and Qwen3 models, an independent NumPy implementation for GPT-2. Also the
// things that must agree with the plain forward: left padding, the KV cache, the fused
// sequence log-probs.
#include <QTemporaryDir>
#include <QtTest>

#include "model/causal_lm.h"
#include "model/fused_ops.h"
#include "model/token_logprobs.h"
#include "model_test_util.h"
#include "support/fixtures.h"

using namespace catdpo;

class TestModelParity : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void logitsMatchReference_data();
  void logitsMatchReference();
  void leftPaddingMatchesUnpadded_data() { logitsMatchReference_data(); }
  void leftPaddingMatchesUnpadded();
  void kvCacheMatchesFullForward_data() { logitsMatchReference_data(); }
  void kvCacheMatchesFullForward();
  void sequenceLogprobsMatchReference_data() { logitsMatchReference_data(); }
  void sequenceLogprobsMatchReference();
  void fusedLogprobGradientsMatchAutograd();
  void fusedNormAndRopeGradientsMatchAutograd();
  void singleRowProjectionMatchesMatrixProduct();
};

void TestModelParity::logitsMatchReference_data() {
  QTest::addColumn<QString>("name");
  for (const char* n : {"llama", "qwen2", "qwen3", "gpt2"}) QTest::newRow(n) << QString(n);
}

void TestModelParity::logitsMatchReference() {
  QFETCH(QString, name);
  CATDPO_REQUIRE_FIXTURE(models, "models");
  QTemporaryDir scratch;
  auto fx = test::loadFixtureModel(models.toStdString(), name.toStdString(),
                                   scratch.path().toStdString());
  at::NoGradGuard noGrad;
  const at::Tensor logits = fx.loaded.model->forward(fx.ids);
  QCOMPARE(logits.sizes(), fx.expected.sizes());
  const double diff = test::maxAbsDiff(logits, fx.expected);
  QVERIFY2(diff <= 1e-5, qPrintable(QString("max abs diff %1").arg(diff)));
  // Sanity of the comparison itself: the reference is not trivially zero.
  QVERIFY(fx.expected.abs().max().item<double>() > 1e-2);
}

void TestModelParity::leftPaddingMatchesUnpadded() {
  QFETCH(QString, name);
  CATDPO_REQUIRE_FIXTURE(models, "models");
  QTemporaryDir scratch;
  auto fx = test::loadFixtureModel(models.toStdString(), name.toStdString(),
                                   scratch.path().toStdString());
  at::NoGradGuard noGrad;
  // Row b keeps its last (16 - 3b) tokens, left-padded with token 0 up to length 16.
  const std::int64_t len = fx.ids.size(1);
  at::Tensor ids = at::zeros_like(fx.ids);
  at::Tensor mask = at::zeros_like(fx.ids);
  std::vector<std::int64_t> keep;
  for (std::int64_t b = 0; b < fx.ids.size(0); ++b) {
    const std::int64_t k = len - 3 * b;
    keep.push_back(k);
    ids[b].narrow(0, len - k, k).copy_(fx.ids[b].narrow(0, 0, k));
    mask[b].narrow(0, len - k, k).fill_(1);
  }
  const at::Tensor padded = fx.loaded.model->forward(ids, mask);
  for (std::int64_t b = 0; b < fx.ids.size(0); ++b) {
    const std::int64_t k = keep[b];
    const at::Tensor single = fx.loaded.model->forward(fx.ids[b].narrow(0, 0, k).unsqueeze(0));
    const double diff = test::maxAbsDiff(padded[b].narrow(0, len - k, k), single[0]);
    QVERIFY2(diff <= 1e-5, qPrintable(QString("row %1: diff %2").arg(b).arg(diff)));
    // Prefix of the reference too: causal attention means a shorter prompt's logits are a prefix.
    QVERIFY(test::maxAbsDiff(single[0], fx.expected[b].narrow(0, 0, k)) <= 1e-5);
  }
}

void TestModelParity::kvCacheMatchesFullForward() {
  QFETCH(QString, name);
  CATDPO_REQUIRE_FIXTURE(models, "models");
  QTemporaryDir scratch;
  auto fx = test::loadFixtureModel(models.toStdString(), name.toStdString(),
                                   scratch.path().toStdString());
  at::NoGradGuard noGrad;
  auto& model = fx.loaded.model;
  KvCache cache = model->makeCache(fx.ids.size(0), fx.ids.size(1));
  // A 5-token prefill, then one token at a time.
  std::vector<at::Tensor> steps;
  steps.push_back(model->logitsFromHidden(model->hidden(fx.ids.narrow(1, 0, 5), {}, {}, &cache)));
  for (std::int64_t t = 5; t < fx.ids.size(1); ++t)
    steps.push_back(model->logitsFromHidden(model->hidden(fx.ids.narrow(1, t, 1), {}, {}, &cache)));
  QCOMPARE(cache.length, fx.ids.size(1));
  const double diff = test::maxAbsDiff(at::cat(steps, 1), fx.expected);
  QVERIFY2(diff <= 1e-5, qPrintable(QString("max abs diff %1").arg(diff)));
}

void TestModelParity::sequenceLogprobsMatchReference() {
  QFETCH(QString, name);
  CATDPO_REQUIRE_FIXTURE(models, "models");
  QTemporaryDir scratch;
  auto fx = test::loadFixtureModel(models.toStdString(), name.toStdString(),
                                   scratch.path().toStdString());
  // Targets: row 0 everything after the first 4 tokens, row 1 positions 8..15, row 2 nothing
  // except position 0 (which is never a target, having no prediction).
  at::Tensor target = at::zeros_like(fx.ids);
  target[0].narrow(0, 4, 12).fill_(1);
  target[1].narrow(0, 8, 8).fill_(1);
  target[2][0] = 1;
  // Reference from the fixture logits in float64.
  const at::Tensor logp = at::log_softmax(fx.expected, -1);
  std::vector<double> refSum(3, 0.0);
  std::vector<std::int64_t> refCount(3, 0);
  for (std::int64_t b = 0; b < 3; ++b)
    for (std::int64_t t = 1; t < 16; ++t)
      if (target[b][t].item<std::int64_t>()) {
        refSum[b] += logp[b][t - 1][fx.ids[b][t].item<std::int64_t>()].item<double>();
        ++refCount[b];
      }
  for (std::int64_t chunk : {0, 3}) {  // one pass, and several chunks
    const SequenceLogprobs out = fx.loaded.model->sequenceLogprobs(fx.ids, {}, target, chunk);
    for (std::int64_t b = 0; b < 3; ++b) {
      QCOMPARE(out.count[b].item<std::int64_t>(), refCount[b]);
      QVERIFY2(
          std::abs(out.sum[b].item<double>() - refSum[b]) <= 1e-4,
          qPrintable(
              QString("row %1: %2 vs %3").arg(b).arg(out.sum[b].item<double>()).arg(refSum[b])));
    }
  }
  // Gradients flow to the LM head (the training path).
  const SequenceLogprobs out = fx.loaded.model->sequenceLogprobs(fx.ids, {}, target);
  out.sum.sum().backward();
  const at::Tensor grad = fx.loaded.model->lmHeadWeight().grad();
  QVERIFY(grad.defined());
  QVERIFY(grad.abs().sum().item<double>() > 0);
}

void TestModelParity::fusedLogprobGradientsMatchAutograd() {
  // The hand-written backward against autograd through log_softmax + gather, in float64.
  at::manual_seed(3);
  const auto f64 = at::TensorOptions().dtype(at::kDouble);
  const at::Tensor h0 = at::randn({7, 5}, f64), w0 = at::randn({9, 5}, f64);
  const at::Tensor targets = at::tensor({0, 8, 3, 3, 1, 7, 2}, at::kLong);
  const at::Tensor upstream = at::randn({7}, f64);
  const at::Tensor h1 = h0.clone().requires_grad_(true), w1 = w0.clone().requires_grad_(true);
  const at::Tensor fused = targetLogprobs(h1, w1, targets);
  (fused * upstream).sum().backward();
  const at::Tensor h2 = h0.clone().requires_grad_(true), w2 = w0.clone().requires_grad_(true);
  const at::Tensor plain =
      at::log_softmax(at::matmul(h2, w2.t()), -1).gather(1, targets.unsqueeze(1)).squeeze(1);
  (plain * upstream).sum().backward();
  QVERIFY(test::maxAbsDiff(fused, plain) < 1e-12);
  QVERIFY(test::maxAbsDiff(h1.grad(), h2.grad()) < 1e-12);
  QVERIFY(test::maxAbsDiff(w1.grad(), w2.grad()) < 1e-12);
  QVERIFY(h2.grad().abs().sum().item<double>() > 0.1);
}

void TestModelParity::fusedNormAndRopeGradientsMatchAutograd() {
  at::manual_seed(4);
  const auto f64 = at::TensorOptions().dtype(at::kDouble);
  const at::Tensor x0 = at::randn({2, 3, 5, 6}, f64), w0 = at::randn({6}, f64);
  const at::Tensor up = at::randn({2, 3, 5, 6}, f64);
  // RMSNorm against its textbook form.
  at::Tensor x1 = x0.clone().requires_grad_(true), w1 = w0.clone().requires_grad_(true);
  (rmsNorm(x1, w1, 1e-5) * up).sum().backward();
  at::Tensor x2 = x0.clone().requires_grad_(true), w2 = w0.clone().requires_grad_(true);
  const at::Tensor ref = x2 / at::sqrt(x2.pow(2).mean(-1, true) + 1e-5) * w2;
  (ref * up).sum().backward();
  QVERIFY(test::maxAbsDiff(rmsNorm(x0, w0, 1e-5), ref) < 1e-12);
  QVERIFY(test::maxAbsDiff(x1.grad(), x2.grad()) < 1e-12);
  QVERIFY(test::maxAbsDiff(w1.grad(), w2.grad()) < 1e-12);
  // RoPE against rotate-half written out with slices.
  const at::Tensor angles = at::randn({1, 1, 5, 3}, f64);
  const at::Tensor cos = at::cat({angles, angles}, -1).cos(),
                   sin = at::cat({angles, angles}, -1).sin();
  at::Tensor x3 = x0.clone().requires_grad_(true), x4 = x0.clone().requires_grad_(true);
  (rotaryEmbedding(x3, cos, sin) * up).sum().backward();
  const at::Tensor rot = at::cat({-x4.narrow(-1, 3, 3), x4.narrow(-1, 0, 3)}, -1);
  const at::Tensor plain = x4 * cos + rot * sin;
  (plain * up).sum().backward();
  QVERIFY(test::maxAbsDiff(rotaryEmbedding(x0, cos, sin), plain) < 1e-12);
  QVERIFY(test::maxAbsDiff(x3.grad(), x4.grad()) < 1e-12);
  QVERIFY(x4.grad().abs().sum().item<double>() > 0.1);
}

// One row takes the matrix-vector path (generation with the KV cache); values, shape and
// gradients must be those of the matrix product, for both weight layouts, with and without bias.
void TestModelParity::singleRowProjectionMatchesMatrixProduct() {
  at::manual_seed(5);
  const auto f64 = at::TensorOptions().dtype(at::kDouble);
  for (const bool inOut : {true, false}) {
    for (const bool withBias : {true, false}) {
      const at::Tensor w0 = inOut ? at::randn({6, 4}, f64) : at::randn({4, 6}, f64);
      const at::Tensor b0 = withBias ? at::randn({4}, f64) : at::Tensor();
      const at::Tensor x0 = at::randn({1, 1, 6}, f64);
      at::Tensor x1 = x0.clone().requires_grad_(true), w1 = w0.clone().requires_grad_(true);
      const at::Tensor y = project(x1, w1, b0, inOut);
      QCOMPARE(y.sizes().vec(), (std::vector<std::int64_t>{1, 1, 4}));
      at::Tensor x2 = x0.clone().requires_grad_(true), w2 = w0.clone().requires_grad_(true);
      at::Tensor ref = at::matmul(x2, inOut ? w2 : w2.t());
      if (withBias) ref = ref + b0;
      QVERIFY(test::maxAbsDiff(y, ref) < 1e-12);
      const at::Tensor up = at::randn({1, 1, 4}, f64);
      (y * up).sum().backward();
      (ref * up).sum().backward();
      QVERIFY(test::maxAbsDiff(x1.grad(), x2.grad()) < 1e-12);
      QVERIFY(test::maxAbsDiff(w1.grad(), w2.grad()) < 1e-12);
      QVERIFY(w2.grad().abs().sum().item<double>() > 0.1);
      // Several rows go through the matrix product and agree with one row at a time.
      const at::Tensor rows = at::randn({3, 6}, f64);
      const at::Tensor all = project(rows, w0, b0, inOut);
      for (std::int64_t r = 0; r < 3; ++r)
        QVERIFY(test::maxAbsDiff(all[r], project(rows[r], w0, b0, inOut)) < 1e-12);
    }
  }
}

QTEST_GUILESS_MAIN(TestModelParity)
#include "test_model_parity.moc"
