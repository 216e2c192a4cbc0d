// SPDX-License-Identifier: MIT
#include "ui/panels/runs_browser.h"

#include <QAction>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

#include "store/run_store.h"
#include "ui/engine/event_text.h"
#include "ui/models/method_text.h"
#include "ui/models/run_table_model.h"
#include "ui/panels/run_export.h"

namespace catdpo::ui {

namespace {
constexpr int kInterruptCheckPolls = 15;  // look for dead writers every ~30 s
const catdpo::RunStatus kStatuses[] = {
    catdpo::RunStatus::Created,   catdpo::RunStatus::Running,    catdpo::RunStatus::Paused,
    catdpo::RunStatus::Finished,  catdpo::RunStatus::Failed,     catdpo::RunStatus::Stopped,
    catdpo::RunStatus::Cancelled, catdpo::RunStatus::Interrupted};

bool isLive(catdpo::RunStatus status) {
  return status == catdpo::RunStatus::Running || status == catdpo::RunStatus::Paused;
}
}  // namespace

RunsBrowser::RunsBrowser(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  m_toolBar = new QToolBar(this);
  m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
  layout->addWidget(m_toolBar);

  auto* filters = new QHBoxLayout;
  filters->setContentsMargins(6, 0, 6, 0);
  m_filter = new QLineEdit(this);
  m_filter->setPlaceholderText(tr("Filter by name, id, method, tag or note"));
  m_filter->setClearButtonEnabled(true);
  m_method = new QComboBox(this);
  m_method->addItem(tr("All methods"));
  for (const QString& method : MethodText::ids()) {
    m_method->addItem(method, method);
    m_method->setItemData(m_method->count() - 1, MethodText::description(method), Qt::ToolTipRole);
  }
  m_status = new QComboBox(this);
  m_status->addItem(tr("All states"));
  for (catdpo::RunStatus status : kStatuses)
    m_status->addItem(EventText::status(status), int(status));
  m_count = new QLabel(this);
  filters->addWidget(m_filter, 1);
  filters->addWidget(m_method);
  filters->addWidget(m_status);
  filters->addWidget(m_count);
  layout->addLayout(filters);

  m_model = new RunTableModel(this);
  m_proxy = new QSortFilterProxyModel(this);
  m_proxy->setSourceModel(m_model);
  m_proxy->setSortRole(RunTableModel::kSortRole);
  m_view = new QTableView(this);
  m_view->setModel(m_proxy);
  m_view->setSortingEnabled(true);
  m_view->sortByColumn(RunTableModel::Created, Qt::DescendingOrder);
  m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
  m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_view->setContextMenuPolicy(Qt::CustomContextMenu);
  m_view->setWordWrap(false);
  m_view->verticalHeader()->setVisible(false);
  m_view->horizontalHeader()->setStretchLastSection(true);
  m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
  layout->addWidget(m_view, 1);

  buildActions();
  connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
    emit runActivated(index.data(RunTableModel::kRunIdRole).toString());
  });
  connect(m_view, &QWidget::customContextMenuRequested, this, &RunsBrowser::showContextMenu);
  connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
          &RunsBrowser::updateActions);

  m_filterDelay.setSingleShot(true);
  m_filterDelay.setInterval(200);
  connect(&m_filterDelay, &QTimer::timeout, this, &RunsBrowser::refresh);
  connect(m_filter, &QLineEdit::textChanged, this, [this] { m_filterDelay.start(); });
  connect(m_method, &QComboBox::currentIndexChanged, this, &RunsBrowser::refresh);
  connect(m_status, &QComboBox::currentIndexChanged, this, &RunsBrowser::refresh);

  m_poll.setInterval(kPollIntervalMs);
  connect(&m_poll, &QTimer::timeout, this, &RunsBrowser::poll);
  updateActions();
}

RunsBrowser::~RunsBrowser() = default;

