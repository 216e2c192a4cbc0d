// SPDX-License-Identifier: MIT
// The training-memory estimate: parameter counts of a published model, and every component
// against the CPU allocator's accounting of one real DPO step (full fine-tuning and LoRA, with
// and without dropout, GPT-2, Qwen2 and Qwen3 layouts).
#include <QtTest>

#include "common/error.h"
#include "model/allocation_counter.h"
#include "model/memory_check.h"
#include "model/memory_estimate.h"

using namespace catdpo;

namespace {
ModelConfig qwen2(std::int64_t hidden, std::int64_t inter, std::int64_t layers, std::int64_t heads,
                  std::int64_t kv, std::int64_t vocab, bool tied) {
  return modelConfigFromJson({{"model_type", "qwen2"},
                              {"hidden_size", hidden},
                              {"intermediate_size", inter},
                              {"num_hidden_layers", layers},
                              {"num_attention_heads", heads},
                              {"num_key_value_heads", kv},
                              {"vocab_size", vocab},
                              {"tie_word_embeddings", tied},
                              {"max_position_embeddings", 4096}});
}
}  // namespace

class TestMemoryEstimate : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() { allocation_counter::install(); }

  // Qwen2.5-0.5B has 494,032,768 parameters (tied embeddings, biases on q/k/v).
  void countsPublishedParameters() {
    MemoryShape shape;
    shape.bytesPerElement = 2;
    const MemoryEstimate full =
        estimateTrainingMemory(qwen2(896, 4864, 24, 14, 2, 151936, true), shape);
    QCOMPARE(full.parameters, std::int64_t{494032768});
    QCOMPARE(full.trainableParameters, full.parameters);
    QCOMPARE(full.weights, 2.0 * 494032768);
    QCOMPARE(full.optimizer, 2.0 * full.gradients);
    // LoRA r=16 on q, k, v, o: 16 * ((896+896) + 2*(896+128) + (896+896)) per layer.
    shape.lora = true;
    const MemoryEstimate lora =
        estimateTrainingMemory(qwen2(896, 4864, 24, 14, 2, 151936, true), shape);
    QCOMPARE(lora.trainableParameters, std::int64_t{24 * 16 * (1792 + 2 * 1024 + 1792)});
    QVERIFY(lora.activations < full.activations);  // frozen projections keep no inputs
    QCOMPARE(lora.gradients, 2.0 * static_cast<double>(lora.trainableParameters));
  }

  void matchesTheAllocator_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("lora");
    QTest::addColumn<double>("dropout");
    QTest::addColumn<bool>("checkpointing");
    for (const char* name : {"gpt2", "qwen2", "qwen3"}) {
      QTest::newRow(name) << QString::fromLatin1(name) << false << 0.0 << false;
      QTest::newRow((std::string(name) + " lora").c_str())
          << QString::fromLatin1(name) << true << 0.0 << false;
      QTest::newRow((std::string(name) + " checkpointing").c_str())
          << QString::fromLatin1(name) << false << 0.0 << true;
    }
    QTest::newRow("qwen2 lora dropout") << QStringLiteral("qwen2") << true << 0.1 << false;
    QTest::newRow("qwen2 lora checkpointing") << QStringLiteral("qwen2") << true << 0.0 << true;
  }

  void matchesTheAllocator() {
    QFETCH(QString, name);
    QFETCH(bool, lora);
    QFETCH(double, dropout);
    QFETCH(bool, checkpointing);
    ModelConfig config;
    MemoryShape shape;
    if (name == QLatin1String("gpt2")) {
      config = modelConfigFromJson({{"model_type", "gpt2"},
                                    {"vocab_size", 512},
                                    {"n_embd", 64},
                                    {"n_layer", 2},
                                    {"n_head", 4},
                                    {"n_positions", 128}});
      shape.loraTargets = {"c_attn", "attn.c_proj"};
    } else if (name == QLatin1String("qwen2")) {
      config = qwen2(64, 176, 2, 4, 2, 512, false);
    } else {
      config = modelConfigFromJson({{"model_type", "qwen3"},
                                    {"hidden_size", 64},
                                    {"intermediate_size", 160},
                                    {"num_hidden_layers", 2},
                                    {"num_attention_heads", 4},
                                    {"num_key_value_heads", 2},
                                    {"head_dim", 24},
                                    {"vocab_size", 512},
                                    {"tie_word_embeddings", true}});
    }
    shape.sequences = 4;
    shape.length = 96;
    shape.projectedRows = 4 * 64;
    shape.bytesPerElement = 4;
    shape.lora = lora;
    shape.loraRank = 4;
    shape.loraDropout = dropout;
    shape.gradientCheckpointing = checkpointing;
    const MemoryEstimate e = estimateTrainingMemory(config, shape);
    const MeasuredStepMemory m = measureTrainingStepMemory(config, shape);
    QCOMPARE(m.weights, e.weights);
    QCOMPARE(m.gradients, e.gradients);
    QCOMPARE(m.optimizer, e.optimizer);
    const double saved = m.savedByForward / (e.activations + e.logprobHead);
    const double peak = m.peakAboveSteady / (e.activations + e.logprobHead + e.transient);
    qInfo("%s: saved by forward %.0f bytes (%.3f of the estimate), peak %.0f (%.3f)",
          qPrintable(QTest::currentDataTag()), m.savedByForward, saved, m.peakAboveSteady, peak);
    // Within 5%; LoRA dropout's noise is counted as a full tensor per adapter, which
    // overestimates it a little (6% here).
    QVERIFY2(saved > (dropout > 0 ? 0.9 : 0.95) && saved < 1.05,
             qPrintable(QString::number(saved)));
    // The peak estimate may err on the safe side, not on the other. (LibTorch 2.11 frees some
    // of a recomputed block's temporaries sooner than 1.13: GPT-2 with checkpointing peaks at
    // 0.59 of the estimate there.)
    QVERIFY2(peak > 0.55 && peak < 1.05, qPrintable(QString::number(peak)));
  }

  // Checkpointing keeps one residual-stream row per layer and token instead of a layer's
  // activations; the recomputed layer moves into the working set.
  void checkpointingTradesSavedActivationsForOneLayer() {
    const ModelConfig config = qwen2(896, 4864, 24, 14, 2, 151936, true);
    MemoryShape shape;
    shape.sequences = 4;
    shape.length = 1024;
    shape.projectedRows = 4 * 512;
    shape.weightBytes = 4;  // bf16-mixed
    const MemoryEstimate plain = estimateTrainingMemory(config, shape);
    shape.gradientCheckpointing = true;
    const MemoryEstimate recompute = estimateTrainingMemory(config, shape);
    QCOMPARE(recompute.weights, plain.weights);
    QCOMPARE(recompute.weights, 4.0 * 494032768);
    QVERIFY(recompute.activations < plain.activations / 5);
    QVERIFY(recompute.transient > plain.transient);
    QVERIFY(recompute.peak() < plain.peak());
  }

  void refusesWhatItCannotMeasure() {
    MemoryShape shape;
    shape.bytesPerElement = 2;
    QVERIFY_THROWS_EXCEPTION(Error,
                             measureTrainingStepMemory(qwen2(64, 176, 2, 4, 2, 512, true), shape));
  }
};

QTEST_GUILESS_MAIN(TestMemoryEstimate)
#include "test_memory_estimate.moc"
