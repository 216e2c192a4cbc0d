// SPDX-License-Identifier: MIT
// The decoder of every family the engine loads against Hugging Face transformers itself (the
// pinned version in build/pyenv; skipped with a message where it is absent). The oracle
// (tests/reference/hf_model_oracle.py) writes a small random model of each family with
// save_pretrained and its own outputs; the engine loads that folder as a user's checkpoint and
// must give, on three sequences as one left-padded batch:
//   float64 logits within 2e-6 of transformers' float64 logits, relative to the largest logit
//     (transformers computes its RoPE tables in float32 even for a float64 model, which moves
//     its logits by about 5e-7; the engine's tables are float64; GPT-2, without RoPE, agrees to
//     1e-12);
//   float32 logits within 5e-5 of them, relative (transformers' own float32 is about 2e-6 off);
//   bfloat16 logits (bfloat16 weights) no further from them than 1.5 times transformers' own
//     bfloat16 logits are, plus 0.01 of the largest logit;
// and the same 32 greedy tokens with the KV cache (float64) for two prompts decoded as one
// left-padded batch as transformers' generate() gives for each prompt alone.
// CATDPO_ORACLE_PERTURB=1 shifts one float64 logit (by half the largest) and one generated
// token of the oracle: every check must then fail.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <map>

#include "model/checkpoint.h"
#include "model/generate.h"
#include "model/safetensors_torch.h"
#include "support/fixtures.h"

using namespace catdpo;

namespace {

const char* const kFamilies[] = {"llama",   "qwen2",  "qwen3",  "gpt2",
                                 "mistral", "gemma2", "gemma3", "phi3"};

// Max |a - b| over the real (unpadded) positions, relative to the largest |reference| there.
double relativeError(const at::Tensor& a, const at::Tensor& reference, const at::Tensor& mask) {
  const at::Tensor real = mask.to(at::kBool).unsqueeze(-1).expand_as(reference);
  const at::Tensor ref = reference.masked_select(real);
  const at::Tensor got = a.to(at::kDouble).masked_select(real);
  return (got - ref).abs().max().item<double>() / ref.abs().max().item<double>();
}

}  // namespace

class TestHfOracle : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase();
  void float64Logits_data() { families(); }
  void float64Logits();
  void float32Logits_data() { families(); }
  void float32Logits();
  void bfloat16Logits_data() { families(); }
  void bfloat16Logits();
  void greedyGenerationWithCache_data() { families(); }
  void greedyGenerationWithCache();
  void perturbedOracleIsCaught();

 private:
  void families() {
    QTest::addColumn<QString>("family");
    for (const char* f : kFamilies) QTest::newRow(f) << QString(f);
  }
  // The oracle's outputs for `family` (perturbed when CATDPO_ORACLE_PERTURB=1).
  std::map<std::string, at::Tensor> oracle(const QString& family);
  LoadedModel load(const QString& family, const std::string& dtype);
  at::Tensor engineLogits(const QString& family, const std::string& dtype);

  QTemporaryDir m_dir;
  QString m_skip;
};

void TestHfOracle::initTestCase() {
  const QString python = test::pyenvPython();
  if (python.isEmpty()) {
    m_skip =
        "the oracle environment build/pyenv is absent: run packaging/python-env.sh (or set "
        "CATDPO_PYENV to such an environment)";
    return;
  }
  QVERIFY(m_dir.isValid());
  QStringList args{test::sourceDir() + "/tests/reference/hf_model_oracle.py", m_dir.path()};
  for (const char* f : kFamilies) args << f;
  QProcess py;
  py.setProcessChannelMode(QProcess::MergedChannels);
  py.start(python, args);
  QVERIFY(py.waitForStarted());
  QVERIFY2(py.waitForFinished(600000), "the transformers oracle ran for over 10 minutes");
  QVERIFY2(py.exitStatus() == QProcess::NormalExit && py.exitCode() == 0,
           qPrintable("the transformers oracle failed:\n" + py.readAll()));
}

std::map<std::string, at::Tensor> TestHfOracle::oracle(const QString& family) {
  const TensorStore store =
      TensorStore::open((m_dir.path() + "/" + family).toStdString() + "/oracle.safetensors");
  std::map<std::string, at::Tensor> out;
  for (const std::string& name : store.names()) out[name] = store.get(name).clone();
  if (qEnvironmentVariableIntValue("CATDPO_ORACLE_PERTURB") == 1) {
    // One logit at a real position (the last token of the first row) and the last token.
    at::Tensor& logits = out["logits_float64"];
    logits[0][logits.size(1) - 1][0].add_(0.5 * logits.abs().max().item<double>());
    out["generated"][1][31].add_(1).remainder_(logits.size(-1));
  }
  return out;
}

LoadedModel TestHfOracle::load(const QString& family, const std::string& dtype) {
  LoadOptions options;
  options.dtype = dtype;
  return loadPretrained((m_dir.path() + "/" + family + "/model").toStdString(), options);
}

