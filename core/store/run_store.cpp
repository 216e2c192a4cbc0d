// SPDX-License-Identifier: MIT
// Opening (checks before any write: header bytes, a read-only probe, the schema version), crash
// recovery of runs whose writer died, and the write half of RunStore. Durability: WAL with
// synchronous=FULL, so a committed step survives a kill -9 and a power cut alike; a step costs
// one fsync, which is small next to a training step.
#include <sqlite3.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <random>

#include "common/error.h"
#include "common/version.h"
#include "store/read_only_access.h"
#include "store/run_store.h"
#include "store/run_store_impl.h"
#include "store/schema.h"
#include "store/writer_identity.h"

namespace catdpo {

using store::SqliteDb;
using store::Statement;
using store::Transaction;

namespace {

constexpr int kBusyTimeoutMs = 10000;

bool isTerminal(RunStatus s) {
  return s == RunStatus::Finished || s == RunStatus::Failed || s == RunStatus::Stopped ||
         s == RunStatus::Cancelled;
}

// Looks at an existing file without being able to change it: a read-only connection that only
// reads the schema. Damage, a foreign database and a too-new schema are all reported here.
std::int64_t probeExisting(const std::string& path, bool readOnly) {
  // A read-only view must not leave -wal/-shm files: probe through the same URI it opens with.
  SqliteDb probe(readOnly ? store::readOnlyUri(path) : path,
                 SQLITE_OPEN_READONLY | (readOnly ? SQLITE_OPEN_URI : 0));
  sqlite3_busy_timeout(probe.handle(), kBusyTimeoutMs);
  std::int64_t tables = 0;
  std::int64_t version = 0;
  try {
    tables = probe.queryInt("SELECT count(*) FROM sqlite_master", "reading the schema");
    version = probe.queryInt("PRAGMA user_version", "reading the schema version");
  } catch (const Error& e) {
    if ((sqlite3_errcode(probe.handle()) & 0xff) == SQLITE_NOTADB)
      throw Error("not a Cat-DPO run database (not a SQLite file); it was left unchanged",
                  ErrorLocation{path, 0, ""});
    throw Error("cannot read the run database (" + e.reason() + "); it was left unchanged",
                ErrorLocation{path, 0, ""});
  }
  if (version > store::kSchemaVersion)
    throw Error("the database has schema version " + std::to_string(version) +
                    ", newer than this program understands (" +
                    std::to_string(store::kSchemaVersion) +
                    "); use a newer Cat-DPO Studio (the file was left unchanged)",
                ErrorLocation{path, 0, ""});
  if (version == 0 && tables > 0)
    throw Error("a SQLite database, but not a Cat-DPO run database; it was left unchanged",
                ErrorLocation{path, 0, ""});
  if (version >= 1) {
    const std::int64_t runs =
        probe.queryInt("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'runs'",
                       "reading the schema");
    if (runs == 0)
      throw Error("a SQLite database, but not a Cat-DPO run database; it was left unchanged",
                  ErrorLocation{path, 0, ""});
  }
  return version;
}

// A read-only view of a database with an older schema: a temporary copy, upgraded, is read
// instead, so the user's file is never changed (nor needs to be writable).
std::filesystem::path upgradedCopy(const std::string& path) {
  namespace fs = std::filesystem;
  std::random_device rd;
  const fs::path tmp = fs::temp_directory_path() /
                       ("catdpo-view-" + std::to_string(rd()) + std::to_string(rd()) + ".sqlite");
  {
    SqliteDb from(store::readOnlyUri(path), SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
    SqliteDb to(tmp.string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    sqlite3_backup* backup = sqlite3_backup_init(to.handle(), "main", from.handle(), "main");
    if (!backup) to.fail(sqlite3_errcode(to.handle()), "copying the database to view it");
    const int rc = sqlite3_backup_step(backup, -1);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) to.fail(rc, "copying the database to view it");
    to.exec("PRAGMA journal_mode = DELETE", "preparing the copy");
    store::migrateToLatest(to);
  }
  return tmp;
}

}  // namespace

std::string store::newUuid() {
  std::random_device rd;
  std::mt19937_64 rng((std::uint64_t{rd()} << 32) ^ rd() ^
                      static_cast<std::uint64_t>(store::unixMillis()));
  std::uint64_t hi = rng(), lo = rng();
  hi = (hi & ~0xF000ULL) | 0x4000ULL;                         // version 4
  lo = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;  // RFC 4122 variant
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08llx-%04llx-%04llx-%04llx-%012llx",
                static_cast<unsigned long long>(hi >> 32),
                static_cast<unsigned long long>((hi >> 16) & 0xFFFF),
                static_cast<unsigned long long>(hi & 0xFFFF),
                static_cast<unsigned long long>(lo >> 48),
                static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFULL));
  return buf;
}

