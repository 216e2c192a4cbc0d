// SPDX-License-Identifier: MIT
#include "ui/models/run_table_model.h"

#include <QDateTime>
#include <QFont>
#include <QLocale>
#include <nlohmann/json.hpp>

#include "common/json_input.h"
#include "ui/engine/event_text.h"

namespace catdpo::ui {

namespace {
QString number(const nlohmann::json& value) {
  if (value.is_number_integer()) return QString::number(value.get<long long>());
  if (value.is_number()) return QString::number(value.get<double>(), 'g', 4);
  if (value.is_string()) return QString::fromStdString(value.get<std::string>());
  if (value.is_boolean()) return value.get<bool>() ? QStringLiteral("on") : QStringLiteral("off");
  return {};
}

const nlohmann::json* at(const nlohmann::json& config, const char* pointer) {
  const nlohmann::json::json_pointer p(pointer);
  return config.contains(p) ? &config.at(p) : nullptr;
}

bool sameRuns(const std::vector<RunRow>& a, const std::vector<RunRow>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].run.id != b[i].run.id) return false;
  return true;
}
}  // namespace

RunTableModel::RunTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void RunTableModel::setRows(std::vector<RunRow> rows) {
  if (sameRuns(m_rows, rows)) {
    m_rows = std::move(rows);
    if (!m_rows.empty()) emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    return;
  }
  beginResetModel();
  m_rows = std::move(rows);
  endResetModel();
}

const RunRow* RunTableModel::rowAt(int row) const {
  return row >= 0 && row < rowCount() ? &m_rows[size_t(row)] : nullptr;
}

int RunTableModel::rowOf(const QString& runId) const {
  const std::string id = runId.toStdString();
  for (size_t i = 0; i < m_rows.size(); ++i)
    if (m_rows[i].run.id == id) return int(i);
  return -1;
}

int RunTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : int(m_rows.size());
}

int RunTableModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QString RunTableModel::keySettings(const std::string& configJson) {
  nlohmann::json config;
  std::string ignored;
  if (!catdpo::tryParseJson(configJson, {"config", 1}, config, ignored) || !config.is_object())
    return {};
  QStringList parts;
  const auto add = [&](const QString& label, const char* pointer) {
    if (const nlohmann::json* v = at(config, pointer)) {
      const QString text = number(*v);
      if (!text.isEmpty()) parts << label + QLatin1Char(' ') + text;
    }
  };
  add(QStringLiteral("β"), "/beta");
  add(QStringLiteral("lr"), "/learning_rate");
  add(tr("steps"), "/steps");
  add(tr("batch"), "/batch_size");
  const nlohmann::json* method = at(config, "/method");
  const std::string m = method && method->is_string() ? method->get<std::string>() : "";
  if (m == "catdpo") {
    add(QStringLiteral("η"), "/catdpo/eta");
    add(QStringLiteral("ε"), "/catdpo/epsilon");
    if (const nlohmann::json* step = at(config, "/catdpo/dual_step");
        step && step->is_string() && step->get<std::string>() != "per_pair")
      parts << QString::fromStdString(step->get<std::string>());
  } else if (m == "safedpo") {
    add(QStringLiteral("Δ"), "/safedpo_delta");
  }
  if (const nlohmann::json* lora = at(config, "/lora/enabled");
      lora && lora->is_boolean() && lora->get<bool>())
    add(QStringLiteral("LoRA r"), "/lora/rank");
  return parts.join(QStringLiteral(" · "));
}

const catdpo::CategorySummary* RunTableModel::shownSummary(const catdpo::EvalResult& result) {
  if (result.generated.categoriesCounted > 0) return &result.generated;
  if (result.implicitAccuracy.categoriesCounted > 0) return &result.implicitAccuracy;
  return nullptr;
}

QVariant RunTableModel::display(const RunRow& row, int column) const {
  const catdpo::RunRecord& r = row.run;
  const catdpo::CategorySummary* summary = row.latest ? shownSummary(row.latest->result) : nullptr;
  switch (column) {
    case Name:
      return QString::fromStdString(r.name);
    case Status:
      return EventText::status(r.status);
    case Method:
      return QString::fromStdString(r.method);
    case Progress:
      if (r.totalSteps <= 0) return QString();
      return r.lastStage > 1
                 ? tr("%1 / %2 (stage %3)").arg(r.lastStep).arg(r.totalSteps).arg(r.lastStage)
                 : tr("%1 / %2").arg(r.lastStep).arg(r.totalSteps);
    case Settings:
      return keySettings(r.configJson);
    case Macro:
      return summary ? QString::number(summary->macro * 100, 'f', 1) : QString();
    case Worst3:
      return summary ? QString::number(summary->worst3 * 100, 'f', 1) : QString();
    case Gap:
      return summary ? QString::number(summary->gapPoints, 'f', 1) : QString();
    case Variance:
      return summary ? QString::number(summary->variance1e3, 'f', 2) : QString();
    case Tags: {
      QStringList tags;
      for (const std::string& t : r.tags) tags << QString::fromStdString(t);
      return tags.join(QStringLiteral(", "));
    }
    case Notes:
      return QString::fromStdString(r.notes).simplified();
    case Created: {
      const QDateTime t =
          QDateTime::fromString(QString::fromStdString(r.createdAt), Qt::ISODateWithMs);
      return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat)
                         : QString::fromStdString(r.createdAt);
    }
    case Id:
      return QString::fromStdString(r.id).left(8);
    default:
      return {};
  }
}

