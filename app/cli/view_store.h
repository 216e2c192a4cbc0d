// SPDX-License-Identifier: MIT
// Opening the workspace database for the commands that only look at it (runs, show, export,
// compare): read-write by default (so runs whose writer died show as interrupted), read-only
// with --read-only or automatically when the file or its folder is not writable.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>

#include "cli/command_registry.h"
#include "store/run_store.h"
#include "train/train_config.h"

namespace catdpo::cli {

// Declares --read-only on `sub`.
void addReadOnlyFlag(CLI::App& sub, bool& readOnly);
// The database of --db (or the default one), opened as described above; says so on stderr
// when it falls back to read-only by itself (unless --quiet).
std::unique_ptr<RunStore> openForViewing(const GlobalOptions& global, bool readOnly);

// A stored run's configuration, read as a resumed run reads it (the hardened JSON entry point,
// the defaults of the version that wrote it); none when the stored text cannot be read.
std::optional<TrainConfig> storedConfigOf(const RunRecord& run);

}  // namespace catdpo::cli
