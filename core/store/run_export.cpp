// SPDX-License-Identifier: MIT
// Export and import work on table rows generically (column name -> value), so a column added by
// a later migration travels without touching this file. Column names used in INSERTs come from
// the database's own PRAGMA table_info, never from the imported file; surrogate row ids
// (evaluations, samples, checkpoints) are dropped on export and reassigned on import.
#include "store/run_export.h"

#include <sqlite3.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <set>

#include "common/error.h"
#include "common/json_input.h"
#include "common/paths.h"
#include "common/version.h"
#include "store/run_location.h"
#include "store/schema.h"
#include "store/sqlite_db.h"
#include "store/writer_identity.h"

namespace catdpo {

using nlohmann::json;
using store::SqliteDb;
using store::Statement;
namespace fs = std::filesystem;

namespace {

json cell(const Statement& st, int c) {
  switch (st.columnType(c)) {
    case SQLITE_INTEGER:
      return st.columnInt(c);
    case SQLITE_FLOAT:
      return st.columnDouble(c);
    case SQLITE_NULL:
      return nullptr;
    default:
      return st.columnText(c);
  }
}

// Rows of `sql` (parameter 1 = `key`) as JSON objects, without the columns in `skip`.
json rows(SqliteDb& db, const std::string& sql, const json& key,
          const std::set<std::string>& skip = {}) {
  Statement st(db, sql);
  if (key.is_string())
    st.bind(1, key.get<std::string>());
  else
    st.bind(1, key.get<std::int64_t>());
  json out = json::array();
  while (st.step()) {
    json row = json::object();
    for (int c = 0; c < st.columnCount(); ++c) {
      const std::string name = st.columnName(c);
      if (!skip.count(name)) row[name] = cell(st, c);
    }
    out.push_back(std::move(row));
  }
  return out;
}

// Inserts JSON rows into our tables, checking each key against the table's real columns.
class RowWriter {
 public:
  RowWriter(SqliteDb& db, std::string source) : m_db(db), m_source(std::move(source)) {}

  // Returns the new row id. `fixed` columns override/add values (foreign keys of this import).
  std::int64_t insert(const std::string& table, const json& row, const std::string& field,
                      const std::set<std::string>& nested = {},
                      const std::vector<std::pair<std::string, json>>& fixed = {},
                      bool ignoreConflict = false) {
    if (!row.is_object()) throw Error("expected an object", {m_source, 0, field});
    const std::set<std::string>& known = columns(table);
    std::vector<std::pair<std::string, const json*>> values;
    for (const auto& [name, value] : fixed) values.emplace_back(name, &value);
    for (auto it = row.begin(); it != row.end(); ++it) {
      if (nested.count(it.key())) continue;
      if (!known.count(it.key()))
        throw Error("unknown column for table " + table, {m_source, 0, field + "." + it.key()});
      bool overridden = false;
      for (const auto& [name, value] : fixed) overridden = overridden || name == it.key();
      if (!overridden) values.emplace_back(it.key(), &it.value());
    }
    // Names below passed the membership test against PRAGMA table_info.
    std::string sql =
        std::string("INSERT ") + (ignoreConflict ? "OR IGNORE " : "") + "INTO " + table + " (";
    std::string marks;
    for (size_t i = 0; i < values.size(); ++i) {
      sql += (i ? ", " : "") + values[i].first;
      marks += i ? ", ?" : "?";
    }
    sql += ") VALUES (" + marks + ")";
    auto& st = m_statements[sql];
    if (!st) st = std::make_unique<Statement>(m_db, sql);
    for (size_t i = 0; i < values.size(); ++i) {
      const json& v = *values[i].second;
      const int index = static_cast<int>(i) + 1;
      if (v.is_null())
        st->bindNull(index);
      else if (v.is_boolean())
        st->bind(index, v.get<bool>() ? 1 : 0);
      else if (v.is_number_unsigned() && v.get<std::uint64_t>() > INT64_MAX)
        throw Error("integer out of range", {m_source, 0, field + "." + values[i].first});
      else if (v.is_number_integer())
        st->bind(index, v.get<std::int64_t>());
      else if (v.is_number())
        st->bind(index, v.get<double>());
      else if (v.is_string())
        st->bind(index, v.get<std::string>());
      else
        throw Error("expected a number, text or null",
                    {m_source, 0, field + "." + values[i].first});
    }
    try {
      st->run();
    } catch (const Error& e) {
      throw Error(e.reason(), {m_source, 0, field});
    }
    return m_db.lastInsertId();
  }

