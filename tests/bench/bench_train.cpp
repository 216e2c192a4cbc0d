// SPDX-License-Identifier: MIT
// Engine throughput: the DPO training step of the real Trainer on GPT-2-style models (about
// 1M, 5M and 11M parameters on the CPU; 125M, 350M and 1B on a GPU) in a chosen precision:
// tokens/s, achieved GFLOP/s against the measured matrix-product speed in the step's compute
// type (MFU), the engine's own fp32 step beside a bf16 one, the same step in eager PyTorch
// (under autocast for bf16-mixed), cached reference log-probs against a recomputed reference
// forward, a phase profile, and generation with and without the KV cache. Prints tables and
// writes one JSON file. Not a pass/fail test: ratios from one run are the point.
#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>
#include <torch/optim/adamw.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "bench_json.h"
#include "bench_train_support.h"
#include "common/blas_check.h"
#include "common/heap_policy.h"
#include "common/openmp_env.h"
#include "model/causal_lm.h"
#include "model/device.h"
#include "model/generate.h"
#include "model/model_config.h"
#include "model/precision.h"
#include "train/losses.h"
#include "train/reference_logps.h"
#include "train/sequence_batch.h"
#include "train/trainer.h"

namespace {

using catdpo::CausalLm;
using catdpo::Precision;
using catdpo::bench::Clock;
using catdpo::bench::median;
using catdpo::bench::PythonSetup;
using catdpo::bench::since;
using json = nlohmann::json;

struct ModelSpec {
  std::string name;
  std::int64_t vocab, embd, layers, heads;
  int pairs, prompt, response;  // batch: `pairs` chosen + `pairs` rejected rows
  int warmup, steps;
  std::int64_t positions = 512;
};

const std::vector<ModelSpec>& cpuSpecs() {
  static const std::vector<ModelSpec> kSpecs{{"1M", 4096, 128, 4, 4, 8, 32, 96, 2, 5},
                                             {"5M", 8192, 256, 4, 8, 8, 32, 96, 2, 5},
                                             {"11M", 6144, 384, 5, 6, 8, 32, 96, 2, 5}};
  return kSpecs;
}

// GPT-2 small and medium, and a 1B model of GPT-2's shape (width 2048, 18 layers); 8 pairs of
// 512 tokens (128 prompt, 384 response) per step.
const std::vector<ModelSpec>& gpuSpecs() {
  static const std::vector<ModelSpec> kSpecs{{"125M", 50257, 768, 12, 12, 8, 128, 384, 2, 6, 1024},
                                             {"350M", 50257, 1024, 24, 16, 8, 128, 384, 2, 6, 1024},
                                             {"1B", 50257, 2048, 18, 16, 8, 128, 384, 2, 6, 1024}};
  return kSpecs;
}

struct Options {
  std::string jsonPath;
  int threads = 0;
  bool smoke = false;
  bool python = true;
  bool generationOnly = false;  // only the KV-cache benchmark (5M model, or the one --models names)
  bool profile = true;          // the phase profile (CPU)
  std::string precision = "fp32";
  std::string device = "cpu";
  std::string pythonPath = "/usr/bin/python3";
  std::vector<std::string> only;  // model names; empty: all of the device's
};

catdpo::ModelConfig gpt2Config(const ModelSpec& s) {
  return catdpo::modelConfigFromJson({{"model_type", "gpt2"},
                                      {"vocab_size", s.vocab},
                                      {"n_embd", s.embd},
                                      {"n_layer", s.layers},
                                      {"n_head", s.heads},
                                      {"n_positions", s.positions}},
                                     "bench");
}

std::int64_t parameterCount(CausalLm& model) {
  std::int64_t n = 0;
  for (const auto& p : model->parameters()) n += p.numel();
  return n;
}

// FLOPs of one forward pass, counted analytically per token: 2 * (matmul weights of the
// blocks) + 4 * T * E per layer for QK^T and PV (the engine computes the full T x T square),
// plus 2 * V * E per row projected onto the vocabulary (response positions only).
struct FlopCount {
  double forwardPerToken = 0;  // blocks + attention
  double headPerRow = 0;
  double policyStep(double tokens, double projectedRows) const {
    return 3.0 * (forwardPerToken * tokens + headPerRow * projectedRows);
  }
  double referenceForward(double tokens, double projectedRows) const {
    return forwardPerToken * tokens + headPerRow * projectedRows;
  }
};

FlopCount flopsOf(const catdpo::ModelConfig& c, std::int64_t length) {
  const double e = static_cast<double>(c.hiddenSize);
  const double blockWeights = 12.0 * e * e;  // c_attn 3E^2, c_proj E^2, MLP 8E^2
  FlopCount f;
  f.forwardPerToken = static_cast<double>(c.numLayers) *
                      (2.0 * blockWeights + 4.0 * static_cast<double>(length) * e);
  f.headPerRow = 2.0 * static_cast<double>(c.vocabSize) * e;
  return f;
}

std::vector<catdpo::PairExample> syntheticPairs(const ModelSpec& s, int count, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<std::int32_t> token(1, static_cast<std::int32_t>(s.vocab - 1));
  std::vector<catdpo::PairExample> out(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    catdpo::PairExample& ex = out[static_cast<std::size_t>(i)];
    ex.prompt.resize(static_cast<std::size_t>(s.prompt));
    for (auto& id : ex.prompt) id = token(rng);
    for (auto& r : ex.response) {
      r.resize(static_cast<std::size_t>(s.response));
      for (auto& id : r) id = token(rng);
    }
    ex.categories = {i % 19};
    ex.kind = catdpo::PromptKind::Harmful;
    ex.helpful = {0, 1, 0, 1, true};
    ex.safe = ex.safer = ex.helpful;
    ex.pairIndex = static_cast<std::size_t>(i);
  }
  return out;
}

std::vector<std::string> categoryNames() {
  std::vector<std::string> names;
  for (int k = 0; k < 19; ++k) names.push_back("category-" + std::to_string(k));
  return names;
}

class StepRecorder : public catdpo::TrainingListener {
 public:
  void onStep(const catdpo::StepMetrics& m) override {
    if (m.tokensPerSecond > 0) seconds.push_back(static_cast<double>(m.tokens) / m.tokensPerSecond);
    tokens = m.tokens;
    losses.push_back(m.loss);
  }
  std::vector<double> seconds, losses;
  std::int64_t tokens = 0;
};

std::vector<std::pair<int, int>> stepRows(int pairs) {
  std::vector<std::pair<int, int>> rows;
  for (int i = 0; i < pairs; ++i) rows.emplace_back(i, 0);
  for (int i = 0; i < pairs; ++i) rows.emplace_back(i, 1);
  return rows;
}

// Reference forward for one batch of the step's shape, as a recomputing trainer would run it.
double referenceForwardSeconds(CausalLm& model, const std::vector<catdpo::PairExample>& ex,
                               int pairs, int repeats, Precision precision) {
  std::vector<double> times;
  for (int r = 0; r < repeats + 1; ++r) {
    const auto t0 = Clock::now();
    c10::InferenceMode inference;
    const catdpo::AutocastGuard autocast(model->device(), catdpo::usesAutocast(precision));
    const catdpo::SequenceBatch batch =
        catdpo::makeSequenceBatch(ex, stepRows(pairs), 0, model->device());
    const auto lp = model->sequenceLogprobs(batch.ids, {}, batch.targetMask);
    (void)lp.sum.sum().item<float>();
    if (r > 0) times.push_back(since(t0));  // the first one warms up
  }
  return median(times);
}

// Phases of one step, timed around the engine's own calls (diagnostics for where time goes).
json phaseProfile(CausalLm& policy, const std::vector<catdpo::PairExample>& ex, int pairs,
                  int repeats, Precision precision) {
  const auto rows = stepRows(pairs);
  std::vector<at::Tensor> params;
  for (const auto& p : policy->parameters()) params.push_back(p);
  torch::optim::AdamW optimizer(params, torch::optim::AdamWOptions(5e-5).weight_decay(0.0));
  const bool autocast = catdpo::usesAutocast(precision);
  std::array<std::vector<double>, 6> t;
  for (int r = 0; r < repeats + 1; ++r) {
    optimizer.zero_grad();
    auto t0 = Clock::now();
    const catdpo::SequenceBatch batch = catdpo::makeSequenceBatch(ex, rows, 0, policy->device());
    const double tBatch = since(t0);
    t0 = Clock::now();
    {
      const catdpo::AutocastGuard guard(policy->device(), autocast);
      const at::Tensor h = policy->hidden(batch.ids);  // the forward without the LM head
      (void)h;
    }
    const double tHidden = since(t0);
    t0 = Clock::now();
    catdpo::SequenceLogprobs lp;
    {
      const catdpo::AutocastGuard guard(policy->device(), autocast);
      lp = policy->sequenceLogprobs(batch.ids, {}, batch.targetMask);
    }
    const double tForward = since(t0);
    const at::Tensor ref = at::zeros({2 * pairs});
    const at::Tensor z =
        catdpo::preferenceLogRatio(lp.sum.slice(0, 0, pairs), lp.sum.slice(0, pairs, 2 * pairs),
                                   ref.slice(0, 0, pairs), ref.slice(0, pairs));
    const at::Tensor loss = catdpo::sigmoidPreferenceLoss(z, 0.1, {}, 0.0).mean();
    t0 = Clock::now();
    loss.backward();
    (void)loss.item<double>();
    const double tBackward = since(t0);
    t0 = Clock::now();
    {
      at::NoGradGuard noGrad;
      std::vector<at::Tensor> norms;
      for (const auto& p : params) norms.push_back(p.grad().norm(2));
      const double total = at::stack(norms).norm(2).item<double>();
      if (total > 1.0)
        for (const auto& p : params) p.grad().mul_(1.0 / (total + 1e-6));
    }
    const double tClip = since(t0);
    t0 = Clock::now();
    optimizer.step();
    const double tOptim = since(t0);
    if (r == 0) continue;
    t[0].push_back(tBatch);
    t[1].push_back(tHidden);
    t[2].push_back(tForward);  // blocks + log-prob head (timed apart from the blocks-only pass)
    t[3].push_back(tBackward);
    t[4].push_back(tClip);
    t[5].push_back(tOptim);
  }
  const std::array<const char*, 6> names{"batch",    "forward_blocks", "forward_with_head",
                                         "backward", "clip",           "adamw"};
  json out = json::object();
  for (std::size_t i = 0; i < names.size(); ++i) out[names[i]] = median(t[i]);
  return out;
}

// The engine's training step: the real Trainer over warmup + timed steps.
struct EngineRun {
  double stepSeconds = 0;
  std::vector<double> timed, losses;
  double tokens = 0;
  std::int64_t parameters = 0;
  CausalLm policy{nullptr};
};

EngineRun runEngine(const ModelSpec& s, const std::vector<catdpo::PairExample>& examples,
                    Precision precision, const at::Device& device, int threads) {
  const catdpo::ModelConfig config = gpt2Config(s);
  catdpo::TrainerSetup setup;
  setup.config.method = catdpo::Method::Dpo;
  setup.config.steps = s.warmup + s.steps;
  setup.config.batchSize = s.pairs;
  setup.config.maxLength = s.prompt + s.response;
  setup.config.learningRate = 5e-5;
  setup.config.warmupSteps = 0;
  setup.config.threads = threads;
  setup.config.precision = catdpo::toString(precision);
  // float32 weights for fp32 and bf16-mixed, bfloat16 for bf16 (as the engine loads them).
  setup.policy = catdpo::createModel(config, /*seed=*/1, device,
                                     precision == Precision::Bf16 ? at::kBFloat16 : at::kFloat);
  setup.train = examples;
  setup.categories = categoryNames();
  // The reference is the initial policy: its log-probs before the first step, cached.
  setup.policy->eval();
  setup.reference =
      catdpo::computeReferenceLogps(setup.policy, examples, 0, 8192, {}, nullptr, precision);
  setup.policy->train();
  StepRecorder recorder;
  setup.listeners = {&recorder};
  EngineRun out;
  out.parameters = parameterCount(setup.policy);
  out.policy = setup.policy;
  catdpo::RunControl control;
  {
    catdpo::Trainer trainer(std::move(setup), control);
    trainer.run();
  }
  out.timed.assign(
      recorder.seconds.begin() + std::min<std::size_t>(s.warmup, recorder.seconds.size()),
      recorder.seconds.end());
  out.stepSeconds = median(out.timed);
  out.tokens = static_cast<double>(recorder.tokens);
  out.losses = recorder.losses;
  return out;
}

json benchGeneration(const ModelSpec& spec, bool smoke) {
  CausalLm model = catdpo::createModel(gpt2Config(spec), /*seed=*/3);
  const std::int64_t newTokens = smoke ? 8 : 128;
  const int promptLen = 16;
  json rows = json::array();
  std::printf("\nGeneration (%s, prompt %d tokens, %lld new tokens, greedy)\n", spec.name.c_str(),
              promptLen, static_cast<long long>(newTokens));
  std::printf("%-6s %14s %14s %8s\n", "batch", "cache tok/s", "no-cache tok/s", "ratio");
  for (int batch : {1, 8}) {
    std::vector<std::vector<std::int64_t>> prompts(static_cast<std::size_t>(batch));
    for (int b = 0; b < batch; ++b)
      for (int i = 0; i < promptLen; ++i)
        prompts[b].push_back(1 + (b * 31 + i * 7) % (spec.vocab - 1));
    double tps[2] = {0, 0};
    for (int useCache : {1, 0}) {
      catdpo::GenerationOptions o;
      o.maxNewTokens = newTokens;
      o.useCache = useCache != 0;
      catdpo::GenerationOptions warm = o;
      warm.maxNewTokens = 4;
      (void)catdpo::generate(model, prompts, warm);
      std::vector<double> times;
      std::int64_t produced = 0;
      for (int rep = 0; rep < (smoke ? 1 : 2); ++rep) {
        const auto t0 = Clock::now();
        const auto result = catdpo::generate(model, prompts, o);
        times.push_back(since(t0));
        produced = 0;
        for (const auto& t : result.tokens) produced += static_cast<std::int64_t>(t.size());
      }
      tps[useCache ? 0 : 1] = static_cast<double>(produced) / median(times);
    }
    std::printf("%-6d %14.1f %14.1f %7.2fx\n", batch, tps[0], tps[1], tps[0] / tps[1]);
    rows.push_back({{"batch", batch},
                    {"new_tokens", newTokens},
                    {"cache_tokens_per_second", tps[0]},
                    {"no_cache_tokens_per_second", tps[1]},
                    {"ratio", tps[0] / tps[1]}});
  }
  return {{"model", spec.name}, {"prompt_tokens", promptLen}, {"rows", rows}};
}

[[noreturn]] void usage(int code) {
  std::printf(
      "usage: bench_train [--json PATH] [--threads N] [--models 1M,5M,11M|125M,350M,1B]\n"
      "                   [--precision fp32|bf16-mixed|bf16] [--device cpu|cuda[:N]]\n"
      "                   [--python PATH] [--no-python] [--no-profile] [--generation-only] "
      "[--smoke]\n");
  std::exit(code);
}

Options parseArgs(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--json")
      o.jsonPath = value();
    else if (a == "--threads")
      o.threads = std::stoi(value());
    else if (a == "--smoke")
      o.smoke = true;
    else if (a == "--no-python")
      o.python = false;
    else if (a == "--no-profile")
      o.profile = false;
    else if (a == "--generation-only")
      o.generationOnly = true;
    else if (a == "--precision")
      o.precision = value();
    else if (a == "--device")
      o.device = value();
    else if (a == "--python")
      o.pythonPath = value();
    else if (a == "--models") {
      const std::string list = value();
      for (std::size_t p = 0; p <= list.size();) {
        const std::size_t q = std::min(list.find(',', p), list.size());
        o.only.push_back(list.substr(p, q - p));
        p = q + 1;
      }
    } else {
      usage(a == "--help" ? 0 : 2);
    }
  }
  if (!catdpo::precisionFromName(o.precision)) {
    std::fprintf(stderr, "--precision: expected fp32, bf16-mixed or bf16\n");
    std::exit(2);
  }
  if (o.jsonPath.empty())
    o.jsonPath = std::string(CATDPO_BENCH_OUTPUT_DIR) +
                 (o.generationOnly ? "/bench_generation.json" : "/bench_train.json");
  return o;
}

