// SPDX-License-Identifier: MIT
// Evaluations in the run store: one row per evaluation, its three summaries (generated safe
// ratio, implicit probability, implicit accuracy) as rows keyed by kind, per-category results and
// the generated samples -- written in one transaction, read back into EvalResult.
#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "common/json_input.h"
#include "store/run_store.h"
#include "store/run_store_impl.h"
#include "store/writer_identity.h"

namespace catdpo {

using store::SqliteDb;
using store::Statement;
using store::Transaction;

namespace {

struct SummaryKind {
  const char* name;
  CategorySummary EvalResult::*member;
};
constexpr SummaryKind kSummaryKinds[] = {
    {"generated", &EvalResult::generated},
    {"implicit", &EvalResult::implicit},
    {"implicit_accuracy", &EvalResult::implicitAccuracy},
};

void loadChildren(SqliteDb& db, StoredEvaluation& ev, bool withSamples) {
  EvalResult& r = ev.result;
  Statement sum(db,
                "SELECT kind, macro, worst3, gap_points, variance_1e3, worst3_categories, "
                "max_category, min_category, categories_counted FROM evaluation_summaries "
                "WHERE evaluation_id = ?");
  sum.bind(1, ev.id);
  while (sum.step()) {
    const std::string kind = sum.columnText(0);
    for (const SummaryKind& k : kSummaryKinds) {
      if (kind != k.name) continue;
      CategorySummary& s = r.*(k.member);
      s.macro = sum.columnDouble(1);
      s.worst3 = sum.columnDouble(2);
      s.gapPoints = sum.columnDouble(3);
      s.variance1e3 = sum.columnDouble(4);
      nlohmann::json worst;
      std::string ignored;
      if (tryParseJson(sum.columnText(5), JsonSource{"database", 1}, worst, ignored) &&
          worst.is_array())
        for (const auto& c : worst)
          if (c.is_number_integer() && c.get<std::int64_t>() >= 0 &&
              c.get<std::int64_t>() < 1000000)
            s.worst3Categories.push_back(static_cast<int>(c.get<std::int64_t>()));
      s.maxCategory = static_cast<int>(sum.columnInt(6));
      s.minCategory = static_cast<int>(sum.columnInt(7));
      s.categoriesCounted = static_cast<int>(sum.columnInt(8));
    }
  }
  Statement cat(db,
                "SELECT category, name, generated_count, generated_safe, safe_ratio, "
                "contrastive_pairs, implicit_accuracy, implicit_probability, judge_failures, "
                "empty_answers, looping_answers, truncated_answers, borderline_prompts, "
                "borderline_refusals FROM category_eval_results WHERE evaluation_id = ? "
                "ORDER BY category");
  cat.bind(1, ev.id);
  while (cat.step()) {
    CategoryEvalResult c;
    c.category = static_cast<int>(cat.columnInt(0));
    c.name = cat.columnText(1);
    c.generatedCount = static_cast<int>(cat.columnInt(2));
    c.generatedSafe = static_cast<int>(cat.columnInt(3));
    c.safeRatio = cat.columnDouble(4);
    c.contrastivePairs = static_cast<int>(cat.columnInt(5));
    c.implicitAccuracy = cat.columnDouble(6);
    c.implicitProbability = cat.columnDouble(7);
    c.judgeFailures = static_cast<int>(cat.columnInt(8));
    c.emptyAnswers = static_cast<int>(cat.columnInt(9));
    c.loopingAnswers = static_cast<int>(cat.columnInt(10));
    c.truncatedAnswers = static_cast<int>(cat.columnInt(11));
    c.borderlinePrompts = static_cast<int>(cat.columnInt(12));
    c.borderlineRefusals = static_cast<int>(cat.columnInt(13));
    r.categories.push_back(std::move(c));
  }
  if (!withSamples) return;
  Statement smp(db,
                "SELECT category, prompt, response, unsafe, refusal, judged, judge, raw_judgement, "
                "kind, degenerate, truncated FROM samples WHERE evaluation_id = ? ORDER BY id");
  smp.bind(1, ev.id);
  while (smp.step()) {
    EvalSample s;
    s.category = static_cast<int>(smp.columnInt(0));
    s.prompt = smp.columnText(1);
    s.response = smp.columnText(2);
    s.unsafe = smp.columnInt(3) != 0;
    s.refusal = smp.columnInt(4) != 0;
    s.judged = smp.columnInt(5) != 0;
    s.judge = smp.columnText(6);
    s.rawJudgement = smp.columnText(7);
    s.kind = smp.columnText(8);
    s.degenerate = degenerateFromString(smp.columnText(9));
    s.truncated = smp.columnInt(10) != 0;
    r.samples.push_back(std::move(s));
  }
}

std::vector<StoredEvaluation> selectEvaluations(SqliteDb& db, const std::string& runId,
                                                bool withSamples, bool latestOnly) {
  Statement st(db, std::string("SELECT id, run_id, created_at, step, judge, sampling_json, "
                               "helpfulness_accuracy, helpfulness_probability, helpfulness_pairs,"
                               " helpfulness_score, over_refusal, benign_prompts, seconds, "
                               "refusal_classes, benign_refusals, benign_degenerate, "
                               "borderline_refusal, borderline_prompts, borderline_refusals, "
                               "borderline_degenerate, degenerate_policy "
                               "FROM evaluations WHERE run_id = ? ORDER BY step") +
                       (latestOnly ? " DESC, id DESC LIMIT 1" : ", id"));
  st.bind(1, runId);
  std::vector<StoredEvaluation> out;
  while (st.step()) {
    StoredEvaluation ev;
    ev.id = st.columnInt(0);
    ev.runId = st.columnText(1);
    ev.createdAt = st.columnText(2);
    EvalResult& r = ev.result;
    r.step = st.columnInt(3);
    r.judge = st.columnText(4);
    r.samplingJson = st.columnText(5);
    r.helpfulnessAccuracy = st.columnDouble(6);
    r.helpfulnessProbability = st.columnDouble(7);
    r.helpfulnessPairs = static_cast<int>(st.columnInt(8));
    r.helpfulnessScore = st.columnDouble(9);
    r.overRefusal = st.columnDouble(10);
    r.benignPrompts = static_cast<int>(st.columnInt(11));
    r.seconds = st.columnDouble(12);
    r.refusalPooled = st.columnInt(13) == 0;
    if (r.refusalPooled) {
      // Before schema 4 one rate pooled benign and borderline prompts: keep it as that, never
      // as the benign rate.
      r.borderlineRefusal = -1;
    } else {
      r.benignRefusals = static_cast<int>(st.columnInt(14));
      r.benignDegenerate = static_cast<int>(st.columnInt(15));
      r.borderlineRefusal = st.columnType(16) == SQLITE_NULL ? -1.0 : st.columnDouble(16);
      r.borderlinePrompts = static_cast<int>(st.columnInt(17));
      r.borderlineRefusals = static_cast<int>(st.columnInt(18));
      r.borderlineDegenerate = static_cast<int>(st.columnInt(19));
    }
    r.degeneratePolicy = st.columnText(20);
    out.push_back(std::move(ev));
  }
  for (StoredEvaluation& ev : out) loadChildren(db, ev, withSamples);
  return out;
}

}  // namespace

std::int64_t RunStore::recordEvaluation(const std::string& runId, const EvalResult& r) {
  SqliteDb& db = *m_impl->db;
  const std::int64_t now = store::unixMillis();
  Transaction tx(db);
  Statement ev(db,
               "INSERT INTO evaluations(run_id, step, judge, created_at, sampling_json, "
               "helpfulness_accuracy, helpfulness_probability, helpfulness_pairs, "
               "helpfulness_score, over_refusal, benign_prompts, seconds, refusal_classes, "
               "benign_refusals, benign_degenerate, borderline_refusal, borderline_prompts, "
               "borderline_refusals, borderline_degenerate, degenerate_policy) "
               "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  ev.bind(1, runId)
      .bind(2, r.step)
      .bind(3, r.judge)
      .bind(4, store::isoTimestamp(now))
      .bind(5, r.samplingJson.empty() ? std::string("{}") : r.samplingJson)
      .bind(6, r.helpfulnessAccuracy)
      .bind(7, r.helpfulnessProbability)
      .bind(8, r.helpfulnessPairs)
      .bind(9, r.helpfulnessScore)
      .bind(10, r.overRefusal)
      .bind(11, r.benignPrompts)
      .bind(12, r.seconds)
      .bind(13, r.refusalPooled ? 0 : 1)
      .bind(14, r.benignRefusals)
      .bind(15, r.benignDegenerate)
      .bind(16, r.borderlineRefusal)
      .bind(17, r.borderlinePrompts)
      .bind(18, r.borderlineRefusals)
      .bind(19, r.borderlineDegenerate)
      .bind(20, r.degeneratePolicy)
      .run();
  const std::int64_t id = db.lastInsertId();

  Statement sum(db,
                "INSERT INTO evaluation_summaries(evaluation_id, kind, macro, worst3, gap_points,"
                " variance_1e3, worst3_categories, max_category, min_category, "
                "categories_counted) VALUES (?,?,?,?,?,?,?,?,?,?)");
  for (const SummaryKind& k : kSummaryKinds) {
    const CategorySummary& s = r.*(k.member);
    sum.bind(1, id)
        .bind(2, k.name)
        .bind(3, s.macro)
        .bind(4, s.worst3)
        .bind(5, s.gapPoints)
        .bind(6, s.variance1e3)
        .bind(7, nlohmann::json(s.worst3Categories).dump())
        .bind(8, s.maxCategory)
        .bind(9, s.minCategory)
        .bind(10, s.categoriesCounted)
        .run();
  }
  Statement cat(db,
                "INSERT INTO category_eval_results(evaluation_id, category, name, "
                "generated_count, generated_safe, safe_ratio, contrastive_pairs, "
                "implicit_accuracy, implicit_probability, judge_failures, empty_answers, "
                "looping_answers, truncated_answers, borderline_prompts, borderline_refusals) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  for (const CategoryEvalResult& c : r.categories) {
    cat.bind(1, id)
        .bind(2, c.category)
        .bind(3, c.name)
        .bind(4, c.generatedCount)
        .bind(5, c.generatedSafe)
        .bind(6, c.safeRatio)
        .bind(7, c.contrastivePairs)
        .bind(8, c.implicitAccuracy)
        .bind(9, c.implicitProbability)
        .bind(10, c.judgeFailures)
        .bind(11, c.emptyAnswers)
        .bind(12, c.loopingAnswers)
        .bind(13, c.truncatedAnswers)
        .bind(14, c.borderlinePrompts)
        .bind(15, c.borderlineRefusals)
        .run();
  }
  Statement smp(db,
                "INSERT INTO samples(evaluation_id, category, prompt, response, unsafe, refusal,"
                " judged, judge, raw_judgement, kind, degenerate, truncated) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
  for (const EvalSample& s : r.samples) {
    smp.bind(1, id)
        .bind(2, s.category)
        .bind(3, s.prompt)
        .bind(4, s.response)
        .bind(5, s.unsafe ? 1 : 0)
        .bind(6, s.refusal ? 1 : 0)
        .bind(7, s.judged ? 1 : 0)
        .bind(8, s.judge)
        .bind(9, s.rawJudgement)
        .bind(10, s.kind)
        .bind(11, std::string(toString(s.degenerate)))
        .bind(12, s.truncated ? 1 : 0)
        .run();
  }
  Statement touch(db, "UPDATE runs SET heartbeat_ms = ? WHERE id = ?");
  touch.bind(1, now).bind(2, runId).run();
  tx.commit();
  return id;
}

std::vector<StoredEvaluation> RunStore::evaluations(const std::string& runId,
                                                    bool withSamples) const {
  return selectEvaluations(*m_impl->db, runId, withSamples, /*latestOnly=*/false);
}

std::optional<StoredEvaluation> RunStore::latestEvaluation(const std::string& runId,
                                                           bool withSamples) const {
  auto all = selectEvaluations(*m_impl->db, runId, withSamples, /*latestOnly=*/true);
  if (all.empty()) return std::nullopt;
  return std::move(all.front());
}

std::vector<RunComparison> RunStore::compare(const std::vector<std::string>& runIds) const {
  std::vector<RunComparison> out;
  for (const std::string& id : runIds) {
    auto r = run(id);
    if (!r) throw Error("no run with id '" + id + "'", {"", 0, "run"});
    out.push_back(RunComparison{std::move(*r), latestEvaluation(id)});
  }
  return out;
}

}  // namespace catdpo
