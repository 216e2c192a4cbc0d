// SPDX-License-Identifier: MIT
// The runs of a workspace as a table: status, method, progress, key settings and the latest
// evaluation's summary. Rows are replaced as a whole from the store's plain records; when the
// same runs come back in the same order only the changed cells are announced, so a view keeps
// its selection and scroll position while a training run updates live. GUI thread only.
#pragma once

#include <QAbstractTableModel>
#include <QStringList>
#include <optional>
#include <vector>

#include "store/run_record.h"

namespace catdpo::ui {

struct RunRow {
  catdpo::RunRecord run;
  std::optional<catdpo::StoredEvaluation> latest;  // without samples
};

class RunTableModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column {
    Name,
    Status,
    Method,
    Progress,
    Settings,
    Macro,
    Worst3,
    Gap,
    Variance,
    Tags,
    Notes,
    Created,
    Id,
    ColumnCount
  };
  // Role with a value that sorts naturally (numbers as numbers, missing values first).
  static constexpr int kSortRole = Qt::UserRole + 1;
  static constexpr int kRunIdRole = Qt::UserRole + 2;

  explicit RunTableModel(QObject* parent = nullptr);

  void setRows(std::vector<RunRow> rows);
  const RunRow* rowAt(int row) const;
  int rowOf(const QString& runId) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;

  // The settings that tell runs apart at a glance, from the run's config JSON.
  static QString keySettings(const std::string& configJson);
  // The summary the table shows for an evaluation: the judged safe ratio when there is one,
  // else the implicit safety accuracy. Null when the evaluation has neither.
  static const catdpo::CategorySummary* shownSummary(const catdpo::EvalResult& result);

 private:
  QVariant display(const RunRow& row, int column) const;
  QVariant sortValue(const RunRow& row, int column) const;

  std::vector<RunRow> m_rows;
};

}  // namespace catdpo::ui
