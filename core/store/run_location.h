// SPDX-License-Identifier: MIT
// Where a run's files live, decided in one place: run ids are checked against a fixed alphabet
// and length, and every folder is derived from the workspace (never taken from a database row
// or an imported file) and checked to stay inside it, symlinks resolved. A later run locator
// Each run records its output folder in the database when it starts (runs.output_folder).
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"
#include "store/run_record.h"
#include "store/run_store.h"

namespace catdpo {

// Run and sweep ids: 1..64 characters of [A-Za-z0-9_-], not starting with '-'. Our own ids are
// UUIDs; this keeps "../x", NUL, bidi controls and the like out of paths and terminals.
inline constexpr std::size_t kMaxRunIdLength = 64;
bool isValidRunId(std::string_view id);
// Throws catdpo::Error at `where` explaining the rule (the id is shown escaped).
void requireValidRunId(std::string_view id, const ErrorLocation& where);

// <user data dir>/runs: the folder every run folder lives in.
std::filesystem::path runsRoot();
// runsRoot()/<id>, for a valid id only; checked to stay inside runsRoot() even when a folder
// on the way is a symlink. Throws catdpo::Error otherwise.
std::filesystem::path runFolder(std::string_view runId);
std::filesystem::path runFolder(const RunRecord& run);
// Whether the run came from an import (untrusted_json names its origin): its stored paths
// describe another machine and are never followed.
bool isImportedRun(const RunRecord& run);
// The folder a run writes to: the one recorded when it started (its --out folder, or
// runFolder(run)); for a run recorded before the folder was stored, the folder its own newest
// checkpoint row names (<out>/checkpoints/step-N -> <out>), else runFolder(run). Never a stored
// path for an imported run. The one place that answers where a run's checkpoints and final
// model are: finalModelFolder() and checkpointInside() build on it.
std::filesystem::path runOutputFolder(const RunRecord& run, const RunStore& store);
// <output folder>/final: where `catdpo train` writes the aligned model.
std::filesystem::path finalModelFolder(const RunRecord& run, const RunStore& store);

// True when `path` lies strictly inside `root`, both resolved through existing symlinks and
// normalised ("a/../b"), so neither ".." nor a planted link leads out.
bool pathInside(const std::filesystem::path& path, const std::filesystem::path& root);

// A stored checkpoint folder when it lies inside `outputFolder`/checkpoints; nullopt for a path
// that leads anywhere else (e.g. one an imported run's row names).
std::optional<std::filesystem::path> checkpointInside(const CheckpointRecord& checkpoint,
                                                      const std::filesystem::path& outputFolder);

// `text` with control characters, bidi overrides and invalid UTF-8 shown as \xNN / \u{...}:
// for putting untrusted ids and names into messages.
std::string escapeForDisplay(std::string_view text, std::size_t maxBytes = 200);

}  // namespace catdpo
