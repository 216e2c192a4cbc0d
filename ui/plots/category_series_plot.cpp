// SPDX-License-Identifier: MIT
#include "ui/plots/category_series_plot.h"

#include <qcustomplot.h>

#include "ui/plots/plot_theme.h"

namespace catdpo::ui {

CategorySeriesPlot::CategorySeriesPlot(CategoryField field, QWidget* parent)
    : SeriesPlot(parent), m_field(field) {
  QString axisLabel;
  switch (field) {
    case CategoryField::Lambda:
      axisLabel = tr("λ_k (safety margin)");
      break;
    case CategoryField::G:
      axisLabel = tr("g_k (P(unsafe preferred))");
      break;
    case CategoryField::Loss:
      axisLabel = tr("Category loss");
      break;
    case CategoryField::GroupWeight:
      axisLabel = tr("Group weight α_k");
      break;
  }
  customPlot()->yAxis->setLabel(axisLabel);
  // Before data arrives: probabilities and weights 0-1, λ from 0 (the reference line adds Δ).
  setDefaultValueRange(0, 1, /*clampToIt=*/field == CategoryField::G);
  setHigherIsWorse(true);  // a high margin, P(unsafe preferred), loss or group weight
  enableCategoryTools(/*smallMultiples=*/true);
  setEmptyHint(
      tr("Curves per category appear while a run trains: File → Run the demo, "
         "or File → New training run (Ctrl+N)."));
}

std::optional<double> CategorySeriesPlot::fieldValue(CategoryField field,
                                                     const catdpo::CategoryStepMetrics& m) {
  switch (field) {
    case CategoryField::Lambda:
      return m.lambda;  // kept as is when a category is absent
    case CategoryField::G:
      if (m.contrastive <= 0) return std::nullopt;
      return m.g;
    case CategoryField::Loss:
      if (m.pairs <= 0) return std::nullopt;
      return m.loss;
    case CategoryField::GroupWeight:
      return m.groupWeight;
  }
  return std::nullopt;
}

void CategorySeriesPlot::setCategories(const std::vector<std::string>& names) {
  removeAllSeries();
  for (size_t i = 0; i < names.size(); ++i)
    addSeries(QString::fromStdString(names[i]), categoryColor(int(i)));
  requestReplot();
}

void CategorySeriesPlot::appendStep(const catdpo::StepMetrics& step) {
  for (const catdpo::CategoryStepMetrics& c : step.categories) {
    if (c.category < 0) continue;
    // A feed without setCategories() still plots, under generic names.
    while (c.category >= seriesCount())
      addSeries(tr("Category %1").arg(seriesCount() + 1), categoryColor(seriesCount()));
    if (const std::optional<double> value = fieldValue(m_field, c))
      appendPoint(c.category, double(step.step), *value);
  }
}

}  // namespace catdpo::ui
