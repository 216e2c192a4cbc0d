// SPDX-License-Identifier: MIT
#include "experiment/data_source.h"

#include <set>

#include "common/error.h"
#include "data/demo_generator.h"
#include "data/split.h"

namespace catdpo {

std::vector<PromptItem> promptsFromPairs(const std::vector<PreferencePair>& pairs) {
  std::vector<PromptItem> out;
  std::set<std::string> seen;
  for (const PreferencePair& p : pairs) {
    if (!p.hasSafetyLabels() || !seen.insert(p.prompt).second) continue;
    PromptItem item;
    item.id = p.id;
    item.prompt = p.prompt;
    item.kind = p.kind;
    item.line = p.sourceLine;
    if ((p.unsafe[0] == 1 || p.unsafe[1] == 1) && !p.categories.empty()) {
      item.unsafe = true;
      item.category = p.categories.front();
      if (item.kind == PromptKind::Unknown) item.kind = PromptKind::Harmful;
    } else if (p.bothSafe()) {
      item.unsafe = false;
      if (item.kind == PromptKind::Unknown) item.kind = PromptKind::Benign;
    } else {
      continue;
    }
    out.push_back(std::move(item));
  }
  return out;
}

PreparedData prepareData(const TrainConfig& config) {
  PreparedData out;
  const std::string& path = config.dataPath;
  const BothUnsafePolicy policy =
      config.bothUnsafe == "keep_safer" ? BothUnsafePolicy::KeepSafer : BothUnsafePolicy::Drop;
  if (path == "demo" || path.rfind("demo:", 0) == 0) {
    DemoOptions demo;
    demo.settings = config.demo;
    if (path.size() > 5) {
      try {
        demo.pairs = std::stoi(path.substr(5));
      } catch (...) {
        throw Error("expected demo or demo:<pairs>, got '" + path + "'", {"", 0, "data"});
      }
    }
    DemoData data = generateDemoData(demo);
    out.demo = true;
    out.train = std::move(data.train);
    out.eval = std::move(data.eval);
    out.prompts = std::move(data.heldOut);
    std::vector<PreferencePair> all = out.train.pairs;
    all.insert(all.end(), out.eval.pairs.begin(), out.eval.pairs.end());
    out.full =
        makeDataset(std::move(all), out.train.taxonomy, DataFormat::PkuSafeRlhf, "demo", policy);
  } else {
    ImportOptions import;
    import.format = dataFormatFromString(config.dataFormat);
    import.skipInvalid = config.skipInvalid;
    import.bothUnsafe = policy;
    out.full = loadDataset(path, import);
    if (out.full.pairs.empty()) throw Error("the data set has no usable pairs", {path, 0, ""});
    const DatasetSplit split =
        splitByPrompt(out.full.pairs, SplitOptions{config.evalFraction, kSplitSeed});
    out.train = subsetDataset(out.full, split.train);
    out.eval = subsetDataset(out.full, split.eval);
    out.prompts = promptsFromPairs(out.eval.pairs);
  }
  if (!config.eval.data.empty()) {
    // A separate evaluation file replaces the held-out split: its pairs and their prompts are
    // the evaluation; the training side keeps every pair of the training data.
    ImportOptions import;
    import.skipInvalid = config.skipInvalid;
    import.bothUnsafe = policy;
    import.taxonomy = out.full.taxonomy;  // an unknown category name is an error of that file
    Dataset evalSet = loadDataset(config.eval.data, import);
    if (evalSet.pairs.empty())
      throw Error("the evaluation file has no usable pairs", {config.eval.data, 0, "eval.data"});
    if (!out.demo) out.train = out.full;
    out.eval = std::move(evalSet);
    out.prompts = promptsFromPairs(out.eval.pairs);
    out.separateEval = true;
    out.evalFingerprint = out.eval.fingerprint;
  }
  out.train.bothUnsafe = out.eval.bothUnsafe = policy;
  out.categories = out.full.taxonomy.names();
  if (out.train.pairs.empty()) throw Error("no training pairs after the split", {path, 0, ""});
  return out;
}

}  // namespace catdpo
