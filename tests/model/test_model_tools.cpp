// SPDX-License-Identifier: MIT
// The LibTorch-free entry points and the two CLI commands: `catdpo logits` reproduces the
// fixture's reference logits, `catdpo generate` and TextGenerator agree with the token-level
// greedy decoder on a checkpoint folder with a trained tokenizer.
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "model/checkpoint.h"
#include "model/generate.h"
#include "model/model_tools.h"
#include "model_test_util.h"
#include "support/cli_runner.h"
#include "support/fixtures.h"
#include "text/tokenizer.h"

using namespace catdpo;
namespace fs = std::filesystem;
using nlohmann::json;

using test::CliResult;
using test::runCli;

namespace {

// A small checkpoint folder: a BPE tokenizer trained on a few sentences and a random Llama.
fs::path makeCheckpoint(const fs::path& root, Tokenizer* tokenizer) {
  std::vector<std::string> corpus;
  for (int i = 0; i < 20; ++i)
    corpus.push_back("the cat sat on the mat number " + std::to_string(i) + ". the dog ran.");
  *tokenizer = trainBpe(corpus, 300, {"<|endoftext|>"});
  const ModelConfig config = modelConfigFromJson({{"model_type", "llama"},
                                                  {"hidden_size", 32},
                                                  {"intermediate_size", 48},
                                                  {"num_hidden_layers", 2},
                                                  {"num_attention_heads", 4},
                                                  {"num_key_value_heads", 2},
                                                  {"vocab_size", tokenizer->vocabSize()},
                                                  {"max_position_embeddings", 128},
                                                  {"eos_token_id", tokenizer->eosId()}});
  CausalLm model = createModel(config, 21);
  SaveOptions options;
  const Tokenizer tok = *tokenizer;
  options.writeExtra = [tok](const fs::path& dir) { tok.save(dir); };
  const fs::path dir = root / "ckpt";
  savePretrained(dir, model, options);
  return dir;
}
}  // namespace

class TestModelTools : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void parseIdList();
  void computeLogitsMatchesFixture();
  void textGeneratorMatchesTokenDecoder();
  void cliLogitsMatchesFixture();
  void cliGenerateMatchesLibrary();
  void cliMemoryEstimate();
};

void TestModelTools::parseIdList() {
  QCOMPARE(catdpo::parseIdList("1, 2,30"), (std::vector<std::int64_t>{1, 2, 30}));
  for (const char* bad : {"", "1,,2", "-1", "1.5", "a"}) {
    try {
      catdpo::parseIdList(bad);
      QFAIL(bad);
    } catch (const Error& e) {
      QVERIFY(QString(e.what()).contains("'ids'"));
    }
  }
}

void TestModelTools::computeLogitsMatchesFixture() {
  CATDPO_REQUIRE_FIXTURE(models, "models");
  QTemporaryDir scratch;
  auto fx = test::loadFixtureModel(models.toStdString(), "qwen3", scratch.path().toStdString());
  std::vector<std::int64_t> ids(fx.ids[2].data_ptr<std::int64_t>(),
                                fx.ids[2].data_ptr<std::int64_t>() + 16);
  const fs::path dir = models.toStdString();
  const LogitsReport r =
      computeLogits(dir / "tiny_qwen3.safetensors", dir / "tiny_qwen3_config.json", ids);
  QCOMPARE(r.logits.size(), std::size_t(16));
  double worst = 0;
  for (int t = 0; t < 16; ++t)
    for (int v = 0; v < 13; ++v)
      worst = std::max(worst, std::abs(r.logits[t][v] - fx.expected[2][t][v].item<double>()));
  QVERIFY2(worst <= 1e-5, qPrintable(QString::number(worst)));
  QCOMPARE(r.fingerprint, modelFingerprint(fx.loaded.model));
}

