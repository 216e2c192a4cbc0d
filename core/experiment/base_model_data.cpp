// SPDX-License-Identifier: MIT
// The two ways a base model is asked for: a user's data file (`catdpo demo-model`, the data
// panel) and the built-in demo benchmark (cached per preset and knobs). Both end in
// buildBaseModel with the same architecture and SFT mix.
#include <nlohmann/json.hpp>

#include "common/build_info.h"
#include "common/error.h"
#include "common/paths.h"
#include "common/sha256.h"
#include "data/demo_generator.h"
#include "data/split.h"
#include "experiment/base_model.h"
#include "experiment/data_source.h"

namespace catdpo {
namespace fs = std::filesystem;

namespace {

// The demo model's own data: the benchmark's set at the size the demo runs use (the quick run
// trains on demo:1500), so a run of that size sees the model's very split.
DemoOptions demoModelData(const DemoSettings& settings, bool quick) {
  DemoOptions o;
  o.settings = settings;
  o.pairs = quick ? 1500 : 6000;
  return o;
}

constexpr int kDemoModelVersion = 2;

nlohmann::json demoModelKey(const DemoSettings& settings, bool quick) {
  BaseModelOptions o = baseModelSize(quick);
  o.unsafeShare = resolveDemoFactors(settings).baseUnsafety;
  const DemoOptions data = demoModelData(settings, quick);
  nlohmann::json key = {{"version", kDemoModelVersion},
                        {"seed", data.seed},
                        {"pairs", data.pairs},
                        {"eval_fraction", data.evalFraction},
                        {"benchmark", demoFactorsJson(settings)},
                        {"model", toJson(o)},
                        // Another LibTorch trains other weights from the same seed: builds
                        // against Debian's and a PyTorch wheel's LibTorch share the cache
                        // folder but not their models.
                        {"libtorch", torchVersionString()}};
  return key;
}

}  // namespace

fs::path demoModelPath(const DemoSettings& settings, bool quick) {
  const std::string hash = sha256Hex(demoModelKey(settings, quick).dump()).substr(0, 12);
  return demoModelDir() / ((quick ? "quick-" : "") + settings.preset + "-" + hash);
}

fs::path ensureDemoModel(const DemoSettings& settings, bool quick, const BuildProgressFn& progress,
                         const RunControl* control) {
  const fs::path dir = demoModelPath(settings, quick);
  if (fs::exists(dir / "config.json") && fs::exists(dir / "tokenizer.json") &&
      fs::exists(dir / "model.safetensors"))
    return dir;
  const DemoData data = generateDemoData(demoModelData(settings, quick));
  BaseModelOptions options = baseModelSize(quick);
  options.unsafeShare = data.factors.baseUnsafety;
  const nlohmann::json provenance = demoModelKey(settings, quick);
  buildBaseModel(data.train, dir, options, progress, control, &provenance);
  return dir;
}

DataModelReport buildBaseModelForData(const DataModelRequest& r, const fs::path& outDir,
                                      const BuildProgressFn& progress, const RunControl* control) {
  if (!(r.evalFraction >= 0 && r.evalFraction < 1))
    throw Error("must be within [0, 1)", {"", 0, "eval_fraction"});
  if (!(r.unsafeShare >= 0 && r.unsafeShare <= 1))
    throw Error("must be within [0, 1]", {"", 0, "unsafe_share"});
  if (progress) progress({"data", 0, "reading " + r.dataPath});
  ImportOptions import;
  import.format = dataFormatFromString(r.dataFormat);
  import.skipInvalid = r.skipInvalid;
  const Dataset full = loadDataset(r.dataPath, import);
  if (full.pairs.empty()) throw Error("the data set has no usable pairs", {r.dataPath, 0, ""});
  if (control && control->cancelRequested()) throw Error("cancelled while building the base model");

  DataModelReport report;
  report.dataFingerprint = full.fingerprint;
  report.pairs = static_cast<std::int64_t>(full.pairs.size());
  report.categories = full.taxonomy.names();
  BaseModelOptions options = baseModelSize(r.quick);
  options.seed = r.seed;
  options.defaultUnsafeShare = r.unsafeShare;
  options.unsafeShare.assign(full.taxonomy.size(), r.unsafeShare);
  for (const auto& [name, share] : r.categoryShares) {
    const auto index = full.taxonomy.indexOf(name);
    if (!index)
      throw Error("the data set has no category '" + name + "' (it has " +
                      std::to_string(full.taxonomy.size()) + ")",
                  {"", 0, "category_share"});
    if (!(share >= 0 && share <= 1))
      throw Error("the share of '" + name + "' must be within [0, 1]", {"", 0, "category_share"});
    options.unsafeShare[static_cast<std::size_t>(*index)] = share;
  }
  report.unsafeShare = options.unsafeShare;

  // The training pipeline's own split (data_source.cpp): the held-out side stays unseen.
  const DatasetSplit split = splitByPrompt(full.pairs, SplitOptions{r.evalFraction, kSplitSeed});
  const Dataset train = subsetDataset(full, split.train);
  report.trainPairs = static_cast<std::int64_t>(train.pairs.size());
  report.heldOutPairs = static_cast<std::int64_t>(split.eval.size());
  if (train.pairs.empty())
    throw Error("no pairs left to train on after holding out " + std::to_string(split.eval.size()),
                {"", 0, "eval_fraction"});

  const DatasetStats& s = full.stats;
  std::int64_t categorised = 0;
  for (const auto& c : s.perCategory) categorised += c.total;
  if (s.labelled == 0)
    report.warnings.push_back(
        "the data has no safety labels: the model learns each pair's helpfulness winner only, "
        "and a run on it has no safe ratio to measure");
  else if (s.oneUnsafe + s.bothUnsafe == 0)
    report.warnings.push_back(
        "the data has no unsafe responses: the model learns safe answers only and starts near "
        "100% safe");
  if (s.labelled > 0 && categorised == 0)
    report.warnings.push_back(
        "the data has no harm categories: one share (" + std::to_string(r.unsafeShare) +
        ") applies to every unsafe pair, and per-category metrics will be empty");
  if (train.pairs.size() < 50)
    report.warnings.push_back("only " + std::to_string(train.pairs.size()) +
                              " pairs to train on: the model will barely speak");

  const nlohmann::json provenance = {{"file", r.dataPath},
                                     {"fingerprint", full.fingerprint},
                                     {"eval_fraction", r.evalFraction},
                                     {"split_seed", kSplitSeed},
                                     {"train_pairs", report.trainPairs}};
  report.result = buildBaseModel(train, outDir, options, progress, control, &provenance);
  return report;
}

}  // namespace catdpo
