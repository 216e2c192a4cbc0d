// SPDX-License-Identifier: MIT
// Drives one catdpo::Experiment on a QThread and turns its events into queued signals with
// plain value payloads. Thread ownership: the worker lives on the training thread; run() and
// every emit happen there. The GUI never calls into the worker: it sets the run's pause /
// stop / cancel flags on the shared Experiment's RunControl (lock-free atomics) directly.
// Step events are coalesced: at most one `steps` signal per kStepIntervalMs, and any other
// event flushes what is buffered first, so a fast run cannot flood the GUI's event queue.
#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <memory>
#include <string>

#include "ui/engine/engine_types.h"

namespace catdpo::ui {

class TrainingWorker : public QObject {
  Q_OBJECT
 public:
  static constexpr int kStepIntervalMs = 40;
  static constexpr int kPreparationIntervalMs = 100;

  explicit TrainingWorker(std::shared_ptr<catdpo::Experiment> experiment,
                          QObject* parent = nullptr);
  ~TrainingWorker() override;

 public slots:
  // Runs the experiment to its end on the worker's thread. Never throws: a failure becomes
  // failed(); finished() is always the last signal.
  void run();

 signals:
  void preparation(const catdpo::PreparationProgress& progress);
  // The run record exists and training begins (also after a resume).
  void started(const QString& runId, const QStringList& categories);
  void steps(const QList<catdpo::StepMetrics>& steps);
  void evaluation(const catdpo::EvalResult& result);
  void lifecycle(const catdpo::LifecycleEvent& event);
  // The engine's error text (bad config, NaN, out of memory, unreadable data ...).
  void failed(const QString& message);
  void finished(catdpo::RunStatus status, const QString& runId);

 private:
  class Listener;
  friend class Listener;

  void onStep(const catdpo::StepMetrics& step);
  void onEvaluation(const catdpo::EvalResult& result);
  void onLifecycle(const catdpo::LifecycleEvent& event);
  void onPreparation(const catdpo::PreparationProgress& progress);
  void flushSteps();

  std::shared_ptr<catdpo::Experiment> m_experiment;
  std::unique_ptr<Listener> m_listener;
  // Training-thread state only (the engine calls listeners on the thread run() is on).
  QList<catdpo::StepMetrics> m_pending;
  QElapsedTimer m_sinceStepEmit;
  QElapsedTimer m_sincePreparationEmit;
  std::string m_preparationStage;
  catdpo::RunStatus m_status = catdpo::RunStatus::Created;
};

}  // namespace catdpo::ui
