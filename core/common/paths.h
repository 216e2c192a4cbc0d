// SPDX-License-Identifier: MIT
// Where things live on disk: the user's data directory (XDG), the default workspace database,
// the demo model and the reference-log-prob cache. One place so the CLI and the app agree.
#pragma once

#include <filesystem>
#include <string>

namespace catdpo {

// $CATDPO_HOME, else $XDG_DATA_HOME/catdpo-studio, else ~/.local/share/catdpo-studio.
std::filesystem::path userDataDir();
// userDataDir()/workspace.sqlite unless $CATDPO_DB is set.
std::filesystem::path defaultDatabasePath();
// userDataDir()/models/demo unless $CATDPO_DEMO_MODELS is set (the built demo models).
std::filesystem::path demoModelDir();
std::filesystem::path cacheDir();

// Writes `contents` to `target` through a temporary file in the same directory and a rename,
// so readers see either the old file or the new one, never a half-written one.
void writeFileAtomically(const std::filesystem::path& target, const std::string& contents);

}  // namespace catdpo
