// SPDX-License-Identifier: MIT
// The read half of RunStore: runs (list, filter, resolve), metric series, steps, checkpoints.
// SQL text is built only from constants; every value a user supplies is a bound parameter, and a
// metric key becomes a column name only through the fixed key lists below.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "common/json_input.h"
#include "store/run_store.h"
#include "store/run_store_impl.h"
#include "store/series.h"

namespace catdpo {

using store::SqliteDb;
using store::Statement;

namespace store {

const char* const kRunColumns =
    "r.id, r.name, r.method, r.status, r.created_at, r.finished_at, r.config_json, "
    "r.dataset_fingerprint, r.model_fingerprint, r.device, r.software_version, r.error_message, "
    "r.sweep_id, r.notes, r.writer_pid, r.writer_host, r.heartbeat_ms, r.untrusted_json, "
    "(SELECT s.step FROM step_metrics s WHERE s.run_id = r.id ORDER BY s.stage DESC, s.step DESC "
    "LIMIT 1), "
    "(SELECT s.total_steps FROM step_metrics s WHERE s.run_id = r.id ORDER BY s.stage DESC, "
    "s.step DESC LIMIT 1), "
    "(SELECT s.stage FROM step_metrics s WHERE s.run_id = r.id ORDER BY s.stage DESC, s.step "
    "DESC LIMIT 1), r.eval_dataset_fingerprint, r.output_folder";

RunRecord readRun(const Statement& st) {
  RunRecord r;
  r.id = st.columnText(0);
  r.name = st.columnText(1);
  r.method = st.columnText(2);
  try {
    r.status = runStatusFromString(st.columnText(3));
  } catch (const Error&) {
    r.status = RunStatus::Interrupted;  // written by a newer program: show it as not running
  }
  r.createdAt = st.columnText(4);
  r.finishedAt = st.columnText(5);
  r.configJson = st.columnText(6);
  r.datasetFingerprint = st.columnText(7);
  r.modelFingerprint = st.columnText(8);
  r.device = st.columnText(9);
  r.softwareVersion = st.columnText(10);
  r.errorMessage = st.columnText(11);
  r.sweepId = st.columnText(12);
  r.notes = st.columnText(13);
  r.writerPid = st.columnInt(14);
  r.writerHost = st.columnText(15);
  r.heartbeatMs = st.columnInt(16);
  r.untrustedJson = st.columnText(17);
  r.lastStep = st.columnInt(18);
  r.totalSteps = st.columnInt(19);
  r.lastStage = static_cast<int>(st.columnInt(20));
  r.evalDatasetFingerprint = st.columnText(21);
  r.outputFolder = st.columnText(22);
  return r;
}

std::vector<std::string> readTags(SqliteDb& db, const std::string& runId) {
  Statement st(db, "SELECT tag FROM run_tags WHERE run_id = ? ORDER BY tag");
  st.bind(1, runId);
  std::vector<std::string> tags;
  while (st.step()) tags.push_back(st.columnText(0));
  return tags;
}

}  // namespace store

const std::vector<std::string>& runMetricKeys() {
  static const std::vector<std::string> keys{
      metric::kLoss,           metric::kZMean,        metric::kRewardChosen,
      metric::kRewardRejected, metric::kRewardMargin, metric::kAccuracy,
      metric::kGradNorm,       metric::kLearningRate, metric::kTokensPerSecond,
      "elapsed_seconds",       "eta_seconds",         "tokens"};
  return keys;
}

const std::vector<std::string>& categoryMetricKeys() {
  static const std::vector<std::string> keys{metric::kLambda,       metric::kG,
                                             metric::kCategoryLoss, metric::kCategoryPairs,
                                             metric::kGroupWeight,  "contrastive"};
  return keys;
}

std::optional<DatasetRecord> RunStore::dataset(const std::string& fingerprint) const {
  Statement st(*m_impl->db,
               "SELECT fingerprint, path, format, statistics_json, added_at FROM datasets "
               "WHERE fingerprint = ?");
  st.bind(1, fingerprint);
  if (!st.step()) return std::nullopt;
  return DatasetRecord{st.columnText(0), st.columnText(1), st.columnText(2), st.columnText(3),
                       st.columnText(4)};
}

std::optional<RunRecord> RunStore::run(const std::string& runId) const {
  SqliteDb& db = *m_impl->db;
  Statement st(db, std::string("SELECT ") + store::kRunColumns + " FROM runs r WHERE r.id = ?");
  st.bind(1, runId);
  if (!st.step()) return std::nullopt;
  RunRecord r = store::readRun(st);
  r.tags = store::readTags(db, r.id);
  return r;
}

RunRecord RunStore::resolveRun(const std::string& reference) const {
  // Plain messages (no field): they are shown as is by the CLI's run arguments.
  if (reference.empty()) throw Error("no run given");
  if (auto exact = run(reference)) return *exact;
  SqliteDb& db = *m_impl->db;
  // Prefix of the id (case-insensitive: ids are lower-case hex), else exact name.
  std::vector<std::string> ids;
  {
    Statement st(db, "SELECT id FROM runs WHERE substr(id, 1, length(?1)) = lower(?1) ORDER BY id");
    st.bind(1, reference);
    while (st.step()) ids.push_back(st.columnText(0));
  }
  if (ids.empty()) {
    Statement st(db, "SELECT id FROM runs WHERE name = ? ORDER BY created_at");
    st.bind(1, reference);
    while (st.step()) ids.push_back(st.columnText(0));
  }
  if (ids.empty()) throw Error("no run matches '" + reference + "' (by id, id prefix or name)");
  if (ids.size() > 1) {
    std::string list;
    for (size_t i = 0; i < ids.size() && i < 5; ++i) list += (i ? ", " : "") + ids[i];
    if (ids.size() > 5) list += ", ...";
    throw Error("'" + reference + "' matches " + std::to_string(ids.size()) + " runs (" + list +
                "); give more of the id");
  }
  return *run(ids.front());
}

std::vector<RunRecord> RunStore::listRuns(const RunFilter& f) const {
  SqliteDb& db = *m_impl->db;
  std::string sql = std::string("SELECT ") + store::kRunColumns + " FROM runs r WHERE 1";
  // Each clause uses its own numbered parameter, bound below when the filter is set.
  if (!f.method.empty()) sql += " AND r.method = ?1";
  if (f.status) sql += " AND r.status = ?2";
  if (!f.sweepId.empty()) sql += " AND r.sweep_id = ?3";
  if (!f.tag.empty())
    sql += " AND EXISTS (SELECT 1 FROM run_tags t WHERE t.run_id = r.id AND t.tag = ?4)";
  if (!f.text.empty())
    sql +=
        " AND (instr(lower(r.id), lower(?5)) OR instr(lower(r.name), lower(?5)) OR "
        "instr(lower(r.method), lower(?5)) OR instr(lower(r.notes), lower(?5)) OR EXISTS "
        "(SELECT 1 FROM run_tags t WHERE t.run_id = r.id AND instr(lower(t.tag), lower(?5))))";
  sql += " ORDER BY r.created_at DESC, r.id";
  if (f.limit > 0) sql += " LIMIT ?6";
  Statement st(db, sql);
  if (!f.method.empty()) st.bind(1, f.method);
  if (f.status) st.bind(2, toString(*f.status));
  if (!f.sweepId.empty()) st.bind(3, f.sweepId);
  if (!f.tag.empty()) st.bind(4, f.tag);
  if (!f.text.empty()) st.bind(5, f.text);
  if (f.limit > 0) st.bind(6, f.limit);
  std::vector<RunRecord> out;
  while (st.step()) out.push_back(store::readRun(st));
  for (RunRecord& r : out) r.tags = store::readTags(db, r.id);
  return out;
}

std::vector<SeriesPoint> RunStore::series(const SeriesQuery& q) const {
  const auto& runKeys = runMetricKeys();
  const auto& catKeys = categoryMetricKeys();
  const bool runLevel = std::find(runKeys.begin(), runKeys.end(), q.metric) != runKeys.end();
  const bool perCategory = std::find(catKeys.begin(), catKeys.end(), q.metric) != catKeys.end();
  if (!runLevel && !perCategory)
    throw Error("unknown metric '" + q.metric + "'", {"", 0, "metric"});
  if (perCategory && q.category < 0)
    throw Error("metric '" + q.metric + "' is per category: give a category", {"", 0, "category"});
  if (runLevel && q.category >= 0)
    throw Error("metric '" + q.metric + "' is not per category", {"", 0, "category"});
  // A category's g is defined only at steps with safety-contrastive pairs of it, and its loss
  // only at steps with pairs of it; the rows of other steps hold 0 there, which a curve would
  // show as a real value, so they are left out (as the live plots leave them out).
  std::string defined;
  if (q.metric == metric::kG) defined = " AND contrastive > 0";
  if (q.metric == metric::kCategoryLoss) defined = " AND category_pairs > 0";
  // q.metric is one of the fixed keys above, which are the column names.
  const std::string sql =
      runLevel ? "SELECT stage, step, " + q.metric + " FROM step_metrics WHERE run_id = ? AND " +
                     q.metric + " IS NOT NULL ORDER BY stage, step"
               : "SELECT stage, step, " + q.metric +
                     " FROM category_step_metrics WHERE "
                     "run_id = ? AND category = ? AND " +
                     q.metric + " IS NOT NULL" + defined + " ORDER BY stage, step";
  Statement st(*m_impl->db, sql);
  st.bind(1, q.runId);
  if (perCategory) st.bind(2, q.category);
  std::vector<SeriesPoint> points;
  while (st.step())
    points.push_back(
        SeriesPoint{static_cast<int>(st.columnInt(0)), st.columnInt(1), st.columnDouble(2)});
  return downsampleMinMax(points, q.maxPoints);
}

std::optional<StepMetrics> RunStore::latestStep(const std::string& runId) const {
  SqliteDb& db = *m_impl->db;
  Statement st(db,
               "SELECT stage, step, total_steps, loss, z_mean, reward_chosen, reward_rejected, "
               "reward_margin, accuracy, grad_norm, learning_rate, tokens_per_second, "
               "elapsed_seconds, eta_seconds, tokens FROM step_metrics WHERE run_id = ? "
               "ORDER BY stage DESC, step DESC LIMIT 1");
  st.bind(1, runId);
  if (!st.step()) return std::nullopt;
  StepMetrics s;
  s.stage = static_cast<int>(st.columnInt(0));
  s.step = st.columnInt(1);
  s.totalSteps = st.columnInt(2);
  s.loss = st.columnDouble(3);
  s.zMean = st.columnDouble(4);
  s.rewardChosen = st.columnDouble(5);
  s.rewardRejected = st.columnDouble(6);
  s.rewardMargin = st.columnDouble(7);
  s.accuracy = st.columnDouble(8);
  s.gradNorm = st.columnDouble(9);
  s.learningRate = st.columnDouble(10);
  s.tokensPerSecond = st.columnDouble(11);
  s.elapsedSeconds = st.columnDouble(12);
  s.etaSeconds = st.columnDouble(13);
  s.tokens = st.columnInt(14);
  Statement cat(db,
                "SELECT category, lambda, g, category_loss, category_pairs, contrastive, "
                "group_weight FROM category_step_metrics WHERE run_id = ? AND stage = ? AND "
                "step = ? ORDER BY category");
  cat.bind(1, runId).bind(2, s.stage).bind(3, s.step);
  while (cat.step()) {
    CategoryStepMetrics c;
    c.category = static_cast<int>(cat.columnInt(0));
    c.lambda = cat.columnDouble(1);
    c.g = cat.columnDouble(2);
    c.loss = cat.columnDouble(3);
    c.pairs = static_cast<int>(cat.columnInt(4));
    c.contrastive = static_cast<int>(cat.columnInt(5));
    c.groupWeight = cat.columnDouble(6);
    s.categories.push_back(c);
  }
  return s;
}

std::int64_t RunStore::stepCount(const std::string& runId) const {
  Statement st(*m_impl->db, "SELECT count(*) FROM step_metrics WHERE run_id = ?");
  st.bind(1, runId);
  st.step();
  return st.columnInt(0);
}

std::vector<CheckpointRecord> RunStore::checkpoints(const std::string& runId) const {
  Statement st(*m_impl->db,
               "SELECT run_id, step, path, sha256, created_at FROM checkpoints WHERE run_id = ? "
               "ORDER BY step, id");
  st.bind(1, runId);
  std::vector<CheckpointRecord> out;
  while (st.step())
    out.push_back(CheckpointRecord{st.columnText(0), st.columnInt(1), st.columnText(2),
                                   st.columnText(3), st.columnText(4)});
  return out;
}

std::optional<CheckpointRecord> RunStore::latestCheckpoint(const std::string& runId) const {
  auto all = checkpoints(runId);
  if (all.empty()) return std::nullopt;
  return all.back();
}

std::vector<int> RunStore::stepCategories(const std::string& runId) const {
  Statement st(*m_impl->db,
               "SELECT DISTINCT category FROM category_step_metrics WHERE run_id = ? ORDER BY "
               "category");
  st.bind(1, runId);
  std::vector<int> categories;
  while (st.step()) categories.push_back(static_cast<int>(st.columnInt(0)));
  return categories;
}

std::vector<StoredPairValue> RunStore::pairValues(const std::string& runId) const {
  Statement st(*m_impl->db,
               "SELECT stage, step, position, pair_index, categories, updated, v, margin FROM "
               "pair_step_values WHERE run_id = ? ORDER BY stage, step, position");
  st.bind(1, runId);
  const auto indices = [](const std::string& text) {
    std::vector<int> out;
    nlohmann::json j;
    std::string error;  // a damaged row reads as a pair without categories
    if (tryParseJson(text, JsonSource{"pair_step_values", 1}, j, error) && j.is_array())
      for (const auto& v : j)
        if (v.is_number_integer()) out.push_back(v.get<int>());
    return out;
  };
  std::vector<StoredPairValue> out;
  while (st.step()) {
    StoredPairValue p;
    p.stage = static_cast<int>(st.columnInt(0));
    p.step = st.columnInt(1);
    p.value.position = static_cast<int>(st.columnInt(2));
    p.value.pair = st.columnInt(3);
    p.value.categories = indices(st.columnText(4));
    p.value.updated = indices(st.columnText(5));
    p.value.v = st.columnDouble(6);
    p.value.margin = st.columnDouble(7);
    out.push_back(std::move(p));
  }
  return out;
}

std::int64_t RunStore::dataVersion() const {
  return m_impl->db->queryInt("PRAGMA data_version", "reading the data version");
}

bool RunStore::integrityOk(std::string* report) const {
  Statement st(*m_impl->db, "PRAGMA integrity_check");
  std::string text;
  while (st.step()) text += (text.empty() ? "" : "\n") + st.columnText(0);
  if (report) *report = text;
  return text == "ok";
}

}  // namespace catdpo