void RunsBrowser::buildActions() {
  const auto add = [this](const QString& text, void (RunsBrowser::*slot)()) {
    QAction* action = new QAction(text, this);
    connect(action, &QAction::triggered, this, slot);
    return action;
  };
  m_open = new QAction(tr("&Open"), this);
  m_open->setToolTip(tr("Show this run's curves"));
  connect(m_open, &QAction::triggered, this, [this] {
    if (const QString id = singleSelection(); !id.isEmpty()) emit runActivated(id);
  });
  m_compare = new QAction(tr("&Compare"), this);
  m_compare->setToolTip(tr("Compare the selected runs side by side (select two or more)"));
  connect(m_compare, &QAction::triggered, this, [this] {
    const QStringList ids = selectedRunIds();
    if (ids.size() >= 2) emit compareRequested(ids);
  });
  m_clone = new QAction(tr("C&lone settings"), this);
  m_clone->setToolTip(tr("Start a new configuration from this run's settings"));
  connect(m_clone, &QAction::triggered, this, [this] {
    if (const QString id = singleSelection(); !id.isEmpty()) emit cloneRequested(id);
  });
  m_samples = new QAction(tr("&Samples"), this);
  m_samples->setToolTip(tr("Show the generated responses and the judge's verdicts"));
  connect(m_samples, &QAction::triggered, this, [this] {
    if (const QString id = singleSelection(); !id.isEmpty()) emit samplesRequested(id);
  });
  m_rename = add(tr("&Rename…"), &RunsBrowser::renameSelected);
  m_tags = add(tr("&Tags…"), &RunsBrowser::tagSelected);
  m_notes = add(tr("&Notes…"), &RunsBrowser::annotateSelected);
  m_delete = add(tr("&Delete…"), &RunsBrowser::deleteSelected);
  m_delete->setShortcut(QKeySequence::Delete);
  m_delete->setShortcutContext(Qt::WidgetWithChildrenShortcut);
  addAction(m_delete);
  m_exportCsv = add(tr("Export metrics as &CSV…"), &RunsBrowser::exportCsvSelected);
  m_exportReport = add(tr("Export &report as PDF…"), &RunsBrowser::exportReportSelected);
  m_exportModel = add(tr("Export &model…"), &RunsBrowser::exportModelSelected);
  m_exportModel->setToolTip(tr("Copy the run's final Hugging Face model folder"));
  m_refresh = add(tr("Re&fresh"), &RunsBrowser::refresh);
  m_refresh->setShortcut(QKeySequence::Refresh);

  for (QAction* a : {m_open, m_compare, m_clone, m_samples}) m_toolBar->addAction(a);
  m_toolBar->addSeparator();
  for (QAction* a : {m_rename, m_tags, m_notes, m_delete}) m_toolBar->addAction(a);
  m_toolBar->addSeparator();
  QMenu* exportMenu = new QMenu(tr("Export"), this);
  exportMenu->addActions({m_exportCsv, m_exportReport, m_exportModel});
  QAction* exportAction = m_toolBar->addAction(tr("&Export"));
  exportAction->setMenu(exportMenu);
  connect(exportAction, &QAction::triggered, this,
          [this, exportMenu] { exportMenu->popup(QCursor::pos()); });
  m_toolBar->addAction(m_refresh);
}

void RunsBrowser::setStore(std::shared_ptr<catdpo::RunStore> store) {
  m_store = std::move(store);
  m_dataVersion = -1;
  refresh();
  if (m_store)
    m_poll.start();
  else
    m_poll.stop();
}

catdpo::RunFilter RunsBrowser::currentFilter() const {
  catdpo::RunFilter filter;
  filter.text = m_filter->text().trimmed().toStdString();
  if (m_method->currentIndex() > 0) filter.method = m_method->currentText().toStdString();
  if (m_status->currentIndex() > 0)
    filter.status = catdpo::RunStatus(m_status->currentData().toInt());
  return filter;
}

