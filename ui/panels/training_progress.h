// SPDX-License-Identifier: MIT
// Progress of the current run: a bar with step / total, and labels for tokens per second and
// the engine's ETA. Formats only what StepMetrics carries; it measures nothing itself.
// Shows at most kUpdateIntervalMs apart, the latest step when several came in between (a
// label's new text costs a text layout and a layout pass; the engine may send ten steps a
// second); the last step of a run shows at once.
#pragma once

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

#include "train/events.h"

class QLabel;
class QProgressBar;

namespace catdpo::ui {

class TrainingProgress : public QWidget {
  Q_OBJECT
 public:
  static constexpr int kUpdateIntervalMs = 250;

  explicit TrainingProgress(QWidget* parent = nullptr);

  void update(const catdpo::StepMetrics& step);
  void reset();
  // Whether a step is waiting to be shown.
  bool updatePending() const { return m_timer.isActive(); }

  int value() const;
  int maximum() const;
  QString stepText() const;
  QString speedText() const;
  QString etaText() const;

  // "1:02:03", "4:05", "—" for unknown; exposed for tests.
  static QString formatDuration(double seconds);

 private:
  void display(const catdpo::StepMetrics& step);

  QProgressBar* m_bar = nullptr;
  QLabel* m_step = nullptr;
  QLabel* m_speed = nullptr;
  QLabel* m_eta = nullptr;
  catdpo::StepMetrics m_pending;
  QTimer m_timer;
  QElapsedTimer m_lastShown;
};

}  // namespace catdpo::ui