QVariant RunTableModel::sortValue(const RunRow& row, int column) const {
  // Sorting ranks by the judged safe ratio only: the implicit accuracy shown for runs without a
  // judge is a diagnostic and sorts with the runs that have no value.
  const catdpo::CategorySummary* summary =
      row.latest && row.latest->result.generated.categoriesCounted > 0
          ? &row.latest->result.generated
          : nullptr;
  const auto metric = [&](double value) { return summary ? QVariant(value) : QVariant(-1e300); };
  switch (column) {
    case Progress:
      return row.run.totalSteps > 0 ? double(row.run.lastStep) / double(row.run.totalSteps) : -1.0;
    case Macro:
      return metric(summary ? summary->macro : 0);
    case Worst3:
      return metric(summary ? summary->worst3 : 0);
    case Gap:
      return metric(summary ? summary->gapPoints : 0);
    case Variance:
      return metric(summary ? summary->variance1e3 : 0);
    case Created:
      return QString::fromStdString(row.run.createdAt);
    case Id:
      return QString::fromStdString(row.run.id);
    default:
      return display(row, column);
  }
}

QVariant RunTableModel::data(const QModelIndex& index, int role) const {
  const RunRow* row = index.isValid() ? rowAt(index.row()) : nullptr;
  if (!row) return {};
  switch (role) {
    case Qt::DisplayRole:
      return display(*row, index.column());
    case kSortRole:
      return sortValue(*row, index.column());
    case kRunIdRole:
      return QString::fromStdString(row->run.id);
    case Qt::ToolTipRole:
      if ((index.column() == Status || index.column() == Name) && !row->run.untrustedJson.empty())
        return tr("Imported run: settings that would contact a server or load files (%1) came "
                  "from the import and are not trusted; they are not used until you set them "
                  "again.")
            .arg(QString::fromStdString(row->run.untrustedJson));
      if (index.column() == Status && !row->run.errorMessage.empty())
        return QString::fromStdString(row->run.errorMessage);
      if (index.column() == Notes) return QString::fromStdString(row->run.notes);
      if (index.column() == Id) return QString::fromStdString(row->run.id);
      if (index.column() >= Macro && index.column() <= Variance && row->latest) {
        const catdpo::EvalResult& e = row->latest->result;
        return e.generated.categoriesCounted > 0
                   ? tr("Judged safe ratio at step %1").arg(e.step)
                   : tr("Implicit safety accuracy at step %1 (no judged generation): a training "
                        "diagnostic, not a safety ranking")
                         .arg(e.step);
      }
      return {};
    case Qt::TextAlignmentRole:
      if (index.column() >= Macro && index.column() <= Variance)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
      return {};
    case Qt::FontRole:
      if (index.column() == Status && (row->run.status == catdpo::RunStatus::Running ||
                                       row->run.status == catdpo::RunStatus::Paused)) {
        QFont bold;
        bold.setBold(true);
        return bold;
      }
      if (index.column() >= Macro && index.column() <= Variance && row->latest &&
          row->latest->result.generated.categoriesCounted == 0) {
        QFont italic;  // a diagnostic, not a judged result
        italic.setItalic(true);
        return italic;
      }
      return {};
    default:
      return {};
  }
}

QVariant RunTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal) return {};
  if (role == Qt::ToolTipRole && section >= Macro && section <= Variance)
    return tr(
        "Latest evaluation: judged safe ratio, or (in italics, unranked) the implicit safety "
        "accuracy, a training diagnostic, without a judge");
  if (role != Qt::DisplayRole) return {};
  switch (section) {
    case Name:
      return tr("Name");
    case Status:
      return tr("Status");
    case Method:
      return tr("Method");
    case Progress:
      return tr("Step");
    case Settings:
      return tr("Settings");
    case Macro:
      return tr("Macro %");
    case Worst3:
      return tr("Worst-3 %");
    case Gap:
      return tr("Gap pp");
    case Variance:
      return tr("Var ×10³");
    case Tags:
      return tr("Tags");
    case Notes:
      return tr("Notes");
    case Created:
      return tr("Created");
    case Id:
      return tr("Id");
    default:
      return {};
  }
}

}  // namespace catdpo::ui
