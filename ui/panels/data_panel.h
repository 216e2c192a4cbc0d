// SPDX-License-Identifier: MIT
// The data panel: what a preference data file holds before anyone trains on it. A file comes
// from File → Open, a drop onto the window or the command line; it is read by core's loader on
// a pool thread (a large file never freezes the window) with invalid rows skipped and listed,
// then shown: detected format, counts, pairs per harm category, a lazy table of the pairs and
// every problem with its line; a base model for the file can be built from here. A file that cannot
// be read at all shows the error, naming file and line, and never takes the app down. The loaded
// Dataset is immutable and shared with the models; a load still running when another starts is
// simply discarded when it ends.
#pragma once

#include <QFutureWatcher>
#include <QString>
#include <QWidget>
#include <memory>

#include "data/dataset.h"

class QComboBox;
class QDragEnterEvent;
class QDropEvent;
class QLabel;
class QMimeData;
class QPushButton;
class QTabWidget;
class QTableView;

namespace catdpo::ui {

class BaseModelBuilder;
class DatasetCategoryChart;
class PairTableModel;
class ProblemTableModel;

class DataPanel : public QWidget {
  Q_OBJECT
 public:
  // What a background load hands back to the GUI thread.
  struct LoadOutcome {
    std::shared_ptr<const catdpo::Dataset> dataset;  // null when the file was refused
    QString error;                                   // the refusal, with file and line
    double seconds = 0;
  };

  explicit DataPanel(QWidget* parent = nullptr);
  ~DataPanel() override;

  // Starts reading `path` in the background; loadFinished or loadFailed follows.
  void openFile(const QString& path);
  bool isLoading() const;
  QString currentPath() const { return m_path; }
  std::shared_ptr<const catdpo::Dataset> dataset() const { return m_dataset; }

  // The format the next load asks for (Auto: detect).
  catdpo::DataFormat requestedFormat() const;

  // Shown state, for the window and tests.
  QString errorText() const;    // empty unless the last file was refused
  QString statusText() const;   // the line above the tabs (format, counts, problems)
  QString detailsText() const;  // the safety and length statistics
  PairTableModel* pairModel() const { return m_pairs; }
  ProblemTableModel* problemModel() const { return m_problems; }
  DatasetCategoryChart* categoryChart() const { return m_chart; }
  QTabWidget* tabs() const { return m_tabs; }
  QPushButton* useButton() const { return m_use; }
  // Builds a small base model for the shown file (catdpo demo-model) in the background.
  BaseModelBuilder* baseModelBuilder() const { return m_builder; }

  // Drops: the local file a drag carries (the first one), or an empty string.
  static QString droppedFile(const QMimeData* mime);
  // Makes `window` accept file drops and forward them here (an event filter on it), so a file
  // dropped anywhere on the main window opens in this panel. The panel itself accepts drops too.
  void acceptDropsOn(QWidget* window);

  // Reads a file on the calling thread as the panel does (skipping and listing invalid rows).
  static LoadOutcome load(const QString& path, catdpo::DataFormat format);

 public slots:
  void showOpenDialog();
  // Emits datasetChosen for the shown file when it has pairs (the "Use for training" button).
  void chooseCurrent();

 signals:
  void loadStarted(const QString& path);
  void loadFinished(const QString& path);
  void loadFailed(const QString& path, const QString& message);
  // A file was dropped on the panel or on the window it watches.
  void fileDropped(const QString& path);
  // The user picked the shown data set for training ("Use for training", enabled once a file
  // with at least one valid pair is loaded). Loading alone never chooses.
  void datasetChosen(const QString& path);
  // The user took a base model built here into training, with the file it was built for.
  void baseModelChosen(const QString& modelDir, const QString& dataPath);

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  bool handleDrag(QDragEnterEvent* event);
  bool handleDrop(QDropEvent* event);
  void onLoaded();
  void showOutcome(const LoadOutcome& outcome);
  void clearShown();

  QString m_path;
  std::shared_ptr<const catdpo::Dataset> m_dataset;
  std::unique_ptr<QFutureWatcher<LoadOutcome>> m_watcher;

  QLabel* m_status = nullptr;
  QLabel* m_error = nullptr;
  QLabel* m_details = nullptr;
  QComboBox* m_format = nullptr;
  QPushButton* m_open = nullptr;
  QPushButton* m_use = nullptr;
  QTabWidget* m_tabs = nullptr;
  QTableView* m_pairView = nullptr;
  QTableView* m_problemView = nullptr;
  PairTableModel* m_pairs = nullptr;
  ProblemTableModel* m_problems = nullptr;
  DatasetCategoryChart* m_chart = nullptr;
  BaseModelBuilder* m_builder = nullptr;
};

}  // namespace catdpo::ui
