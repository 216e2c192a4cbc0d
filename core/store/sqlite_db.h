// SPDX-License-Identifier: MIT
// A thin RAII layer over the SQLite C API for the run store: one connection, prepared statements
// with typed binds, and an IMMEDIATE transaction guard that rolls back unless committed. Every
// SQLite failure becomes a catdpo::Error naming the database file and what was being done.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

struct sqlite3;
struct sqlite3_stmt;

namespace catdpo::store {

class SqliteDb {
 public:
  // flags: SQLITE_OPEN_* as for sqlite3_open_v2. Throws catdpo::Error when it cannot open.
  SqliteDb(const std::string& path, int flags);
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  sqlite3* handle() const { return m_db; }
  const std::string& path() const { return m_path; }
  // Runs one or more statements without results (DDL, PRAGMAs, BEGIN/COMMIT).
  void exec(const std::string& sql, const char* what);
  // The first column of the first row of a one-value query (e.g. PRAGMA user_version).
  std::int64_t queryInt(const std::string& sql, const char* what);
  std::string queryText(const std::string& sql, const char* what);
  std::int64_t lastInsertId() const;
  int changes() const;
  // Throws the catdpo::Error for result code `rc` (never returns).
  [[noreturn]] void fail(int rc, const std::string& what) const;

 private:
  sqlite3* m_db = nullptr;
  std::string m_path;
};

class Statement {
 public:
  Statement(SqliteDb& db, const std::string& sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binds are 1-based, as in SQLite. Text is copied (SQLITE_TRANSIENT).
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, const std::string& value);
  Statement& bind(int index, const char* value);
  Statement& bindNull(int index);
  // Empty string -> NULL (optional columns such as sweep_id).
  Statement& bindOptional(int index, const std::string& value);

  // Advances; true while a row is available. Throws on error.
  bool step();
  // Runs a statement that returns no rows, then resets it for reuse.
  void run();
  void reset();

  int columnCount() const;
  std::string columnName(int col) const;
  int columnType(int col) const;  // SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_NULL ...
  bool isNull(int col) const;
  std::int64_t columnInt(int col) const;
  double columnDouble(int col) const;
  std::string columnText(int col) const;

 private:
  SqliteDb& m_db;
  sqlite3_stmt* m_stmt = nullptr;
  std::string m_sql;
};

// BEGIN IMMEDIATE on construction (takes the write lock up front, so two writers wait on the
// busy timeout instead of deadlocking on a lock upgrade); ROLLBACK in the destructor unless
// commit() succeeded.
class Transaction {
 public:
  explicit Transaction(SqliteDb& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  SqliteDb& m_db;
  bool m_done = false;
};

}  // namespace catdpo::store