RunStore::RunStore(const std::filesystem::path& path, bool readOnly)
    : m_impl(std::make_unique<Impl>()) {
  namespace fs = std::filesystem;
  m_impl->path = path;
  m_impl->readOnly = readOnly;
  const std::string file = path.string();
  if (file.empty()) throw Error("no database path given");
  std::error_code ec;
  if (fs::exists(path, ec) && !fs::is_regular_file(path, ec))
    throw Error("not a database file (a folder or a device)", ErrorLocation{file, 0, ""});

  // 1. What is there, by stat() only: this process may hold the database open elsewhere (the
  // app's workspace while a run starts), and closing a descriptor of the file would drop that
  // connection's locks (see run_store.h). Every non-empty SQLite file holds at least one page of
  // 512 bytes or more; SQLite itself checks the header of anything larger.
  const std::uintmax_t size = fs::exists(path, ec) ? fs::file_size(path, ec) : 0;
  if (ec) throw Error("cannot read the file's size: " + ec.message(), ErrorLocation{file, 0, ""});
  const bool existing = size > 0;
  if (existing && size < 512)
    throw Error("not a Cat-DPO run database (not a SQLite file); it was left unchanged",
                ErrorLocation{file, 0, ""});
  if (!existing && readOnly)
    throw Error("no run database here (nothing to open read-only)", ErrorLocation{file, 0, ""});
  // 2. A read-only probe: damage, a foreign or too-new database are refused before any write.
  const std::int64_t version = existing ? probeExisting(file, readOnly) : 0;
  std::string openPath = file;
  if (readOnly && version < store::kSchemaVersion) {
    m_impl->viewCopy.path = upgradedCopy(file);
    openPath = m_impl->viewCopy.path.string();
  }

  if (!existing && path.has_parent_path()) {
    fs::create_directories(path.parent_path(), ec);
    if (ec)
      throw Error("cannot create the folder for the run database: " + ec.message(),
                  ErrorLocation{file, 0, ""});
  }
  const int flags = readOnly ? SQLITE_OPEN_READONLY | SQLITE_OPEN_URI
                             : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  m_impl->db = std::make_unique<SqliteDb>(readOnly ? store::readOnlyUri(openPath) : file, flags);
  SqliteDb& db = *m_impl->db;
  sqlite3_busy_timeout(db.handle(), kBusyTimeoutMs);
  if (!readOnly && sqlite3_db_readonly(db.handle(), "main") == 1)
    throw Error(
        "the run database is read-only (file permissions); view it with --read-only (runs, "
        "show, export, compare) or make it writable",
        ErrorLocation{file, 0, ""});
  db.exec("PRAGMA foreign_keys = ON", "enabling foreign keys");
  if (!readOnly) {
    // WAL lets a GUI read while a CLI writes. Needs a writable folder for the -wal/-shm files.
    const std::string mode = db.queryText("PRAGMA journal_mode = WAL", "enabling WAL");
    if (mode != "wal")
      throw Error("cannot use write-ahead logging here (journal mode '" + mode +
                      "'); put the database on a local, writable disk",
                  ErrorLocation{file, 0, ""});
    db.exec("PRAGMA synchronous = FULL", "setting durability");
    store::migrateToLatest(db);
  }
  m_impl->schemaVersion =
      static_cast<int>(db.queryInt("PRAGMA user_version", "reading the schema version"));
  if (!readOnly) m_impl->interruptedOnOpen = markDeadRunsInterrupted();
}

