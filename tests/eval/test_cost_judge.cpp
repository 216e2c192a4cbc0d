// SPDX-License-Identifier: MIT
// The cost-model judge on tiny random score models written the way PKU's beaver cost models
// are saved (config "LlamaModelForScore", "model.*" backbone + "score_head" Linear(hidden, 1)):
// shapes, agreement with the backbone's own hidden states, the sign rule, padding invariance
// (alone vs in a left- or right-padded batch) and the errors for unusable folders. Also the
// judge factory's spec parsing.
#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

#include <QtTest>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>

#include "common/error.h"
#include "eval/cost_judge.h"
#include "eval/judge_factory.h"
#include "model/causal_lm.h"
#include "model/checkpoint.h"
#include "model/safetensors_torch.h"
#include "text/tokenizer.h"

using namespace catdpo;
namespace fs = std::filesystem;

namespace {

nlohmann::json scoreConfigJson(const std::string& family) {
  nlohmann::json j = {{"hidden_size", 32},
                      {"intermediate_size", 48},
                      {"num_hidden_layers", 2},
                      {"num_attention_heads", 4},
                      {"num_key_value_heads", 2},
                      {"vocab_size", 320},
                      {"max_position_embeddings", 128},
                      {"score_dim", 1},
                      {"bias", true},
                      {"score_type", "cost"}};
  if (family == "llama") {
    j["architectures"] = {"LlamaModelForScore"};  // no model_type, as in beaver's config
  } else {
    j["model_type"] = family;
    j["architectures"] = {"Qwen2ForScore"};
  }
  return j;
}

Tokenizer tinyTokenizer() {
  static const Tokenizer tok = trainBpe(
      {"BEGINNING OF CONVERSATION: USER: how do I bake bread? ASSISTANT: Mix flour and water.",
       "USER: tell me how to hurt someone ASSISTANT: I can't help with that.",
       "the quick brown fox jumps over the lazy dog while the cat sleeps"},
      300, {"<|endoftext|>"});
  return tok;
}

struct ScoreFolder {
  CausalLm backbone{nullptr};
  at::Tensor headWeight, headBias;
};

// Writes a score-model folder: config.json, model.safetensors, tokenizer. `prefix`: the
// backbone's outer name ("model." as LlamaForScore saves it, "" as a bare LlamaModel would).
ScoreFolder writeScoreModel(const fs::path& dir, const std::string& family, std::uint64_t seed,
                            const std::string& headName = "score_head",
                            const std::string& prefix = "model.",
                            std::optional<double> constantBias = std::nullopt) {
  fs::create_directories(dir);
  const nlohmann::json cfgJson = scoreConfigJson(family);
  nlohmann::json backboneJson = cfgJson;
  backboneJson.erase("architectures");
  backboneJson["model_type"] = family;
  backboneJson["tie_word_embeddings"] = true;
  ScoreFolder out;
  out.backbone = createModel(modelConfigFromJson(backboneJson), seed);
  out.backbone->eval();
  at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(seed + 7);
  out.headWeight = at::empty({1, 32}).normal_(0.0, 1.0, gen);
  out.headBias = at::full({1}, 0.05);
  if (constantBias) {
    out.headWeight.zero_();
    out.headBias.fill_(*constantBias);
  }
  NamedTensors tensors;
  for (auto& [name, t] : hfStateDict(out.backbone)) {
    std::string n = name;
    if (n.rfind("model.", 0) == 0) n = prefix + n.substr(6);
    tensors.emplace_back(n, t);
  }
  tensors.emplace_back(headName + ".weight", out.headWeight);
  tensors.emplace_back(headName + ".bias", out.headBias);
  saveCheckpointTensors(dir, tensors);
  std::ofstream(dir / "config.json") << cfgJson.dump(2);
  tinyTokenizer().save(dir);
  return out;
}

// The cost computed independently: the backbone's hidden state at the text's last token.
double referenceCost(ScoreFolder& f, const std::string& text) {
  at::NoGradGuard noGrad;
  const auto enc = tinyTokenizer().encode(text, true);
  const at::Tensor ids =
      at::tensor(std::vector<std::int64_t>(enc.begin(), enc.end())).view({1, -1});
  const at::Tensor h = f.backbone->hidden(ids);
  const at::Tensor last = h[0][ids.size(1) - 1];
  return (at::dot(last, f.headWeight[0]) + f.headBias[0]).item<double>();
}

const std::vector<std::string>& texts() {
  static const std::vector<std::string> t = {
      CostModel::formatText("how do I bake bread?", " Mix flour and water, then bake it."),
      CostModel::formatText("hi", " hello"),
      CostModel::formatText("tell me how to hurt someone",
                            " I can't help with that. The quick brown fox sleeps."),
      "the lazy dog",
      CostModel::formatText("a much longer question about the quick brown fox and the dog",
                            " a long answer that goes on and on while the cat sleeps")};
  return t;
}

}  // namespace

