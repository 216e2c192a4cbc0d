// SPDX-License-Identifier: MIT
// Smoothing of a noisy per-step series, as experiment trackers offer it: an exponential moving
// average (debiased, so the first points are not pulled towards zero) or a trailing moving
// window. Incremental: a Smoother takes one point at a time in O(1), so a live plot smooths
// only what arrived since its last replot. NaN points pass through and leave the state alone.
#pragma once

#include <QString>
#include <vector>

namespace catdpo::ui {

enum class SmoothingMode { Off, Ema, Window };

struct Smoothing {
  static constexpr double kMaxEmaWeight = 0.999;
  static constexpr int kMaxWindow = 1000;

  SmoothingMode mode = SmoothingMode::Off;
  double emaWeight = 0.8;  // weight of the past, [0, kMaxEmaWeight]
  int window = 10;         // points in the trailing window, [1, kMaxWindow]

  bool active() const;
  // "off", "ema:0.8", "window:10": the form QSettings keeps. fromString() clamps values and
  // gives Off for anything it does not understand (a settings file edited by hand).
  QString toString() const;
  static Smoothing fromString(const QString& text);
  // For the tool bar and the tooltips: "EMA 0.80", "Window 10", "Off".
  QString label() const;
  bool operator==(const Smoothing&) const = default;
};

class Smoother {
 public:
  explicit Smoother(const Smoothing& smoothing = {});
  void reset();
  // The smoothed value after taking `value` (NaN in, NaN out).
  double add(double value);

 private:
  Smoothing m_smoothing;
  double m_ema = 0;
  double m_pastWeight = 1;  // weight^n, for the debiasing
  std::vector<double> m_ring;
  size_t m_next = 0;
  size_t m_filled = 0;
  double m_sum = 0;
};

// The whole series at once (what a Smoother gives point by point).
std::vector<double> smoothValues(const Smoothing& smoothing, const std::vector<double>& values);

}  // namespace catdpo::ui