void TestModelTools::textGeneratorMatchesTokenDecoder() {
  QTemporaryDir scratch;
  Tokenizer tok;
  const fs::path dir = makeCheckpoint(scratch.path().toStdString(), &tok);
  const TextGenerator generator = TextGenerator::load(dir, "cpu", "float32");
  GenerationOptions o;
  o.maxNewTokens = 12;
  const auto texts = generator.generate({"the cat", "a dog ran on"}, o);
  LoadedModel loaded = loadPretrained(dir);
  for (const auto& g : texts) {
    const auto ids = tok.encode(g.prompt, true);
    GenerationOptions ref = o;
    ref.stopTokenIds = {tok.eosId()};
    const auto r = generate(loaded.model, {std::vector<std::int64_t>(ids.begin(), ids.end())}, ref);
    QCOMPARE(g.tokens, r.tokens[0]);
    QCOMPARE(g.text, tok.decode(std::vector<std::int32_t>(g.tokens.begin(), g.tokens.end()), true));
  }
}

void TestModelTools::cliLogitsMatchesFixture() {
  CATDPO_REQUIRE_FIXTURE(models, "models");
  QTemporaryDir scratch;
  auto fx = test::loadFixtureModel(models.toStdString(), "llama", scratch.path().toStdString());
  QStringList ids;
  for (int t = 0; t < 16; ++t) ids << QString::number(fx.ids[0][t].item<std::int64_t>());
  const CliResult outCli =
      runCli({"logits", "--model", models + "/tiny_llama.safetensors", "--config",
              models + "/tiny_llama_config.json", "--ids", ids.join(','), "--json"});
  CATDPO_VERIFY_CLI_OK(outCli);
  const json out = json::parse(outCli.outText());
  QCOMPARE(out["model_type"].get<std::string>(), std::string("llama"));
  double worst = 0;
  for (int t = 0; t < 16; ++t)
    for (int v = 0; v < 11; ++v)
      worst = std::max(
          worst, std::abs(out["logits"][t][v].get<double>() - fx.expected[0][t][v].item<double>()));
  QVERIFY2(worst <= 1e-5, qPrintable(QString::number(worst)));
  // A bad id list fails with the field named.
  const CliResult bad = runCli({"logits", "--model", models + "/tiny_llama.safetensors", "--config",
                                models + "/tiny_llama_config.json", "--ids", "1,99"});
  CATDPO_VERIFY_CLI_EXIT(bad, 1);
  QVERIFY2(bad.err.contains("outside the vocabulary"), bad.err.constData());
}

void TestModelTools::cliGenerateMatchesLibrary() {
  QTemporaryDir scratch;
  Tokenizer tok;
  const fs::path dir = makeCheckpoint(scratch.path().toStdString(), &tok);
  GenerationOptions o;
  o.maxNewTokens = 10;
  o.temperature = 0.8;
  o.topP = 0.9;
  o.seed = 5;
  const auto expected = TextGenerator::load(dir, "cpu", "float32").generate({"the mat"}, o);
  const CliResult outCli =
      runCli({"generate", "--model", QString::fromStdString(dir.string()), "--prompt", "the mat",
              "--max-new-tokens", "10", "--temperature", "0.8", "--top-p", "0.9", "--seed", "5",
              "--device", "cpu", "--dtype", "float32", "--json"});
  CATDPO_VERIFY_CLI_OK(outCli);
  const json out = json::parse(outCli.outText());
  QCOMPARE(out["results"][0]["text"].get<std::string>(), expected[0].text);
  QCOMPARE(out["results"][0]["tokens"].get<std::vector<std::int64_t>>(), expected[0].tokens);
}

