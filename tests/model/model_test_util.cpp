// SPDX-License-Identifier: MIT
#include "model_test_util.h"

#include <fstream>

namespace catdpo::test {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {
json readJson(const fs::path& path) {
  std::ifstream in(path);
  return json::parse(in);
}
}  // namespace

FixtureModel loadFixtureModel(const fs::path& modelsDir, const std::string& name,
                              const fs::path& scratch, const std::string& dtype) {
  const json logits = readJson(modelsDir / ("tiny_" + name + "_logits.json"));
  fs::path configPath = modelsDir / ("tiny_" + name + "_config.json");
  if (name == "gpt2") {
    const json& c = logits["config"];
    const json hf = {{"model_type", "gpt2"},       {"architectures", {"GPT2LMHeadModel"}},
                     {"n_layer", c["n_layer"]},    {"n_head", c["n_head"]},
                     {"n_embd", c["n_embd"]},      {"n_positions", c["n_ctx"]},
                     {"n_ctx", c["n_ctx"]},        {"vocab_size", c["vocab"]},
                     {"layer_norm_epsilon", 1e-5}, {"activation_function", "gelu_new"}};
    fs::create_directories(scratch);
    configPath = scratch / "gpt2_config.json";
    std::ofstream(configPath) << hf.dump(2);
  }
  FixtureModel out;
  LoadOptions options;
  options.configPath = configPath;
  options.dtype = dtype;
  out.loaded = loadPretrained(modelsDir / ("tiny_" + name + ".safetensors"), options);
  const auto& seqs = logits["sequences"];
  const auto rows = static_cast<std::int64_t>(seqs.size());
  const auto len = static_cast<std::int64_t>(seqs[0].size());
  out.ids = at::empty({rows, len}, at::kLong);
  for (std::int64_t b = 0; b < rows; ++b)
    for (std::int64_t t = 0; t < len; ++t) out.ids[b][t] = seqs[b][t].get<std::int64_t>();
  const auto& values = logits["logits"];
  const auto vocab = static_cast<std::int64_t>(values[0][0].size());
  out.expected = at::empty({rows, len, vocab}, at::kDouble);
  auto acc = out.expected.accessor<double, 3>();
  for (std::int64_t b = 0; b < rows; ++b)
    for (std::int64_t t = 0; t < len; ++t)
      for (std::int64_t v = 0; v < vocab; ++v) acc[b][t][v] = values[b][t][v].get<double>();
  return out;
}

double maxAbsDiff(const at::Tensor& a, const at::Tensor& b) {
  return (a.to(at::kDouble) - b.to(at::kDouble)).abs().max().item<double>();
}

}  // namespace catdpo::test