class TestCostJudge : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void init() { QVERIFY(m_dir.isValid()); }

  void shapeAndReference() {
    const fs::path dir = fs::path(m_dir.path().toStdString()) / "llama_cost";
    ScoreFolder f = writeScoreModel(dir, "llama", 11);
    CostModelOptions o;
    o.device = "cpu";
    o.batchSize = 8;
    CostModel model = CostModel::load(dir, o);
    QCOMPARE(model.config().family, ModelFamily::Llama);
    const std::vector<double> costs = model.scoreTexts(texts());
    QCOMPARE(costs.size(), texts().size());
    double spread = 0;
    for (std::size_t i = 0; i < costs.size(); ++i) {
      QVERIFY(std::isfinite(costs[i]));
      QVERIFY2(std::abs(costs[i] - referenceCost(f, texts()[i])) < 1e-4,
               qPrintable(QString::number(costs[i])));
      spread = std::max(spread, std::abs(costs[i] - costs[0]));
    }
    QVERIFY(spread > 1e-3);  // the texts do get different scores
    QCOMPARE(CostModel::formatText("P", "R"),
             std::string("BEGINNING OF CONVERSATION: USER: P ASSISTANT:R"));
  }

  void paddingInvariance() {
    const fs::path dir = fs::path(m_dir.path().toStdString()) / "pad_cost";
    writeScoreModel(dir, "qwen2", 12);
    CostModelOptions o;
    o.device = "cpu";
    o.batchSize = 1;
    std::vector<double> alone;
    {
      CostModel one = CostModel::load(dir, o);
      for (const auto& t : texts()) alone.push_back(one.scoreTexts({t})[0]);
    }
    o.batchSize = 8;
    for (PaddingSide side : {PaddingSide::Right, PaddingSide::Left}) {
      o.padding = side;
      CostModel batched = CostModel::load(dir, o);
      const std::vector<double> together = batched.scoreTexts(texts());
      QCOMPARE(together.size(), alone.size());
      for (std::size_t i = 0; i < alone.size(); ++i)
        QVERIFY2(std::abs(together[i] - alone[i]) < 1e-4,
                 qPrintable(QString("text %1: %2 vs %3 (%4 padding)")
                                .arg(i)
                                .arg(together[i])
                                .arg(alone[i])
                                .arg(side == PaddingSide::Left ? "left" : "right")));
    }
  }

  void signRule() {
    const fs::path base(m_dir.path().toStdString());
    writeScoreModel(base / "harmful", "llama", 13, "score_head", "model.", 0.75);
    writeScoreModel(base / "harmless", "llama", 13, "score_head", "model.", -0.25);
    const std::vector<JudgeRequest> requests = {{6, "Drugs", "p1", "r1"},
                                                {-1, "", "p2", "a longer response r2"}};
    JudgeSettings s;
    s.device = "cpu";
    auto unsafeJudge = makeJudgeFromSpec("cost:" + (base / "harmful").string(), s);
    QCOMPARE(unsafeJudge->name(), std::string("cost:harmful"));
    const auto u = unsafeJudge->judge(requests);
    QCOMPARE(u.size(), std::size_t(2));
    for (const auto& v : u) {
      QVERIFY(v.ok);
      QVERIFY(v.unsafe);
      QVERIFY(std::abs(v.score - 0.75) < 1e-6);
      QCOMPARE(v.raw, std::string("cost=0.7500"));
    }
    const auto safe = makeJudgeFromSpec("cost:" + (base / "harmless").string(), s)->judge(requests);
    for (const auto& v : safe) {
      QVERIFY(v.ok);
      QVERIFY(!v.unsafe);
      QVERIFY(std::abs(v.score + 0.25) < 1e-6);
    }
    // judgeOne agrees with the batch.
    QVERIFY(unsafeJudge->judgeOne(requests[0]).unsafe);
  }

  void namingVariants() {
    // A bare LlamaModel backbone (no "model." prefix) and HF's "score" head load alike.
    const fs::path base(m_dir.path().toStdString());
    ScoreFolder f = writeScoreModel(base / "bare", "llama", 14, "score", "");
    CostModelOptions o;
    o.device = "cpu";
    CostModel model = CostModel::load(base / "bare", o);
    const double c = model.scoreTexts({texts()[0]})[0];
    QVERIFY(std::abs(c - referenceCost(f, texts()[0])) < 1e-4);
  }

  void missingScoreHead() {
    // A causal LM folder is not a cost model: the error names the weights file and the tensor.
    const fs::path dir = fs::path(m_dir.path().toStdString()) / "causal_lm";
    CausalLm lm = createModel(modelConfigFromJson({{"model_type", "llama"},
                                                   {"hidden_size", 32},
                                                   {"intermediate_size", 48},
                                                   {"num_hidden_layers", 1},
                                                   {"num_attention_heads", 4},
                                                   {"num_key_value_heads", 2},
                                                   {"vocab_size", 320},
                                                   {"max_position_embeddings", 64}}),
                              3);
    savePretrained(dir, lm);
    tinyTokenizer().save(dir);
    try {
      CostModel::load(dir);
      QFAIL("expected an error");
    } catch (const Error& e) {
      QVERIFY2(e.where().file.find("model.safetensors") != std::string::npos, e.what());
      QCOMPARE(e.where().field, std::string("score_head.weight"));
      QVERIFY(std::string(e.what()).find("score_head.weight") != std::string::npos);
    }
  }

  void unusableFolders() {
    const fs::path base(m_dir.path().toStdString());
    // Only PyTorch .bin weights.
    fs::create_directories(base / "bin_only");
    std::ofstream(base / "bin_only" / "config.json") << scoreConfigJson("llama").dump();
    std::ofstream(base / "bin_only" / "pytorch_model.bin") << "x";
    try {
      CostModel::load(base / "bin_only");
      QFAIL("expected an error");
    } catch (const Error& e) {
      QVERIFY2(std::string(e.what()).find("safetensors") != std::string::npos, e.what());
    }
    // A multi-output head.
    writeScoreModel(base / "wide", "llama", 15);
    {
      TensorStore store = TensorStore::open(base / "wide");
      NamedTensors tensors;
      for (const auto& n : store.names())
        tensors.emplace_back(n,
                             n == "score_head.weight" ? at::zeros({2, 32}) : store.get(n).clone());
      saveCheckpointTensors(base / "wide", tensors);
    }
    try {
      CostModel::load(base / "wide");
      QFAIL("expected an error");
    } catch (const Error& e) {
      QCOMPARE(e.where().field, std::string("score_head.weight"));
    }
    // score_dim other than 1 in the config.
    fs::create_directories(base / "dim2");
    nlohmann::json cfg = scoreConfigJson("llama");
    cfg["score_dim"] = 2;
    std::ofstream(base / "dim2" / "config.json") << cfg.dump();
    try {
      CostModel::load(base / "dim2");
      QFAIL("expected an error");
    } catch (const Error& e) {
      QCOMPARE(e.where().field, std::string("score_dim"));
      QVERIFY(e.where().file.find("config.json") != std::string::npos);
    }
    QVERIFY_EXCEPTION_THROWN(makeJudgeFromSpec("cost:"), Error);
    QVERIFY_EXCEPTION_THROWN(makeJudgeFromSpec("cost:" + (base / "nothing").string()), Error);
  }

  void specs() {
    QVERIFY(isJudgeSpec("demo"));
    QVERIFY(isJudgeSpec("cost:/x"));
    QVERIFY(isJudgeSpec("llm:http://h#m"));
    QVERIFY(!isJudgeSpec("auto"));
    QCOMPARE(makeJudgeFromSpec("demo")->name(), std::string("demo"));
    QCOMPARE(makeJudgeFromSpec("llm:http://127.0.0.1:9#judge-a")->name(),
             std::string("llm:judge-a"));
    JudgeSettings s;
    s.model = "judge-b";
    QCOMPARE(makeJudgeFromSpec("llm:http://127.0.0.1:9", s)->name(), std::string("llm:judge-b"));
    QVERIFY_EXCEPTION_THROWN(makeJudgeFromSpec("llm:http://127.0.0.1:9"), Error);  // no model
    QVERIFY_EXCEPTION_THROWN(makeJudgeFromSpec("oracle"), Error);
    s.promptFile = (fs::path(m_dir.path().toStdString()) / "missing_prompt.txt").string();
    try {
      makeJudgeFromSpec("llm:http://127.0.0.1:9", s);
      QFAIL("expected an error");
    } catch (const Error& e) {
      QCOMPARE(e.where().file, s.promptFile);
    }
  }

 private:
  QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestCostJudge)
#include "test_cost_judge.moc"
