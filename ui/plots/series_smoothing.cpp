// SPDX-License-Identifier: MIT
#include "ui/plots/series_smoothing.h"

#include <QCoreApplication>
#include <QStringList>
#include <algorithm>
#include <cmath>
#include <limits>

namespace catdpo::ui {

bool Smoothing::active() const {
  return (mode == SmoothingMode::Ema && emaWeight > 0) ||
         (mode == SmoothingMode::Window && window > 1);
}

QString Smoothing::toString() const {
  switch (mode) {
    case SmoothingMode::Ema:
      return QStringLiteral("ema:%1").arg(emaWeight, 0, 'g', 4);
    case SmoothingMode::Window:
      return QStringLiteral("window:%1").arg(window);
    case SmoothingMode::Off:
      break;
  }
  return QStringLiteral("off");
}

Smoothing Smoothing::fromString(const QString& text) {
  Smoothing s;
  const QStringList parts = text.trimmed().split(QLatin1Char(':'));
  if (parts.size() != 2) return s;
  bool ok = false;
  if (parts[0] == QLatin1String("ema")) {
    const double w = parts[1].toDouble(&ok);
    if (!ok || !std::isfinite(w)) return s;
    s.mode = SmoothingMode::Ema;
    s.emaWeight = std::clamp(w, 0.0, kMaxEmaWeight);
  } else if (parts[0] == QLatin1String("window")) {
    const int n = parts[1].toInt(&ok);
    if (!ok) return s;
    s.mode = SmoothingMode::Window;
    s.window = std::clamp(n, 1, kMaxWindow);
  }
  return s;
}

QString Smoothing::label() const {
  switch (mode) {
    case SmoothingMode::Ema:
      return QCoreApplication::translate("catdpo::ui::Smoothing", "EMA %1")
          .arg(emaWeight, 0, 'f', emaWeight >= 0.99 ? 3 : 2);
    case SmoothingMode::Window:
      return QCoreApplication::translate("catdpo::ui::Smoothing", "Window %1").arg(window);
    case SmoothingMode::Off:
      break;
  }
  return QCoreApplication::translate("catdpo::ui::Smoothing", "Off");
}

Smoother::Smoother(const Smoothing& smoothing) : m_smoothing(smoothing) {
  m_smoothing.emaWeight = std::clamp(m_smoothing.emaWeight, 0.0, Smoothing::kMaxEmaWeight);
  m_smoothing.window = std::clamp(m_smoothing.window, 1, Smoothing::kMaxWindow);
  reset();
}

void Smoother::reset() {
  m_ema = 0;
  m_pastWeight = 1;
  m_ring.assign(m_smoothing.mode == SmoothingMode::Window ? size_t(m_smoothing.window) : 0, 0.0);
  m_next = 0;
  m_filled = 0;
  m_sum = 0;
}

double Smoother::add(double value) {
  if (!std::isfinite(value)) return std::numeric_limits<double>::quiet_NaN();
  switch (m_smoothing.mode) {
    case SmoothingMode::Off:
      return value;
    case SmoothingMode::Ema: {
      const double w = m_smoothing.emaWeight;
      m_ema = w * m_ema + (1 - w) * value;
      m_pastWeight *= w;
      // Debiased: after n points the weights sum to 1 - w^n, not 1.
      const double norm = 1 - m_pastWeight;
      return norm > 0 ? m_ema / norm : value;
    }
    case SmoothingMode::Window: {
      if (m_filled == m_ring.size())
        m_sum -= m_ring[m_next];
      else
        ++m_filled;
      m_ring[m_next] = value;
      m_sum += value;
      m_next = (m_next + 1) % m_ring.size();
      // Re-summed once per lap so rounding errors of the running sum cannot accumulate.
      if (m_next == 0) {
        m_sum = 0;
        for (size_t i = 0; i < m_filled; ++i) m_sum += m_ring[i];
      }
      return m_sum / double(m_filled);
    }
  }
  return value;
}

std::vector<double> smoothValues(const Smoothing& smoothing, const std::vector<double>& values) {
  Smoother smoother(smoothing);
  std::vector<double> out;
  out.reserve(values.size());
  for (double v : values) out.push_back(smoother.add(v));
  return out;
}

}  // namespace catdpo::ui
