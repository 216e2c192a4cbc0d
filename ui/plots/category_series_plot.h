// SPDX-License-Identifier: MIT
// One curve per harm category over training steps: λ_k (with SafeDPO's fixed Δ as a dashed
// reference, the paper's Figure 6), g_k, the per-category loss or group weight. Fed with the
// engine's StepMetrics; which field it shows is fixed at construction.
#pragma once

#include <string>
#include <vector>

#include "train/events.h"
#include "ui/plots/series_plot.h"

namespace catdpo::ui {

enum class CategoryField { Lambda, G, Loss, GroupWeight };

class CategorySeriesPlot : public SeriesPlot {
  Q_OBJECT
 public:
  explicit CategorySeriesPlot(CategoryField field, QWidget* parent = nullptr);

  CategoryField field() const { return m_field; }

  // One series per name, in taxonomy order (category index = position). Clears the data.
  void setCategories(const std::vector<std::string>& names);
  // Appends this step's value of every category. g_k and the category loss are undefined in a
  // step without pairs of that category, so no point is added then (a gap, not a false zero).
  void appendStep(const catdpo::StepMetrics& step);

  // The value of `field` in `metrics`, or nothing when this step says nothing about it.
  static std::optional<double> fieldValue(CategoryField field,
                                          const catdpo::CategoryStepMetrics& metrics);

 private:
  CategoryField m_field;
};

}  // namespace catdpo::ui
