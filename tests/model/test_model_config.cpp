// SPDX-License-Identifier: MIT
// HF config.json parsing per family, round trip, clear errors, and RoPE frequency scalings
// checked against values derived by hand from the published formulas.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "common/error.h"
#include "model/model_config.h"
#include "model/rope.h"
#include "support/fixtures.h"

using namespace catdpo;
using nlohmann::json;

namespace {
QString errorOf(const json& j) {
  try {
    modelConfigFromJson(j, "cfg.json");
  } catch (const Error& e) {
    return QString::fromStdString(e.what());
  }
  return {};
}
json llamaJson() {
  return {{"model_type", "llama"},    {"hidden_size", 8},
          {"intermediate_size", 12},  {"num_hidden_layers", 2},
          {"num_attention_heads", 2}, {"num_key_value_heads", 1},
          {"vocab_size", 11},         {"max_position_embeddings", 16}};
}
}  // namespace

class TestModelConfig : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void parsesFixtureConfigs();
  void gpt2Defaults();
  void roundTripKeepsUnknownKeys();
  void errorsNameTheField();
  void ropeScalings();
  void newFamilyDefaults();
  void ropeParameterForms();
  void everyFamilyRoundTrips();
  void longropeFrequencies();
};

void TestModelConfig::parsesFixtureConfigs() {
  CATDPO_REQUIRE_FIXTURE(models, "models");
  const std::string dir = models.toStdString();
  const ModelConfig llama = loadModelConfig(dir + "/tiny_llama_config.json");
  QCOMPARE(llama.family, ModelFamily::Llama);
  QCOMPARE(llama.numKvHeads, std::int64_t(1));
  QCOMPARE(llama.headDim, std::int64_t(4));
  QVERIFY(!llama.attentionBias && !llama.tieWordEmbeddings && !llama.qkNorm);
  QVERIFY(llama.ropeScaling.type.empty());  // "rope_scaling": null
  const ModelConfig qwen2 = loadModelConfig(dir + "/tiny_qwen2_config.json");
  QCOMPARE(qwen2.family, ModelFamily::Qwen2);
  QVERIFY(qwen2.attentionBias && !qwen2.outputBias);
  QCOMPARE(qwen2.vocabSize, std::int64_t(12));
  const ModelConfig qwen3 = loadModelConfig(dir + "/tiny_qwen3_config.json");
  QCOMPARE(qwen3.family, ModelFamily::Qwen3);
  QCOMPARE(qwen3.headDim, std::int64_t(6));  // != hidden / heads = 4
  QVERIFY(qwen3.qkNorm && qwen3.tieWordEmbeddings && !qwen3.attentionBias);
  QCOMPARE(qwen3.normEps, 1e-5);
}

void TestModelConfig::gpt2Defaults() {
  const ModelConfig c = modelConfigFromJson(
      {{"model_type", "gpt2"}, {"n_embd", 16}, {"n_head", 4}, {"n_layer", 3}, {"vocab_size", 50}});
  QCOMPARE(c.intermediateSize, std::int64_t(64));  // n_inner null -> 4 * n_embd
  QCOMPARE(c.maxPositions, std::int64_t(1024));
  QCOMPARE(c.headDim, std::int64_t(4));
  QCOMPARE(c.hiddenAct, std::string("gelu_new"));
  QVERIFY(c.tieWordEmbeddings);
  QCOMPARE(c.normEps, 1e-5);
  const json back = modelConfigToJson(c);
  QCOMPARE(back["architectures"][0].get<std::string>(), std::string("GPT2LMHeadModel"));
  QCOMPARE(back["n_inner"].get<int>(), 64);
}

void TestModelConfig::roundTripKeepsUnknownKeys() {
  json j = llamaJson();
  j["_name_or_path"] = "someone/model";
  j["rope_scaling"] = {{"rope_type", "llama3"},
                       {"factor", 8.0},
                       {"low_freq_factor", 1.0},
                       {"high_freq_factor", 4.0},
                       {"original_max_position_embeddings", 8192}};
  j["eos_token_id"] = json::array({5, 7});
  const ModelConfig a = modelConfigFromJson(j);
  const json written = modelConfigToJson(a);
  QCOMPARE(written["_name_or_path"].get<std::string>(), std::string("someone/model"));
  QCOMPARE(written["architectures"][0].get<std::string>(), std::string("LlamaForCausalLM"));
  const ModelConfig b = modelConfigFromJson(written);
  QCOMPARE(b.hiddenSize, a.hiddenSize);
  QCOMPARE(b.numKvHeads, a.numKvHeads);
  QCOMPARE(b.ropeScaling.type, std::string("llama3"));
  QCOMPARE(b.ropeScaling.originalMaxPositions, std::int64_t(8192));
  QCOMPARE(b.eosTokenIds, (std::vector<std::int64_t>{5, 7}));
  QCOMPARE(modelConfigToJson(b), written);
}

