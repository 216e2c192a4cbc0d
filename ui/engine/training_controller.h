// SPDX-License-Identifier: MIT
// Owns the training thread of the window: starts one run at a time on a fresh QThread with a
// TrainingWorker, relays the worker's queued signals, and sets pause / stop / cancel on the
// run's RunControl directly (atomic flags; a busy worker cannot process a queue). Lives on
// the GUI thread. Shutdown cancels the run, then quits and joins the thread; the destructor
// does the same, so no thread outlives the window.
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <memory>

#include "ui/engine/engine_types.h"

class QThread;

namespace catdpo::ui {

class TrainingController : public QObject {
  Q_OBJECT
 public:
  explicit TrainingController(QObject* parent = nullptr);
  ~TrainingController() override;

  // True from start() until finished() (the thread has ended).
  bool isActive() const { return m_thread != nullptr; }
  // Starts a run; false (and nothing happens) while another one is active.
  bool start(const catdpo::ExperimentOptions& options);
  void pause();
  void resume();
  void stop();    // checkpoint, then end as "stopped" (resumable)
  void cancel();  // end as soon as possible, no checkpoint
  bool pauseRequested() const;
  QString runId() const { return m_runId; }

  // Cancels the active run and waits up to `msecs` (-1: no limit) for its thread to end.
  // Returns true when no thread is left. finished() is emitted before it returns.
  bool shutdown(int msecs = -1);

 signals:
  void preparation(const catdpo::PreparationProgress& progress);
  void started(const QString& runId, const QStringList& categories);
  void steps(const QList<catdpo::StepMetrics>& steps);
  void evaluation(const catdpo::EvalResult& result);
  void lifecycle(const catdpo::LifecycleEvent& event);
  void failed(const QString& message);
  // The run's thread has ended; a new run can start.
  void finished(catdpo::RunStatus status, const QString& runId);

 private:
  void onWorkerFinished(catdpo::RunStatus status, const QString& runId);
  void onThreadFinished();

  QThread* m_thread = nullptr;
  std::shared_ptr<catdpo::Experiment> m_experiment;  // shared with the worker
  catdpo::RunStatus m_status = catdpo::RunStatus::Created;
  QString m_runId;
};

}  // namespace catdpo::ui
