// SPDX-License-Identifier: MIT
// The data panel's "Build base model" row: builds a small base model for the shown data file
// exactly as `catdpo demo-model` does (core's buildBaseModelForData), on a pool thread, with a
// progress bar, a Cancel button (a RunControl flag the build polls) and the error in plain
// words. The job reports through a QPromise whose watcher belongs to this widget (progress and
// the outcome arrive in the GUI thread), so closing the panel mid-build cancels the job and
// nothing ever reaches a dead widget.
#pragma once

#include <QFutureWatcher>
#include <QString>
#include <QStringList>
#include <QWidget>
#include <memory>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace catdpo {
class RunControl;
}

namespace catdpo::ui {

class BaseModelBuilder : public QWidget {
  Q_OBJECT
 public:
  // What a build hands back to the GUI thread.
  struct Outcome {
    QString error;  // empty on success
    QString summary;
    QStringList warnings;
  };

  explicit BaseModelBuilder(QWidget* parent = nullptr);
  ~BaseModelBuilder() override;

  // The file the next build reads; empty (or unusable) disables the button.
  void setDataFile(const QString& path, bool usable);
  QString dataFile() const { return m_data; }

  // Starts building into `outDir` (created; refused unless new, empty or a model folder this
  // builds); finished or failed follows. Returns false when a build is already running.
  bool start(const QString& outDir);
  void cancel();
  bool isRunning() const { return m_running; }

  // The folder a build from the shown file goes to by default: beside the file.
  QString suggestedFolder() const;

  QPushButton* buildButton() const { return m_build; }
  QPushButton* cancelButton() const { return m_cancel; }
  QPushButton* useButton() const { return m_use; }
  QProgressBar* progressBar() const { return m_progress; }
  QCheckBox* quickBox() const { return m_quick; }
  QDoubleSpinBox* shareBox() const { return m_share; }
  QString statusText() const;
  QString errorText() const;

 public slots:
  void chooseFolderAndStart();

 signals:
  void started(const QString& outDir);
  void finished(const QString& outDir);
  void failed(const QString& message);
  // "Use for training": the built model together with the data it was built for.
  void modelChosen(const QString& modelDir, const QString& dataFile);

 private:
  void onDone(const Outcome& outcome);

  QString m_data, m_outDir, m_lastModel;
  bool m_usable = false;
  bool m_running = false;
  std::shared_ptr<catdpo::RunControl> m_control;
  std::unique_ptr<QFutureWatcher<Outcome>> m_watcher;
  QPushButton* m_build = nullptr;
  QPushButton* m_cancel = nullptr;
  QPushButton* m_use = nullptr;
  QCheckBox* m_quick = nullptr;
  QDoubleSpinBox* m_share = nullptr;
  QProgressBar* m_progress = nullptr;
  QLabel* m_status = nullptr;
  QLabel* m_error = nullptr;
};

}  // namespace catdpo::ui