// `catdpo memory` on a Qwen2.5-0.5B config.json: its published parameter count, the parts
// adding up to the peak, LoRA training far fewer parameters, and clear errors.
void TestModelTools::cliMemoryEstimate() {
  QTemporaryDir scratch;
  const fs::path dir = fs::path(scratch.path().toStdString()) / "qwen";
  fs::create_directories(dir);
  {
    std::ofstream(dir / "config.json") << json{
        {"model_type", "qwen2"},
        {"hidden_size", 896},
        {"intermediate_size", 4864},
        {"num_hidden_layers", 24},
        {"num_attention_heads", 14},
        {"num_key_value_heads", 2},
        {"vocab_size", 151936},
        {"tie_word_embeddings", true},
        {"max_position_embeddings", 32768}}.dump(2);
  }
  const CliResult fullCli =
      runCli({"memory", "--model", QString::fromStdString(dir.string()), "--json"});
  CATDPO_VERIFY_CLI_OK(fullCli);
  const json full = json::parse(fullCli.outText());
  QCOMPARE(full["parameters"].get<std::int64_t>(), std::int64_t{494032768});
  // bf16-mixed by default (what auto trains in on CUDA): float32 weights and AdamW state.
  QCOMPARE(full["weights"].get<double>(), 4.0 * 494032768);
  QCOMPARE(full["precision"].get<std::string>(), std::string("bf16-mixed"));
  const CliResult pureCli = runCli(
      {"memory", "--model", QString::fromStdString(dir.string()), "--precision", "bf16", "--json"});
  CATDPO_VERIFY_CLI_OK(pureCli);
  const json pure = json::parse(pureCli.outText());
  QCOMPARE(pure["weights"].get<double>(), 2.0 * 494032768);
  QCOMPARE(pure["optimizer"].get<double>(), 4.0 * 494032768);
  const CliResult recomputeCli = runCli({"memory", "--model", QString::fromStdString(dir.string()),
                                         "--gradient-checkpointing", "--json"});
  CATDPO_VERIFY_CLI_OK(recomputeCli);
  const json recompute = json::parse(recomputeCli.outText());
  QVERIFY(recompute["gradient_checkpointing"].get<bool>());
  QVERIFY(recompute["activations"].get<double>() < full["activations"].get<double>() / 4);
  QVERIFY(recompute["largest_fitting_rows"].get<std::int64_t>() >
          full["largest_fitting_rows"].get<std::int64_t>());
  const double parts = full["weights"].get<double>() + full["gradients"].get<double>() +
                       full["optimizer"].get<double>() + full["activations"].get<double>() +
                       full["logprob_head"].get<double>() + full["transient"].get<double>();
  QVERIFY(std::abs(parts - full["peak"].get<double>()) < 1.0);
  QVERIFY(full["fits"].get<bool>());
  QVERIFY(full["largest_fitting_rows"].get<std::int64_t>() >= 4);
  const CliResult loraCli =
      runCli({"memory", "--model", QString::fromStdString((dir / "config.json").string()), "--lora",
              "--lora-rank", "8", "--json"});
  CATDPO_VERIFY_CLI_OK(loraCli);
  const json lora = json::parse(loraCli.outText());
  QCOMPARE(lora["trainable_parameters"].get<std::int64_t>(),
           std::int64_t{24 * 8 * (1792 + 2 * 1024 + 1792)});
  QVERIFY(lora["peak"].get<double>() < full["peak"].get<double>());
  // LoRA targets from another architecture are refused, not silently counted as nothing.
  const QString model = QString::fromStdString(dir.string());
  const CliResult gpt2Targets =
      runCli({"memory", "--model", model, "--lora", "--lora-targets", "q_proj,c_attn"});
  CATDPO_VERIFY_CLI_EXIT(gpt2Targets, 1);
  QVERIFY(gpt2Targets.err.contains("'c_attn' matches no projection"));
  // A tiny card: nothing fits, and the text says so.
  const CliResult tiny = runCli({"memory", "--model", model, "--device-gb", "3"});
  CATDPO_VERIFY_CLI_OK(tiny);
  QVERIFY(tiny.out.contains("Does not fit"));
  // Errors name what is wrong.
  const CliResult bad = runCli({"memory", "--model", model, "--dtype", "fp8"});
  CATDPO_VERIFY_CLI_EXIT(bad, 1);
  QVERIFY(bad.err.contains("unknown dtype 'fp8'"));
  { std::ofstream(dir / "config.json") << "{\n  \"model_type\": \"qwen2\",\n  oops\n}"; }
  const CliResult broken = runCli({"memory", "--model", model});
  CATDPO_VERIFY_CLI_EXIT(broken, 1);
  const QString err = QString::fromUtf8(broken.err);
  QVERIFY2(err.contains(QStringLiteral("config.json")) && err.contains(QStringLiteral("3")),
           qPrintable(err));
}

QTEST_GUILESS_MAIN(TestModelTools)
#include "test_model_tools.moc"
