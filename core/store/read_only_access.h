// SPDX-License-Identifier: MIT
// Internal to core/store: how a run database is opened for viewing only. SQLITE_OPEN_READONLY
// alone still creates (and leaves behind) -wal and -shm files beside a WAL database; when no
// -wal file exists nobody is writing the database, and it is opened with immutable=1 instead,
// which touches nothing. So does a database in a folder we cannot write.
#pragma once

#include <filesystem>
#include <string>

namespace catdpo::store {

// Whether this process may change the file (or create files in the folder). Root passes every
// access() check, so a file (or folder) without any write permission bit counts as read-only too.
bool writableByUs(const std::filesystem::path& path);

// The database cannot be changed by us: the file or its folder is not writable.
bool databaseNotWritable(const std::filesystem::path& path);

// The SQLite URI that opens `path` read-only ("file:...?mode=ro", plus "&immutable=1" when the
// folder is not writable or no -wal file exists, i.e. no writer is active).
std::string readOnlyUri(const std::filesystem::path& path, bool* immutable = nullptr);

}  // namespace catdpo::store
