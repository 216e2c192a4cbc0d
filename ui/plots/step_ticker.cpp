// SPDX-License-Identifier: MIT
#include "ui/plots/step_ticker.h"

#include <cmath>

namespace catdpo::ui {

double StepTicker::getTickStep(const QCPRange& range) {
  return cleanStep(range.size() / (double(tickCount()) + 1e-10));
}

double StepTicker::cleanStep(double exact) {
  if (!(exact > 1)) return 1;
  const double magnitude = std::pow(10.0, std::floor(std::log10(exact)));
  const double mantissa = exact / magnitude;
  const double clean = mantissa < 1.5 ? 1 : mantissa < 3.5 ? 2 : mantissa < 7.5 ? 5 : 10;
  return clean * magnitude;
}

}  // namespace catdpo::ui
