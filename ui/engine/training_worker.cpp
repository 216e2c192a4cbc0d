// SPDX-License-Identifier: MIT
#include "ui/engine/training_worker.h"

#include <exception>

namespace catdpo::ui {

// The engine-side face of the worker: called on the training thread, forwards at once.
class TrainingWorker::Listener : public catdpo::TrainingListener {
 public:
  explicit Listener(TrainingWorker* worker) : m_worker(worker) {}
  void onLifecycle(const catdpo::LifecycleEvent& event) override { m_worker->onLifecycle(event); }
  void onStep(const catdpo::StepMetrics& step) override { m_worker->onStep(step); }
  void onEvaluation(const catdpo::EvalResult& result) override { m_worker->onEvaluation(result); }

 private:
  TrainingWorker* m_worker;
};

TrainingWorker::TrainingWorker(std::shared_ptr<catdpo::Experiment> experiment, QObject* parent)
    : QObject(parent),
      m_experiment(std::move(experiment)),
      m_listener(std::make_unique<Listener>(this)) {
  registerEngineMetaTypes();
  m_experiment->addListener(m_listener.get());
  m_experiment->setPreparationCallback(
      [this](const catdpo::PreparationProgress& progress) { onPreparation(progress); });
}

TrainingWorker::~TrainingWorker() = default;

void TrainingWorker::run() {
  QString error;
  try {
    m_experiment->run();
  } catch (const std::exception& e) {
    error = QString::fromStdString(e.what());
  } catch (...) {
    error = tr("unknown error in the training engine");
  }
  // Listener callbacks may still have buffered steps (a run that ends between two emits).
  flushSteps();
  // Every way out of run() without an exception emits a terminal lifecycle event first.
  if (!error.isEmpty()) {
    m_status = catdpo::RunStatus::Failed;
    emit failed(error);
  }
  emit finished(m_status, QString::fromStdString(m_experiment->runId()));
}

void TrainingWorker::onStep(const catdpo::StepMetrics& step) {
  m_pending.append(step);
  if (!m_sinceStepEmit.isValid() || m_sinceStepEmit.elapsed() >= kStepIntervalMs) flushSteps();
}

void TrainingWorker::flushSteps() {
  if (m_pending.isEmpty()) return;
  QList<catdpo::StepMetrics> batch;
  batch.swap(m_pending);
  m_sinceStepEmit.start();
  emit steps(batch);
}

void TrainingWorker::onEvaluation(const catdpo::EvalResult& result) {
  flushSteps();
  emit evaluation(result);
}

void TrainingWorker::onLifecycle(const catdpo::LifecycleEvent& event) {
  flushSteps();
  using catdpo::LifecycleKind;
  using catdpo::RunStatus;
  switch (event.kind) {
    case LifecycleKind::Started: {
      m_status = RunStatus::Running;
      QStringList categories;
      for (const std::string& name : m_experiment->categoryNames())
        categories.append(QString::fromStdString(name));
      emit started(QString::fromStdString(m_experiment->runId()), categories);
      break;
    }
    case LifecycleKind::Paused:
      m_status = RunStatus::Paused;
      break;
    case LifecycleKind::Resumed:
      m_status = RunStatus::Running;
      break;
    case LifecycleKind::Finished:
      m_status = RunStatus::Finished;
      break;
    case LifecycleKind::Stopped:
      m_status = RunStatus::Stopped;
      break;
    case LifecycleKind::Cancelled:
      m_status = RunStatus::Cancelled;
      break;
    case LifecycleKind::Failed:
      m_status = RunStatus::Failed;
      break;
    case LifecycleKind::CheckpointSaved:
    case LifecycleKind::EvaluationStarted:
    case LifecycleKind::Message:
      break;
  }
  emit lifecycle(event);
}

void TrainingWorker::onPreparation(const catdpo::PreparationProgress& progress) {
  const bool newStage = progress.stage != m_preparationStage;
  const bool done = progress.fraction >= 1.0;
  if (!newStage && !done && m_sincePreparationEmit.isValid() &&
      m_sincePreparationEmit.elapsed() < kPreparationIntervalMs)
    return;
  m_preparationStage = progress.stage;
  m_sincePreparationEmit.start();
  emit preparation(progress);
}

}  // namespace catdpo::ui
