// SPDX-License-Identifier: MIT
#include "ui/engine/training_controller.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QThread>
#include <chrono>

#include "ui/engine/training_worker.h"

namespace catdpo::ui {

TrainingController::TrainingController(QObject* parent) : QObject(parent) {
  registerEngineMetaTypes();
}

TrainingController::~TrainingController() {
  // Owners that care about the outcome shut down first; from here nobody is listening.
  blockSignals(true);
  shutdown();
}

bool TrainingController::start(const catdpo::ExperimentOptions& options) {
  if (m_thread) return false;
  m_experiment = std::make_shared<catdpo::Experiment>(options);
  m_status = catdpo::RunStatus::Created;
  m_runId.clear();
  m_thread = new QThread(this);
  m_thread->setObjectName(QStringLiteral("training"));
  auto* worker = new TrainingWorker(m_experiment);
  worker->moveToThread(m_thread);

  connect(m_thread, &QThread::started, worker, &TrainingWorker::run);
  // Direct: quit() is thread-safe, and the thread must end even while the GUI thread blocks
  // in shutdown()'s wait().
  connect(worker, &TrainingWorker::finished, m_thread, &QThread::quit, Qt::DirectConnection);
  connect(m_thread, &QThread::finished, worker, &QObject::deleteLater);
  connect(m_thread, &QThread::finished, this, &TrainingController::onThreadFinished);

  connect(worker, &TrainingWorker::preparation, this, &TrainingController::preparation);
  connect(worker, &TrainingWorker::started, this, [this](const QString& id, const QStringList& c) {
    m_runId = id;
    emit started(id, c);
  });
  connect(worker, &TrainingWorker::steps, this, &TrainingController::steps);
  connect(worker, &TrainingWorker::evaluation, this, &TrainingController::evaluation);
  connect(worker, &TrainingWorker::lifecycle, this, &TrainingController::lifecycle);
  connect(worker, &TrainingWorker::failed, this, &TrainingController::failed);
  connect(worker, &TrainingWorker::finished, this, &TrainingController::onWorkerFinished);
  m_thread->start();
  return true;
}

void TrainingController::pause() {
  if (m_experiment) m_experiment->control().pause();
}

void TrainingController::resume() {
  if (m_experiment) m_experiment->control().resume();
}

void TrainingController::stop() {
  if (m_experiment) m_experiment->control().stop();
}

void TrainingController::cancel() {
  if (m_experiment) m_experiment->control().cancel();
}

bool TrainingController::pauseRequested() const {
  return m_experiment && m_experiment->control().paused();
}

bool TrainingController::shutdown(int msecs) {
  if (!m_thread) return true;
  cancel();
  const bool ended = msecs < 0 ? m_thread->wait()
                               : m_thread->wait(QDeadlineTimer(std::chrono::milliseconds(msecs)));
  if (!ended) return false;
  // The queued finished signals are still on their way; deliver what they would have.
  QCoreApplication::sendPostedEvents(this);
  if (m_thread) onThreadFinished();
  return true;
}

void TrainingController::onWorkerFinished(catdpo::RunStatus status, const QString& runId) {
  m_status = status;
  if (!runId.isEmpty()) m_runId = runId;
}

void TrainingController::onThreadFinished() {
  if (!m_thread) return;
  QThread* thread = m_thread;
  m_thread = nullptr;
  thread->deleteLater();
  // The worker held the other reference; the experiment goes now, on the GUI thread, after
  // its run() has returned.
  m_experiment.reset();
  emit finished(m_status, m_runId);
}

}  // namespace catdpo::ui
