// SPDX-License-Identifier: MIT
#include "ui/plots/safe_ratio_plot.h"

#include <qcustomplot.h>

#include "ui/models/eval_rates.h"
#include "ui/plots/plot_theme.h"

namespace catdpo::ui {

SafeRatioPlot::SafeRatioPlot(QWidget* parent) : SeriesPlot(parent) {
  customPlot()->yAxis->setLabel(tr("Safe ratio (%)"));
  setDefaultValueRange(0, 100, /*clampToIt=*/true);
  setHigherIsWorse(false);
  setSmoothingAvailable(false);
  enableCategoryTools(/*smallMultiples=*/true);
  setEmptyHint(
      tr("Safe ratios per category appear after the first evaluation "
         "(every eval.every steps, and at the end of a run)."));
}

void SafeRatioPlot::setCategories(const std::vector<std::string>& names) {
  removeAllSeries();
  m_overRefusal.clear();
  m_categories = 0;
  m_evaluations = 0;
  for (size_t i = 0; i < names.size(); ++i) ensureCategory(int(i), names[i]);
}

int SafeRatioPlot::ensureCategory(int category, const std::string& name) {
  // Series indices equal category indices; the over-refusal series follow the categories, so
  // a category first seen after them (never from the engine) is not drawn.
  if (category >= m_categories && !m_overRefusal.isEmpty()) return -1;
  while (category >= m_categories) {
    const QString label = category == m_categories && !name.empty()
                              ? QString::fromStdString(name)
                              : tr("Category %1").arg(m_categories + 1);
    const int series = addSeries(label, categoryColor(m_categories));
    graph(series)->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 4));
    ++m_categories;
  }
  return category;
}

int SafeRatioPlot::addEvaluation(const catdpo::EvalResult& result) {
  const EvaluationRates rates = evaluationRates(result);
  const double key = double(result.step);
  int added = 0;
  for (size_t k = 0; k < rates.safe.size(); ++k) {
    const Rate& r = rates.safe[k];
    if (!r.observed()) continue;
    std::string name;
    for (const catdpo::CategoryEvalResult& c : result.categories)
      if (c.category == int(k)) name = c.name;
    const int series = ensureCategory(int(k), name);
    if (series < 0) continue;
    appendPoint(series, key, r.value * 100, r.interval.low * 100, r.interval.high * 100);
    ++added;
  }
  for (const OverRefusalRate& o : rates.overRefusal) {
    int series = m_overRefusal.value(o.key, -1);
    if (series < 0) {
      series = addSeries(o.label, QColor(0x80, 0x80, 0x80), nullptr, /*ranked=*/false);
      setSeriesPenStyle(series, Qt::DashLine);
      graph(series)->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, 4));
      m_overRefusal.insert(o.key, series);
    }
    appendPoint(series, key, o.rate.value * 100, o.rate.interval.low * 100,
                o.rate.interval.high * 100);
  }
  if (added > 0 || !rates.overRefusal.empty()) ++m_evaluations;
  return added;
}

QString SafeRatioPlot::valueText(double value) const {
  return tr("%1 %").arg(QString::number(value, 'f', 1));
}

}  // namespace catdpo::ui