 private:
  const std::set<std::string>& columns(const std::string& table) {
    auto& cols = m_columns[table];
    if (cols.empty()) {
      Statement st(m_db, "PRAGMA table_info(" + table + ")");  // table: one of our constants
      while (st.step()) cols.insert(st.columnText(1));
    }
    return cols;
  }

  SqliteDb& m_db;
  std::string m_source;
  std::map<std::string, std::set<std::string>> m_columns;
  std::map<std::string, std::unique_ptr<Statement>> m_statements;
};

// Who wrote a run on the machine it came from (host name, boot id, pid) and where its files are
// there. Left out of exports unless asked for, and never imported (an imported run has no
// writer here, and its paths describe another machine).
const std::set<std::string>& writerColumns() {
  static const std::set<std::string> kColumns{"writer_pid",     "writer_host",
                                              "writer_boot_id", "writer_start_ticks",
                                              "heartbeat_ms",   "output_folder"};
  return kColumns;
}

const json& member(const json& object, const char* key, const std::string& source,
                   const std::string& field) {
  if (!object.is_object() || !object.contains(key))
    throw Error("missing", {source, 0, field.empty() ? key : field + "." + key});
  return object.at(key);
}

std::string csvField(const Statement& st, int c) {
  switch (st.columnType(c)) {
    case SQLITE_NULL:
      return "";
    case SQLITE_INTEGER:
      return std::to_string(st.columnInt(c));
    case SQLITE_FLOAT: {
      char buf[40];
      std::snprintf(buf, sizeof buf, "%.17g", st.columnDouble(c));
      return buf;
    }
    default:
      break;
  }
  const std::string text = st.columnText(c);
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char ch : text) quoted += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return quoted + "\"";
}

}  // namespace

json exportRunJson(const RunStore& store, const std::string& runId,
                   const RunExportOptions& options) {
  SqliteDb& db = store.connection();
  const json id = runId;
  json runRows = rows(db, "SELECT * FROM runs WHERE id = ?", id,
                      options.includeWriter ? std::set<std::string>{} : writerColumns());
  if (runRows.empty()) throw Error("no run with id '" + runId + "'", {"", 0, "run"});
  json out;
  out["format"] = kRunExportFormat;
  out["format_version"] = kRunExportFormatVersion;
  out["schema_version"] = store.schemaVersion();
  out["software_version"] = kVersion;
  out["exported_at"] = store::isoTimestamp(store::unixMillis());
  out["run"] = runRows.front();
  json tags = json::array();
  for (const json& t : rows(db, "SELECT tag FROM run_tags WHERE run_id = ? ORDER BY tag", id))
    tags.push_back(t.at("tag"));
  out["tags"] = tags;
  json datasets = rows(db,
                       "SELECT d.* FROM datasets d JOIN runs r ON r.dataset_fingerprint = "
                       "d.fingerprint WHERE r.id = ?",
                       id);
  out["dataset"] = datasets.empty() ? json(nullptr) : datasets.front();
  // The sweep the run belongs to (its plan), so an import keeps the grouping.
  json sweeps =
      rows(db, "SELECT s.* FROM sweeps s JOIN runs r ON r.sweep_id = s.id WHERE r.id = ?", id);
  out["sweep"] = sweeps.empty() ? json(nullptr) : sweeps.front();
  out["step_metrics"] =
      rows(db, "SELECT * FROM step_metrics WHERE run_id = ? ORDER BY stage, step", id, {"run_id"});
  out["category_step_metrics"] = rows(
      db, "SELECT * FROM category_step_metrics WHERE run_id = ? ORDER BY stage, step, category", id,
      {"run_id"});
  out["pair_step_values"] =
      rows(db, "SELECT * FROM pair_step_values WHERE run_id = ? ORDER BY stage, step, position", id,
           {"run_id"});
  out["checkpoints"] = rows(db, "SELECT * FROM checkpoints WHERE run_id = ? ORDER BY step, id", id,
                            {"id", "run_id"});
  json evaluations = json::array();
  Statement ev(db, "SELECT id FROM evaluations WHERE run_id = ? ORDER BY step, id");
  ev.bind(1, runId);
  while (ev.step()) {
    const json evId = ev.columnInt(0);
    json e = rows(db, "SELECT * FROM evaluations WHERE id = ?", evId, {"id", "run_id"}).front();
    e["summaries"] = rows(db,
                          "SELECT * FROM evaluation_summaries WHERE evaluation_id = ? "
                          "ORDER BY kind",
                          evId, {"evaluation_id"});
    e["categories"] = rows(db,
                           "SELECT * FROM category_eval_results WHERE evaluation_id = ? "
                           "ORDER BY category",
                           evId, {"evaluation_id"});
    e["samples"] = rows(db, "SELECT * FROM samples WHERE evaluation_id = ? ORDER BY id", evId,
                        {"id", "evaluation_id"});
    evaluations.push_back(std::move(e));
  }
  out["evaluations"] = evaluations;
  return out;
}

