// SPDX-License-Identifier: MIT
// The engine's numeric checks on a chosen device, as a plain program (no Qt, so it builds where
// the Qt Test suites cannot, e.g. a GPU server): the tiny fixture models' logits against Hugging
// Face's float64 reference, the KV cache against the full forward, bf16 autocast against fp32,
// gradient checkpointing against the plain backward, pure-bf16 AdamW against fp32 master
// weights, and LoRA on a bfloat16 model. Prints one line per check, writes JSON (--json), exits
// 1 when a check fails. packaging/gpu-check.sh runs it on `cuda`; CTest runs it on the CPU.
#include <ATen/ATen.h>
#include <torch/optim/adamw.h>

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "../model/model_test_util.h"
#include "model/causal_lm.h"
#include "model/device.h"
#include "model/lora.h"
#include "model/model_config.h"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace catdpo;

namespace {

struct Failure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

void expect(bool ok, const std::string& what) {
  if (!ok) throw Failure(what);
}

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

double relDiff(const at::Tensor& a, const at::Tensor& b) {
  const at::Tensor x = a.to(at::kCPU, at::kDouble), y = b.to(at::kCPU, at::kDouble);
  return (x - y).abs().max().item<double>() / std::max(1e-30, y.abs().max().item<double>());
}

ModelConfig tinyLlama() {
  ModelConfig c;
  c.family = ModelFamily::Llama;
  c.architecture = "LlamaForCausalLM";
  c.vocabSize = 96;
  c.hiddenSize = 64;
  c.intermediateSize = 128;
  c.numLayers = 3;
  c.numHeads = 4;
  c.numKvHeads = 2;
  c.headDim = 16;
  c.maxPositions = 128;
  return c;
}

ModelConfig tinyGpt2() {
  return modelConfigFromJson({{"model_type", "gpt2"},
                              {"vocab_size", 96},
                              {"n_embd", 64},
                              {"n_layer", 3},
                              {"n_head", 4},
                              {"n_positions", 64}},
                             "checks");
}

class Checks {
 public:
  Checks(at::Device device, fs::path fixtures, fs::path scratch)
      : m_device(device), m_fixtures(std::move(fixtures)), m_scratch(std::move(scratch)) {}

  void run(const std::string& name, const std::function<std::string()>& body) {
    const auto t0 = std::chrono::steady_clock::now();
    json row = {{"name", name}};
    try {
      const std::string detail = body();
      row["status"] = detail.rfind("skipped", 0) == 0 ? "skipped" : "ok";
      row["detail"] = detail;
    } catch (const std::exception& e) {
      row["status"] = "failed";
      row["detail"] = e.what();
      ++m_failed;
    }
    row["seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("%-34s %-8s %s\n", name.c_str(), row["status"].get<std::string>().c_str(),
                row["detail"].get<std::string>().c_str());
    std::fflush(stdout);
    m_rows.push_back(row);
  }

  // Fixture logits on the device: fp32 against the float64 reference, the KV cache against
  // the full forward, and bf16 autocast within bfloat16's resolution.
  std::string parity(const std::string& name) {
    if (!fs::exists(m_fixtures / ("tiny_" + name + ".safetensors")))
      return "skipped: no fixture models in " + m_fixtures.string();
    test::FixtureModel fx = test::loadFixtureModel(m_fixtures, name, m_scratch);
    CausalLm model = fx.loaded.model;
    model->to(m_device);
    model->eval();
    at::NoGradGuard noGrad;
    const at::Tensor ids = fx.ids.to(m_device);
    const at::Tensor logits = model->forward(ids);
    const double diff = test::maxAbsDiff(logits.to(at::kCPU), fx.expected);
    expect(diff <= (m_device.is_cuda() ? 1e-4 : 1e-5), "fp32 max abs diff " + num(diff));
    // Incremental decoding: one position at a time through the cache.
    KvCache cache = model->makeCache(ids.size(0), ids.size(1));
    std::vector<at::Tensor> steps;
    for (std::int64_t t = 0; t < ids.size(1); ++t)
      steps.push_back(model->logitsFromHidden(model->hidden(
          ids.narrow(1, t, 1), at::ones({ids.size(0), t + 1}, ids.options()), {}, &cache)));
    const double cacheDiff = test::maxAbsDiff(at::cat(steps, 1).to(at::kCPU), fx.expected);
    expect(cacheDiff <= (m_device.is_cuda() ? 1e-4 : 1e-5), "KV cache diff " + num(cacheDiff));
    at::Tensor low;
    {
      const AutocastGuard guard(m_device, true);
      low = model->forward(ids);
    }
    const double lowDiff = relDiff(low, fx.expected);
    expect(low.scalar_type() == at::kBFloat16, "autocast did not give bfloat16 logits");
    expect(lowDiff < 5e-2, "bf16 relative diff " + num(lowDiff));
    return "fp32 " + num(diff) + ", cache " + num(cacheDiff) + ", bf16 rel " + num(lowDiff);
  }

