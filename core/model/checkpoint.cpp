// SPDX-License-Identifier: MIT
// Loading maps our parameter names (already HF names) onto the file, tolerating the two
// prefixes transformers itself accepts (with or without "model." / "transformer."). Saving
// writes a sibling temp folder and swaps it in with renames.
#include "model/checkpoint.h"

#include <unistd.h>

#include <random>
#include <set>

#include "common/error.h"
#include "common/paths.h"
#include "common/sha256.h"
#include "model/device.h"
#include "model/weight_layout.h"

namespace catdpo {
namespace fs = std::filesystem;

namespace {

bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool isLoraName(const std::string& name) {
  return name.find(".lora_A.") != std::string::npos || name.find(".lora_B.") != std::string::npos;
}

std::string shapeText(const std::vector<std::int64_t>& shape) {
  std::string s = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

std::string shapeText(at::IntArrayRef shape) {
  std::string s = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

}  // namespace

bool TokenizerFiles::any() const { return !all().empty(); }

std::vector<fs::path> TokenizerFiles::all() const {
  std::vector<fs::path> out;
  for (const fs::path* p : {&tokenizerJson, &vocabJson, &mergesTxt, &sentencePiece,
                            &tokenizerConfig, &specialTokensMap, &addedTokens, &generationConfig})
    if (!p->empty()) out.push_back(*p);
  return out;
}

TokenizerFiles findTokenizerFiles(const fs::path& dir) {
  TokenizerFiles files;
  auto pick = [&](fs::path& slot, const char* name) {
    if (fs::is_regular_file(dir / name)) slot = dir / name;
  };
  pick(files.tokenizerJson, "tokenizer.json");
  pick(files.vocabJson, "vocab.json");
  pick(files.mergesTxt, "merges.txt");
  pick(files.sentencePiece, "tokenizer.model");
  pick(files.tokenizerConfig, "tokenizer_config.json");
  pick(files.specialTokensMap, "special_tokens_map.json");
  pick(files.addedTokens, "added_tokens.json");
  pick(files.generationConfig, "generation_config.json");
  return files;
}

bool isFloatingDtype(TensorDtype dtype) {
  return dtype == TensorDtype::F64 || dtype == TensorDtype::F32 || dtype == TensorDtype::F16 ||
         dtype == TensorDtype::BF16;
}

namespace {
void requireFloating(const TensorStore& store, const std::string& name) {
  const TensorInfo& info = store.info(name);
  if (!isFloatingDtype(info.dtype))
    throw Error("dtype " + std::string(dtypeName(info.dtype)) +
                    " where a floating-point weight (F32, F16, BF16, F64) is expected",
                ErrorLocation{store.fileOf(name).string(), 0, name});
}
}  // namespace

void requireTokenizerFitsModel(int tokenizerIds, const ModelConfig& config, const fs::path& dir) {
  if (tokenizerIds > config.vocabSize)
    throw Error("the tokenizer has " + std::to_string(tokenizerIds) + " ids but the model only " +
                    std::to_string(config.vocabSize) +
                    " embeddings (vocab_size): the tokenizer does not belong to this model",
                ErrorLocation{dir.string(), 0, "vocab_size"});
}

void checkWeightsMatchConfig(const ModelConfig& config, const TensorStore& store) {
  const std::string outer = config.isGpt2() ? "transformer." : "model.";
  const std::string probe = config.isGpt2() ? "wte.weight" : "embed_tokens.weight";
  const bool stripOuter = !store.contains(outer + probe) && store.contains(probe);
  expectedParameterCount(config, store.source().string());
  for (const ExpectedWeight& w : expectedWeights(config)) {
    std::string name = w.name;
    if (stripOuter && name.rfind(outer, 0) == 0) name = name.substr(outer.size());
    if (!store.contains(name))
      throw Error("missing tensor '" + name + "' required by the " + familyName(config.family) +
                      " config (" + config.summary() + ")",
                  ErrorLocation{store.source().string(), 0, name});
    const TensorInfo& info = store.info(name);
    if (info.shape != w.shape)
      throw Error(
          "shape " + shapeText(info.shape) + " does not match the config's " + shapeText(w.shape),
          ErrorLocation{store.fileOf(name).string(), 0, name});
    requireFloating(store, name);
  }
}

void loadWeights(CausalLm& model, const TensorStore& store) {
  const ModelConfig& config = model->config();
  const std::string outer = config.isGpt2() ? "transformer." : "model.";
  const std::string probe = config.isGpt2() ? "wte.weight" : "embed_tokens.weight";
  // A bare base-model checkpoint (GPT2Model, LlamaModel) stores names without the outer prefix.
  const bool stripOuter = !store.contains(outer + probe) && store.contains(probe);
  std::set<std::string> used;
  at::NoGradGuard noGrad;
  for (auto& item : model->named_parameters(/*recurse=*/true)) {
    const std::string& ours = item.key();
    if (isLoraName(ours)) continue;
    std::string name = ours;
    if (stripOuter && name.rfind(outer, 0) == 0) name = name.substr(outer.size());
    if (!store.contains(name))
      throw Error("missing tensor '" + name + "' required by the " + familyName(config.family) +
                      " config (" + config.summary() + ")",
                  ErrorLocation{store.source().string(), 0, name});
    requireFloating(store, name);  // I32 bytes copied into a float weight would load silently
    const at::Tensor source = store.get(name);
    at::Tensor& param = item.value();
    if (source.sizes() != param.sizes())
      throw Error("shape " + shapeText(source.sizes()) + " does not match the config's " +
                      shapeText(param.sizes()),
                  ErrorLocation{store.fileOf(name).string(), 0, name});
    param.copy_(source);
    used.insert(name);
  }
  for (const std::string& name : store.names()) {
    if (used.count(name)) continue;
    // Derived buffers older transformers versions saved, and a tied head's duplicate.
    if (endsWith(name, ".attn.bias") || endsWith(name, ".attn.masked_bias") ||
        endsWith(name, "rotary_emb.inv_freq") ||
        (config.tieWordEmbeddings && name == "lm_head.weight"))
      continue;
    throw Error("unexpected tensor '" + name + "': not part of a " + familyName(config.family) +
                    " model with this config (wrong config.json?)",
                ErrorLocation{store.fileOf(name).string(), 0, name});
  }
}

LoadedModel loadPretrained(const fs::path& path, const LoadOptions& options) {
  if (!fs::exists(path)) throw Error("no such file or folder", ErrorLocation{path.string(), 0, ""});
  LoadedModel out;
  out.directory = fs::is_directory(path) ? path : path.parent_path();
  if (out.directory.empty()) out.directory = ".";
  fs::path configPath = options.configPath;
  if (configPath.empty()) {
    configPath = out.directory / "config.json";
    if (!fs::exists(configPath))
      throw Error("no config.json beside the weights; pass the model's config.json explicitly",
                  ErrorLocation{path.string(), 0, "config"});
  }
  out.config = loadModelConfig(configPath);
  const at::Device device = resolveDevice(options.device);
  const at::ScalarType dtype = resolveDtype(options.dtype, device);
  const TensorStore store = TensorStore::open(path);
  checkWeightsMatchConfig(out.config, store);  // before the model is allocated
  out.model = CausalLm(out.config);
  out.model->to(dtype);
  loadWeights(out.model, store);
  out.model->to(device);
  out.model->eval();
  out.tokenizer = findTokenizerFiles(out.directory);
  return out;
}

NamedTensors hfStateDict(CausalLm& model) {
  // Adapters that are switched on are folded in, so saving an adapted model saves what it computes.
  std::map<std::string, at::Tensor> merged;
  for (const auto& item : model->named_modules()) {
    if (auto* proj = dynamic_cast<ProjectionImpl*>(item.value().get()); proj && proj->hasLora()) {
      at::NoGradGuard noGrad;
      merged[item.key() + ".weight"] =
          (proj->weight.to(at::kFloat) + proj->loraDelta()).to(proj->weight.scalar_type());
    }
  }
  NamedTensors out;
  for (const auto& item : model->named_parameters(/*recurse=*/true)) {
    if (isLoraName(item.key())) continue;
    auto it = merged.find(item.key());
    out.emplace_back(item.key(), it != merged.end() ? it->second : item.value().detach());
  }
  return out;
}

void savePretrained(const fs::path& dir, CausalLm& model, const SaveOptions& options) {
  fs::path target = dir;
  if (target.filename().empty()) target = target.parent_path();
  fs::path parent = target.parent_path();
  if (parent.empty()) parent = ".";
  fs::create_directories(parent);
  std::mt19937_64 rng(std::random_device{}());
  const std::string tag = std::to_string(::getpid()) + "-" + std::to_string(rng() % 1000000);
  const fs::path temp = parent / ("." + target.filename().string() + ".tmp-" + tag);
  std::error_code ec;
  try {
    fs::create_directories(temp);
    NamedTensors tensors = hfStateDict(model);
    at::ScalarType saved = model->dtype();
    if (options.dtype != at::ScalarType::Undefined) {
      saved = options.dtype;
      for (auto& [name, t] : tensors) t = t.to(options.dtype);
    }
    nlohmann::json config = modelConfigToJson(model->config());
    config["torch_dtype"] = dtypeLabel(saved);
    writeFileAtomically(temp / "config.json", config.dump(2) + "\n");
    std::map<std::string, std::string> metadata = options.metadata;
    metadata["format"] = "pt";
    saveCheckpointTensors(temp, tensors, options.maxShardBytes, metadata);
    for (const fs::path& file : options.copyFiles) {
      if (!fs::is_regular_file(file))
        throw Error("file to copy into the checkpoint does not exist",
                    ErrorLocation{file.string(), 0, ""});
      fs::copy_file(file, temp / file.filename(), fs::copy_options::overwrite_existing);
    }
    if (options.writeExtra) options.writeExtra(temp);
  } catch (...) {
    fs::remove_all(temp, ec);
    throw;
  }
  // Swap: the old folder moves aside, the new one into place, then the old one is deleted.
  const fs::path old = parent / ("." + target.filename().string() + ".old-" + tag);
  const bool hadOld = fs::exists(target);
  if (hadOld) {
    fs::rename(target, old, ec);
    if (ec) {
      fs::remove_all(temp, ec);
      throw Error("cannot replace the existing checkpoint: " + ec.message(),
                  ErrorLocation{target.string(), 0, ""});
    }
  }
  fs::rename(temp, target, ec);
  if (ec) {
    std::error_code ignored;
    if (hadOld) fs::rename(old, target, ignored);
    fs::remove_all(temp, ignored);
    throw Error("cannot move the new checkpoint into place: " + ec.message(),
                ErrorLocation{target.string(), 0, ""});
  }
  if (hadOld) fs::remove_all(old, ec);
}

std::string modelFingerprint(CausalLm& model) {
  ModelConfig canonical = model->config();
  canonical.extra = nlohmann::json::object();  // names, versions, paths do not change the model
  Sha256 hash;
  hash.update(modelConfigToJson(canonical).dump());
  for (const auto& [name, tensor] : hfStateDict(model)) {
    const at::Tensor t = tensor.to(at::kCPU).contiguous();
    hash.update(name);
    hash.update(std::string(dtypeName(toTensorDtype(t.scalar_type()))) + shapeText(t.sizes()));
    hash.update(t.data_ptr(), static_cast<std::size_t>(t.nbytes()));
  }
  return hash.hexDigest();
}

}  // namespace catdpo
