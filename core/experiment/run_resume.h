// SPDX-License-Identifier: MIT
// What a resumed run continues from: the config it was recorded with and the newest intact
// checkpoint in its own folder. Used by Experiment::run after it has claimed the run; split
// from experiment.cpp so the run's steps read on their own. Plain header: no LibTorch.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include "store/run_record.h"
#include "train/train_config.h"

namespace catdpo {

class RunStore;

// The newest checkpoint of the run that lies in its own folder and is intact (its files match
// the sha256 list the database recorded); a damaged newer one is skipped with a warning.
// Throws catdpo::Error saying why none is usable.
CheckpointRecord intactCheckpoint(const RunStore& store, const std::string& id,
                                  const std::filesystem::path& outDir,
                                  const std::function<void(const std::string&)>& warn);

// The config a resumed run continues with: the one it was recorded with (a run recorded
// before the precision option keeps the precision it began in).
TrainConfig resumedConfig(const RunRecord& previous);

}  // namespace catdpo