void exportRunJsonFile(const RunStore& store, const std::string& runId, const fs::path& file,
                       const RunExportOptions& options) {
  writeFileAtomically(file, exportRunJson(store, runId, options).dump(1) + "\n");
}

std::vector<fs::path> exportRunCsv(const RunStore& store, const std::string& runId,
                                   const fs::path& folder, const RunExportOptions& options) {
  if (!store.run(runId)) throw Error("no run with id '" + runId + "'", {"", 0, "run"});
  static const std::pair<const char*, const char*> kTables[] = {
      {"run", "SELECT * FROM runs WHERE id = ?"},
      {"tags", "SELECT run_id, tag FROM run_tags WHERE run_id = ? ORDER BY tag"},
      {"dataset",
       "SELECT d.* FROM datasets d JOIN runs r ON r.dataset_fingerprint = "
       "d.fingerprint WHERE r.id = ?"},
      {"step_metrics", "SELECT * FROM step_metrics WHERE run_id = ? ORDER BY stage, step"},
      {"category_step_metrics",
       "SELECT * FROM category_step_metrics WHERE run_id = ? "
       "ORDER BY stage, step, category"},
      {"pair_step_values",
       "SELECT * FROM pair_step_values WHERE run_id = ? ORDER BY stage, step, position"},
      {"checkpoints", "SELECT * FROM checkpoints WHERE run_id = ? ORDER BY step, id"},
      {"evaluations", "SELECT * FROM evaluations WHERE run_id = ? ORDER BY step, id"},
      {"evaluation_summaries",
       "SELECT s.* FROM evaluation_summaries s JOIN evaluations e ON "
       "e.id = s.evaluation_id WHERE e.run_id = ? ORDER BY "
       "s.evaluation_id, s.kind"},
      {"category_eval_results",
       "SELECT c.* FROM category_eval_results c JOIN evaluations e ON "
       "e.id = c.evaluation_id WHERE e.run_id = ? ORDER BY "
       "c.evaluation_id, c.category"},
      {"samples",
       "SELECT s.* FROM samples s JOIN evaluations e ON e.id = s.evaluation_id "
       "WHERE e.run_id = ? ORDER BY s.id"},
  };
  std::vector<fs::path> written;
  const std::set<std::string> hidden =
      options.includeWriter ? std::set<std::string>{} : writerColumns();
  for (const auto& [name, sql] : kTables) {
    Statement st(store.connection(), sql);
    st.bind(1, runId);
    std::vector<int> shown;
    for (int c = 0; c < st.columnCount(); ++c)
      if (std::string(name) != "run" || !hidden.count(st.columnName(c))) shown.push_back(c);
    std::string text;
    for (std::size_t i = 0; i < shown.size(); ++i) text += (i ? "," : "") + st.columnName(shown[i]);
    text += "\r\n";  // RFC 4180 line ends; spreadsheets and pandas read both
    while (st.step()) {
      for (std::size_t i = 0; i < shown.size(); ++i)
        text += (i ? "," : "") + csvField(st, shown[i]);
      text += "\r\n";
    }
    const fs::path file = folder / (std::string(name) + ".csv");
    writeFileAtomically(file, text);
    written.push_back(file);
  }
  return written;
}

