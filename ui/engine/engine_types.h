// SPDX-License-Identifier: MIT
// The engine's plain event structs as Qt metatypes, so queued signals can carry them across
// threads by value. Call registerEngineMetaTypes() once before the first queued connection
// (TrainingController does it); the structs themselves stay Qt-free in core.
#pragma once

#include <QList>
#include <QMetaType>

#include "eval/eval_result.h"
#include "experiment/experiment.h"
#include "train/events.h"

Q_DECLARE_METATYPE(catdpo::StepMetrics)
Q_DECLARE_METATYPE(catdpo::EvalResult)
Q_DECLARE_METATYPE(catdpo::LifecycleEvent)
Q_DECLARE_METATYPE(catdpo::PreparationProgress)
Q_DECLARE_METATYPE(catdpo::RunStatus)

namespace catdpo::ui {

void registerEngineMetaTypes();

}  // namespace catdpo::ui
