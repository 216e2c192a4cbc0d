// SPDX-License-Identifier: MIT
#include "ui/models/run_data.h"

#include <QCoreApplication>
#include <algorithm>
#include <nlohmann/json.hpp>

#include "common/json_input.h"
#include "store/run_store.h"
#include "train/config_keys.h"
#include "train/events.h"
#include "ui/models/eval_rates.h"
#include "ui/plots/category_series_plot.h"
#include "ui/plots/run_overlay_plot.h"
#include "ui/plots/safe_ratio_plot.h"
#include "ui/plots/scalar_series_plot.h"

namespace catdpo::ui {

std::vector<std::string> runCategoryNames(const catdpo::RunStore& store, const std::string& runId) {
  std::vector<std::string> names;
  const auto grow = [&names](int k) {
    if (k >= 0 && size_t(k) >= names.size()) names.resize(size_t(k) + 1);
  };
  for (int k : store.stepCategories(runId)) grow(k);
  if (const auto latest = store.latestEvaluation(runId)) {
    for (const catdpo::CategoryEvalResult& c : latest->result.categories) {
      grow(c.category);
      if (c.category >= 0) names[size_t(c.category)] = c.name;
    }
  }
  for (size_t k = 0; k < names.size(); ++k)
    if (names[k].empty())
      names[k] = QCoreApplication::translate("catdpo::ui::RunData", "Category %1")
                     .arg(k + 1)
                     .toStdString();
  return names;
}

std::vector<double> seriesKeys(const std::vector<catdpo::SeriesPoint>& points) {
  std::vector<double> keys;
  keys.reserve(points.size());
  std::int64_t offset = 0, stageEnd = 0;
  int stage = points.empty() ? 1 : points.front().stage;
  for (const catdpo::SeriesPoint& p : points) {
    if (p.stage != stage) {
      offset = stageEnd;
      stage = p.stage;
    }
    stageEnd = std::max(stageEnd, offset + p.step);
    keys.push_back(double(offset + p.step));
  }
  return keys;
}

int fillCategoryPlot(CategorySeriesPlot* plot, const catdpo::RunStore& store,
                     const std::string& runId, size_t maxPoints) {
  const char* metric = nullptr;
  switch (plot->field()) {
    case CategoryField::Lambda:
      metric = catdpo::metric::kLambda;
      break;
    case CategoryField::G:
      metric = catdpo::metric::kG;
      break;
    case CategoryField::Loss:
      metric = catdpo::metric::kCategoryLoss;
      break;
    case CategoryField::GroupWeight:
      metric = catdpo::metric::kGroupWeight;
      break;
  }
  plot->setCategories(runCategoryNames(store, runId));
  int added = 0;
  for (int k : store.stepCategories(runId)) {
    const auto points = store.series({runId, metric, k, maxPoints});
    const auto keys = seriesKeys(points);
    for (size_t i = 0; i < points.size(); ++i) plot->appendPoint(k, keys[i], points[i].value);
    added += int(points.size());
  }
  plot->requestReplot();
  return added;
}

int fillScalarPlot(ScalarSeriesPlot* plot, const catdpo::RunStore& store, const std::string& runId,
                   size_t maxPoints) {
  plot->clearData();
  int added = 0;
  for (int s = 0; s < plot->seriesCount(); ++s) {
    const QString key = plot->metricKey(s);
    if (key.isEmpty()) continue;
    const auto points = store.series({runId, key.toStdString(), -1, maxPoints});
    const auto keys = seriesKeys(points);
    for (size_t i = 0; i < points.size(); ++i) plot->appendPoint(s, keys[i], points[i].value);
    added += int(points.size());
  }
  plot->requestReplot();
  return added;
}

int fillSafeRatioPlot(SafeRatioPlot* plot, const catdpo::RunStore& store,
                      const std::string& runId) {
  plot->setCategories(runCategoryNames(store, runId));
  int judged = 0;
  for (const catdpo::StoredEvaluation& e : store.evaluations(runId))
    judged += plot->addEvaluation(e.result) > 0;
  plot->requestReplot();
  return judged;
}

int addRunSafeRatio(RunOverlayPlot* plot, int series, const catdpo::RunStore& store,
                    const std::string& runId, int category) {
  int added = 0;
  for (const catdpo::StoredEvaluation& e : store.evaluations(runId)) {
    const std::vector<Rate> rates = safeRates(e.result);
    if (category < 0 || size_t(category) >= rates.size()) continue;
    const Rate& r = rates[size_t(category)];
    if (!r.observed()) continue;
    plot->appendPoint(series, double(e.result.step), r.value * 100, r.interval.low * 100,
                      r.interval.high * 100);
    ++added;
  }
  return added;
}

namespace {
QString leafText(const nlohmann::json& value) {
  if (value.is_string()) return QString::fromStdString(value.get<std::string>());
  if (value.is_number_float()) return QString::number(value.get<double>(), 'g', 10);
  return QString::fromStdString(value.dump());
}
}  // namespace

std::vector<std::pair<QString, QString>> flattenConfig(const std::string& configJson) {
  std::vector<std::pair<QString, QString>> out;
  nlohmann::json config;
  std::string ignored;  // the database may hold an imported run's text: limits apply
  if (!catdpo::tryParseJson(configJson, {"config", 1}, config, ignored) || !config.is_object())
    return out;
  for (const auto& [key, value] : catdpo::configLeaves(config))
    out.emplace_back(QString::fromStdString(key), leafText(*value));
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::pair<QString, QString>> runSettings(const catdpo::RunRecord& run) {
  std::vector<std::pair<QString, QString>> out = flattenConfig(run.configJson);
  nlohmann::json untrusted;
  std::string ignored;
  if (run.untrustedJson.empty() ||
      !catdpo::tryParseJson(run.untrustedJson, {"untrusted", 1}, untrusted, ignored) ||
      !untrusted.is_object())
    return out;
  for (auto it = untrusted.begin(); it != untrusted.end(); ++it) {
    if (it.key() == "imported_from") continue;  // where it came from, not a setting
    const QString key = QString::fromStdString(it.key());
    const QString value =
        QCoreApplication::translate("catdpo::ui::RunData", "%1 (from import, not trusted)")
            .arg(QString::fromStdString(it.value().is_string() ? it.value().get<std::string>()
                                                               : it.value().dump()));
    auto same =
        std::find_if(out.begin(), out.end(), [&](const auto& kv) { return kv.first == key; });
    if (same != out.end())
      same->second = value;
    else
      out.emplace_back(key, value);
  }
  std::sort(out.begin(), out.end());
  return out;
}

QString runLabel(const catdpo::RunRecord& run, bool ambiguous) {
  const QString name = QString::fromStdString(run.name);
  return ambiguous ? QStringLiteral("%1 [%2]").arg(name, QString::fromStdString(run.id).left(8))
                   : name;
}

}  // namespace catdpo::ui
