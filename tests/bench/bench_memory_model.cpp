// SPDX-License-Identifier: MIT
// The training-memory estimate (core/model/memory_estimate.h) against the CPU allocator's own
// accounting. A counting allocator replaces LibTorch's CPU allocator before the first tensor;
// for small GPT-2-, Qwen2- and Qwen3-style models (full fine-tuning, and LoRA with and without
// dropout) one DPO training step (fused chosen + rejected forward, log-prob head, sigmoid loss,
// backward, AdamW) is measured: the steady bytes (weights, gradients, AdamW moments, from the
// tensors themselves), the bytes the forward pass leaves for backward (allocator: after the
// forward minus before it) and the step's peak above the steady bytes. Then gradient
// checkpointing on bench_train's 11M GPT-2-style model at sequence 512: the step's peak memory
// and time with and without it (three alternating rounds, medians). Then prints the estimate for
// Qwen2.5 0.5B / 1.5B / 7B on one 80 GB card (bf16-mixed and pure bf16, with and without
// checkpointing). Writes JSON.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bench_json.h"
#include "common/heap_policy.h"
#include "common/openmp_env.h"
#include "model/allocation_counter.h"
#include "model/memory_check.h"
#include "model/memory_estimate.h"
#include "model/model_config.h"

namespace {

using json = nlohmann::json;

struct Case {
  std::string name;
  json config;  // Hugging Face config.json fields
  std::int64_t pairs, prompt, response;
  bool lora = false;
  double loraDropout = 0;
};

json measure(const Case& c) {
  const catdpo::ModelConfig config = catdpo::modelConfigFromJson(c.config, c.name);
  catdpo::MemoryShape shape;
  shape.sequences = 2 * c.pairs;
  shape.length = c.prompt + c.response;
  shape.projectedRows = shape.sequences * c.response;
  shape.bytesPerElement = 4;
  shape.lora = c.lora;
  shape.loraRank = 16;
  shape.loraDropout = c.loraDropout;
  if (config.isGpt2()) shape.loraTargets = {"c_attn", "attn.c_proj"};
  const catdpo::MeasuredStepMemory m = catdpo::measureTrainingStepMemory(config, shape);
  const double weights = m.weights, gradsAfter = m.gradients, moments = m.optimizer;
  const double saved = m.savedByForward, peak = m.peakAboveSteady;
  const std::int64_t rows = shape.sequences, length = shape.length;
  const catdpo::MemoryEstimate e = catdpo::estimateTrainingMemory(config, shape);
  const double estSaved = e.activations + e.logprobHead;
  const double estPeak = estSaved + e.transient;
  std::printf(
      "%-22s %8.1f %8.1f %6.3f | %8.1f %8.1f %6.3f | %8.1f %8.1f %6.3f | %8.1f %8.1f %6.3f\n",
      c.name.c_str(), e.weights / 1048576.0, weights / 1048576.0, weights / e.weights,
      (e.gradients + e.optimizer) / 1048576.0, (gradsAfter + moments) / 1048576.0,
      (gradsAfter + moments) / (e.gradients + e.optimizer), estSaved / 1048576.0, saved / 1048576.0,
      saved / estSaved, estPeak / 1048576.0, peak / 1048576.0, peak / estPeak);
  return {{"name", c.name},
          {"config", c.config},
          {"sequences", rows},
          {"length", length},
          {"projected_rows", shape.projectedRows},
          {"lora", c.lora},
          {"lora_dropout", c.loraDropout},
          {"estimate",
           {{"weights", e.weights},
            {"gradients", e.gradients},
            {"optimizer", e.optimizer},
            {"activations", e.activations},
            {"logprob_head", e.logprobHead},
            {"transient", e.transient}}},
          {"measured",
           {{"weights", weights},
            {"gradients", gradsAfter},
            {"optimizer", moments},
            {"saved_by_forward", saved},
            {"peak_above_steady", peak}}},
          {"saved_ratio", saved / estSaved},
          {"peak_ratio", peak / estPeak}};
}

// Gradient checkpointing's trade: peak memory against step time on one model and batch.
json checkpointingTradeoff(bool quick) {
  const json gpt2 = {{"model_type", "gpt2"}, {"vocab_size", 6144}, {"n_embd", 384},
                     {"n_layer", 5},         {"n_head", 6},        {"n_positions", 512}};
  const catdpo::ModelConfig config = catdpo::modelConfigFromJson(gpt2, "11M");
  catdpo::MemoryShape shape;
  shape.sequences = quick ? 4 : 16;  // 8 pairs
  shape.length = 512;
  shape.projectedRows = shape.sequences * 384;  // 128 prompt + 384 response tokens
  shape.bytesPerElement = 4;
  std::vector<double> peak[2], seconds[2], estimate[2];
  const int rounds = quick ? 1 : 3;
  for (int round = 0; round < rounds; ++round)
    for (int on = 0; on < 2; ++on) {
      shape.gradientCheckpointing = on != 0;
      const catdpo::MeasuredStepMemory m = catdpo::measureTrainingStepMemory(config, shape);
      const catdpo::MemoryEstimate e = catdpo::estimateTrainingMemory(config, shape);
      peak[on].push_back(m.weights + m.gradients + m.optimizer + m.peakAboveSteady);
      estimate[on].push_back(e.peak());
      seconds[on].push_back(m.stepSeconds);
    }
  const auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  const double p0 = median(peak[0]), p1 = median(peak[1]);
  const double t0 = median(seconds[0]), t1 = median(seconds[1]);
  std::printf(
      "\nGradient checkpointing, 11M GPT-2-style model, %lld rows x 512 tokens, float32 "
      "(MiB, s):\n%-16s %10s %10s %10s\n%-16s %10.1f %10.1f %10.3f\n%-16s %10.1f %10.1f "
      "%10.3f\npeak memory %.0f%% lower, step time %.2fx (forward + backward, median of %d)\n",
      static_cast<long long>(shape.sequences), "", "peak", "estimate", "step s", "plain",
      p0 / 1048576.0, median(estimate[0]) / 1048576.0, t0, "checkpointing", p1 / 1048576.0,
      median(estimate[1]) / 1048576.0, t1, 100.0 * (1.0 - p1 / p0), t1 / t0, rounds);
  return {{"model", gpt2},
          {"rows", shape.sequences},
          {"length", shape.length},
          {"peak_bytes", {{"plain", peak[0]}, {"checkpointing", peak[1]}}},
          {"estimate_peak_bytes", {{"plain", estimate[0]}, {"checkpointing", estimate[1]}}},
          {"step_seconds", {{"plain", seconds[0]}, {"checkpointing", seconds[1]}}},
          {"peak_reduction", 1.0 - p1 / p0},
          {"step_time_ratio", t1 / t0}};
}

json qwen25(std::int64_t hidden, std::int64_t inter, std::int64_t layers, std::int64_t heads,
            std::int64_t kvHeads, std::int64_t vocab, bool tied) {
  return {{"model_type", "qwen2"},
          {"hidden_size", hidden},
          {"intermediate_size", inter},
          {"num_hidden_layers", layers},
          {"num_attention_heads", heads},
          {"num_key_value_heads", kvHeads},
          {"vocab_size", vocab},
          {"tie_word_embeddings", tied},
          {"max_position_embeddings", 32768}};
}

}  // namespace

