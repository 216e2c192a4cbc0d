// SPDX-License-Identifier: MIT
// Error texts say what a user can do about the common failures (disk full, read-only, locked,
// not a database) rather than only repeating SQLite's short message.
#include "store/sqlite_db.h"

#include <sqlite3.h>

#include "common/error.h"

namespace catdpo::store {

namespace {
std::string advice(int rc) {
  switch (rc & 0xff) {
    case SQLITE_FULL:
      return " (the disk is full; free space and retry -- everything committed before is kept)";
    case SQLITE_READONLY:
      return " (the database or its folder is read-only)";
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return " (another process holds the database lock for too long)";
    case SQLITE_NOTADB:
      return " (the file is not a SQLite database)";
    case SQLITE_CORRUPT:
      return " (the database file is damaged)";
    case SQLITE_CANTOPEN:
      return " (missing folder, or no permission to create or open the file)";
    case SQLITE_IOERR:
      return " (input/output error: disk full, file size limit or failing storage)";
    default:
      return "";
  }
}
}  // namespace

SqliteDb::SqliteDb(const std::string& path, int flags) : m_path(path) {
  const int rc = sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
    sqlite3_close_v2(m_db);
    m_db = nullptr;
    throw Error("cannot open the run database: " + msg + advice(rc), ErrorLocation{path, 0, ""});
  }
  sqlite3_extended_result_codes(m_db, 1);
}

SqliteDb::~SqliteDb() {
  if (m_db) sqlite3_close_v2(m_db);
}

void SqliteDb::fail(int rc, const std::string& what) const {
  const std::string msg = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
  throw Error(what + ": " + msg + advice(rc), ErrorLocation{m_path, 0, ""});
}

void SqliteDb::exec(const std::string& sql, const char* what) {
  char* err = nullptr;
  const int rc = sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &err);
  if (err) sqlite3_free(err);
  if (rc != SQLITE_OK) fail(rc, what);
}

std::int64_t SqliteDb::queryInt(const std::string& sql, const char* what) {
  Statement st(*this, sql);
  if (!st.step()) fail(SQLITE_ERROR, std::string(what) + ": no result");
  return st.columnInt(0);
}

std::string SqliteDb::queryText(const std::string& sql, const char* what) {
  Statement st(*this, sql);
  if (!st.step()) fail(SQLITE_ERROR, std::string(what) + ": no result");
  return st.columnText(0);
}

std::int64_t SqliteDb::lastInsertId() const { return sqlite3_last_insert_rowid(m_db); }
int SqliteDb::changes() const { return sqlite3_changes(m_db); }

Statement::Statement(SqliteDb& db, const std::string& sql) : m_db(db), m_sql(sql) {
  const int rc =
      sqlite3_prepare_v2(db.handle(), sql.c_str(), static_cast<int>(sql.size()), &m_stmt, nullptr);
  if (rc != SQLITE_OK) db.fail(rc, "preparing a query");
}

Statement::~Statement() { sqlite3_finalize(m_stmt); }

Statement& Statement::bind(int index, std::int64_t value) {
  if (int rc = sqlite3_bind_int64(m_stmt, index, value); rc != SQLITE_OK) m_db.fail(rc, "bind");
  return *this;
}
Statement& Statement::bind(int index, double value) {
  if (int rc = sqlite3_bind_double(m_stmt, index, value); rc != SQLITE_OK) m_db.fail(rc, "bind");
  return *this;
}
Statement& Statement::bind(int index, const std::string& value) {
  const int rc = sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()),
                                   SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) m_db.fail(rc, "bind");
  return *this;
}
Statement& Statement::bind(int index, const char* value) { return bind(index, std::string(value)); }
Statement& Statement::bindNull(int index) {
  if (int rc = sqlite3_bind_null(m_stmt, index); rc != SQLITE_OK) m_db.fail(rc, "bind");
  return *this;
}
Statement& Statement::bindOptional(int index, const std::string& value) {
  return value.empty() ? bindNull(index) : bind(index, value);
}

bool Statement::step() {
  const int rc = sqlite3_step(m_stmt);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3_reset(m_stmt);
  m_db.fail(rc, "running a query");
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

void Statement::reset() {
  sqlite3_reset(m_stmt);
  sqlite3_clear_bindings(m_stmt);
}

int Statement::columnCount() const { return sqlite3_column_count(m_stmt); }
std::string Statement::columnName(int col) const { return sqlite3_column_name(m_stmt, col); }
int Statement::columnType(int col) const { return sqlite3_column_type(m_stmt, col); }
bool Statement::isNull(int col) const { return columnType(col) == SQLITE_NULL; }
std::int64_t Statement::columnInt(int col) const { return sqlite3_column_int64(m_stmt, col); }
double Statement::columnDouble(int col) const { return sqlite3_column_double(m_stmt, col); }
std::string Statement::columnText(int col) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, col));
  return text ? std::string(text, static_cast<size_t>(sqlite3_column_bytes(m_stmt, col)))
              : std::string();
}

Transaction::Transaction(SqliteDb& db) : m_db(db) {
  m_db.exec("BEGIN IMMEDIATE", "starting a write transaction");
}

Transaction::~Transaction() {
  if (!m_done) sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  m_db.exec("COMMIT", "committing");
  m_done = true;
}

}  // namespace catdpo::store
