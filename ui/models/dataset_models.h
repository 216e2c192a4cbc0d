// SPDX-License-Identifier: MIT
// Table models over a loaded data set for the data panel: its pairs (labels, categories, the
// safety-aware order) and its problems (file, line, field, message). Both share the immutable
// Dataset and hand rows to the view in batches (canFetchMore/fetchMore), so a file of a million
// pairs shows at once and only the rows scrolled to are ever formatted. GUI thread only.
#pragma once

#include <QAbstractTableModel>
#include <memory>

#include "data/dataset.h"

namespace catdpo::ui {

inline constexpr int kModelFetchBatch = 500;

class PairTableModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column {
    Line,
    Prompt,
    Response0,
    Response1,
    Better,
    Safety,
    Categories,
    Order,
    ColumnCount
  };

  explicit PairTableModel(QObject* parent = nullptr);

  void setDataset(std::shared_ptr<const catdpo::Dataset> dataset);
  const catdpo::PreferencePair* pairAt(int row) const;
  // Pairs in the data set, of which rowCount() are fetched so far.
  int totalRows() const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;
  bool canFetchMore(const QModelIndex& parent) const override;
  void fetchMore(const QModelIndex& parent) override;

  // "unsafe", "safe" or "?" for h(y) of response `index` in words.
  static QString safetyWord(std::int8_t unsafe);

 private:
  QString categoryNames(const catdpo::PreferencePair& pair) const;
  QString orderText(const catdpo::PreferencePair& pair) const;

  std::shared_ptr<const catdpo::Dataset> m_dataset;
  int m_fetched = 0;
};

class ProblemTableModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { File, Line, Field, Message, ColumnCount };

  explicit ProblemTableModel(QObject* parent = nullptr);

  void setDataset(std::shared_ptr<const catdpo::Dataset> dataset);
  int totalRows() const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;
  bool canFetchMore(const QModelIndex& parent) const override;
  void fetchMore(const QModelIndex& parent) override;

 private:
  std::shared_ptr<const catdpo::Dataset> m_dataset;
  int m_fetched = 0;
};

}  // namespace catdpo::ui