void TestModelConfig::errorsNameTheField() {
  QString msg = errorOf({{"model_type", "mamba"}});
  QVERIFY2(msg.contains("cfg.json") && msg.contains("'model_type'") && msg.contains("mamba") &&
               msg.contains("llama (LlamaForCausalLM)") && msg.contains("qwen3 (Qwen3ForCausalLM)"),
           qPrintable(msg));
  msg = errorOf({{"architectures", {"BertForMaskedLM"}}});
  QVERIFY2(msg.contains("'architectures'") && msg.contains("BertForMaskedLM"), qPrintable(msg));
  msg = errorOf(json::object());
  QVERIFY2(msg.contains("'model_type'") && msg.contains("missing"), qPrintable(msg));
  json j = llamaJson();
  j["hidden_size"] = "8";
  msg = errorOf(j);
  QVERIFY2(msg.contains("'hidden_size'") && msg.contains("integer"), qPrintable(msg));
  j = llamaJson();
  j["num_key_value_heads"] = 3;
  msg = errorOf(j);
  QVERIFY2(msg.contains("'num_key_value_heads'"), qPrintable(msg));
  j = llamaJson();
  j["rope_scaling"] = {{"type", "yarn"}, {"factor", 4.0}};
  msg = errorOf(j);
  QVERIFY2(msg.contains("yarn") && msg.contains("linear, dynamic, llama3"), qPrintable(msg));
  j = llamaJson();
  j["hidden_act"] = "relu";
  msg = errorOf(j);
  QVERIFY2(msg.contains("'hidden_act'") && msg.contains("relu"), qPrintable(msg));
}

void TestModelConfig::ropeScalings() {
  // head_dim 8, theta 1e4: plain frequencies [1, 0.1, 0.01, 0.001].
  json j = llamaJson();
  j["hidden_size"] = 16;
  const auto freqs = [&](const json& cfg, std::int64_t maxPos) {
    const at::Tensor t = ropeInverseFrequencies(modelConfigFromJson(cfg), maxPos);
    return std::vector<double>(t.data_ptr<double>(), t.data_ptr<double>() + t.numel());
  };
  auto near = [](const std::vector<double>& got, const std::vector<double>& want) {
    if (got.size() != want.size()) return false;
    for (std::size_t i = 0; i < got.size(); ++i)
      if (std::abs(got[i] - want[i]) > 1e-12 * std::abs(want[i]) + 1e-15) return false;
    return true;
  };
  QVERIFY(near(freqs(j, 10), {1.0, 0.1, 0.01, 0.001}));
  j["rope_scaling"] = {{"type", "linear"}, {"factor", 2.0}};
  QVERIFY(near(freqs(j, 10), {0.5, 0.05, 0.005, 0.0005}));
  // Dynamic: unchanged inside the 16-position context; past it the base becomes
  // 1e4 * (2 * 32 / 16 - 1)^(8/6) for 32 positions.
  j["rope_scaling"] = {{"type", "dynamic"}, {"factor", 2.0}};
  QVERIFY(near(freqs(j, 15), {1.0, 0.1, 0.01, 0.001}));
  QVERIFY(
      near(freqs(j, 31), {1.0, 0.06933612743506347, 0.004807498567691361, 0.0003333333333333334}));
  // llama3 (factor 8, low 1, high 4, original 1024): wavelengths 6.3 and 63 are kept, 6283 is
  // divided by 8, and 628 lies in the smoothed band: s = (1024/628.3 - 1)/3,
  // 0.01 * ((1 - s)/8 + s) = 0.0030867609670...
  j["rope_scaling"] = {{"rope_type", "llama3"},
                       {"factor", 8.0},
                       {"low_freq_factor", 1.0},
                       {"high_freq_factor", 4.0},
                       {"original_max_position_embeddings", 1024}};
  QVERIFY(near(freqs(j, 10), {1.0, 0.1, 0.003086760967011274, 0.000125}));
}

