// SPDX-License-Identifier: MIT
#include "ui/panels/training_progress.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <algorithm>
#include <cmath>

namespace catdpo::ui {

TrainingProgress::TrainingProgress(QWidget* parent) : QWidget(parent) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(6, 2, 6, 2);
  m_bar = new QProgressBar(this);
  m_bar->setTextVisible(true);
  m_step = new QLabel(this);
  m_speed = new QLabel(this);
  m_eta = new QLabel(this);
  for (QLabel* label : {m_step, m_speed, m_eta})
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(m_bar, 1);
  layout->addWidget(m_step);
  layout->addSpacing(12);
  layout->addWidget(m_speed);
  layout->addSpacing(12);
  layout->addWidget(m_eta);
  m_timer.setSingleShot(true);
  connect(&m_timer, &QTimer::timeout, this, [this] { display(m_pending); });
  reset();
}

QString TrainingProgress::formatDuration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return QStringLiteral("—");
  const qint64 total = qint64(std::llround(seconds));
  const qint64 h = total / 3600, m = (total / 60) % 60, s = total % 60;
  if (h > 0)
    return QStringLiteral("%1:%2:%3")
        .arg(h)
        .arg(m, 2, 10, QLatin1Char('0'))
        .arg(s, 2, 10, QLatin1Char('0'));
  return QStringLiteral("%1:%2").arg(m).arg(s, 2, 10, QLatin1Char('0'));
}

void TrainingProgress::update(const catdpo::StepMetrics& step) {
  const bool last = step.totalSteps > 0 && step.step >= step.totalSteps;
  if (last || !m_lastShown.isValid() || m_lastShown.elapsed() >= kUpdateIntervalMs) {
    m_timer.stop();
    display(step);
    return;
  }
  m_pending = step;
  if (!m_timer.isActive())
    m_timer.start(int(std::max<qint64>(0, kUpdateIntervalMs - m_lastShown.elapsed())));
}

void TrainingProgress::display(const catdpo::StepMetrics& step) {
  m_lastShown.start();
  // QProgressBar holds ints; runs longer than 2^31 steps are not a concern.
  const int total = int(std::max<std::int64_t>(step.totalSteps, 0));
  m_bar->setRange(0, std::max(total, 1));
  m_bar->setValue(int(std::clamp<std::int64_t>(step.step, 0, std::max(total, 1))));
  m_step->setText(total > 0 ? tr("Step %1 / %2").arg(step.step).arg(total)
                            : tr("Step %1").arg(step.step));
  m_speed->setText(tr("%1 tokens/s").arg(QString::number(step.tokensPerSecond, 'f', 0)));
  const bool done = total > 0 && step.step >= total;
  m_eta->setText(tr("ETA %1").arg(done ? formatDuration(0) : formatDuration(step.etaSeconds)));
}

void TrainingProgress::reset() {
  m_timer.stop();
  m_lastShown.invalidate();
  m_bar->setRange(0, 1);
  m_bar->setValue(0);
  m_step->setText(tr("Step —"));
  m_speed->setText(tr("— tokens/s"));
  m_eta->setText(tr("ETA —"));
}

int TrainingProgress::value() const { return m_bar->value(); }
int TrainingProgress::maximum() const { return m_bar->maximum(); }
QString TrainingProgress::stepText() const { return m_step->text(); }
QString TrainingProgress::speedText() const { return m_speed->text(); }
QString TrainingProgress::etaText() const { return m_eta->text(); }

}  // namespace catdpo::ui