// Eager PyTorch on the same shapes: on the CPU as a script runs by default, with passive
// OpenMP waiting, and with that and this engine's heap policy; on a GPU once.
void comparePython(const Options& opt, const json& pySpec, bool gpu, json& models, json& root) {
  std::vector<PythonSetup> setups{PythonSetup::Default};
  if (!gpu) setups = {PythonSetup::Default, PythonSetup::Passive, PythonSetup::PassiveKeepHeap};
  std::vector<json> results;
  std::string why;
  for (PythonSetup setup : setups) {
    json r = catdpo::bench::runPython(opt.pythonPath, pySpec, setup, why);
    if (r.is_null()) break;
    results.push_back(std::move(r));
  }
  if (results.size() != setups.size()) {
    std::printf("\nEager PyTorch comparison skipped: %s\n", why.c_str());
    root["python_skipped"] = why;
    return;
  }
  const std::string mode = opt.precision == "fp32" ? "" : " under bf16 autocast";
  std::printf("\nC++ engine (%s) vs eager PyTorch %s%s (Python %s, %d threads), same step\n",
              opt.precision.c_str(), results[0]["torch"].get<std::string>().c_str(), mode.c_str(),
              results[0]["python"].get<std::string>().c_str(), results[0]["threads"].get<int>());
  std::printf("%-6s %10s", "model", "C++ tok/s");
  for (PythonSetup s : setups) std::printf(" %18s", (std::string("eager ") + toString(s)).c_str());
  for (PythonSetup s : setups) std::printf(" %20s", (std::string("C++ / ") + toString(s)).c_str());
  std::printf("\n");
  for (std::size_t i = 0; i < setups.size(); ++i)
    root[i == 0 ? "python" : std::string("python_") + toString(setups[i])] = results[i];
  for (std::size_t m = 0; m < models.size(); ++m) {
    const double cpp = models[m]["tokens_per_second"].get<double>();
    std::printf("%-6s %10.0f", models[m]["name"].get<std::string>().c_str(), cpp);
    std::vector<double> eager;
    for (std::size_t i = 0; i < setups.size(); ++i) {
      eager.push_back(results[i]["results"][m]["tokens_per_second"].get<double>());
      std::printf(" %18.0f", eager.back());
    }
    for (std::size_t i = 0; i < setups.size(); ++i) {
      const std::string suffix = i == 0 ? "" : std::string("_") + toString(setups[i]);
      models[m]["eager" + suffix + "_tokens_per_second"] = eager[i];
      models[m]["cpp_vs_eager" + suffix] = cpp / eager[i];
      std::printf(" %19.2fx", cpp / eager[i]);
    }
    std::printf("\n");
  }
}

}  // namespace

