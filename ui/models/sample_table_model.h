// SPDX-License-Identifier: MIT
// The generated responses of one evaluation with the judge's verdicts, as a table, and the
// filter the samples inspector puts in front of it (category, verdict, text in prompt, response
// or judgement). GUI thread only.
#pragma once

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>
#include <string>
#include <vector>

#include "eval/eval_result.h"

namespace catdpo::ui {

enum class Verdict { Any, Unsafe, Safe, Refusal, JudgeFailed };

class SampleTableModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { Category, VerdictColumn, Prompt, Response, Judge, RawJudgement, ColumnCount };

  explicit SampleTableModel(QObject* parent = nullptr);

  // `categoryNames` are indexed by category; category -1 is a benign (over-refusal) prompt.
  void setSamples(std::vector<catdpo::EvalSample> samples, std::vector<std::string> categoryNames);
  const catdpo::EvalSample* sampleAt(int row) const;
  QString categoryName(int category) const;

  static QString verdictText(const catdpo::EvalSample& sample);
  static bool matches(const catdpo::EvalSample& sample, Verdict verdict);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;

 private:
  std::vector<catdpo::EvalSample> m_samples;
  std::vector<std::string> m_names;
};

class SampleFilterProxy : public QSortFilterProxyModel {
  Q_OBJECT
 public:
  static constexpr int kAllCategories = -2;

  explicit SampleFilterProxy(QObject* parent = nullptr);

  void setCategory(int category);  // kAllCategories, -1 (benign prompts) or a category index
  void setVerdict(Verdict verdict);
  void setText(const QString& text);  // case-insensitive substring of prompt/response/judgement

 protected:
  bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

 private:
  int m_category = kAllCategories;
  Verdict m_verdict = Verdict::Any;
  QString m_text;
};

}  // namespace catdpo::ui