namespace {

// The run row as it may enter this database: no writer, no live status, its judge endpoint
// kept apart (untrusted_json), config and ids checked. Notes go to `report`.
json sanitizedRun(const json& run, const std::string& runId, const std::string& source,
                  const std::string& origin, ImportReport& report) {
  if (!run.is_object()) throw Error("expected an object", {source, 0, "run"});
  json out = run;
  for (const std::string& column : writerColumns()) out.erase(column);
  const std::string shown = escapeForDisplay(runId, 40);
  if (out.contains("status")) {
    if (!out["status"].is_string()) throw Error("expected a text", {source, 0, "run.status"});
    const std::string status = out["status"].get<std::string>();
    if (status == "running" || status == "paused") {
      // Its writer lives (or lived) on another machine: here nobody writes it.
      out["status"] = "interrupted";
      out["error_message"] = "imported while " + status + " elsewhere; resume it to continue";
      report.notes.push_back("run " + shown + ": status " + status + " became interrupted");
    }
  }
  if (out.contains("sweep_id") && !out["sweep_id"].is_null()) {
    if (!out["sweep_id"].is_string()) throw Error("expected a text", {source, 0, "run.sweep_id"});
    requireValidRunId(out["sweep_id"].get<std::string>(), {source, 0, "run.sweep_id"});
  }
  json untrusted = json::object();
  // Marks the run as imported: its stored paths describe another machine (run_location.h).
  untrusted["imported_from"] = origin;
  if (out.contains("untrusted_json") && out["untrusted_json"].is_string()) {
    // Whatever an earlier import kept apart stays apart.
    json earlier;
    std::string ignored;
    if (tryParseJson(out["untrusted_json"].get<std::string>(),
                     JsonSource{source + " (run.untrusted_json)", 1}, earlier, ignored) &&
        earlier.is_object())
      for (auto it = earlier.begin(); it != earlier.end(); ++it)
        if (it.value().is_string() && it.key() != "imported_from") untrusted[it.key()] = it.value();
  }
  out.erase("untrusted_json");
  if (out.contains("config_json") && !out["config_json"].is_null()) {
    if (!out["config_json"].is_string())
      throw Error("expected a text", {source, 0, "run.config_json"});
    json config;
    try {
      config = parseJson(out["config_json"].get<std::string>(),
                         JsonSource{source + " (run.config_json)", 1});
    } catch (const Error& e) {
      throw Error(e.reason(), {source, 0, "run.config_json"});
    }
    if (!config.is_object()) throw Error("expected a JSON object", {source, 0, "run.config_json"});
    // eval.judge names whom to contact (llm:URL) or what to load (cost:DIR): never taken
    // from an import. The run keeps "none" until the user names a judge again.
    if (config.contains("eval") && config["eval"].is_object() && config["eval"].contains("judge")) {
      const json& judge = config["eval"]["judge"];
      const bool harmless =
          judge.is_string() && (judge == "auto" || judge == "demo" || judge == "none");
      if (!harmless) {
        untrusted["eval.judge"] = judge.is_string() ? judge.get<std::string>() : judge.dump();
        config["eval"]["judge"] = "none";
        report.notes.push_back("run " + shown + ": judge " +
                               escapeForDisplay(untrusted["eval.judge"].get<std::string>(), 80) +
                               " kept as untrusted (not used until set again)");
      }
    }
    out["config_json"] = config.dump();
  }
  out["untrusted_json"] = untrusted.dump();
  return out;
}

// Adds one run inside the caller's transaction; false when its id is already present.
// `source` names the place in errors ("file (run 2 of 3)"), `origin` the file it came from.
bool importOne(RunStore& store, RowWriter& writer, const json& in, const std::string& source,
               const std::string& origin, ImportReport& report) {
  const json& format = member(in, "format", source, "");
  if (!format.is_string() || format.get<std::string>() != kRunExportFormat)
    throw Error("not a Cat-DPO run export", {source, 0, "format"});
  const json& version = member(in, "format_version", source, "");
  if (!version.is_number_integer() || version.get<std::int64_t>() > kRunExportFormatVersion ||
      version.get<std::int64_t>() < 1)
    throw Error("export format version not supported by this program",
                {source, 0, "format_version"});
  if (in.contains("schema_version") && in["schema_version"].is_number_integer() &&
      in["schema_version"].get<std::int64_t>() > store::kSchemaVersion)
    throw Error("exported by a newer program (schema version " + in["schema_version"].dump() +
                    "); update Cat-DPO Studio",
                {source, 0, "schema_version"});
  const json& run = member(in, "run", source, "");
  const json& id = member(run, "id", source, "run");
  if (!id.is_string() || id.get<std::string>().empty())
    throw Error("expected a non-empty text", {source, 0, "run.id"});
  const std::string runId = id.get<std::string>();
  requireValidRunId(runId, {source, 0, "run.id"});
  if (store.run(runId)) return false;

  if (in.contains("sweep") && !in["sweep"].is_null()) {  // a sweep already here is kept as it is
    const json& sweep = in["sweep"];
    if (!sweep.is_object() || !sweep.contains("id") || !sweep["id"].is_string())
      throw Error("expected an object with a text id", {source, 0, "sweep"});
    requireValidRunId(sweep["id"].get<std::string>(), {source, 0, "sweep.id"});
    writer.insert("sweeps", sweep, "sweep", {}, {}, /*ignoreConflict=*/true);
  }
  writer.insert("runs", sanitizedRun(run, runId, source, origin, report), "run");
  if (in.contains("tags")) {
    if (!in["tags"].is_array()) throw Error("expected an array", {source, 0, "tags"});
    std::size_t i = 0;
    for (const json& tag : in["tags"]) {
      const std::string field = "tags[" + std::to_string(i++) + "]";
      if (!tag.is_string()) throw Error("expected a text", {source, 0, field});
      writer.insert("run_tags", json::object({{"tag", tag}}), field, {}, {{"run_id", id}});
    }
  }
  if (in.contains("dataset") && !in["dataset"].is_null())  // keep a local record's path
    writer.insert("datasets", in["dataset"], "dataset", {}, {}, /*ignoreConflict=*/true);
  const auto each = [&](const char* key, auto&& fn) {
    if (!in.contains(key)) return;
    if (!in[key].is_array()) throw Error("expected an array", {source, 0, key});
    size_t i = 0;
    for (const json& row : in[key]) fn(row, std::string(key) + "[" + std::to_string(i++) + "]");
  };
  each("step_metrics", [&](const json& row, const std::string& f) {
    writer.insert("step_metrics", row, f, {}, {{"run_id", id}});
  });
  each("category_step_metrics", [&](const json& row, const std::string& f) {
    writer.insert("category_step_metrics", row, f, {}, {{"run_id", id}});
  });
  each("pair_step_values", [&](const json& row, const std::string& f) {
    writer.insert("pair_step_values", row, f, {}, {{"run_id", id}});
  });
  each("checkpoints", [&](const json& row, const std::string& f) {
    writer.insert("checkpoints", row, f, {}, {{"run_id", id}});
  });
  each("evaluations", [&](const json& row, const std::string& f) {
    const json evId = writer.insert("evaluations", row, f, {"summaries", "categories", "samples"},
                                    {{"run_id", id}});
    const std::pair<const char*, const char*> children[] = {{"summaries", "evaluation_summaries"},
                                                            {"categories", "category_eval_results"},
                                                            {"samples", "samples"}};
    for (const auto& [key, table] : children) {
      if (!row.contains(key)) continue;
      if (!row[key].is_array()) throw Error("expected an array", {source, 0, f + "." + key});
      size_t i = 0;
      for (const json& child : row[key])
        writer.insert(table, child, f + "." + key + "[" + std::to_string(i++) + "]", {},
                      {{"evaluation_id", evId}});
    }
  });
  return true;
}

}  // namespace