int main(int argc, char** argv) {
  catdpo::preferPassiveOpenMpWait(argv);  // as catdpo and catdpo-studio do
  catdpo::keepFreedHeapMemory();
  const Options opt = parseArgs(argc, argv);
  const int threads = opt.threads > 0
                          ? opt.threads
                          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  at::set_num_threads(threads);
  at::manual_seed(1);
  const at::Device device = catdpo::resolveDevice(opt.device);
  const bool gpu = device.is_cuda();
  const Precision precision = *catdpo::precisionFromName(opt.precision);

  std::vector<ModelSpec> specs;
  if (opt.smoke) {
    specs.push_back({"smoke", 512, 64, 2, 4, 2, 16, 48, 1, 2});
  } else {
    std::vector<ModelSpec> all = cpuSpecs();
    all.insert(all.end(), gpuSpecs().begin(), gpuSpecs().end());
    for (const ModelSpec& s : all) {
      const bool deviceDefault = std::any_of((gpu ? gpuSpecs() : cpuSpecs()).begin(),
                                             (gpu ? gpuSpecs() : cpuSpecs()).end(),
                                             [&](const ModelSpec& d) { return d.name == s.name; });
      const bool named = std::find(opt.only.begin(), opt.only.end(), s.name) != opt.only.end();
      if (opt.only.empty() ? deviceDefault : named) specs.push_back(s);
    }
  }

  json root = {{"benchmark", "train"},
               {"threads", threads},
               {"device", device.str()},
               {"precision", opt.precision},
               {"omp_wait_policy", catdpo::openMpWaitPolicy()},
               {"heap_policy", catdpo::heapPolicyDescription()}};
  if (opt.generationOnly) {
    if (specs.empty()) {
      std::fprintf(stderr, "no model left to benchmark\n");
      return 2;
    }
    root["benchmark"] = "generation";
    root["generation"] = benchGeneration(specs.size() > 1 ? specs[1] : specs[0], opt.smoke);
    return catdpo::bench::writeJson(opt.jsonPath, root);
  }
  const json matmul = catdpo::bench::measureMatmul(device, at::kFloat, opt.smoke);
  json matmulBf16 = nullptr;
  if (precision != Precision::Fp32 || gpu)
    matmulBf16 = catdpo::bench::measureMatmul(device, at::kBFloat16, opt.smoke);
  const double ceiling32 = matmul["gflops"].get<double>();
  const double ceiling =
      precision == Precision::Fp32 ? ceiling32 : matmulBf16["gflops"].get<double>();
  root["matmul"] = matmul;
  if (!matmulBf16.is_null()) root["matmul_bf16"] = matmulBf16;
  if (!gpu) root["blas_library"] = catdpo::mappedBlasLibrary();
  std::printf("device %s, precision %s, threads %d, OpenMP wait policy %s, heap: %s\n",
              device.str().c_str(), opt.precision.c_str(), threads,
              *catdpo::openMpWaitPolicy() ? catdpo::openMpWaitPolicy() : "default",
              catdpo::heapPolicyDescription().c_str());
  std::printf("measured matmul: fp32 %.1f GFLOP/s", ceiling32);
  if (!matmulBf16.is_null()) std::printf(", bf16 %.1f GFLOP/s", matmulBf16["gflops"].get<double>());
  std::printf(" (best square at::mm)%s\n",
              gpu ? "" : (", BLAS " + catdpo::mappedBlasLibrary()).c_str());
  std::printf(
      "FLOPs per step = 3 * F_fwd (policy forward + backward) [+ F_fwd for a recomputed "
      "reference],\n  F_fwd = tokens * L * (24 E^2 + 4 T E) + projected rows * 2 V E; "
      "MFU = achieved / measured matmul in the step's type\n\n");

  const bool compareFp32 = precision != Precision::Fp32;
  json models = json::array();
  json pySpec = {{"threads", threads},
                 {"device", gpu ? "cuda" : "cpu"},
                 {"precision", opt.precision},
                 {"models", json::array()}};
  std::printf("%-6s %9s %5s %5s %9s %9s %8s %6s %9s %8s %10s\n", "model", "params", "rows", "T",
              "step s", "tok/s", "GFLOP/s", "MFU", "ref-fwd s", "cache x",
              compareFp32 ? "vs fp32" : "");
  for (const ModelSpec& s : specs) {
    const catdpo::ModelConfig config = gpt2Config(s);
    const int length = s.prompt + s.response;
    const auto examples = syntheticPairs(s, 4 * s.pairs, 7);
    EngineRun run = runEngine(s, examples, precision, device, threads);
    EngineRun fp32;
    if (compareFp32) fp32 = runEngine(s, examples, Precision::Fp32, device, threads);
    const double projected = 2.0 * s.pairs * s.response;  // rows predicting a response token
    const FlopCount f = flopsOf(config, length);
    const double gflops = f.policyStep(run.tokens, projected) / run.stepSeconds / 1e9;
    run.policy->eval();
    const double refSeconds =
        referenceForwardSeconds(run.policy, examples, s.pairs, opt.smoke ? 1 : 3, precision);
    run.policy->train();
    const double cacheRatio = (run.stepSeconds + refSeconds) / run.stepSeconds;
    const json phases = (opt.profile && !gpu) ? phaseProfile(run.policy, examples, s.pairs,
                                                             opt.smoke ? 1 : 3, precision)
                                              : json(nullptr);
    std::printf("%-6s %8.2fM %5d %5d %9.3f %9.0f %8.1f %5.0f%% %9.3f %7.2fx", s.name.c_str(),
                static_cast<double>(run.parameters) / 1e6, 2 * s.pairs, length, run.stepSeconds,
                run.tokens / run.stepSeconds, gflops, 100.0 * gflops / ceiling, refSeconds,
                cacheRatio);
    if (compareFp32) std::printf(" %9.2fx", fp32.stepSeconds / run.stepSeconds);
    std::printf("\n");
    json row = {
        {"name", s.name},
        {"parameters", run.parameters},
        {"vocab", s.vocab},
        {"embd", s.embd},
        {"layers", s.layers},
        {"heads", s.heads},
        {"rows", 2 * s.pairs},
        {"sequence", length},
        {"response_tokens", s.response},
        {"precision", opt.precision},
        {"tokens_per_step", run.tokens},
        {"step_seconds_median", run.stepSeconds},
        {"step_seconds_all", run.timed},
        {"losses", run.losses},
        {"tokens_per_second", run.tokens / run.stepSeconds},
        {"step_gflop", f.policyStep(run.tokens, projected) / 1e9},
        {"gflops", gflops},
        {"fraction_of_matmul", gflops / ceiling},
        {"reference_forward_seconds", refSeconds},
        {"reference_forward_gflops", f.referenceForward(run.tokens, projected) / refSeconds / 1e9},
        {"steps_per_second_cached", 1.0 / run.stepSeconds},
        {"steps_per_second_recompute", 1.0 / (run.stepSeconds + refSeconds)},
        {"cached_vs_recompute", cacheRatio},
        {"phases_seconds", phases}};
    if (compareFp32) {
      row["fp32_step_seconds_median"] = fp32.stepSeconds;
      row["fp32_step_seconds_all"] = fp32.timed;
      row["fp32_losses"] = fp32.losses;
      row["fp32_tokens_per_second"] = fp32.tokens / fp32.stepSeconds;
      row["speedup_vs_fp32"] = fp32.stepSeconds / run.stepSeconds;
    }
    models.push_back(row);
    pySpec["models"].push_back({{"name", s.name},
                                {"vocab", s.vocab},
                                {"embd", s.embd},
                                {"layers", s.layers},
                                {"heads", s.heads},
                                {"positions", s.positions},
                                {"pairs", s.pairs},
                                {"prompt", s.prompt},
                                {"response", s.response},
                                {"warmup", s.warmup},
                                {"steps", s.steps}});
  }

  if (opt.profile && !gpu && !models.empty()) {
    std::printf("\nPhases of one step (median seconds):\n%-6s", "model");
    for (const char* p : {"batch", "fwd-blocks", "fwd+head", "backward", "clip", "adamw"})
      std::printf(" %10s", p);
    std::printf("\n");
    for (const json& m : models) {
      const json& ph = m["phases_seconds"];
      std::printf("%-6s", m["name"].get<std::string>().c_str());
      for (const char* p :
           {"batch", "forward_blocks", "forward_with_head", "backward", "clip", "adamw"})
        std::printf(" %10.4f", ph[p].get<double>());
      std::printf("\n");
    }
  }

  if (opt.python && !models.empty()) comparePython(opt, pySpec, gpu, models, root);
  root["models"] = models;

  if (!specs.empty() && !gpu) {
    const ModelSpec& genSpec = specs.size() > 1 ? specs[1] : specs[0];
    root["generation"] = benchGeneration(genSpec, opt.smoke);
  }

  return catdpo::bench::writeJson(opt.jsonPath, root);
}