bool RunStore::shouldOpenReadOnly(const std::filesystem::path& path) {
  return store::databaseNotWritable(path);
}

RunStore::~RunStore() = default;
RunStore::RunStore(RunStore&&) noexcept = default;
RunStore& RunStore::operator=(RunStore&&) noexcept = default;

const std::filesystem::path& RunStore::path() const { return m_impl->path; }
bool RunStore::readOnly() const { return m_impl->readOnly; }
int RunStore::schemaVersion() const { return m_impl->schemaVersion; }
const std::vector<std::string>& RunStore::interruptedOnOpen() const {
  return m_impl->interruptedOnOpen;
}
store::SqliteDb& RunStore::connection() const { return *m_impl->db; }

std::vector<std::string> RunStore::markDeadRunsInterrupted() {
  SqliteDb& db = *m_impl->db;
  struct Candidate {
    std::string id;
    store::WriterIdentity writer;
    std::int64_t heartbeat = 0;
  };
  std::vector<Candidate> candidates;
  {
    Statement st(db,
                 "SELECT id, writer_pid, writer_host, writer_boot_id, writer_start_ticks, "
                 "heartbeat_ms FROM runs WHERE status IN ('running', 'paused')");
    while (st.step()) {
      Candidate c;
      c.id = st.columnText(0);
      c.writer.pid = st.isNull(1) ? 0 : st.columnInt(1);
      c.writer.host = st.columnText(2);
      c.writer.bootId = st.columnText(3);
      c.writer.startTicks = st.isNull(4) ? -1 : st.columnInt(4);
      c.heartbeat = st.isNull(5) ? 0 : st.columnInt(5);
      candidates.push_back(std::move(c));
    }
  }
  std::vector<std::string> marked;
  const std::int64_t now = store::unixMillis();
  for (const Candidate& c : candidates) {
    if (store::writerAlive(c.writer, c.heartbeat, now)) continue;
    Transaction tx(db);
    // Only if nobody claimed the run meanwhile (same writer pid as when we looked).
    Statement up(db,
                 "UPDATE runs SET status = 'interrupted', error_message = coalesce(error_message,"
                 " 'the process writing this run ended without finishing it (crash, kill or "
                 "power loss)') WHERE id = ? AND status IN ('running', 'paused') AND "
                 "coalesce(writer_pid, 0) = ?");
    up.bind(1, c.id).bind(2, c.writer.pid).run();
    if (db.changes() > 0) marked.push_back(c.id);
    tx.commit();
  }
  return marked;
}

void RunStore::upsertDataset(const DatasetRecord& d) {
  if (d.fingerprint.empty()) throw Error("a data set needs a fingerprint", {"", 0, "fingerprint"});
  SqliteDb& db = *m_impl->db;
  Transaction tx(db);
  Statement st(db,
               "INSERT INTO datasets(fingerprint, path, format, statistics_json, added_at) "
               "VALUES (?, ?, ?, ?, ?) ON CONFLICT(fingerprint) DO UPDATE SET path = "
               "excluded.path, format = excluded.format, statistics_json = "
               "excluded.statistics_json");
  st.bind(1, d.fingerprint)
      .bind(2, d.path)
      .bind(3, d.format)
      .bind(4, d.statisticsJson.empty() ? std::string("{}") : d.statisticsJson)
      .bind(5, store::isoTimestamp(store::unixMillis()))
      .run();
  tx.commit();
}