bool importRunJson(RunStore& store, const json& in, const std::string& source) {
  ImportReport ignored;
  SqliteDb& db = store.connection();
  RowWriter writer(db, source);
  store::Transaction tx(db);
  const bool added = withJsonErrors(ErrorLocation{source, 0, ""}, [&] {
    return importOne(store, writer, in, source, source, ignored);
  });
  tx.commit();
  return added;
}

ImportReport importRunsJson(RunStore& store, const std::vector<const json*>& runs,
                            const std::string& source) {
  ImportReport report;
  SqliteDb& db = store.connection();
  RowWriter writer(db, source);
  // All or nothing: one transaction for every run of the file.
  store::Transaction tx(db);
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const json& exported = *runs[i];
    std::string id;
    if (exported.is_object() && exported.contains("run") && exported["run"].is_object() &&
        exported["run"].contains("id") && exported["run"]["id"].is_string())
      id = exported["run"]["id"].get<std::string>();
    const std::string label = runs.size() > 1 ? source + " (run " + std::to_string(i + 1) + " of " +
                                                    std::to_string(runs.size()) + ")"
                                              : source;
    bool added = false;
    try {
      added = withJsonErrors(ErrorLocation{label, 0, ""}, [&] {
        return importOne(store, writer, exported, label, source, report);
      });
    } catch (const Error& e) {
      throw Error((runs.size() > 1 ? "nothing was imported: " : "") + e.reason(),
                  ErrorLocation{label, e.where().line, e.where().field});
    }
    (added ? report.imported : report.skipped).push_back(id);
  }
  tx.commit();
  return report;
}

}  // namespace catdpo
