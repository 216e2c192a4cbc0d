// SPDX-License-Identifier: MIT
// The share of one core that coalesced replots may take, for all plots of the window together.
// On a two-core machine the GUI thread's time comes out of the training threads, and a
// preempted training thread holds up its partner at every parallel region: a GUI that redraws
// three plots after every step (3 ms each, five steps a second) took 4.5% of a core and cost
// training 5-9% of its throughput. The budget is a token bucket of replot time: it fills at
// kShare of the wall time, up to kBurstNs, and every coalesced replot draws its cost from it.
// A plot whose last replot does not fit waits until it would. User interaction (drag, zoom,
// legend clicks) redraws at once, outside the budget. GUI thread only.
#pragma once

#include <QtGlobal>

namespace catdpo::ui {

class ReplotBudget {
 public:
  static constexpr double kShare = 0.01;
  static constexpr qint64 kBurstNs = 20'000'000;

  // Starts full at nowNs.
  explicit ReplotBudget(qint64 nowNs = 0) : m_lastNs(nowNs) {}

  // The budget every plot of the process shares (its clock: QElapsedTimer's monotonic clock).
  static ReplotBudget& shared();
  static qint64 clockNs();

  // Nanoseconds until a replot expected to cost expectedNs fits; 0 when it fits now. A cost
  // larger than the bucket waits only for a full bucket.
  qint64 waitNs(qint64 expectedNs, qint64 nowNs);
  // Draws a replot's cost; the credit may go below zero (a replot costlier than expected),
  // which the following waits repay.
  void spend(qint64 costNs, qint64 nowNs);
  double creditNs(qint64 nowNs);

 private:
  void refill(qint64 nowNs);

  qint64 m_lastNs;
  double m_creditNs = kBurstNs;
};

}  // namespace catdpo::ui
