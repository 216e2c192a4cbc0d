// SPDX-License-Identifier: MIT
#include "ui/plots/replot_budget.h"

#include <QElapsedTimer>
#include <algorithm>
#include <cmath>

namespace catdpo::ui {

ReplotBudget& ReplotBudget::shared() {
  static ReplotBudget budget(clockNs());
  return budget;
}

qint64 ReplotBudget::clockNs() {
  static const QElapsedTimer clock = [] {
    QElapsedTimer t;
    t.start();
    return t;
  }();
  return clock.nsecsElapsed();
}

void ReplotBudget::refill(qint64 nowNs) {
  if (nowNs > m_lastNs) {
    m_creditNs = std::min<double>(kBurstNs, m_creditNs + kShare * double(nowNs - m_lastNs));
    m_lastNs = nowNs;
  }
}

double ReplotBudget::creditNs(qint64 nowNs) {
  refill(nowNs);
  return m_creditNs;
}

qint64 ReplotBudget::waitNs(qint64 expectedNs, qint64 nowNs) {
  refill(nowNs);
  const double need = double(std::clamp<qint64>(expectedNs, 0, kBurstNs));
  if (m_creditNs >= need) return 0;
  return qint64(std::ceil((need - m_creditNs) / kShare));
}

void ReplotBudget::spend(qint64 costNs, qint64 nowNs) {
  refill(nowNs);
  m_creditNs -= double(std::max<qint64>(costNs, 0));
}

}  // namespace catdpo::ui
