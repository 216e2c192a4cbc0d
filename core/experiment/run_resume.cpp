// SPDX-License-Identifier: MIT
// Resuming a run: its intact checkpoint and its recorded config (see run_resume.h).
#include "experiment/run_resume.h"

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "common/json_input.h"
#include "store/run_location.h"
#include "store/run_store.h"
#include "train/trainer.h"

namespace catdpo {
namespace fs = std::filesystem;

CheckpointRecord intactCheckpoint(const RunStore& store, const std::string& id,
                                  const fs::path& outDir,
                                  const std::function<void(const std::string&)>& warn) {
  const std::vector<CheckpointRecord> all = store.checkpoints(id);
  std::string why;
  bool newest = true;
  for (auto it = all.rbegin(); it != all.rend(); ++it, newest = false) {
    const std::string label = "checkpoint of step " + std::to_string(it->step);
    const auto path = checkpointInside(*it, outDir);
    if (!path) {
      why += "\n  " + label + ": recorded at " + escapeForDisplay(it->path, 200) +
             ", outside the run's folder " + outDir.string() + " (not used)";
      continue;
    }
    std::error_code ec;
    if (!fs::exists(*path, ec)) {
      // Older checkpoints are pruned as training goes on; only a missing newest one is news.
      if (newest) why += "\n  " + label + ": " + path->string() + " no longer exists";
      continue;
    }
    if (const auto damage = checkpointDamage(*path, it->sha256)) {
      warn(label + " (" + path->string() + ") is damaged: " + *damage +
           "; trying the one before it");
      why += "\n  " + label + ": " + *damage;
      continue;
    }
    if (!why.empty()) warn("resuming from the intact " + label + " instead" + why);
    return *it;
  }
  throw Error("run " + id + " has no intact checkpoint to resume from" +
              (why.empty() ? std::string(" (none was recorded)") : why) +
              (outDir.empty() ? std::string()
                              : "\n(checkpoints are looked for in " + outDir.string() +
                                    "/checkpoints; pass --out DIR for a run trained with --out)"));
}

TrainConfig resumedConfig(const RunRecord& previous) {
  TrainConfig config = trainConfigFromText(previous.configJson, "run " + previous.id);
  // Runs recorded before the precision option trained float32 weights on the CPU and
  // bfloat16 weights on CUDA: they continue as they began (the text parsed just above).
  if (!parseJson(previous.configJson, JsonSource{"run " + previous.id, 1}).contains("precision"))
    config.precision = previous.device.rfind("cuda", 0) == 0 ? "bf16" : "fp32";
  return config;
}

}  // namespace catdpo
