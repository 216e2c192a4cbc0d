// SPDX-License-Identifier: MIT
// Adapters live inside the projections (see layers.h); this file finds the projections by
// name and handles the PEFT file format. Matching follows PEFT: a target equals the module's
// last name component or a dotted suffix of its path.
#include "model/lora.h"

#include <ATen/CPUGeneratorImpl.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "common/error.h"
#include "common/json_input.h"
#include "common/paths.h"
#include "model/checkpoint.h"
#include "model/memory_estimate.h"

namespace catdpo {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::string kPeftPrefix = "base_model.model.";

std::vector<std::pair<std::string, ProjectionImpl*>> projections(CausalLm& model) {
  std::vector<std::pair<std::string, ProjectionImpl*>> out;
  for (const auto& item : model->named_modules())
    if (auto* p = dynamic_cast<ProjectionImpl*>(item.value().get()))
      out.emplace_back(item.key(), p);
  return out;
}

}  // namespace

int applyLora(CausalLm& model, const LoraConfig& config, std::uint64_t seed) {
  if (config.rank <= 0) throw Error("must be positive", ErrorLocation{"", 0, "lora.rank"});
  if (config.dropout < 0 || config.dropout >= 1)
    throw Error("must be in [0, 1)", ErrorLocation{"", 0, "lora.dropout"});
  if (config.targetModules.empty())
    throw Error("no target modules given", ErrorLocation{"", 0, "target_modules"});
  at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(seed);
  const auto all = projections(model);
  std::set<std::string> unmatched(config.targetModules.begin(), config.targetModules.end());
  for (auto& p : model->parameters()) p.set_requires_grad(false);
  int adapted = 0;
  for (const auto& [path, proj] : all) {
    bool hit = false;
    for (const auto& target : config.targetModules)
      if (loraTargetMatches(path, target)) {
        unmatched.erase(target);
        hit = true;
      }
    if (!hit) continue;
    proj->addLora(config.rank, config.alpha, config.dropout, gen);
    ++adapted;
  }
  if (!unmatched.empty()) {
    std::set<std::string> names;
    for (const auto& [path, proj] : all) names.insert(path.substr(path.rfind('.') + 1));
    std::string available;
    for (const auto& n : names) available += (available.empty() ? "" : ", ") + n;
    throw Error("'" + *unmatched.begin() + "' matches no projection of this " +
                    familyName(model->config().family) + " model; available: " + available,
                ErrorLocation{"", 0, "target_modules"});
  }
  return adapted;
}

bool hasAdapters(CausalLm& model) {
  for (const auto& [path, proj] : projections(model))
    if (proj->hasLora()) return true;
  return false;
}

void setAdaptersEnabled(CausalLm& model, bool enabled) {
  for (const auto& [path, proj] : projections(model)) proj->setLoraEnabled(enabled);
}

void mergeAdapters(CausalLm& model) {
  for (const auto& [path, proj] : projections(model)) proj->mergeLora();
  for (auto& p : model->parameters()) p.set_requires_grad(true);
}

std::vector<at::Tensor> trainableParameters(CausalLm& model) {
  std::vector<at::Tensor> out;
  for (const auto& p : model->parameters())
    if (p.requires_grad()) out.push_back(p);
  return out;
}

AdaptersDisabled::AdaptersDisabled(CausalLm& model) : m_model(model) {
  setAdaptersEnabled(m_model, false);
}
AdaptersDisabled::~AdaptersDisabled() { setAdaptersEnabled(m_model, true); }

NamedTensors adapterStateDict(CausalLm& model) {
  NamedTensors out;
  for (const auto& item : model->named_parameters(/*recurse=*/true)) {
    const std::string& name = item.key();
    if (name.find(".lora_A.") != std::string::npos || name.find(".lora_B.") != std::string::npos)
      out.emplace_back(kPeftPrefix + name, item.value().detach());
  }
  return out;
}

