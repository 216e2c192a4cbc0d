// SPDX-License-Identifier: MIT
// How a data set spreads over the harm categories: per category, the pairs whose C(x) holds it
// next to the safety-contrastive ones among them (the pairs Cat-DPO's dual update learns from).
// Counts, not ratios, so it is a separate chart from the evaluation bars.
#pragma once

#include <string>
#include <vector>

#include "data/dataset.h"
#include "ui/plots/plot_widget.h"

class QCPBars;
class QCPBarsGroup;

namespace catdpo::ui {

class DatasetCategoryChart : public PlotWidget {
  Q_OBJECT
 public:
  explicit DatasetCategoryChart(QWidget* parent = nullptr);

  // One group per category, in the given (taxonomy) order. An empty list clears the chart.
  void setCounts(const std::vector<catdpo::CategoryCount>& counts);
  int categoryCount() const { return int(m_counts.size()); }

  // 0: all pairs of the category; 1: the safety-contrastive ones.
  QCPBars* totalBars() const { return m_total; }
  QCPBars* contrastiveBars() const { return m_contrastive; }

 protected:
  void applyTheme() override;

 private:
  void onMouseMove(QMouseEvent* event);

  std::vector<catdpo::CategoryCount> m_counts;
  QCPBars* m_total = nullptr;
  QCPBars* m_contrastive = nullptr;
  QCPBarsGroup* m_group = nullptr;
};

}  // namespace catdpo::ui
