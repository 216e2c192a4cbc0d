// SPDX-License-Identifier: MIT
// Progress of the current run: a bar with step / total, and labels for tokens per second and
// the engine's ETA. Formats only what StepMetrics carries; it measures nothing itself.
#pragma once

#include <QWidget>

#include "train/events.h"

class QLabel;
class QProgressBar;

namespace catdpo::ui {

class TrainingProgress : public QWidget {
  Q_OBJECT
 public:
  explicit TrainingProgress(QWidget* parent = nullptr);

  void update(const catdpo::StepMetrics& step);
  void reset();

  int value() const;
  int maximum() const;
  QString stepText() const;
  QString speedText() const;
  QString etaText() const;

  // "1:02:03", "4:05", "—" for unknown; exposed for tests.
  static QString formatDuration(double seconds);

 private:
  QProgressBar* m_bar = nullptr;
  QLabel* m_step = nullptr;
  QLabel* m_speed = nullptr;
  QLabel* m_eta = nullptr;
};

}  // namespace catdpo::ui
