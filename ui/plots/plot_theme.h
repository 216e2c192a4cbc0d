// SPDX-License-Identifier: MIT
// Colours for plots: 19 hand-picked category colours of mid lightness (readable on light and
// dark backgrounds alike) and a theme that takes every other colour from the widget's QPalette,
// so plots follow the desktop's light or dark scheme instead of hard-coding black on white.
#pragma once

#include <QColor>

class QCustomPlot;
class QPalette;

namespace catdpo::ui {

// PKU-SafeRLHF has 19 harm categories; more categories wrap around with a lightness shift.
inline constexpr int kCategoryColorCount = 19;

// Colour of category (or series) `index`; stable, so one category has one colour everywhere.
QColor categoryColor(int index);

// Background, axes, tick labels, grid and legend from `palette` (Base, Text, Mid roles).
void applyPlotTheme(QCustomPlot* plot, const QPalette& palette);

// Grid colour: text colour faded, so it is visible in both schemes without shouting.
QColor gridColor(const QPalette& palette);

}  // namespace catdpo::ui