void RunsBrowser::refresh() {
  if (!m_store) {
    m_model->setRows({});
    m_count->clear();
    updateActions();
    return;
  }
  const QStringList selected = selectedRunIds();
  try {
    m_dataVersion = m_store->dataVersion();
    std::vector<RunRow> rows;
    for (catdpo::RunRecord& run : m_store->listRuns(currentFilter())) {
      RunRow row;
      row.latest = m_store->latestEvaluation(run.id);
      row.run = std::move(run);
      rows.push_back(std::move(row));
    }
    m_model->setRows(std::move(rows));
  } catch (const std::exception& e) {
    fail(tr("Could not read the runs"), e);
    return;
  }
  // A reset drops the selection; put it back.
  if (m_view->selectionModel()->selectedRows().isEmpty()) {
    for (const QString& id : selected) {
      const int row = m_model->rowOf(id);
      if (row < 0) continue;
      const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
      m_view->selectionModel()->select(index,
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
  }
  const bool unfiltered =
      m_filter->text().isEmpty() && m_method->currentIndex() <= 0 && m_status->currentIndex() <= 0;
  m_count->setText(m_model->rowCount() == 0 && unfiltered
                       ? tr("No runs yet: train one (File → Run the demo, or catdpo train "
                            "--demo in a terminal).")
                       : tr("%n run(s)", nullptr, m_model->rowCount()));
  updateActions();
  emit runsChanged();
}

void RunsBrowser::poll() {
  if (!m_store) return;
  try {
    if (++m_polls % kInterruptCheckPolls == 0 && !m_store->readOnly() &&
        !m_store->markDeadRunsInterrupted().empty()) {
      refresh();
      return;
    }
    if (m_store->dataVersion() != m_dataVersion) refresh();
  } catch (const std::exception& e) {
    // A busy or briefly locked database is normal while another process writes; try again.
    Q_UNUSED(e);
  }
}

QStringList RunsBrowser::selectedRunIds() const {
  QModelIndexList rows = m_view->selectionModel()->selectedRows();
  std::sort(rows.begin(), rows.end(),
            [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
  QStringList ids;
  for (const QModelIndex& index : rows) ids << index.data(RunTableModel::kRunIdRole).toString();
  return ids;
}

QString RunsBrowser::singleSelection() const {
  const QStringList ids = selectedRunIds();
  return ids.size() == 1 ? ids.front() : QString();
}

void RunsBrowser::selectRun(const QString& runId) {
  const int row = m_model->rowOf(runId);
  if (row < 0) return;
  const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
  m_view->selectionModel()->select(index,
                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
  m_view->scrollTo(index);
}

void RunsBrowser::updateActions() {
  const QStringList ids = selectedRunIds();
  const bool one = ids.size() == 1 && m_store;
  const bool writable = m_store && !m_store->readOnly();
  for (QAction* a : {m_open, m_clone, m_samples, m_exportCsv, m_exportReport, m_exportModel})
    a->setEnabled(one);
  for (QAction* a : {m_rename, m_tags, m_notes, m_delete}) a->setEnabled(one && writable);
  m_compare->setEnabled(ids.size() >= 2 && m_store);
  m_refresh->setEnabled(bool(m_store));
}

void RunsBrowser::showContextMenu(const QPoint& pos) {
  QMenu menu(this);
  menu.addActions({m_open, m_compare, m_clone, m_samples});
  menu.addSeparator();
  menu.addActions({m_rename, m_tags, m_notes, m_delete});
  menu.addSeparator();
  menu.addActions({m_exportCsv, m_exportReport, m_exportModel});
  menu.exec(m_view->viewport()->mapToGlobal(pos));
}

void RunsBrowser::fail(const QString& what, const std::exception& e) {
  const QString message = QStringLiteral("%1: %2").arg(what, QString::fromLocal8Bit(e.what()));
  emit errorOccurred(message);
}

bool RunsBrowser::renameRun(const QString& runId, const QString& name) {
  if (!m_store || name.trimmed().isEmpty()) return false;
  try {
    m_store->renameRun(runId.toStdString(), name.trimmed().toStdString());
  } catch (const std::exception& e) {
    fail(tr("Could not rename the run"), e);
    return false;
  }
  refresh();
  return true;
}

bool RunsBrowser::setRunTags(const QString& runId, const QStringList& tags) {
  if (!m_store) return false;
  std::vector<std::string> clean;
  for (const QString& tag : tags)
    if (const QString t = tag.trimmed(); !t.isEmpty()) clean.push_back(t.toStdString());
  try {
    m_store->setTags(runId.toStdString(), clean);
  } catch (const std::exception& e) {
    fail(tr("Could not set the tags"), e);
    return false;
  }
  refresh();
  return true;
}

bool RunsBrowser::setRunNotes(const QString& runId, const QString& notes) {
  if (!m_store) return false;
  try {
    m_store->setNotes(runId.toStdString(), notes.toStdString());
  } catch (const std::exception& e) {
    fail(tr("Could not save the notes"), e);
    return false;
  }
  refresh();
  return true;
}

bool RunsBrowser::deleteRun(const QString& runId, bool confirm) {
  if (!m_store) return false;
  try {
    const auto run = m_store->run(runId.toStdString());
    if (!run) return false;
    if (isLive(run->status)) {
      emit errorOccurred(tr("Run %1 is still being trained; stop it before deleting it.")
                             .arg(QString::fromStdString(run->name)));
      return false;
    }
    if (confirm &&
        QMessageBox::question(
            this, tr("Delete run"),
            tr("Delete run \"%1\" with all its metrics, evaluations and samples? This cannot be "
               "undone. Model files on disk are kept.")
                .arg(QString::fromStdString(run->name)),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) != QMessageBox::Yes)
      return false;
    m_store->deleteRun(run->id);
  } catch (const std::exception& e) {
    fail(tr("Could not delete the run"), e);
    return false;
  }
  refresh();
  return true;
}

void RunsBrowser::renameSelected() {
  const QString id = singleSelection();
  const RunRow* row = m_model->rowAt(m_model->rowOf(id));
  if (!row) return;
  bool ok = false;
  const QString name = QInputDialog::getText(this, tr("Rename run"), tr("Name:"), QLineEdit::Normal,
                                             QString::fromStdString(row->run.name), &ok);
  if (ok) renameRun(id, name);
}

void RunsBrowser::tagSelected() {
  const QString id = singleSelection();
  const RunRow* row = m_model->rowAt(m_model->rowOf(id));
  if (!row) return;
  QStringList current;
  for (const std::string& t : row->run.tags) current << QString::fromStdString(t);
  bool ok = false;
  const QString text =
      QInputDialog::getText(this, tr("Tags"), tr("Tags, separated by commas:"), QLineEdit::Normal,
                            current.join(QStringLiteral(", ")), &ok);
  if (ok) setRunTags(id, text.split(QLatin1Char(','), Qt::SkipEmptyParts));
}

void RunsBrowser::annotateSelected() {
  const QString id = singleSelection();
  const RunRow* row = m_model->rowAt(m_model->rowOf(id));
  if (!row) return;
  bool ok = false;
  const QString notes = QInputDialog::getMultiLineText(
      this, tr("Notes"), tr("Notes on %1:").arg(QString::fromStdString(row->run.name)),
      QString::fromStdString(row->run.notes), &ok);
  if (ok) setRunNotes(id, notes);
}

void RunsBrowser::deleteSelected() {
  if (const QString id = singleSelection(); !id.isEmpty()) deleteRun(id, /*confirm=*/true);
}

void RunsBrowser::exportCsvSelected() {
  const QString id = singleSelection();
  if (id.isEmpty() || !m_store) return;
  const QString folder = QFileDialog::getExistingDirectory(this, tr("Export metrics into folder"));
  if (folder.isEmpty()) return;
  QString error;
  const QStringList files = exportMetricsCsv(*m_store, id, folder, &error);
  if (files.isEmpty()) QMessageBox::warning(this, tr("Export failed"), error);
}

void RunsBrowser::exportReportSelected() {
  const QString id = singleSelection();
  const RunRow* row = m_model->rowAt(m_model->rowOf(id));
  if (!row || !m_store) return;
  const QString path = QFileDialog::getSaveFileName(
      this, tr("Export run report"), QString::fromStdString(row->run.name) + QStringLiteral(".pdf"),
      tr("PDF (*.pdf)"));
  if (path.isEmpty()) return;
  QString error;
  if (!exportRunReport(*m_store, id, path, &error))
    QMessageBox::warning(this, tr("Export failed"), error);
}

void RunsBrowser::exportModelSelected() {
  const QString id = singleSelection();
  if (id.isEmpty() || !m_store) return;
  if (finalModelFolder(*m_store, id).isEmpty()) {
    QMessageBox::information(this, tr("Export model"),
                             tr("This run has no final model folder (it has not finished, or its "
                                "output folder was moved)."));
    return;
  }
  const QString folder =
      QFileDialog::getExistingDirectory(this, tr("Copy the final model into folder"));
  if (folder.isEmpty()) return;
  QString error;
  const QString copy = exportFinalModel(*m_store, id, folder, &error);
  if (copy.isEmpty()) QMessageBox::warning(this, tr("Export failed"), error);
}

}  // namespace catdpo::ui
