// SPDX-License-Identifier: MIT
// Records a run's engine events in the run store: lifecycle -> status, finished time and error;
// each step -> one transaction; evaluations; checkpoints. Lives on the training thread with its
// own RunStore (connection). Listener calls must not throw, so a failed write (disk full, lock
// timeout) is counted and reported through the optional error callback instead.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "store/run_store.h"
#include "train/events.h"

namespace catdpo {

class StoreListener : public TrainingListener {
 public:
  using ErrorHandler = std::function<void(const std::string& message)>;

  // `store` must outlive the listener; `runId` is a run created with RunStore::createRun (or an
  // interrupted run being resumed: Started claims it for this process again).
  StoreListener(RunStore& store, std::string runId, ErrorHandler onError = {});

  void onLifecycle(const LifecycleEvent& event) override;
  void onStep(const StepMetrics& step) override;
  void onEvaluation(const EvalResult& result) override;

  const std::string& runId() const { return m_runId; }
  int failedWrites() const { return m_failedWrites; }
  const std::string& lastError() const { return m_lastError; }

 private:
  template <typename Write>
  void guarded(const char* what, Write&& write);

  RunStore& m_store;
  std::string m_runId;
  ErrorHandler m_onError;
  int m_failedWrites = 0;
  std::string m_lastError;
};

}  // namespace catdpo
