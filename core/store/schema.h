// SPDX-License-Identifier: MIT
// The run database's schema as an ordered list of forward migrations: migration 1 creates the
// base tables, each later one upgrades from the version before. The version lives in
// PRAGMA user_version (bytes 60..63 of the file header, readable without opening the file as a
// database) and every applied step is logged in the schema_version table.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace catdpo::store {

class SqliteDb;

// The newest schema this binary knows.
inline constexpr int kSchemaVersion = 6;

struct Migration {
  int version;  // the version the database has after this step
  const char* description;
  const char* sql;  // one or more statements, run in one transaction
};

// Ordered by version, starting at 1 (the base schema).
const std::vector<Migration>& migrations();

// Upgrades `db` (opened read-write) to kSchemaVersion, each step in its own IMMEDIATE
// transaction that re-reads the version first, so two processes opening an old database at
// the same time upgrade it once. Throws catdpo::Error when the database is newer than
// kSchemaVersion (before writing anything).
void migrateToLatest(SqliteDb& db);

}  // namespace catdpo::store
