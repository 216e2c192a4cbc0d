// SPDX-License-Identifier: MIT
// Model files from a hub: a config.json nested 100 000 levels deep in an unused field, sizes
// that are floats, negative, beyond any machine or that multiply past 64 bits, a config that
// claims a far bigger model than its weights hold (refused before allocating it), and integer
// weights where floats belong. Also: the weight layout computed from a config matches the
// parameters CausalLm registers, for every family.
#include <QTemporaryDir>
#include <QtTest>
#include <chrono>
#include <fstream>

#include "common/error.h"
#include "model/checkpoint.h"
#include "model/model_config.h"
#include "model/safetensors_torch.h"
#include "model/weight_layout.h"

using namespace catdpo;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

json llamaJson() {
  return {{"model_type", "llama"},    {"hidden_size", 8},
          {"intermediate_size", 12},  {"num_hidden_layers", 2},
          {"num_attention_heads", 2}, {"num_key_value_heads", 1},
          {"vocab_size", 11},         {"max_position_embeddings", 16}};
}

QString errorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return QString::fromStdString(e.what());
  }
  return {};
}

void writeText(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

}  // namespace

class TestModelHostile : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir m_dir;
  fs::path path(const char* name) const { return fs::path(m_dir.path().toStdString()) / name; }

 private Q_SLOTS:
  void deepUnusedFieldIsRefused() {
    const fs::path file = path("deep_config.json");
    std::string text = llamaJson().dump();
    text.pop_back();
    text += ", \"unused\": " + std::string(100000, '[') + std::string(100000, ']') + "}";
    writeText(file, text);
    const QString msg = errorOf([&] { loadModelConfig(file); });
    QVERIFY2(msg.contains(QString::fromStdString(file.string())), qPrintable(msg));
    QVERIFY2(msg.contains("CATDPO_JSON_MAX_DEPTH"), qPrintable(msg));
    writeText(file, "{\"model_type\": \"llama\", \"rope_theta\": 1e400}");
    QVERIFY(errorOf([&] { loadModelConfig(file); }).contains("outside the range of a double"));
  }

  void sizesAreIntegersInRange_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("float") << "vocab_size"
                           << "1e9"
                           << "non-integer";
    QTest::newRow("fraction") << "hidden_size"
                              << "8.5"
                              << "non-integer";
    QTest::newRow("negative") << "num_hidden_layers"
                              << "-1"
                              << "outside";
    QTest::newRow("huge") << "vocab_size"
                          << "1099511627776"
                          << "outside";
    QTest::newRow("wraps") << "intermediate_size"
                           << "18446744073709551615"
                           << "outside";
    QTest::newRow("string") << "num_attention_heads"
                            << "\"2\""
                            << "expected an integer";
    QTest::newRow("position float") << "max_position_embeddings"
                                    << "16.0"
                                    << "non-integer";
    // Each size allowed alone, together beyond any machine (and past 2^63 when multiplied).
    QTest::newRow("product") << "num_hidden_layers"
                             << "1073741824"
                             << "parameters";
  }
  void sizesAreIntegersInRange() {
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    json j = llamaJson();
    j[key.toStdString()] = json::parse(value.toStdString());
    if (key == "num_hidden_layers" && expected == "parameters") {
      j["hidden_size"] = 1 << 20;
      j["intermediate_size"] = 1 << 20;
    }
    const QString msg = errorOf([&] { modelConfigFromJson(j, "cfg.json"); });
    QVERIFY2(msg.startsWith("cfg.json:") && msg.contains(expected), qPrintable(msg));
  }

  void ropeScalingPositionsAreIntegers() {
    json j = llamaJson();
    j["rope_scaling"] = {{"rope_type", "llama3"},
                         {"factor", 8.0},
                         {"low_freq_factor", 1.0},
                         {"high_freq_factor", 4.0},
                         {"original_max_position_embeddings", 1e300}};
    QVERIFY(errorOf([&] {
              modelConfigFromJson(j, "cfg.json");
            }).contains("rope_scaling.original_max_position_embeddings"));
  }

  void layoutMatchesTheModel() {
    for (const char* type :
         {"llama", "qwen2", "qwen3", "gpt2", "mistral", "gemma2", "gemma3_text", "phi3"}) {
      json j = llamaJson();
      j["model_type"] = type;
      if (std::string(type) == "gpt2")
        j = {{"model_type", "gpt2"}, {"n_embd", 8},      {"n_layer", 2},
             {"n_head", 2},          {"vocab_size", 11}, {"n_positions", 16}};
      if (std::string(type) == "llama") j["attention_bias"] = true;
      const ModelConfig c = modelConfigFromJson(j, type);
      CausalLm model(c);
      std::vector<ExpectedWeight> actual;
      for (const auto& p : model->named_parameters(/*recurse=*/true))
        actual.push_back({p.key(), p.value().sizes().vec()});
      const std::vector<ExpectedWeight> expected = expectedWeights(c);
      QCOMPARE(expected.size(), actual.size());
      for (std::size_t i = 0; i < actual.size(); ++i) {
        QCOMPARE(expected[i].name, actual[i].name);
        QCOMPARE(expected[i].shape, actual[i].shape);
      }
      std::int64_t total = 0;
      for (const auto& p : model->parameters()) total += p.numel();
      QCOMPARE(expectedParameterCount(c), total);
    }
  }

  void configBiggerThanItsWeightsIsRefusedBeforeAllocating() {
    const ModelConfig small = modelConfigFromJson(llamaJson(), "small");
    CausalLm model = createModel(small, /*seed=*/1);
    const fs::path dir = path("tiny");
    savePretrained(dir, model);
    // Now config.json claims a 7B-sized model: allocating it first would take ~28 GB.
    json big = json::parse(std::ifstream(dir / "config.json"));
    big["hidden_size"] = 4096;
    big["intermediate_size"] = 11008;
    big["num_hidden_layers"] = 32;
    big["num_attention_heads"] = 32;
    big["num_key_value_heads"] = 32;
    big["vocab_size"] = 32000;
    writeText(dir / "config.json", big.dump());
    const auto start = std::chrono::steady_clock::now();
    const QString msg = errorOf([&] { loadPretrained(dir); });
    QVERIFY2(msg.contains("does not match the config's"), qPrintable(msg));
    QVERIFY2(msg.contains("model.embed_tokens.weight"), qPrintable(msg));
    QVERIFY(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
  }

  void integerWeightsAreRefused() {
    const ModelConfig small = modelConfigFromJson(llamaJson(), "small");
    CausalLm model = createModel(small, /*seed=*/2);
    const fs::path dir = path("int32");
    savePretrained(dir, model);
    NamedTensors tensors = hfStateDict(model);
    for (auto& [name, t] : tensors)
      if (name == "model.norm.weight") t = t.to(at::kInt);
    saveTensors(dir / "model.safetensors", tensors);
    const QString msg = errorOf([&] { loadPretrained(dir); });
    QVERIFY2(msg.contains("model.norm.weight") && msg.contains("dtype I32"), qPrintable(msg));
    // loadWeights into an existing model refuses them the same way.
    QVERIFY(errorOf([&] { loadWeights(model, TensorStore::open(dir)); }).contains("dtype I32"));
  }
};

QTEST_GUILESS_MAIN(TestModelHostile)
#include "test_model_hostile.moc"
