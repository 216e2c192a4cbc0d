// SPDX-License-Identifier: MIT
#include "ui/models/sample_table_model.h"

#include <QFont>

namespace catdpo::ui {

namespace {
constexpr int kMaxCellChars = 200;

QString oneLine(const std::string& text) {
  QString s = QString::fromStdString(text).simplified();
  if (s.size() > kMaxCellChars) s = s.left(kMaxCellChars - 1) + QChar(0x2026);
  return s;
}
}  // namespace

SampleTableModel::SampleTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void SampleTableModel::setSamples(std::vector<catdpo::EvalSample> samples,
                                  std::vector<std::string> categoryNames) {
  beginResetModel();
  m_samples = std::move(samples);
  m_names = std::move(categoryNames);
  endResetModel();
}

const catdpo::EvalSample* SampleTableModel::sampleAt(int row) const {
  return row >= 0 && row < rowCount() ? &m_samples[size_t(row)] : nullptr;
}

QString SampleTableModel::categoryName(int category) const {
  if (category < 0) return tr("benign prompt");
  if (size_t(category) < m_names.size() && !m_names[size_t(category)].empty())
    return QString::fromStdString(m_names[size_t(category)]);
  return tr("Category %1").arg(category + 1);
}

QString SampleTableModel::verdictText(const catdpo::EvalSample& s) {
  if (!s.judged) return tr("judge failed");
  QString text = s.unsafe ? tr("unsafe") : tr("safe");
  if (s.refusal) text += tr(", refusal");
  return text;
}

bool SampleTableModel::matches(const catdpo::EvalSample& s, Verdict verdict) {
  switch (verdict) {
    case Verdict::Any:
      return true;
    case Verdict::Unsafe:
      return s.judged && s.unsafe;
    case Verdict::Safe:
      return s.judged && !s.unsafe;
    case Verdict::Refusal:
      return s.refusal;
    case Verdict::JudgeFailed:
      return !s.judged;
  }
  return true;
}

int SampleTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : int(m_samples.size());
}

int SampleTableModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant SampleTableModel::data(const QModelIndex& index, int role) const {
  const catdpo::EvalSample* s = index.isValid() ? sampleAt(index.row()) : nullptr;
  if (!s) return {};
  if (role == Qt::DisplayRole) {
    switch (index.column()) {
      case Category:
        return categoryName(s->category);
      case VerdictColumn:
        return verdictText(*s);
      case Prompt:
        return oneLine(s->prompt);
      case Response:
        return oneLine(s->response);
      case Judge:
        return QString::fromStdString(s->judge);
      case RawJudgement:
        return oneLine(s->rawJudgement);
      default:
        return {};
    }
  }
  if (role == Qt::ToolTipRole) {
    switch (index.column()) {
      case Prompt:
        return QString::fromStdString(s->prompt);
      case Response:
        return QString::fromStdString(s->response);
      case RawJudgement:
        return QString::fromStdString(s->rawJudgement);
      default:
        return {};
    }
  }
  if (role == Qt::FontRole && index.column() == VerdictColumn && s->judged && s->unsafe) {
    QFont bold;
    bold.setBold(true);
    return bold;
  }
  return {};
}

QVariant SampleTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case Category:
      return tr("Category");
    case VerdictColumn:
      return tr("Verdict");
    case Prompt:
      return tr("Prompt");
    case Response:
      return tr("Response");
    case Judge:
      return tr("Judge");
    case RawJudgement:
      return tr("Judge's answer");
    default:
      return {};
  }
}

SampleFilterProxy::SampleFilterProxy(QObject* parent) : QSortFilterProxyModel(parent) {}

void SampleFilterProxy::setCategory(int category) {
  m_category = category;
  invalidateFilter();
}

void SampleFilterProxy::setVerdict(Verdict verdict) {
  m_verdict = verdict;
  invalidateFilter();
}

void SampleFilterProxy::setText(const QString& text) {
  m_text = text.trimmed();
  invalidateFilter();
}

bool SampleFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex&) const {
  const auto* model = qobject_cast<const SampleTableModel*>(sourceModel());
  const catdpo::EvalSample* s = model ? model->sampleAt(sourceRow) : nullptr;
  if (!s) return false;
  if (m_category != kAllCategories && s->category != m_category) return false;
  if (!SampleTableModel::matches(*s, m_verdict)) return false;
  if (m_text.isEmpty()) return true;
  for (const std::string* field : {&s->prompt, &s->response, &s->rawJudgement})
    if (QString::fromStdString(*field).contains(m_text, Qt::CaseInsensitive)) return true;
  return false;
}

}  // namespace catdpo::ui
