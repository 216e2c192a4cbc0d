// SPDX-License-Identifier: MIT
// Two or more runs side by side: for a chosen harm category the λ_k, g_k and safe-ratio curves
// of every run overlaid (run colours throughout); the safe ratio of every category for every
// run as small multiples; grouped per-category bars of each run's latest evaluation; a table of the
// summaries (Macro, Worst-3, Gap, Variance, helpfulness, over-refusal) with the best value of each
// column marked; and the configuration keys in which the runs differ. Everything is read from the
// run store on the GUI thread (series are downsampled by the store), when runs are set or on
// refresh.
#pragma once

#include <QStringList>
#include <QWidget>
#include <memory>
#include <string>
#include <vector>

#include "store/run_record.h"
#include "ui/plots/category_bar_chart.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QTabWidget;
class QTableWidget;

namespace catdpo {
class RunStore;
}

namespace catdpo::ui {

class RunOverlayPlot;
class RunSmallMultiples;

class CompareView : public QWidget {
  Q_OBJECT
 public:
  // Item data role of the summary table: true on the best value of its column.
  static constexpr int kBestRole = Qt::UserRole + 1;
  // Item data role of the configuration table: true on rows whose value differs between runs.
  static constexpr int kDiffersRole = Qt::UserRole + 2;
  enum SummaryColumn {
    Macro,
    Worst3,
    Gap,
    Variance,
    Helpfulness,
    OverRefusal,
    BorderlineRefusal,
    SummaryColumnCount
  };

  explicit CompareView(QWidget* parent = nullptr);
  ~CompareView() override;

  void setStore(std::shared_ptr<catdpo::RunStore> store);
  // Loads the runs (in this order). False (and errorOccurred) when the store cannot read them.
  bool setRuns(const QStringList& runIds);
  QStringList runIds() const;

  // The category whose curves are overlaid.
  void setCategory(int category);
  int category() const;
  // The per-category metric the bars and the summary table show (Auto: judged safe ratio when
  // every run has one, else implicit safety accuracy).
  void setMetric(BarMetric metric);
  BarMetric shownMetric() const { return m_shown; }

  RunOverlayPlot* lambdaPlot() const { return m_lambda; }
  RunOverlayPlot* gPlot() const { return m_g; }
  RunOverlayPlot* safeRatioPlot() const { return m_safe; }
  RunSmallMultiples* safeRatioGrid() const { return m_safeGrid; }
  CategoryBarChart* barChart() const { return m_bars; }
  QTableWidget* summaryTable() const { return m_summary; }
  QTableWidget* configTable() const { return m_config; }
  QComboBox* categoryBox() const { return m_category; }
  QCheckBox* onlyDifferencesBox() const { return m_onlyDiff; }
  QTabWidget* tabs() const { return m_tabs; }

 public slots:
  void refresh();

 signals:
  void errorOccurred(const QString& message);

 private:
  void fillCurves();
  void fillSafeRatioGrid();
  void fillBars();
  void fillSummary();
  void fillConfig();
  void updateCategories();

  std::shared_ptr<catdpo::RunStore> m_store;
  std::vector<catdpo::RunComparison> m_runs;
  std::vector<QString> m_labels;
  std::vector<std::string> m_categoryNames;
  BarMetric m_metric = BarMetric::Auto;
  BarMetric m_shown = BarMetric::SafeRatio;

  QLabel* m_title = nullptr;
  QComboBox* m_category = nullptr;
  QComboBox* m_metricBox = nullptr;
  QCheckBox* m_onlyDiff = nullptr;
  QTabWidget* m_tabs = nullptr;
  RunOverlayPlot* m_lambda = nullptr;
  RunOverlayPlot* m_g = nullptr;
  RunOverlayPlot* m_safe = nullptr;
  RunSmallMultiples* m_safeGrid = nullptr;
  CategoryBarChart* m_bars = nullptr;
  QTableWidget* m_summary = nullptr;
  QTableWidget* m_config = nullptr;
};

}  // namespace catdpo::ui
