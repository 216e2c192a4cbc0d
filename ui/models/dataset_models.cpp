// SPDX-License-Identifier: MIT
#include "ui/models/dataset_models.h"

#include <QFileInfo>
#include <algorithm>

namespace catdpo::ui {

namespace {
constexpr int kMaxCellChars = 160;  // one line per cell; the tooltip has the whole text

QString oneLine(const std::string& text) {
  QString s = QString::fromStdString(text).simplified();
  if (s.size() > kMaxCellChars) s = s.left(kMaxCellChars - 1) + QChar(0x2026);
  return s;
}

int fetchable(int total, int fetched) { return std::min(kModelFetchBatch, total - fetched); }
}  // namespace

// --- pairs -------------------------------------------------------------------------------------

PairTableModel::PairTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void PairTableModel::setDataset(std::shared_ptr<const catdpo::Dataset> dataset) {
  beginResetModel();
  m_dataset = std::move(dataset);
  m_fetched = std::min(totalRows(), kModelFetchBatch);
  endResetModel();
}

int PairTableModel::totalRows() const { return m_dataset ? int(m_dataset->pairs.size()) : 0; }

const catdpo::PreferencePair* PairTableModel::pairAt(int row) const {
  if (!m_dataset || row < 0 || row >= totalRows()) return nullptr;
  return &m_dataset->pairs[size_t(row)];
}

int PairTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : m_fetched;
}

int PairTableModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

bool PairTableModel::canFetchMore(const QModelIndex& parent) const {
  return !parent.isValid() && m_fetched < totalRows();
}

void PairTableModel::fetchMore(const QModelIndex& parent) {
  if (parent.isValid()) return;
  const int more = fetchable(totalRows(), m_fetched);
  if (more <= 0) return;
  beginInsertRows({}, m_fetched, m_fetched + more - 1);
  m_fetched += more;
  endInsertRows();
}

QString PairTableModel::safetyWord(std::int8_t unsafe) {
  if (unsafe == 1) return tr("unsafe");
  if (unsafe == 0) return tr("safe");
  return QStringLiteral("?");
}

QString PairTableModel::categoryNames(const catdpo::PreferencePair& pair) const {
  QStringList names;
  for (int k : pair.categories) {
    if (k >= 0 && k < m_dataset->taxonomy.size())
      names << QString::fromStdString(m_dataset->taxonomy.name(k));
    else
      names << QString::number(k);
  }
  return names.join(QStringLiteral(", "));
}

QString PairTableModel::orderText(const catdpo::PreferencePair& pair) const {
  if (!pair.hasSafetyLabels()) return tr("helpfulness only");
  const catdpo::OrderedPair order = catdpo::orderForSafety(pair, m_dataset->bothUnsafe);
  if (!order.keep) return tr("dropped (both unsafe)");
  const QString text = tr("%1 over %2").arg(order.chosen).arg(order.rejected);
  return order.contrastive() ? tr("%1, contrastive").arg(text) : text;
}

QVariant PairTableModel::data(const QModelIndex& index, int role) const {
  const catdpo::PreferencePair* pair = index.isValid() ? pairAt(index.row()) : nullptr;
  if (!pair) return {};
  if (role == Qt::DisplayRole) {
    switch (index.column()) {
      case Line:
        return qlonglong(pair->sourceLine);
      case Prompt:
        return oneLine(pair->prompt);
      case Response0:
        return oneLine(pair->response[0]);
      case Response1:
        return oneLine(pair->response[1]);
      case Better:
        return pair->better;
      case Safety:
        return tr("0 %1 · 1 %2").arg(safetyWord(pair->unsafe[0]), safetyWord(pair->unsafe[1]));
      case Categories:
        return categoryNames(*pair);
      case Order:
        return orderText(*pair);
      default:
        return {};
    }
  }
  if (role == Qt::ToolTipRole) {
    switch (index.column()) {
      case Prompt:
        return QString::fromStdString(pair->prompt);
      case Response0:
        return QString::fromStdString(pair->response[0]);
      case Response1:
        return QString::fromStdString(pair->response[1]);
      case Safety:
        if (pair->severity[0] >= 0 || pair->severity[1] >= 0)
          return tr("Severity: response 0 level %1, response 1 level %2")
              .arg(pair->severity[0])
              .arg(pair->severity[1]);
        return {};
      default:
        return {};
    }
  }
  if (role == Qt::TextAlignmentRole && (index.column() == Line || index.column() == Better))
    return QVariant(Qt::AlignRight | Qt::AlignVCenter);
  return {};
}

QVariant PairTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case Line:
      return tr("Line");
    case Prompt:
      return tr("Prompt");
    case Response0:
      return tr("Response 0");
    case Response1:
      return tr("Response 1");
    case Better:
      return tr("Better");
    case Safety:
      return tr("Safety");
    case Categories:
      return tr("Categories");
    case Order:
      return tr("Safety-aware order");
    default:
      return {};
  }
}

// --- problems ----------------------------------------------------------------------------------

ProblemTableModel::ProblemTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void ProblemTableModel::setDataset(std::shared_ptr<const catdpo::Dataset> dataset) {
  beginResetModel();
  m_dataset = std::move(dataset);
  m_fetched = std::min(totalRows(), kModelFetchBatch);
  endResetModel();
}

int ProblemTableModel::totalRows() const { return m_dataset ? int(m_dataset->problems.size()) : 0; }

int ProblemTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : m_fetched;
}

int ProblemTableModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

bool ProblemTableModel::canFetchMore(const QModelIndex& parent) const {
  return !parent.isValid() && m_fetched < totalRows();
}

void ProblemTableModel::fetchMore(const QModelIndex& parent) {
  if (parent.isValid()) return;
  const int more = fetchable(totalRows(), m_fetched);
  if (more <= 0) return;
  beginInsertRows({}, m_fetched, m_fetched + more - 1);
  m_fetched += more;
  endInsertRows();
}

QVariant ProblemTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || !m_dataset || index.row() >= totalRows()) return {};
  const catdpo::DataProblem& p = m_dataset->problems[size_t(index.row())];
  if (role == Qt::DisplayRole) {
    switch (index.column()) {
      case File:
        return QFileInfo(QString::fromStdString(p.where.file)).fileName();
      case Line:
        return p.where.line > 0 ? QVariant(qlonglong(p.where.line)) : QVariant();
      case Field:
        return QString::fromStdString(p.where.field);
      case Message:
        return QString::fromStdString(p.message);
      default:
        return {};
    }
  }
  if (role == Qt::ToolTipRole) return QString::fromStdString(p.text());
  if (role == Qt::TextAlignmentRole && index.column() == Line)
    return QVariant(Qt::AlignRight | Qt::AlignVCenter);
  return {};
}

QVariant ProblemTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case File:
      return tr("File");
    case Line:
      return tr("Line");
    case Field:
      return tr("Field");
    case Message:
      return tr("Problem");
    default:
      return {};
  }
}

}  // namespace catdpo::ui
