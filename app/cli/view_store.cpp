// SPDX-License-Identifier: MIT
#include "cli/view_store.h"

#include <iostream>

#include "common/error.h"
#include "common/paths.h"
#include "store/workspace.h"

namespace catdpo::cli {

void addReadOnlyFlag(CLI::App& sub, bool& readOnly) {
  sub.add_flag("--read-only", readOnly,
               "Open the database read-only: its contents are never changed (beside a database in "
               "use, empty -wal/-shm files may stay); automatic when the file or its folder is "
               "not writable");
}

std::unique_ptr<RunStore> openForViewing(const GlobalOptions& global, bool readOnly) {
  const std::filesystem::path db = workspaceDatabasePath(global.db);
  if (!readOnly && RunStore::shouldOpenReadOnly(db)) {
    readOnly = true;
    if (!global.quiet)
      std::cerr << "note: " << db.string()
                << " is not writable here: opened read-only (runs whose writer died may "
                   "still show as running)\n";
  }
  return std::make_unique<RunStore>(db, readOnly);
}

std::optional<TrainConfig> storedConfigOf(const RunRecord& run) {
  try {
    return trainConfigFromText(run.configJson, "run " + run.id);
  } catch (const Error&) {
    return std::nullopt;
  }
}

}  // namespace catdpo::cli