void TestModelConfig::newFamilyDefaults() {
  json j = llamaJson();
  j["model_type"] = "gemma2";
  ModelConfig c = modelConfigFromJson(j);
  QCOMPARE(c.family, ModelFamily::Gemma2);
  QCOMPARE(c.headDim, std::int64_t(256));  // Gemma2Config's default, not hidden / heads
  QVERIFY(c.tieWordEmbeddings && c.normPlusOne && c.scaleEmbeddings && c.sandwichNorms);
  QCOMPARE(c.hiddenAct, std::string("gelu_pytorch_tanh"));
  QCOMPARE(c.queryPreAttnScalar, 256.0);
  QCOMPARE(c.attnSoftcap, 50.0);
  QCOMPARE(c.finalSoftcap, 30.0);
  QCOMPARE(c.slidingWindow, std::int64_t(4096));
  QVERIFY(c.slidingLayer(0) && !c.slidingLayer(1));  // every other layer, the first sliding
  j["final_logit_softcapping"] = nullptr;            // null switches it off
  QCOMPARE(modelConfigFromJson(j).finalSoftcap, 0.0);

  j = llamaJson();
  j["model_type"] = "gemma3_text";
  j["num_hidden_layers"] = 7;
  c = modelConfigFromJson(j);
  QCOMPARE(c.family, ModelFamily::Gemma3);
  QVERIFY(c.qkNorm && c.attnSoftcap == 0.0 && c.finalSoftcap == 0.0);
  QCOMPARE(c.ropeTheta, 1e6);
  QCOMPARE(c.ropeLocalTheta, 1e4);
  for (std::int64_t i = 0; i < 7; ++i) QCOMPARE(c.slidingLayer(i), i != 5);  // pattern 6

  j = llamaJson();
  j["model_type"] = "mistral";
  c = modelConfigFromJson(j);
  QCOMPARE(c.slidingWindow, std::int64_t(4096));
  QVERIFY(c.slidingLayer(0) && c.slidingLayer(1));
  j["sliding_window"] = nullptr;
  QVERIFY(!modelConfigFromJson(j).slidingLayer(0));

  j = llamaJson();
  j["model_type"] = "phi3";
  c = modelConfigFromJson(j);
  QVERIFY(c.fusedProjections && !c.tieWordEmbeddings && c.slidingWindow == 0);

  j = llamaJson();
  j["model_type"] = "qwen2";
  j["use_sliding_window"] = true;
  j["sliding_window"] = 6;
  j["max_window_layers"] = 1;
  c = modelConfigFromJson(j);
  QVERIFY(!c.slidingLayer(0) && c.slidingLayer(1));  // layers from max_window_layers on
  j["use_sliding_window"] = false;
  QVERIFY(!modelConfigFromJson(j).slidingLayer(1));
  j["model_type"] = "gemma2";
  j["layer_types"] = {"sliding_attention", "chunked_attention"};
  QVERIFY(errorOf(j).contains("'layer_types'"));
}