RunRecord RunStore::createRun(const NewRun& in) {
  if (in.method.empty()) throw Error("a run needs a method", {"", 0, "method"});
  SqliteDb& db = *m_impl->db;
  const std::string id = store::newUuid();
  const std::string name = in.name.empty() ? in.method + "-" + id.substr(0, 8) : in.name;
  const store::WriterIdentity me = store::currentWriter();
  const std::int64_t now = store::unixMillis();
  Transaction tx(db);
  Statement st(db,
               "INSERT INTO runs(id, name, method, status, created_at, config_json, "
               "dataset_fingerprint, model_fingerprint, device, software_version, sweep_id, "
               "writer_pid, writer_host, writer_boot_id, writer_start_ticks, heartbeat_ms, "
               "eval_dataset_fingerprint) "
               "VALUES (?, ?, ?, 'created', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, id)
      .bind(2, name)
      .bind(3, in.method)
      .bind(4, store::isoTimestamp(now))
      .bind(5, in.configJson.empty() ? std::string("{}") : in.configJson)
      .bindOptional(6, in.datasetFingerprint)
      .bindOptional(7, in.modelFingerprint)
      .bindOptional(8, in.device)
      .bind(9, kVersion)
      .bindOptional(10, in.sweepId)
      .bind(11, me.pid)
      .bind(12, me.host)
      .bind(13, me.bootId)
      .bind(14, me.startTicks)
      .bind(15, now)
      .bindOptional(16, in.evalDatasetFingerprint)
      .run();
  Statement tag(db, "INSERT OR IGNORE INTO run_tags(run_id, tag) VALUES (?, ?)");
  for (const std::string& t : in.tags) tag.bind(1, id).bind(2, t).run();
  tx.commit();
  return *run(id);
}

void RunStore::setStatus(const std::string& runId, RunStatus status,
                         const std::string& errorMessage) {
  SqliteDb& db = *m_impl->db;
  const std::int64_t now = store::unixMillis();
  Transaction tx(db);
  Statement st(db,
               "UPDATE runs SET status = ?, heartbeat_ms = ?, "
               "finished_at = CASE WHEN ? THEN ? ELSE finished_at END, "
               "error_message = CASE WHEN ? <> '' THEN ? ELSE error_message END WHERE id = ?");
  st.bind(1, toString(status))
      .bind(2, now)
      .bind(3, isTerminal(status) ? 1 : 0)
      .bind(4, store::isoTimestamp(now))
      .bind(5, errorMessage)
      .bind(6, errorMessage)
      .bind(7, runId)
      .run();
  if (db.changes() == 0) throw Error("no run with id '" + runId + "'", {"", 0, "run"});
  tx.commit();
}

void RunStore::claimRun(const std::string& runId) {
  SqliteDb& db = *m_impl->db;
  const store::WriterIdentity me = store::currentWriter();
  Transaction tx(db);
  {
    // A run whose writer is alive (and is not this process) is not taken over: two writers
    // would replace each other's steps and checkpoints. Checked inside the write transaction.
    Statement cur(db,
                  "SELECT status, writer_pid, writer_host, writer_boot_id, writer_start_ticks, "
                  "heartbeat_ms FROM runs WHERE id = ?");
    cur.bind(1, runId);
    if (cur.step()) {
      const std::string status = cur.columnText(0);
      store::WriterIdentity writer;
      writer.pid = cur.isNull(1) ? 0 : cur.columnInt(1);
      writer.host = cur.columnText(2);
      writer.bootId = cur.columnText(3);
      writer.startTicks = cur.isNull(4) ? -1 : cur.columnInt(4);
      const std::int64_t heartbeat = cur.isNull(5) ? 0 : cur.columnInt(5);
      const bool itsMe =
          writer.pid == me.pid && writer.host == me.host && writer.startTicks == me.startTicks;
      const std::int64_t now = store::unixMillis();
      if ((status == "running" || status == "paused") && !itsMe &&
          store::writerAlive(writer, heartbeat, now))
        throw Error("run " + runId + " is being written by pid " + std::to_string(writer.pid) +
                        " on host " + writer.host + " (last sign of life " +
                        std::to_string(std::max<std::int64_t>(0, now - heartbeat) / 1000) +
                        " s ago); stop that process first (Ctrl-C lets it save a checkpoint)",
                    ErrorLocation{m_impl->path.string(), 0, "run"});
    }
  }
  Statement st(db,
               "UPDATE runs SET status = 'running', finished_at = NULL, writer_pid = ?, "
               "writer_host = ?, writer_boot_id = ?, writer_start_ticks = ?, heartbeat_ms = ? "
               "WHERE id = ?");
  st.bind(1, me.pid)
      .bind(2, me.host)
      .bind(3, me.bootId)
      .bind(4, me.startTicks)
      .bind(5, store::unixMillis())
      .bind(6, runId)
      .run();
  if (db.changes() == 0) throw Error("no run with id '" + runId + "'", {"", 0, "run"});
  tx.commit();
}

void RunStore::recordStep(const std::string& runId, const StepMetrics& s) {
  Impl& d = *m_impl;
  SqliteDb& db = *d.db;
  if (!d.insertStep) {
    d.deleteStep = std::make_unique<Statement>(
        db, "DELETE FROM step_metrics WHERE run_id = ? AND stage = ? AND step = ?");
    d.insertStep = std::make_unique<Statement>(
        db,
        "INSERT INTO step_metrics(run_id, stage, step, total_steps, loss, z_mean, reward_chosen,"
        " reward_rejected, reward_margin, accuracy, grad_norm, learning_rate, tokens_per_second,"
        " elapsed_seconds, eta_seconds, tokens) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    d.insertCategory = std::make_unique<Statement>(
        db,
        "INSERT INTO category_step_metrics(run_id, stage, step, category, lambda, g, "
        "category_loss, category_pairs, contrastive, group_weight) VALUES (?,?,?,?,?,?,?,?,?,?)");
    d.touchRun = std::make_unique<Statement>(db, "UPDATE runs SET heartbeat_ms = ? WHERE id = ?");
    d.insertPair = std::make_unique<Statement>(
        db,
        "INSERT INTO pair_step_values(run_id, stage, step, position, pair_index, categories, "
        "updated, v, margin) VALUES (?,?,?,?,?,?,?,?,?)");
  }
  Transaction tx(db);
  d.deleteStep->bind(1, runId).bind(2, s.stage).bind(3, s.step).run();
  d.insertStep->bind(1, runId)
      .bind(2, s.stage)
      .bind(3, s.step)
      .bind(4, s.totalSteps)
      .bind(5, s.loss)
      .bind(6, s.zMean)
      .bind(7, s.rewardChosen)
      .bind(8, s.rewardRejected)
      .bind(9, s.rewardMargin)
      .bind(10, s.accuracy)
      .bind(11, s.gradNorm)
      .bind(12, s.learningRate)
      .bind(13, s.tokensPerSecond)
      .bind(14, s.elapsedSeconds)
      .bind(15, s.etaSeconds)
      .bind(16, s.tokens)
      .run();
  for (const CategoryStepMetrics& c : s.categories) {
    d.insertCategory->bind(1, runId)
        .bind(2, s.stage)
        .bind(3, s.step)
        .bind(4, c.category)
        .bind(5, c.lambda)
        .bind(6, c.g)
        .bind(7, c.loss)
        .bind(8, c.pairs)
        .bind(9, c.contrastive)
        .bind(10, c.groupWeight)
        .run();
  }
  for (const PairStepValue& p : s.pairs) {
    d.insertPair->bind(1, runId)
        .bind(2, s.stage)
        .bind(3, s.step)
        .bind(4, p.position)
        .bind(5, p.pair)
        .bind(6, nlohmann::json(p.categories).dump())
        .bind(7, nlohmann::json(p.updated).dump())
        .bind(8, p.v)
        .bind(9, p.margin)
        .run();
  }
  d.touchRun->bind(1, store::unixMillis()).bind(2, runId).run();
  tx.commit();
}

void RunStore::recordCheckpoint(const CheckpointRecord& c) {
  SqliteDb& db = *m_impl->db;
  Transaction tx(db);
  Statement st(db,
               "INSERT INTO checkpoints(run_id, step, path, sha256, created_at) "
               "VALUES (?, ?, ?, ?, ?)");
  const std::int64_t now = store::unixMillis();
  st.bind(1, c.runId)
      .bind(2, c.step)
      .bind(3, c.path)
      .bind(4, c.sha256)
      .bind(5, c.createdAt.empty() ? store::isoTimestamp(now) : c.createdAt)
      .run();
  Statement touch(db, "UPDATE runs SET heartbeat_ms = ? WHERE id = ?");
  touch.bind(1, now).bind(2, c.runId).run();
  tx.commit();
}

void RunStore::heartbeat(const std::string& runId) {
  SqliteDb& db = *m_impl->db;
  Statement st(db, "UPDATE runs SET heartbeat_ms = ? WHERE id = ?");
  st.bind(1, store::unixMillis()).bind(2, runId).run();
}

void RunStore::discardStepsAfter(const std::string& runId, int stage, std::int64_t step) {
  SqliteDb& db = *m_impl->db;
  Transaction tx(db);
  Statement st(db,
               "DELETE FROM step_metrics WHERE run_id = ? AND (stage > ? OR (stage = ? AND "
               "step > ?))");
  st.bind(1, runId).bind(2, stage).bind(3, stage).bind(4, step).run();
  tx.commit();
}

void RunStore::renameRun(const std::string& runId, const std::string& name) {
  if (name.empty()) throw Error("a run name cannot be empty", {"", 0, "name"});
  SqliteDb& db = *m_impl->db;
  Statement st(db, "UPDATE runs SET name = ? WHERE id = ?");
  st.bind(1, name).bind(2, runId).run();
  if (db.changes() == 0) throw Error("no run with id '" + runId + "'", {"", 0, "run"});
}

void RunStore::setNotes(const std::string& runId, const std::string& notes) {
  SqliteDb& db = *m_impl->db;
  Statement st(db, "UPDATE runs SET notes = ? WHERE id = ?");
  st.bind(1, notes).bind(2, runId).run();
  if (db.changes() == 0) throw Error("no run with id '" + runId + "'", {"", 0, "run"});
}

void RunStore::setOutputFolder(const std::string& runId, const std::filesystem::path& folder) {
  SqliteDb& db = *m_impl->db;
  std::error_code ec;
  const std::filesystem::path absolute = std::filesystem::absolute(folder, ec);
  Statement st(db, "UPDATE runs SET output_folder = ? WHERE id = ?");
  st.bind(1, (ec ? folder : absolute).lexically_normal().string()).bind(2, runId).run();
  if (db.changes() == 0) throw Error("no run with id '" + runId + "'", {"", 0, "run"});
}

void RunStore::setTags(const std::string& runId, const std::vector<std::string>& tags) {
  SqliteDb& db = *m_impl->db;
  if (!run(runId)) throw Error("no run with id '" + runId + "'", {"", 0, "run"});
  Transaction tx(db);
  Statement clear(db, "DELETE FROM run_tags WHERE run_id = ?");
  clear.bind(1, runId).run();
  Statement add(db, "INSERT OR IGNORE INTO run_tags(run_id, tag) VALUES (?, ?)");
  for (const std::string& t : tags)
    if (!t.empty()) add.bind(1, runId).bind(2, t).run();
  tx.commit();
}

void RunStore::deleteRun(const std::string& runId) {
  SqliteDb& db = *m_impl->db;
  Transaction tx(db);
  Statement st(db, "DELETE FROM runs WHERE id = ?");
  st.bind(1, runId).run();
  if (db.changes() == 0) throw Error("no run with id '" + runId + "'", {"", 0, "run"});
  tx.commit();
}

}  // namespace catdpo
