// SPDX-License-Identifier: MIT
// One-line, translated descriptions of engine events for the log and the status bar. Kept
// apart from the window so the wording is in one place (and testable).
#pragma once

#include <QCoreApplication>
#include <QString>

#include "ui/engine/engine_types.h"

namespace catdpo::ui {

class EventText {
  Q_DECLARE_TR_FUNCTIONS(catdpo::ui::EventText)
 public:
  // Empty for events that are not worth a log line.
  static QString lifecycle(const catdpo::LifecycleEvent& event);
  static QString evaluation(const catdpo::EvalResult& result);
  static QString preparation(const catdpo::PreparationProgress& progress);
  static QString status(catdpo::RunStatus status);
};

}  // namespace catdpo::ui
