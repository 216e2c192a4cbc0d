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
  std::filesystem::path path;
  bool readOnly = false;
  int schemaVersion = 0;
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