at::Tensor TestHfOracle::engineLogits(const QString& family, const std::string& dtype) {
  const auto o = oracle(family);
  LoadedModel loaded = load(family, dtype);
  at::NoGradGuard noGrad;
  loaded.model->eval();
  return loaded.model->forward(o.at("ids"), o.at("mask")).to(at::kDouble);
}

void TestHfOracle::float64Logits() {
  if (!m_skip.isEmpty()) QSKIP(qPrintable(m_skip));
  QFETCH(QString, family);
  const auto o = oracle(family);
  const double err =
      relativeError(engineLogits(family, "float64"), o.at("logits_float64"), o.at("mask"));
  QVERIFY2(err <= 2e-6, qPrintable(QString("relative error %1 > 2e-6").arg(err)));
}

void TestHfOracle::float32Logits() {
  if (!m_skip.isEmpty()) QSKIP(qPrintable(m_skip));
  QFETCH(QString, family);
  const auto o = oracle(family);
  const double err =
      relativeError(engineLogits(family, "float32"), o.at("logits_float64"), o.at("mask"));
  const double theirs = relativeError(o.at("logits_float32"), o.at("logits_float64"), o.at("mask"));
  qInfo("%s float32: engine %.2e, transformers %.2e", qPrintable(family), err, theirs);
  QVERIFY2(err <= 5e-5, qPrintable(QString("relative error %1 > 5e-5").arg(err)));
  // The oracle's own float32 run must agree with its float64 run too (its file is whole).
  QVERIFY2(theirs <= 5e-5, qPrintable(QString("transformers' float32 is %1 off").arg(theirs)));
}

void TestHfOracle::bfloat16Logits() {
  if (!m_skip.isEmpty()) QSKIP(qPrintable(m_skip));
  QFETCH(QString, family);
  const auto o = oracle(family);
  const double err =
      relativeError(engineLogits(family, "bfloat16"), o.at("logits_float64"), o.at("mask"));
  const double theirs =
      relativeError(o.at("logits_bfloat16"), o.at("logits_float64"), o.at("mask"));
  qInfo("%s bfloat16: engine %.3f, transformers %.3f", qPrintable(family), err, theirs);
  QVERIFY2(err <= 1.5 * theirs + 0.01,
           qPrintable(
               QString("relative error %1 > 1.5 x transformers' %2 + 0.01").arg(err).arg(theirs)));
  // A bfloat16 run that matched float64 exactly would mean the oracle's bfloat16 run was not one.
  QVERIFY2(theirs > 1e-4 && theirs < 0.2,
           qPrintable(QString("transformers' bfloat16 is %1 off").arg(theirs)));
}

void TestHfOracle::greedyGenerationWithCache() {
  if (!m_skip.isEmpty()) QSKIP(qPrintable(m_skip));
  QFETCH(QString, family);
  const auto o = oracle(family);
  const at::Tensor prompt = o.at("prompt"), mask = o.at("prompt_mask").to(at::kBool);
  std::vector<std::vector<std::int64_t>> prompts;
  for (std::int64_t row = 0; row < prompt.size(0); ++row) {
    const at::Tensor ids = prompt[row].masked_select(mask[row]).contiguous();
    prompts.emplace_back(ids.data_ptr<std::int64_t>(), ids.data_ptr<std::int64_t>() + ids.numel());
  }
  LoadedModel loaded = load(family, "float64");
  GenerationOptions options;
  options.maxNewTokens = o.at("generated").size(1);
  const GenerationResult result = generate(loaded.model, prompts, options);
  for (std::size_t row = 0; row < prompts.size(); ++row) {
    const at::Tensor expected = o.at("generated")[static_cast<std::int64_t>(row)].contiguous();
    const std::vector<std::int64_t> want(expected.data_ptr<std::int64_t>(),
                                         expected.data_ptr<std::int64_t>() + expected.numel());
    QCOMPARE(result.tokens[row], want);
  }
}

void TestHfOracle::perturbedOracleIsCaught() {
  // The checks above against an oracle shifted as CATDPO_ORACLE_PERTURB does: each must notice.
  if (!m_skip.isEmpty()) QSKIP(qPrintable(m_skip));
  const QString family = "gemma2";
  qputenv("CATDPO_ORACLE_PERTURB", "1");
  const auto o = oracle(family);
  qunsetenv("CATDPO_ORACLE_PERTURB");
  const auto clean = oracle(family);
  const at::Tensor f64 = engineLogits(family, "float64");
  QVERIFY(relativeError(f64, clean.at("logits_float64"), clean.at("mask")) <= 2e-6);
  QVERIFY(relativeError(f64, o.at("logits_float64"), o.at("mask")) > 2e-6);
  QVERIFY(relativeError(engineLogits(family, "float32"), o.at("logits_float64"), o.at("mask")) >
          5e-5);
  const double theirs =
      relativeError(clean.at("logits_bfloat16"), clean.at("logits_float64"), clean.at("mask"));
  QVERIFY(relativeError(engineLogits(family, "bfloat16"), o.at("logits_float64"), o.at("mask")) >
          1.5 * theirs + 0.01);
  QVERIFY(!at::equal(o.at("generated"), clean.at("generated")));
}

QTEST_GUILESS_MAIN(TestHfOracle)
#include "test_hf_oracle.moc"
