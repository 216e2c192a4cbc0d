// SPDX-License-Identifier: MIT
// Generation: greedy decoding equals the argmax chain of full forward passes, with and without
// the KV cache, batched with left padding equals one prompt at a time, seeded sampling is
// reproducible, top-k/top-p restrict the support, stop tokens end a sequence.
#include <ATen/CPUGeneratorImpl.h>
#include <QTemporaryDir>
#include <QtTest>
#include <set>

#include "model/generate.h"
#include "model_test_util.h"
#include "support/fixtures.h"

using namespace catdpo;

namespace {
std::vector<std::int64_t> argmaxChain(CausalLm& model, std::vector<std::int64_t> seq, int steps) {
  at::NoGradGuard noGrad;
  std::vector<std::int64_t> out;
  for (int i = 0; i < steps; ++i) {
    const at::Tensor logits = model->forward(at::tensor(seq, at::kLong).unsqueeze(0));
    const std::int64_t next = logits[0][-1].argmax().item<std::int64_t>();
    out.push_back(next);
    seq.push_back(next);
  }
  return out;
}
}  // namespace

class TestGenerate : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void greedyEqualsArgmaxChain_data();
  void greedyEqualsArgmaxChain();
  void batchedLeftPaddingEqualsSingle_data() { greedyEqualsArgmaxChain_data(); }
  void batchedLeftPaddingEqualsSingle();
  void samplingIsSeeded();
  void stopTokensEndSequences();
  void topKAndTopPRestrictSupport();
};

void TestGenerate::greedyEqualsArgmaxChain_data() {
  QTest::addColumn<QString>("name");
  for (const char* n : {"llama", "qwen2", "qwen3", "gpt2"}) QTest::newRow(n) << QString(n);
}

void TestGenerate::greedyEqualsArgmaxChain() {
  QFETCH(QString, name);
  CATDPO_REQUIRE_FIXTURE(models, "models");
  QTemporaryDir scratch;
  auto fx = test::loadFixtureModel(models.toStdString(), name.toStdString(),
                                   scratch.path().toStdString());
  std::vector<std::int64_t> prompt;
  for (int t = 0; t < 4; ++t) prompt.push_back(fx.ids[1][t].item<std::int64_t>());
  GenerationOptions o;
  o.maxNewTokens = 10;
  const auto cached = generate(fx.loaded.model, {prompt}, o);
  const auto reference = argmaxChain(fx.loaded.model, prompt, 10);
  QCOMPARE(cached.tokens[0], reference);
  QVERIFY(!cached.stopped[0]);
  o.useCache = false;
  QCOMPARE(generate(fx.loaded.model, {prompt}, o).tokens[0], reference);
  o.useCache = true;
  QCOMPARE(generate(fx.loaded.model, {prompt}, o).tokens[0], reference);  // deterministic
}

void TestGenerate::batchedLeftPaddingEqualsSingle() {
  QFETCH(QString, name);
  CATDPO_REQUIRE_FIXTURE(models, "models");
  QTemporaryDir scratch;
  auto fx = test::loadFixtureModel(models.toStdString(), name.toStdString(),
                                   scratch.path().toStdString());
  std::vector<std::vector<std::int64_t>> prompts;
  for (int b = 0; b < 3; ++b) {
    std::vector<std::int64_t> p;
    for (int t = 0; t < 3 + 2 * b; ++t) p.push_back(fx.ids[b][t].item<std::int64_t>());
    prompts.push_back(p);
  }
  GenerationOptions o;
  o.maxNewTokens = 8;
  o.padTokenId = 1;
  const auto batched = generate(fx.loaded.model, prompts, o);
  for (std::size_t b = 0; b < prompts.size(); ++b) {
    QCOMPARE(batched.tokens[b], generate(fx.loaded.model, {prompts[b]}, o).tokens[0]);
    QCOMPARE(batched.tokens[b], argmaxChain(fx.loaded.model, prompts[b], 8));
  }
}