void saveAdapters(const fs::path& dir, CausalLm& model, const LoraConfig& config) {
  const NamedTensors tensors = adapterStateDict(model);
  if (tensors.empty()) throw Error("the model has no LoRA adapters to save");
  fs::create_directories(dir);
  const json cfg = {{"peft_type", "LORA"},
                    {"task_type", "CAUSAL_LM"},
                    {"r", config.rank},
                    {"lora_alpha", config.alpha},
                    {"lora_dropout", config.dropout},
                    {"target_modules", config.targetModules},
                    {"bias", "none"},
                    {"fan_in_fan_out", model->config().isGpt2()},
                    {"base_model_name_or_path", nullptr}};
  saveTensors(dir / "adapter_model.safetensors", tensors, {{"format", "pt"}});
  writeFileAtomically(dir / "adapter_config.json", cfg.dump(2) + "\n");
}

LoraConfig loadAdapters(const fs::path& dir, CausalLm& model) {
  const fs::path cfgPath = dir / "adapter_config.json";
  const json cfg = readJsonFile(cfgPath);
  if (!cfg.is_object())
    throw Error("expected a JSON object", ErrorLocation{cfgPath.string(), 0, ""});
  auto where = [&](const char* key) { return ErrorLocation{cfgPath.string(), 0, key}; };
  auto field = [&](const char* key) -> const json& {
    if (!cfg.contains(key) || cfg[key].is_null()) throw Error("missing", where(key));
    return cfg[key];
  };
  if (cfg.contains("peft_type") && jsonString(cfg["peft_type"], where("peft_type")) != "LORA")
    throw Error("only LORA adapters are supported", where("peft_type"));
  LoraConfig config;
  // The rank sizes the adapter tensors: bounded before anything is allocated.
  config.rank = jsonInteger(field("r"), 1, 1 << 16, where("r"));
  config.alpha = jsonNumber(field("lora_alpha"), where("lora_alpha"));
  config.dropout = cfg.contains("lora_dropout") && !cfg["lora_dropout"].is_null()
                       ? jsonNumber(cfg["lora_dropout"], where("lora_dropout"))
                       : 0.0;
  const json& targets = field("target_modules");
  if (targets.is_string()) {
    config.targetModules = {targets.get<std::string>()};
  } else {
    if (!targets.is_array()) throw Error("expected a list of names", where("target_modules"));
    config.targetModules.clear();  // the file's list replaces the default one
    for (const json& t : targets)
      config.targetModules.push_back(jsonString(t, where("target_modules")));
  }
  applyLora(model, config, /*seed=*/0);
  const TensorStore store = TensorStore::open(dir / "adapter_model.safetensors");
  at::NoGradGuard noGrad;
  std::set<std::string> used;
  for (auto& item : model->named_parameters(/*recurse=*/true)) {
    const std::string& name = item.key();
    if (name.find(".lora_A.") == std::string::npos && name.find(".lora_B.") == std::string::npos)
      continue;
    // PEFT files may carry the adapter name ("lora_A.default.weight") or not.
    std::string key = kPeftPrefix + name;
    if (!store.contains(key)) {
      std::string withDefault = key;
      withDefault.replace(withDefault.rfind(".weight"), 7, ".default.weight");
      if (store.contains(withDefault)) key = withDefault;
    }
    if (store.contains(key) && !isFloatingDtype(store.info(key).dtype))
      throw Error("dtype " + std::string(dtypeName(store.info(key).dtype)) +
                      " where a floating-point adapter weight is expected",
                  ErrorLocation{store.source().string(), 0, key});
    const at::Tensor source = store.get(key);  // throws naming file and tensor when missing
    if (source.sizes() != item.value().sizes())
      throw Error("adapter shape does not match the model",
                  ErrorLocation{store.source().string(), 0, key});
    item.value().copy_(source);
    used.insert(key);
  }
  for (const auto& name : store.names())
    if (!used.count(name))
      throw Error("adapter tensor matches no adapted projection",
                  ErrorLocation{store.source().string(), 0, name});
  return config;
}

}  // namespace catdpo
