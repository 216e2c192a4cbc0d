// SPDX-License-Identifier: MIT
// Internal to core/store: how a run database is opened for viewing only. A plain read-only
// connection (mode=ro) takes SQLite's shared locks and sees what a writer in another process
// commits; beside a WAL database it creates -wal and -shm files when none exist, and leaves them
// (empty; the next writer uses and removes them). immutable=1 touches nothing but assumes the
// file never changes, so it is used only where nobody can write: no writer now (no -wal file)
// and a file without write permission, or a folder we cannot write.
#pragma once

#include <filesystem>
#include <string>

namespace catdpo::store {

// Whether this process may change the file (or create files in the folder). Root passes every
// access() check, so a file (or folder) without any write permission bit counts as read-only too.
bool writableByUs(const std::filesystem::path& path);

// The database cannot be changed by us: the file or its folder is not writable.
bool databaseNotWritable(const std::filesystem::path& path);

// The SQLite URI that opens `path` read-only ("file:...?mode=ro", plus "&immutable=1" when no
// -wal file exists and the file has no write permission bit or its folder is not writable by us).
std::string readOnlyUri(const std::filesystem::path& path, bool* immutable = nullptr);

}  // namespace catdpo::store
