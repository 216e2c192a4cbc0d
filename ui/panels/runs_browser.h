// SPDX-License-Identifier: MIT
// Every run of the workspace database in one sortable table: status, method, progress, key
// settings, the latest evaluation's summary, tags and notes; filter by text, method and status;
// rename, tag, annotate and delete (with confirmation), export, and hand runs on to the live
// view, the comparison or a new configuration. Runs written by another process (a CLI training
// into the same file) update live: a 2 s timer asks SQLite's data_version, which reads no
// table, and the list is reloaded only when another connection has committed something.
// The RunStore connection is shared with the other views of the GUI thread.
#pragma once

#include <QStringList>
#include <QTimer>
#include <QWidget>
#include <cstdint>
#include <memory>

#include "store/run_record.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QToolBar;
class QAction;

namespace catdpo {
class RunStore;
}

namespace catdpo::ui {

class RunTableModel;

class RunsBrowser : public QWidget {
  Q_OBJECT
 public:
  static constexpr int kPollIntervalMs = 2000;

  explicit RunsBrowser(QWidget* parent = nullptr);
  ~RunsBrowser() override;

  void setStore(std::shared_ptr<catdpo::RunStore> store);
  std::shared_ptr<catdpo::RunStore> store() const { return m_store; }

  RunTableModel* model() const { return m_model; }
  QSortFilterProxyModel* proxy() const { return m_proxy; }
  QTableView* view() const { return m_view; }
  QTimer* pollTimer() { return &m_poll; }
  QLineEdit* filterEdit() const { return m_filter; }
  QComboBox* methodFilter() const { return m_method; }
  QComboBox* statusFilter() const { return m_status; }

  // Ids of the selected runs, in the order shown.
  QStringList selectedRunIds() const;
  void selectRun(const QString& runId);

  // Edits without dialogs (the dialogs call these). Each returns false and reports through
  // errorOccurred when the store refuses.
  bool renameRun(const QString& runId, const QString& name);
  bool setRunTags(const QString& runId, const QStringList& tags);
  bool setRunNotes(const QString& runId, const QString& notes);
  // Refuses runs a live process is still writing. `confirm`: ask the user first.
  bool deleteRun(const QString& runId, bool confirm = true);

 public slots:
  // Reloads the list from the store (keeps the selection).
  void refresh();
  // Reloads only when another connection has committed since the last look.
  void poll();

 signals:
  void runActivated(const QString& runId);
  void compareRequested(const QStringList& runIds);
  void cloneRequested(const QString& runId);
  void samplesRequested(const QString& runId);
  void runsChanged();
  void errorOccurred(const QString& message);

 private:
  void buildActions();
  void updateActions();
  void showContextMenu(const QPoint& pos);
  void renameSelected();
  void tagSelected();
  void annotateSelected();
  void deleteSelected();
  void exportCsvSelected();
  void exportReportSelected();
  void exportModelSelected();
  void fail(const QString& what, const std::exception& e);
  catdpo::RunFilter currentFilter() const;
  QString singleSelection() const;

  std::shared_ptr<catdpo::RunStore> m_store;
  std::int64_t m_dataVersion = -1;
  int m_polls = 0;
  QTimer m_poll;
  QTimer m_filterDelay;

  QToolBar* m_toolBar = nullptr;
  QLineEdit* m_filter = nullptr;
  QComboBox* m_method = nullptr;
  QComboBox* m_status = nullptr;
  QLabel* m_count = nullptr;
  QTableView* m_view = nullptr;
  RunTableModel* m_model = nullptr;
  QSortFilterProxyModel* m_proxy = nullptr;

  QAction* m_open = nullptr;
  QAction* m_compare = nullptr;
  QAction* m_clone = nullptr;
  QAction* m_samples = nullptr;
  QAction* m_rename = nullptr;
  QAction* m_tags = nullptr;
  QAction* m_notes = nullptr;
  QAction* m_delete = nullptr;
  QAction* m_exportCsv = nullptr;
  QAction* m_exportReport = nullptr;
  QAction* m_exportModel = nullptr;
  QAction* m_refresh = nullptr;
};

}  // namespace catdpo::ui