int main(int argc, char** argv) {
  catdpo::preferPassiveOpenMpWait(argv);
  catdpo::keepFreedHeapMemory();
  catdpo::allocation_counter::install();  // before the first tensor
  std::string jsonPath = std::string(CATDPO_BENCH_OUTPUT_DIR) + "/bench_memory_model.json";
  bool quick = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--json" && i + 1 < argc) {
      jsonPath = argv[++i];
    } else if (a == "--quick") {
      quick = true;
    } else {
      std::printf("usage: bench_memory_model [--json PATH] [--quick]\n");
      return a == "--help" ? 0 : 2;
    }
  }

  const std::vector<Case> cases{
      {"gpt2 5M",
       {{"model_type", "gpt2"},
        {"vocab_size", 8192},
        {"n_embd", 256},
        {"n_layer", 4},
        {"n_head", 8},
        {"n_positions", 512}},
       8,
       32,
       96},
      {"qwen2 small", qwen25(256, 704, 4, 8, 2, 8192, true), 4, 64, 192},
      {"qwen2 small, untied", qwen25(256, 704, 4, 8, 2, 8192, false), 4, 64, 192},
      {"qwen3 small",
       {{"model_type", "qwen3"},
        {"hidden_size", 256},
        {"intermediate_size", 768},
        {"num_hidden_layers", 4},
        {"num_attention_heads", 4},
        {"num_key_value_heads", 2},
        {"head_dim", 96},
        {"vocab_size", 8192},
        {"tie_word_embeddings", true}},
       4,
       64,
       192},
      {"qwen2 LoRA", qwen25(256, 704, 4, 8, 2, 8192, true), 4, 64, 192, true, 0.0},
      {"qwen2 LoRA, dropout", qwen25(256, 704, 4, 8, 2, 8192, true), 4, 64, 192, true, 0.05},
      {"gpt2 LoRA",
       {{"model_type", "gpt2"},
        {"vocab_size", 8192},
        {"n_embd", 256},
        {"n_layer", 4},
        {"n_head", 8},
        {"n_positions", 512}},
       8,
       32,
       96,
       true,
       0.0},
  };
  std::printf(
      "One DPO step on the CPU in float32: the estimate against the allocator (MiB; "
      "ratio = measured / estimate)\n");
  std::printf("%-22s %26s | %26s | %26s | %26s\n", "", "weights", "gradients + AdamW",
              "saved by the forward", "step peak above steady");
  std::printf("%-22s %8s %8s %6s | %8s %8s %6s | %8s %8s %6s | %8s %8s %6s\n", "model", "est",
              "meas", "ratio", "est", "meas", "ratio", "est", "meas", "ratio", "est", "meas",
              "ratio");
  json checks = json::array();
  for (const Case& c : cases) checks.push_back(measure(c));
  const json checkpointing = checkpointingTradeoff(quick);

  // The same counts for the models GPU users train: bf16-mixed (what "auto" picks on CUDA:
  // float32 weights, gradients and moments, bfloat16 activations) and pure bf16, with and
  // without gradient checkpointing; micro-batches of 2 pairs (4 rows) of 512 tokens, 256 of
  // them response.
  struct Target {
    const char* name;
    json config;
  };
  const std::vector<Target> targets{
      {"Qwen2.5-0.5B", qwen25(896, 4864, 24, 14, 2, 151936, true)},
      {"Qwen2.5-1.5B", qwen25(1536, 8960, 28, 12, 2, 151936, true)},
      {"Qwen2.5-7B", qwen25(3584, 18944, 28, 28, 4, 152064, false)},
  };
  const double gb = 1e9;
  std::printf("\nOne 80 GB card, micro-batch 4 x 512 tokens (256 response), GB:\n");
  std::printf("%-14s %-5s %-10s %-4s %8s %8s %8s %8s %8s %8s %8s %5s\n", "model", "mode",
              "precision", "ckpt", "weights", "grads", "AdamW", "activ.", "head", "transnt", "peak",
              "fits");
  json gpu = json::array();
  for (const Target& t : targets) {
    const catdpo::ModelConfig config = catdpo::modelConfigFromJson(t.config, t.name);
    for (const bool lora : {false, true})
      for (const bool mixed : {true, false})
        for (const bool recompute : {false, true}) {
          catdpo::MemoryShape s;
          s.sequences = 4;
          s.length = 512;
          s.projectedRows = 4 * 256;
          s.bytesPerElement = 2;
          s.weightBytes = mixed ? 4 : 2;
          s.gradientCheckpointing = recompute;
          s.lora = lora;
          const catdpo::MemoryEstimate e = catdpo::estimateTrainingMemory(config, s);
          const double total = e.peak() + 2e9;  // CUDA context and library workspaces
          std::printf("%-14s %-5s %-10s %-4s %8.2f %8.2f %8.2f %8.2f %8.2f %8.2f %8.2f %5s\n",
                      t.name, lora ? "LoRA" : "full", mixed ? "bf16-mixed" : "bf16",
                      recompute ? "yes" : "no", e.weights / gb, e.gradients / gb, e.optimizer / gb,
                      e.activations / gb, e.logprobHead / gb, e.transient / gb, total / gb,
                      total <= 80e9 ? "yes" : "no");
          json row = catdpo::memoryEstimateToJson(e);
          row["model"] = t.name;
          row["mode"] = lora ? "lora r16 q,k,v,o" : "full";
          row["precision"] = mixed ? "bf16-mixed" : "bf16";
          row["gradient_checkpointing"] = recompute;
          row["peak_with_context"] = total;
          gpu.push_back(row);
        }
  }
  std::printf(
      "(peak includes 2 GB for the CUDA context; a larger batch runs as gradient "
      "accumulation over such micro-batches)\n");

  const json root{{"benchmark", "memory_model"},
                  {"cpu_checks", checks},
                  {"gradient_checkpointing", checkpointing},
                  {"gpu_estimate", gpu}};
  return catdpo::bench::writeJson(jsonPath, root);
}