  // Gradients with every block recomputed equal the plain backward (fp32 and bf16 autocast).
  std::string checkpointing(const ModelConfig& config, bool autocast) {
    CausalLm model = createModel(config, /*seed=*/3, m_device);
    model->train();
    at::manual_seed(7);
    const at::Tensor ids = at::randint(1, config.vocabSize, {4, 24}, at::kLong).to(m_device);
    at::Tensor mask = at::zeros({4, 24}, at::TensorOptions().dtype(at::kBool).device(m_device));
    mask.narrow(1, 8, 16).fill_(true);
    const auto grads = [&](bool recompute) {
      model->setGradientCheckpointing(recompute);
      model->zero_grad();
      at::Tensor loss;
      {
        const AutocastGuard guard(m_device, autocast);
        loss = -model->sequenceLogprobs(ids, {}, mask).sum.sum();
      }
      loss.backward();
      std::vector<at::Tensor> out;
      for (const auto& p : model->parameters()) out.push_back(p.grad().clone());
      return out;
    };
    const auto plain = grads(false), recomputed = grads(true);
    double worst = 0;
    for (std::size_t i = 0; i < plain.size(); ++i)
      worst = std::max(worst, relDiff(recomputed[i], plain[i]));
    expect(worst <= 1e-5, "max relative gradient diff " + num(worst));
    return "max relative gradient diff " + num(worst);
  }

  // A float32 master weight keeps a 1e-3 AdamW step near 1.0 that a bfloat16 weight loses.
  std::string pureBf16Adam() {
    const auto step = [&](at::ScalarType type) {
      const auto opts = at::TensorOptions().dtype(type).device(m_device);
      at::Tensor w = at::ones({8}, opts).requires_grad_(true);
      torch::optim::AdamW opt({w}, torch::optim::AdamWOptions(1e-3).weight_decay(0.0));
      w.mutable_grad() = at::full({8}, 0.5, opts);
      opt.step();
      return w.detach().to(at::kCPU, at::kDouble);
    };
    expect(step(at::kBFloat16).eq(1.0).all().item<bool>(), "the bf16 weight moved");
    const double master = step(at::kFloat)[0].item<double>();
    expect(std::abs(master - 0.999) < 1e-6, "the fp32 weight is " + num(master));
    return "bf16 weight unchanged, fp32 master 0.999";
  }

  std::string loraOnBf16() {
    CausalLm model = createModel(tinyLlama(), /*seed=*/6, m_device, at::kBFloat16);
    LoraConfig lora;
    lora.rank = 4;
    lora.targetModules = {"q_proj", "v_proj"};
    applyLora(model, lora, /*seed=*/1);
    for (const at::Tensor& p : trainableParameters(model))
      expect(p.scalar_type() == at::kFloat, "an adapter is not float32");
    model->train();
    const at::Tensor ids = at::randint(1, 96, {2, 12}, at::kLong).to(m_device);
    at::Tensor loss;
    {
      const AutocastGuard guard(m_device, true);
      loss = -model->sequenceLogprobs(ids, {}, at::ones_like(ids, at::kBool)).sum.sum();
    }
    loss.backward();
    double norm = 0;
    for (const at::Tensor& p : trainableParameters(model))
      norm += p.grad().to(at::kDouble).square().sum().item<double>();
    expect(std::isfinite(norm) && norm > 0, "adapter gradient norm " + num(norm));
    return "float32 adapters, gradient norm " + num(std::sqrt(norm));
  }

  int failed() const { return m_failed; }
  const json& rows() const { return m_rows; }

 private:
  at::Device m_device;
  fs::path m_fixtures, m_scratch;
  json m_rows = json::array();
  int m_failed = 0;
};

}  // namespace

int main(int argc, char** argv) {
  std::string deviceSpec = "cpu", jsonPath;
  fs::path fixtures;
  if (const char* env = std::getenv("CATDPO_FIXTURES"); env && *env)
    fixtures = fs::path(env) / "models";
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--device" && i + 1 < argc)
      deviceSpec = argv[++i];
    else if (a == "--fixtures" && i + 1 < argc)
      fixtures = fs::path(argv[++i]) / "models";
    else if (a == "--json" && i + 1 < argc)
      jsonPath = argv[++i];
    else {
      std::printf("usage: engine_checks [--device cpu|cuda[:N]] [--fixtures DIR] [--json PATH]\n");
      return a == "--help" ? 0 : 2;
    }
  }
  const at::Device device = resolveDevice(deviceSpec);
  const fs::path scratch =
      fs::temp_directory_path() / ("catdpo-engine-checks-" + std::to_string(::getpid()));
  Checks checks(device, fixtures, scratch);
  std::printf("engine checks on %s\n", device.str().c_str());
  for (const char* name : {"llama", "qwen2", "qwen3", "gpt2"})
    checks.run(std::string("parity ") + name, [&] { return checks.parity(name); });
  checks.run("checkpointing llama fp32", [&] { return checks.checkpointing(tinyLlama(), false); });
  checks.run("checkpointing gpt2 fp32", [&] { return checks.checkpointing(tinyGpt2(), false); });
  checks.run("checkpointing llama bf16", [&] { return checks.checkpointing(tinyLlama(), true); });
  checks.run("adamw bf16 vs fp32 master", [&] { return checks.pureBf16Adam(); });
  checks.run("lora on a bf16 model", [&] { return checks.loraOnBf16(); });
  std::error_code ec;
  fs::remove_all(scratch, ec);
  const json out = {
      {"device", device.str()}, {"failed", checks.failed()}, {"checks", checks.rows()}};
  if (!jsonPath.empty()) std::ofstream(jsonPath) << out.dump(2) << "\n";
  std::printf("%d failed\n", checks.failed());
  return checks.failed() == 0 ? 0 : 1;
}
