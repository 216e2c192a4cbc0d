// SPDX-License-Identifier: MIT
// Ticks for a training-step axis: whole numbers at 1, 2 or 5 times a power of ten (QCustomPlot's
// default also picks 2.5, which puts ticks at step 7.5).
#pragma once

#include <qcustomplot.h>

namespace catdpo::ui {

class StepTicker : public QCPAxisTicker {
 public:
  // The whole 1, 2 or 5 times a power of ten nearest `exact` (at least 1).
  static double cleanStep(double exact);

 protected:
  double getTickStep(const QCPRange& range) override;
};

}  // namespace catdpo::ui
