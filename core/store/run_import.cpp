// SPDX-License-Identifier: MIT
// Import of whole files: another run database or a JSON export (one run, or an array of them).
// The other database is opened read-only; when its schema is older than ours it is copied with
// SQLite's online backup into a temporary file, which is upgraded and read instead, so the
// user's file is never changed.
#include <sqlite3.h>

#include <random>

#include "common/error.h"
#include "common/json_input.h"
#include "store/run_export.h"
#include "store/run_location.h"
#include "store/schema.h"
#include "store/sqlite_db.h"

namespace catdpo {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// Removes a temporary database and its WAL side files when the import is done.
struct TempDatabase {
  fs::path path;
  ~TempDatabase() {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
      fs::remove(path.string() + suffix, ec);
  }
};

fs::path copyToTemp(const std::string& source) {
  std::random_device rd;
  const fs::path tmp = fs::temp_directory_path() /
                       ("catdpo-import-" + std::to_string(rd()) + std::to_string(rd()) + ".sqlite");
  store::SqliteDb from(source, SQLITE_OPEN_READONLY);
  store::SqliteDb to(tmp.string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  sqlite3_backup* backup = sqlite3_backup_init(to.handle(), "main", from.handle(), "main");
  if (!backup) to.fail(sqlite3_errcode(to.handle()), "copying the database to import");
  const int rc = sqlite3_backup_step(backup, -1);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) to.fail(rc, "copying the database to import");
  return tmp;
}

ImportReport importFromStore(RunStore& target, const RunStore& source, const std::string& name) {
  std::vector<json> exports;
  for (const RunRecord& r : source.listRuns()) {
    if (!isValidRunId(r.id))
      throw Error("nothing was imported: the database holds a run with the invalid id '" +
                      escapeForDisplay(r.id, 80) + "'",
                  {name, 0, "runs.id"});
    exports.push_back(exportRunJson(source, r.id));
  }
  std::vector<const json*> pointers;
  for (const json& e : exports) pointers.push_back(&e);
  return importRunsJson(target, pointers, name);
}

}  // namespace

ImportReport importRuns(RunStore& store, const fs::path& other) {
  const std::string file = other.string();
  std::error_code ec;
  if (!fs::is_regular_file(other, ec)) throw Error("no such file", {file, 0, ""});
  std::error_code same;
  if (fs::equivalent(other, store.path(), same))
    throw Error("nothing was imported: this is the workspace's own database", {file, 0, ""});
  // Whether it is a database is asked of SQLite, never by reading the file here: closing a
  // descriptor of a database drops every lock this process holds on it (see run_store.h), and
  // the file may be open in this process (another workspace of the app). A non-empty SQLite
  // file holds at least one 512-byte page.
  const std::uintmax_t size = fs::file_size(other, ec);
  bool isDatabase = false;
  std::int64_t version = 0;
  if (!ec && size >= 512) {
    store::SqliteDb probe(file, SQLITE_OPEN_READONLY);
    try {
      version = probe.queryInt("PRAGMA user_version", "reading the schema version");
      isDatabase = true;
    } catch (const Error& e) {
      if ((sqlite3_errcode(probe.handle()) & 0xff) != SQLITE_NOTADB)
        throw Error("cannot read the database to import (" + e.reason() + ")", {file, 0, ""});
    }
  }
  if (isDatabase) {
    if (version < store::kSchemaVersion && version >= 1) {
      TempDatabase tmp{copyToTemp(file)};
      RunStore upgraded(tmp.path);
      return importFromStore(store, upgraded, file);
    }
    RunStore source(other, /*readOnly=*/true);  // refuses newer schemas and foreign databases
    return importFromStore(store, source, file);
  }

  json data;
  try {
    data = readJsonFile(other);  // size, depth and number limits before any DOM walk
  } catch (const Error& e) {
    throw Error("neither a run database nor a JSON run export: " + e.reason(), e.where());
  }
  std::vector<const json*> exports;
  if (data.is_array()) {
    for (const json& exported : data) exports.push_back(&exported);
    if (exports.empty()) throw Error("the export holds no runs (an empty array)", {file, 0, ""});
  } else {
    exports.push_back(&data);
  }
  return importRunsJson(store, exports, file);
}

}  // namespace catdpo
