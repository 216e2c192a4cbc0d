// SPDX-License-Identifier: MIT
// The workspace a command or the app works in: its run database. Every place that takes a
// database path from the user (--db, the app's --db, a sweep's or a run's options) resolves it
// here, so "empty means the default" is decided once.
#pragma once

#include <filesystem>
#include <string>

namespace catdpo {

// `chosen` when given, else the default workspace database (defaultDatabasePath(): the user
// data folder's workspace.sqlite, or $CATDPO_DB).
std::filesystem::path workspaceDatabasePath(const std::string& chosen);

}  // namespace catdpo
