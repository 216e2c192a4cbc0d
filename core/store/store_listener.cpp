// SPDX-License-Identifier: MIT
// Mapping of lifecycle events onto run statuses. A write that fails is not retried here: the
// next step writes again anyway, and a status write that failed is repeated by the next
// lifecycle event's write.
#include "store/store_listener.h"

#include <exception>

namespace catdpo {

StoreListener::StoreListener(RunStore& store, std::string runId, ErrorHandler onError)
    : m_store(store), m_runId(std::move(runId)), m_onError(std::move(onError)) {}

template <typename Write>
void StoreListener::guarded(const char* what, Write&& write) {
  try {
    write();
  } catch (const std::exception& e) {
    ++m_failedWrites;
    m_lastError = std::string("run store: ") + what + ": " + e.what();
    if (m_onError) {
      try {
        m_onError(m_lastError);
      } catch (...) {  // the handler must not take the training thread down either
      }
    }
  }
}

void StoreListener::onLifecycle(const LifecycleEvent& event) {
  switch (event.kind) {
    case LifecycleKind::Started:
      guarded("start", [&] { m_store.claimRun(m_runId); });
      break;
    case LifecycleKind::Paused:
      guarded("pause", [&] { m_store.setStatus(m_runId, RunStatus::Paused); });
      break;
    case LifecycleKind::Resumed:
      guarded("resume", [&] { m_store.setStatus(m_runId, RunStatus::Running); });
      break;
    case LifecycleKind::CheckpointSaved:
      guarded("checkpoint", [&] {
        m_store.recordCheckpoint(CheckpointRecord{
            m_runId, event.step, event.checkpointPath, event.checkpointSha256, {}});
      });
      break;
    case LifecycleKind::EvaluationStarted:
    case LifecycleKind::Message:
      guarded("heartbeat", [&] { m_store.heartbeat(m_runId); });
      break;
    case LifecycleKind::Finished:
      guarded("finish", [&] { m_store.setStatus(m_runId, RunStatus::Finished); });
      break;
    case LifecycleKind::Stopped:
      guarded("stop", [&] { m_store.setStatus(m_runId, RunStatus::Stopped); });
      break;
    case LifecycleKind::Cancelled:
      guarded("cancel", [&] { m_store.setStatus(m_runId, RunStatus::Cancelled); });
      break;
    case LifecycleKind::Failed:
      guarded("failure", [&] {
        m_store.setStatus(m_runId, RunStatus::Failed,
                          event.message.empty() ? std::string("failed") : event.message);
      });
      break;
  }
}

void StoreListener::onStep(const StepMetrics& step) {
  guarded("step", [&] { m_store.recordStep(m_runId, step); });
}

void StoreListener::onEvaluation(const EvalResult& result) {
  guarded("evaluation", [&] { m_store.recordEvaluation(m_runId, result); });
}

}  // namespace catdpo