void TestGenerate::samplingIsSeeded() {
  CATDPO_REQUIRE_FIXTURE(models, "models");
  QTemporaryDir scratch;
  auto fx = test::loadFixtureModel(models.toStdString(), "qwen2", scratch.path().toStdString());
  GenerationOptions o;
  o.maxNewTokens = 12;
  o.temperature = 1.5;
  o.seed = 42;
  const std::vector<std::vector<std::int64_t>> prompts = {{1, 2}, {3, 4, 5}};
  const auto a = generate(fx.loaded.model, prompts, o);
  const auto b = generate(fx.loaded.model, prompts, o);
  QCOMPARE(a.tokens, b.tokens);
  o.seed = 43;
  QVERIFY(generate(fx.loaded.model, prompts, o).tokens != a.tokens);
  // top-k 1 and a tiny top-p both reduce sampling to greedy.
  GenerationOptions greedy;
  greedy.maxNewTokens = 12;
  const auto g = generate(fx.loaded.model, prompts, greedy);
  o.topK = 1;
  QCOMPARE(generate(fx.loaded.model, prompts, o).tokens, g.tokens);
  o.topK = 0;
  o.topP = 1e-6;
  QCOMPARE(generate(fx.loaded.model, prompts, o).tokens, g.tokens);
}

void TestGenerate::stopTokensEndSequences() {
  CATDPO_REQUIRE_FIXTURE(models, "models");
  QTemporaryDir scratch;
  auto fx = test::loadFixtureModel(models.toStdString(), "llama", scratch.path().toStdString());
  const std::vector<std::int64_t> prompt = {2, 6, 2};
  const auto chain = argmaxChain(fx.loaded.model, prompt, 10);
  // Stop at the first token of the chain that did not occur before it.
  std::size_t cut = 1;
  while (cut < chain.size() && std::find(chain.begin(), chain.begin() + static_cast<long>(cut),
                                         chain[cut]) != chain.begin() + static_cast<long>(cut))
    ++cut;
  if (cut == chain.size()) QSKIP("greedy chain repeats a single token; no stop position to test");
  GenerationOptions o;
  o.maxNewTokens = 10;
  o.stopTokenIds = {chain[cut]};
  const auto r = generate(fx.loaded.model, {prompt, prompt}, o);
  for (int b = 0; b < 2; ++b) {
    QVERIFY(r.stopped[b]);
    QCOMPARE(r.tokens[b],
             std::vector<std::int64_t>(chain.begin(), chain.begin() + static_cast<long>(cut)));
  }
}

void TestGenerate::topKAndTopPRestrictSupport() {
  // Probabilities 0.5, 0.3, 0.15, 0.05 for ids 0..3.
  const at::Tensor logits = at::log(at::tensor({0.5, 0.3, 0.15, 0.05}, at::kFloat)).unsqueeze(0);
  at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(1);
  GenerationOptions o;
  o.temperature = 1.0;
  auto support = [&](const GenerationOptions& opt) {
    std::set<std::int64_t> seen;
    for (int i = 0; i < 300; ++i)
      seen.insert(pickNextTokens(logits, opt, gen).item<std::int64_t>());
    return seen;
  };
  QCOMPARE(support(o), (std::set<std::int64_t>{0, 1, 2, 3}));
  o.topK = 2;
  QCOMPARE(support(o), (std::set<std::int64_t>{0, 1}));
  o.topK = 0;
  o.topP = 0.6;  // 0.5 < 0.6, so id 1 is needed to reach it; id 2 is not
  QCOMPARE(support(o), (std::set<std::int64_t>{0, 1}));
  o.topP = 0.85;
  QCOMPARE(support(o), (std::set<std::int64_t>{0, 1, 2}));
  o.temperature = 0;
  QCOMPARE(support(o), (std::set<std::int64_t>{0}));
}

QTEST_GUILESS_MAIN(TestGenerate)
#include "test_generate.moc"
