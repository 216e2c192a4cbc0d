// SPDX-License-Identifier: MIT
#include "ui/plots/series_mean.h"

#include <cmath>

namespace catdpo::ui {

void CarryForwardMean::reset() {
  m_openKey = -kInf;
  m_carry.clear();
}

void CarryForwardMean::update(const std::vector<const QCPGraphDataContainer*>& sources,
                              double earliestNewKey, QCPGraphDataContainer& out) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  if (sources.size() != m_carry.size() || earliestNewKey < m_openKey) {
    m_openKey = -kInf;
    m_carry.assign(sources.size(), kNaN);
    out.clear();
  }
  if (m_openKey > -kInf) out.removeAfter(std::nextafter(m_openKey, -kInf));
  std::vector<QCPGraphDataContainer::const_iterator> at, end;
  double lastKey = -kInf;
  for (const QCPGraphDataContainer* source : sources) {
    at.push_back(m_openKey > -kInf ? source->findBegin(m_openKey, false) : source->constBegin());
    end.push_back(source->constEnd());
    if (!source->isEmpty()) lastKey = std::max(lastKey, (source->constEnd() - 1)->key);
  }
  QVector<QCPGraphData> points;
  std::vector<double> carry = m_carry;
  while (true) {
    double key = kInf;
    for (size_t i = 0; i < at.size(); ++i)
      if (at[i] != end[i]) key = std::min(key, at[i]->key);
    if (key == kInf) break;
    if (key >= lastKey) {  // the last key stays open: more of its points may still come
      m_openKey = key;
      m_carry = carry;
    }
    for (size_t i = 0; i < at.size(); ++i)
      for (; at[i] != end[i] && at[i]->key == key; ++at[i])
        if (std::isfinite(at[i]->value)) carry[i] = at[i]->value;
    double sum = 0;
    int n = 0;
    for (double v : carry)
      if (!std::isnan(v)) {
        sum += v;
        ++n;
      }
    if (n > 0) points.append(QCPGraphData(key, sum / n));
  }
  out.add(points, /*alreadySorted=*/true);
}

}  // namespace catdpo::ui
