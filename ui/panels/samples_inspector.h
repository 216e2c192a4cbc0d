// SPDX-License-Identifier: MIT
// What the model actually said: the responses generated for held-out prompts at one evaluation
// of a run, with the judge's verdict and raw answer, filterable by category, verdict and text,
// and the selected sample in full below the table. Reads the run store's samples on the GUI
// thread when a run is shown (an evaluation holds at most a few thousand samples).
#pragma once

#include <QString>
#include <QWidget>
#include <memory>
#include <string>
#include <vector>

#include "store/run_record.h"
#include "ui/models/sample_table_model.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTextBrowser;

namespace catdpo {
class RunStore;
}

namespace catdpo::ui {

class SamplesInspector : public QWidget {
  Q_OBJECT
 public:
  explicit SamplesInspector(QWidget* parent = nullptr);
  ~SamplesInspector() override;

  void setStore(std::shared_ptr<catdpo::RunStore> store);
  // Loads the run's evaluations and shows the latest one's samples. False when it cannot.
  bool showRun(const QString& runId);
  QString runId() const { return m_runId; }

  // Which evaluation (index into the run's evaluations, oldest first) is shown.
  void setEvaluationIndex(int index);
  int evaluationIndex() const;
  int evaluationCount() const { return int(m_evaluations.size()); }

  void setCategoryFilter(int category);  // SampleFilterProxy::kAllCategories, -1 or an index
  void setVerdictFilter(Verdict verdict);
  void setTextFilter(const QString& text);
  int visibleCount() const;

  SampleTableModel* model() const { return m_model; }
  SampleFilterProxy* proxy() const { return m_proxy; }
  QTableView* view() const { return m_view; }
  QTextBrowser* detail() const { return m_detail; }

 signals:
  void errorOccurred(const QString& message);

 private:
  void showEvaluation();
  void showDetail();
  void updateCount();

  std::shared_ptr<catdpo::RunStore> m_store;
  QString m_runId;
  std::vector<catdpo::StoredEvaluation> m_evaluations;

  QLabel* m_title = nullptr;
  QComboBox* m_evaluation = nullptr;
  QComboBox* m_category = nullptr;
  QComboBox* m_verdict = nullptr;
  QLineEdit* m_text = nullptr;
  QLabel* m_count = nullptr;
  QTableView* m_view = nullptr;
  QTextBrowser* m_detail = nullptr;
  SampleTableModel* m_model = nullptr;
  SampleFilterProxy* m_proxy = nullptr;
};

}  // namespace catdpo::ui
