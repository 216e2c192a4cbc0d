// SPDX-License-Identifier: MIT
#include "ui/engine/engine_types.h"

namespace catdpo::ui {

void registerEngineMetaTypes() {
  static const bool registered = [] {
    qRegisterMetaType<catdpo::StepMetrics>();
    qRegisterMetaType<QList<catdpo::StepMetrics>>();
    qRegisterMetaType<catdpo::EvalResult>();
    qRegisterMetaType<catdpo::LifecycleEvent>();
    qRegisterMetaType<catdpo::PreparationProgress>();
    qRegisterMetaType<catdpo::RunStatus>();
    return true;
  }();
  (void)registered;
}

}  // namespace catdpo::ui