void TestModelConfig::ropeParameterForms() {
  // transformers 5's flat rope_parameters and the older keys give the same config.
  json older = llamaJson();
  older["rope_theta"] = 5e5;
  older["rope_scaling"] = {{"rope_type", "linear"}, {"factor", 2.0}};
  json newer = llamaJson();
  newer["rope_parameters"] = {{"rope_type", "linear"}, {"factor", 2.0}, {"rope_theta", 5e5}};
  const ModelConfig a = modelConfigFromJson(older), b = modelConfigFromJson(newer);
  QCOMPARE(b.ropeTheta, a.ropeTheta);
  QCOMPARE(b.ropeScaling.type, a.ropeScaling.type);
  QCOMPARE(b.ropeScaling.factor, a.ropeScaling.factor);
  // Gemma 3: nested by layer type, or rope_theta + rope_local_base_freq + rope_scaling.
  json nested = llamaJson();
  nested["model_type"] = "gemma3_text";
  nested["rope_parameters"] = {
      {"full_attention", {{"rope_type", "linear"}, {"factor", 8.0}, {"rope_theta", 1e6}}},
      {"sliding_attention", {{"rope_type", "default"}, {"rope_theta", 2e4}}}};
  json flat = llamaJson();
  flat["model_type"] = "gemma3_text";
  flat["rope_theta"] = 1e6;
  flat["rope_local_base_freq"] = 2e4;
  flat["rope_scaling"] = {{"rope_type", "linear"}, {"factor", 8.0}};
  for (const json& g : {nested, flat}) {
    const ModelConfig c = modelConfigFromJson(g);
    QCOMPARE(c.ropeTheta, 1e6);
    QCOMPARE(c.ropeLocalTheta, 2e4);
    QCOMPARE(c.ropeScaling.type, std::string("linear"));
    QCOMPARE(c.ropeScaling.factor, 8.0);
  }
  nested["rope_parameters"]["sliding_attention"]["rope_type"] = "linear";
  nested["rope_parameters"]["sliding_attention"]["factor"] = 2.0;
  QVERIFY(errorOf(nested).contains("rope_parameters.sliding_attention.rope_type"));
  // Phi-3's "su" is longrope; its pre-training context sits at the top level.
  json phi = llamaJson();
  phi["model_type"] = "phi3";
  phi["original_max_position_embeddings"] = 4;
  phi["partial_rotary_factor"] = 0.5;  // head_dim 4 -> 2 rotary dims, one frequency
  phi["rope_scaling"] = {{"type", "su"}, {"short_factor", {1.5}}, {"long_factor", {3.0}}};
  const ModelConfig p = modelConfigFromJson(phi);
  QCOMPARE(p.ropeScaling.type, std::string("longrope"));
  QCOMPARE(p.ropeScaling.originalMaxPositions, std::int64_t(4));
  QCOMPARE(p.rotaryDims(), std::int64_t(2));
  QCOMPARE(p.ropeScaling.factor, 4.0);  // max_position_embeddings 16 / 4
  QCOMPARE(p.ropeScaling.attentionFactor, std::sqrt(1.0 + std::log(4.0) / std::log(4.0)));
  phi["rope_scaling"]["long_factor"] = {3.0, 1.0};
  QVERIFY(errorOf(phi).contains("rope_scaling.short_factor"));
}

void TestModelConfig::everyFamilyRoundTrips() {
  for (const char* type : {"llama", "qwen2", "qwen3", "mistral", "gemma2", "gemma3_text", "phi3"}) {
    json j = llamaJson();
    j["model_type"] = type;
    const ModelConfig a = modelConfigFromJson(j);
    const json written = modelConfigToJson(a);
    QVERIFY2(!written.contains("rope_parameters"), type);
    const ModelConfig b = modelConfigFromJson(written);
    QCOMPARE(b.summary(), a.summary());
    QCOMPARE(b.slidingWindow, a.slidingWindow);
    QCOMPARE(b.layerTypes.size(), a.layerTypes.size());
    QCOMPARE(b.ropeLocalTheta, a.ropeLocalTheta);
    QCOMPARE(b.attnSoftcap, a.attnSoftcap);
    QCOMPARE(b.finalSoftcap, a.finalSoftcap);
    QCOMPARE(b.queryPreAttnScalar, a.queryPreAttnScalar);
    QCOMPARE(modelConfigToJson(b), written);
  }
}

void TestModelConfig::longropeFrequencies() {
  // head_dim 4, theta 1e4: plain frequencies [1, 0.01]; divided by the short factors up to the
  // 8 trained positions, by the long ones beyond.
  json j = llamaJson();
  j["model_type"] = "phi3";
  j["original_max_position_embeddings"] = 8;
  j["rope_scaling"] = {
      {"type", "longrope"}, {"short_factor", {1.0, 2.0}}, {"long_factor", {4.0, 8.0}}};
  const ModelConfig c = modelConfigFromJson(j);
  const at::Tensor inside = ropeInverseFrequencies(c, 7), beyond = ropeInverseFrequencies(c, 8);
  QCOMPARE(inside[0].item<double>(), 1.0);
  QCOMPARE(inside[1].item<double>(), 0.005);
  QCOMPARE(beyond[0].item<double>(), 0.25);
  QCOMPARE(beyond[1].item<double>(), 0.00125);
  // Tables: per sequence, scaled by the attention factor sqrt(1 + ln 2 / ln 8).
  const at::Tensor positions = at::tensor({0, 1, 7, 7, 0, 8}, at::kLong).view({2, 3});
  const auto [cos, sin] = ropeTables(c, positions, at::kDouble);
  const double f = std::sqrt(1.0 + std::log(2.0) / std::log(8.0));
  QVERIFY(std::abs(sin[0][0][1][0].item<double>() - f * std::sin(1.0)) < 1e-12);
  QVERIFY(std::abs(sin[1][0][2][0].item<double>() - f * std::sin(8 * 0.25)) < 1e-12);
}

QTEST_GUILESS_MAIN(TestModelConfig)
#include "test_model_config.moc"
