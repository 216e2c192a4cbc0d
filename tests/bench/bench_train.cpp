// SPDX-License-Identifier: MIT
// Engine throughput: the DPO training step of the real Trainer on GPT-2-style models of about
// 1M, 5M and 11M parameters (tokens/s, achieved GFLOP/s against the measured fp32 matmul
// speed), the same step in eager PyTorch through Debian's python3-torch, cached reference
// log-probs against a recomputed reference forward, a phase profile of the step, and
// generation with and without the KV cache. Prints tables and writes one JSON file.
// Not a pass/fail test: timings on shared machines are noise; ratios from one run are the point.
#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>
#include <torch/optim/adamw.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "bench_json.h"
#include "common/blas_check.h"
#include "common/heap_policy.h"
#include "common/openmp_env.h"
#include "model/causal_lm.h"
#include "model/generate.h"
#include "model/model_config.h"
#include "train/losses.h"
#include "train/reference_logps.h"
#include "train/sequence_batch.h"
#include "train/trainer.h"

namespace {

using catdpo::CausalLm;
using Clock = std::chrono::steady_clock;
using json = nlohmann::json;

double since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

struct ModelSpec {
  std::string name;
  std::int64_t vocab, embd, layers, heads;
  int pairs, prompt, response;  // batch: `pairs` chosen + `pairs` rejected rows
  int warmup, steps;
};

struct Options {
  std::string jsonPath;
  int threads = 0;
  bool smoke = false;
  bool python = true;
  bool generationOnly = false;  // only the KV-cache benchmark (5M model, or the one --models names)
  std::vector<std::string> only;  // model names; empty: all
};

catdpo::ModelConfig gpt2Config(const ModelSpec& s) {
  return catdpo::modelConfigFromJson({{"model_type", "gpt2"},
                                      {"vocab_size", s.vocab},
                                      {"n_embd", s.embd},
                                      {"n_layer", s.layers},
                                      {"n_head", s.heads},
                                      {"n_positions", 512}},
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
  }
  std::vector<double> seconds;
  std::int64_t tokens = 0;
};

// Matmul ceiling: the best fp32 GFLOP/s over square products of a few sizes.
json measureMatmul(bool smoke) {
  at::NoGradGuard noGrad;
  json out = json::object();
  double best = 0;
  for (int n : smoke ? std::vector<int>{256} : std::vector<int>{256, 512, 1024}) {
    const at::Tensor a = at::randn({n, n}), b = at::randn({n, n});
    at::Tensor c = at::mm(a, b);
    double fastest = 1e30;
    for (int rep = 0; rep < (smoke ? 3 : 8); ++rep) {
      const auto t0 = Clock::now();
      c = at::mm(a, b);
      fastest = std::min(fastest, since(t0));
    }
    const double gflops = 2.0 * n * n * static_cast<double>(n) / fastest / 1e9;
    out["gflops_" + std::to_string(n)] = gflops;
    best = std::max(best, gflops);
  }
  out["gflops"] = best;
  return out;
}

// Reference forward for one batch of the step's shape, as a recomputing trainer would run it.
double referenceForwardSeconds(CausalLm& reference, const std::vector<catdpo::PairExample>& ex,
                               int pairs, int repeats) {
  std::vector<std::pair<int, int>> rows;
  for (int i = 0; i < pairs; ++i) rows.emplace_back(i, 0);
  for (int i = 0; i < pairs; ++i) rows.emplace_back(i, 1);
  std::vector<double> times;
  for (int r = 0; r < repeats + 1; ++r) {
    const auto t0 = Clock::now();
    c10::InferenceMode inference;
    const catdpo::SequenceBatch batch = catdpo::makeSequenceBatch(ex, rows, 0, at::kCPU);
    const auto lp = reference->sequenceLogprobs(batch.ids, {}, batch.targetMask);
    (void)lp.sum.sum().item<float>();
    if (r > 0) times.push_back(since(t0));  // the first one warms up
  }
  return median(times);
}

// Phases of one step, timed around the engine's own calls (diagnostics for where time goes).
json phaseProfile(CausalLm& policy, const std::vector<catdpo::PairExample>& ex, int pairs,
                  int repeats) {
  std::vector<std::pair<int, int>> rows;
  for (int i = 0; i < pairs; ++i) rows.emplace_back(i, 0);
  for (int i = 0; i < pairs; ++i) rows.emplace_back(i, 1);
  std::vector<at::Tensor> params;
  for (const auto& p : policy->parameters()) params.push_back(p);
  torch::optim::AdamW optimizer(params, torch::optim::AdamWOptions(5e-5).weight_decay(0.0));
  std::array<std::vector<double>, 6> t;
  for (int r = 0; r < repeats + 1; ++r) {
    optimizer.zero_grad();
    auto t0 = Clock::now();
    const catdpo::SequenceBatch batch = catdpo::makeSequenceBatch(ex, rows, 0, at::kCPU);
    const double tBatch = since(t0);
    t0 = Clock::now();
    {
      const at::Tensor h = policy->hidden(batch.ids);  // the forward without the LM head
      (void)h;
    }
    const double tHidden = since(t0);
    t0 = Clock::now();
    const auto lp = policy->sequenceLogprobs(batch.ids, {}, batch.targetMask);
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
    t[2].push_back(
        tForward);  // blocks + log-prob head (timed separately from the blocks-only pass)
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

std::string shellQuote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// How the eager script's process is set up: as a script runs by default, or with the settings
// this program applies to itself (passive OpenMP waiting; the heap keeping freed memory, the
// same thresholds as common/heap_policy.cpp, through glibc's tunables).
enum class PythonSetup { Default, Passive, PassiveKeepHeap };

// Runs the eager-PyTorch script with Debian's interpreter; null json when it cannot.
json runPython(const json& spec, PythonSetup setup, std::string& why) {
  const char* python = "/usr/bin/python3";
  if (!std::filesystem::exists(python)) {
    why = "no /usr/bin/python3";
    return nullptr;
  }
  if (std::system("/usr/bin/python3 -c 'import torch' >/dev/null 2>&1") != 0) {
    why = "/usr/bin/python3 cannot import torch (install python3-torch)";
    return nullptr;
  }
  const std::string script = std::string(CATDPO_BENCH_SOURCE_DIR) + "/dpo_step_eager.py";
  std::string env = "env -u GLIBC_TUNABLES -u OMP_WAIT_POLICY ";
  if (setup != PythonSetup::Default) env += "OMP_WAIT_POLICY=PASSIVE ";
  if (setup == PythonSetup::PassiveKeepHeap)
    env +=
        "GLIBC_TUNABLES=glibc.malloc.mmap_threshold=1073741824:"
        "glibc.malloc.trim_threshold=2147483647 ";
  const std::string cmd =
      env + python + " " + shellQuote(script) + " --spec " + shellQuote(spec.dump()) + " 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) {
    why = "cannot start the Python benchmark";
    return nullptr;
  }
  std::string output, last;
  std::array<char, 4096> buf{};
  while (fgets(buf.data(), buf.size(), pipe)) output += buf.data();
  const int rc = pclose(pipe);
  std::size_t end = output.find_last_not_of('\n');
  if (end != std::string::npos) {
    const std::size_t start = output.rfind('\n', end);
    last = output.substr(start == std::string::npos ? 0 : start + 1,
                         end - (start == std::string::npos ? 0 : start + 1) + 1);
  }
  if (rc != 0) {
    why = "the Python benchmark failed: " + output.substr(0, 2000);
    return nullptr;
  }
  try {
    return json::parse(last);
  } catch (const std::exception&) {
    why = "unreadable output from the Python benchmark: " + last;
    return nullptr;
  }
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
      (void)catdpo::generate(model, prompts, [&] {
        auto w = o;
        w.maxNewTokens = 4;
        return w;
      }());  // warm-up
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
    else if (a == "--generation-only")
      o.generationOnly = true;
    else if (a == "--models") {
      std::string list = value();
      for (std::size_t p = 0; p <= list.size();) {
        const std::size_t q = std::min(list.find(',', p), list.size());
        o.only.push_back(list.substr(p, q - p));
        p = q + 1;
      }
    } else {
      std::printf(
          "usage: bench_train [--json PATH] [--threads N] [--models 1M,5M,11M] [--no-python] "
          "[--generation-only] [--smoke]\n");
      std::exit(a == "--help" ? 0 : 2);
    }
  }
  if (o.jsonPath.empty())
    o.jsonPath = std::string(CATDPO_BENCH_OUTPUT_DIR) +
                 (o.generationOnly ? "/bench_generation.json" : "/bench_train.json");
  return o;
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

  std::vector<ModelSpec> specs;
  if (opt.smoke) {
    specs.push_back({"smoke", 512, 64, 2, 4, 2, 16, 48, 1, 2});
  } else {
    specs.push_back({"1M", 4096, 128, 4, 4, 8, 32, 96, 2, 5});
    specs.push_back({"5M", 8192, 256, 4, 8, 8, 32, 96, 2, 5});
    specs.push_back({"11M", 6144, 384, 5, 6, 8, 32, 96, 2, 5});
  }
  if (!opt.only.empty())
    std::erase_if(specs, [&](const ModelSpec& s) {
      return std::find(opt.only.begin(), opt.only.end(), s.name) == opt.only.end();
    });

  json root = {{"benchmark", "train"},
               {"threads", threads},
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
  const json matmul = measureMatmul(opt.smoke);
  const double ceiling = matmul["gflops"].get<double>();
  root["matmul"] = matmul;
  root["blas_library"] = catdpo::mappedBlasLibrary();
  std::printf(
      "threads %d, OpenMP wait policy %s, heap: %s,\nBLAS %s, measured fp32 matmul "
      "%.1f GFLOP/s (best of 256/512/1024)\n",
      threads, *catdpo::openMpWaitPolicy() ? catdpo::openMpWaitPolicy() : "default",
      catdpo::heapPolicyDescription().c_str(), catdpo::mappedBlasLibrary().c_str(), ceiling);
  std::printf(
      "FLOPs per step = 3 * F_fwd (policy forward + backward) [+ F_fwd for a recomputed "
      "reference],\n  F_fwd = tokens * L * (24 E^2 + 4 T E) + projected rows * 2 V E\n\n");

  json models = json::array();
  json pySpec = {{"threads", threads}, {"models", json::array()}};
  std::printf("%-6s %9s %6s %6s %10s %9s %7s %9s %9s %8s\n", "model", "params", "rows", "T",
              "step s", "tok/s", "GFLOP/s", "% matmul", "ref-fwd s", "cache x");
  for (const ModelSpec& s : specs) {
    const catdpo::ModelConfig config = gpt2Config(s);
    const int length = s.prompt + s.response;
    const auto examples = syntheticPairs(s, 4 * s.pairs, 7);

    catdpo::TrainerSetup setup;
    setup.config.method = catdpo::Method::Dpo;
    setup.config.steps = s.warmup + s.steps;
    setup.config.batchSize = s.pairs;
    setup.config.maxLength = length;
    setup.config.learningRate = 5e-5;
    setup.config.warmupSteps = 0;
    setup.config.threads = threads;
    setup.policy = catdpo::createModel(config, /*seed=*/1);
    setup.train = examples;
    setup.categories = categoryNames();
    CausalLm reference = catdpo::createModel(config, /*seed=*/1);
    reference->eval();
    for (auto& p : reference->parameters()) p.set_requires_grad(false);
    setup.reference = catdpo::computeReferenceLogps(reference, examples, 0);
    StepRecorder recorder;
    setup.listeners = {&recorder};
    const std::int64_t params = parameterCount(setup.policy);
    CausalLm policy = setup.policy;
    catdpo::RunControl control;
    {
      catdpo::Trainer trainer(std::move(setup), control);
      trainer.run();
    }
    std::vector<double> timed(
        recorder.seconds.begin() + std::min<std::size_t>(s.warmup, recorder.seconds.size()),
        recorder.seconds.end());
    const double stepSeconds = median(timed);
    const double tokens = static_cast<double>(recorder.tokens);
    const double projected = 2.0 * s.pairs * s.response;  // rows predicting a response token
    const FlopCount f = flopsOf(config, length);
    const double gflops = f.policyStep(tokens, projected) / stepSeconds / 1e9;
    const double refSeconds =
        referenceForwardSeconds(reference, examples, s.pairs, opt.smoke ? 1 : 3);
    const double cacheRatio = (stepSeconds + refSeconds) / stepSeconds;
    const json phases = phaseProfile(policy, examples, s.pairs, opt.smoke ? 1 : 3);
    std::printf("%-6s %8.2fM %6d %6d %10.3f %9.0f %7.1f %8.0f%% %9.3f %7.2fx\n", s.name.c_str(),
                static_cast<double>(params) / 1e6, 2 * s.pairs, length, stepSeconds,
                tokens / stepSeconds, gflops, 100.0 * gflops / ceiling, refSeconds, cacheRatio);
    models.push_back(
        {{"name", s.name},
         {"parameters", params},
         {"vocab", s.vocab},
         {"embd", s.embd},
         {"layers", s.layers},
         {"heads", s.heads},
         {"rows", 2 * s.pairs},
         {"sequence", length},
         {"response_tokens", s.response},
         {"tokens_per_step", tokens},
         {"step_seconds_median", stepSeconds},
         {"step_seconds_all", timed},
         {"tokens_per_second", tokens / stepSeconds},
         {"step_gflop", f.policyStep(tokens, projected) / 1e9},
         {"gflops", gflops},
         {"fraction_of_matmul", gflops / ceiling},
         {"reference_forward_seconds", refSeconds},
         {"reference_forward_gflops", f.referenceForward(tokens, projected) / refSeconds / 1e9},
         {"steps_per_second_cached", 1.0 / stepSeconds},
         {"steps_per_second_recompute", 1.0 / (stepSeconds + refSeconds)},
         {"cached_vs_recompute", cacheRatio},
         {"phases_seconds", phases}});
    pySpec["models"].push_back({{"name", s.name},
                                {"vocab", s.vocab},
                                {"embd", s.embd},
                                {"layers", s.layers},
                                {"heads", s.heads},
                                {"positions", 512},
                                {"pairs", s.pairs},
                                {"prompt", s.prompt},
                                {"response", s.response},
                                {"warmup", s.warmup},
                                {"steps", s.steps}});
  }

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

  if (opt.python && !models.empty()) {
    // Eager PyTorch three times: as a script runs by default (OpenMP threads spin while they
    // wait; glibc's allocator returns freed memory at once), with the passive waiting this
    // program and the app use, and with that and the app's heap policy as well.
    std::string why;
    const json py = runPython(pySpec, PythonSetup::Default, why);
    const json pyPassive =
        py.is_null() ? json(nullptr) : runPython(pySpec, PythonSetup::Passive, why);
    const json pyTuned =
        pyPassive.is_null() ? json(nullptr) : runPython(pySpec, PythonSetup::PassiveKeepHeap, why);
    if (py.is_null() || pyPassive.is_null() || pyTuned.is_null()) {
      std::printf("\nEager PyTorch comparison skipped: %s\n", why.c_str());
      root["python_skipped"] = why;
    } else {
      root["python"] = py;
      root["python_passive"] = pyPassive;
      root["python_passive_keep_heap"] = pyTuned;
      std::printf("\nC++ engine vs eager PyTorch %s (Python %s, %d threads), same step\n",
                  py["torch"].get<std::string>().c_str(), py["python"].get<std::string>().c_str(),
                  py["threads"].get<int>());
      std::printf("%-6s %10s %14s %14s %12s %11s %11s %11s\n", "model", "C++ tok/s",
                  "eager default", "eager passive", "eager +heap", "vs default", "vs passive",
                  "vs +heap");
      for (std::size_t i = 0; i < models.size() && i < py["results"].size(); ++i) {
        const double cpp = models[i]["tokens_per_second"].get<double>();
        const double eager = py["results"][i]["tokens_per_second"].get<double>();
        const double eagerPassive = pyPassive["results"][i]["tokens_per_second"].get<double>();
        const double eagerTuned = pyTuned["results"][i]["tokens_per_second"].get<double>();
        models[i]["eager_tokens_per_second"] = eager;
        models[i]["eager_passive_tokens_per_second"] = eagerPassive;
        models[i]["cpp_vs_eager"] = cpp / eager;
        models[i]["eager_passive_keep_heap_tokens_per_second"] = eagerTuned;
        models[i]["cpp_vs_eager_passive"] = cpp / eagerPassive;
        models[i]["cpp_vs_eager_passive_keep_heap"] = cpp / eagerTuned;
        std::printf("%-6s %10.0f %14.0f %14.0f %12.0f %10.2fx %10.2fx %10.2fx\n",
                    models[i]["name"].get<std::string>().c_str(), cpp, eager, eagerPassive,
                    eagerTuned, cpp / eager, cpp / eagerPassive, cpp / eagerTuned);
      }
    }
  }
  root["models"] = models;

  if (!specs.empty()) {
    const ModelSpec& genSpec = specs.size() > 1 ? specs[1] : specs[0];
    root["generation"] = benchGeneration(genSpec, opt.smoke);
  }

  return catdpo::bench::writeJson(opt.jsonPath, root);
}
