// SPDX-License-Identifier: MIT
// Internal to core/store: the state behind RunStore (its connection and cached prepared
// statements) and the row readers shared by the write and query halves of the store.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "store/run_record.h"
#include "store/run_store.h"
#include "store/sqlite_db.h"

namespace catdpo {

struct RunStore::Impl {
  // A temporary file removed (with its side files) when the store closes.
  struct TempFile {
    std::filesystem::path path;
    TempFile() = default;
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    ~TempFile() {
      if (path.empty()) return;
      std::error_code ec;
      for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        std::filesystem::remove(path.string() + suffix, ec);
    }
  };

  std::filesystem::path path;
  bool readOnly = false;
  int schemaVersion = 0;
  TempFile viewCopy;  // an upgraded copy a read-only view of an older database reads; before db
  std::unique_ptr<store::SqliteDb> db;
  std::vector<std::string> interruptedOnOpen;
  // Prepared once: a step write runs them for every step.
  std::unique_ptr<store::Statement> deleteStep, insertStep, insertCategory, insertPair, touchRun;
};

namespace store {

// Columns of runs read into a RunRecord, in the order readRun expects; `r` is the table alias.
extern const char* const kRunColumns;
// Reads a RunRecord (without tags) from a row selected with kRunColumns.
RunRecord readRun(const Statement& st);
std::vector<std::string> readTags(SqliteDb& db, const std::string& runId);
// Random (version 4) UUID: run and sweep ids must not collide across machines (import).
std::string newUuid();

}  // namespace store
}  // namespace catdpo
