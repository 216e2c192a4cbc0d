// SPDX-License-Identifier: MIT
// The training-memory estimate (core/model/memory_estimate.h) against the CPU allocator's own
// accounting. A counting allocator replaces LibTorch's CPU allocator before the first tensor;
// for small GPT-2-, Qwen2- and Qwen3-style models (full fine-tuning, and LoRA with and without
// dropout) one DPO training step (fused chosen + rejected forward, log-prob head, sigmoid loss,
// backward, AdamW) is measured: the steady bytes (weights, gradients, AdamW moments, from the
// tensors themselves), the bytes the forward pass leaves for backward (allocator: after the
// forward minus before it) and the step's peak above the steady bytes. Then prints the same
// estimate for Qwen2.5 0.5B / 1.5B / 7B in bfloat16 on one 80 GB card. Writes JSON.
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
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--json" && i + 1 < argc) {
      jsonPath = argv[++i];
    } else {
      std::printf("usage: bench_memory_model [--json PATH]\n");
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

  // The same counts for the models GPU users train: bfloat16 everywhere (what the engine
  // loads on CUDA), micro-batches of 2 pairs (4 rows) of 512 tokens, 256 of them response.
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
  std::printf("\nOne 80 GB card, bfloat16, micro-batch 4 x 512 tokens (256 response), GB:\n");
  std::printf("%-14s %-5s %8s %8s %8s %8s %8s %8s %8s %8s\n", "model", "mode", "weights", "grads",
              "AdamW", "activ.", "head", "transnt", "peak", "fits");
  json gpu = json::array();
  for (const Target& t : targets) {
    const catdpo::ModelConfig config = catdpo::modelConfigFromJson(t.config, t.name);
    for (const bool lora : {false, true}) {
      catdpo::MemoryShape s;
      s.sequences = 4;
      s.length = 512;
      s.projectedRows = 4 * 256;
      s.bytesPerElement = 2;
      s.lora = lora;
      const catdpo::MemoryEstimate e = catdpo::estimateTrainingMemory(config, s);
      const double total = e.peak() + 2e9;  // CUDA context and library workspaces
      std::printf("%-14s %-5s %8.2f %8.2f %8.2f %8.2f %8.2f %8.2f %8.2f %8s\n", t.name,
                  lora ? "LoRA" : "full", e.weights / gb, e.gradients / gb, e.optimizer / gb,
                  e.activations / gb, e.logprobHead / gb, e.transient / gb, total / gb,
                  total <= 80e9 ? "yes" : "no");
      json row = catdpo::memoryEstimateToJson(e);
      row["model"] = t.name;
      row["mode"] = lora ? "lora r16 q,k,v,o" : "full";
      row["peak_with_context"] = total;
      gpu.push_back(row);
    }
  }
  std::printf(
      "(peak includes 2 GB for the CUDA context; a larger batch runs as gradient "
      "accumulation over such micro-batches)\n");

  const json root{{"benchmark", "memory_model"}, {"cpu_checks", checks}, {"gpu_estimate", gpu}};
  return catdpo::bench::writeJson(jsonPath, root);
}
