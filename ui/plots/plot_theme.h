// SPDX-License-Identifier: MIT
// Colours for plots. Categories: 19 colours chosen so that every pair differs by at least
// 21 CIEDE2000 units (greedy max-min selection over the sRGB cube, lightness L* 38-72 so each
// reads on light and dark backgrounds alike); index k is category k in every view and export.
// Runs: a separate qualitative palette of more saturated colours. Rank: a sequential ramp
// (dark blue to orange, lightness rising) for colouring by value. Every other colour comes
// from the widget's QPalette, so plots follow the desktop's light or dark scheme.
#pragma once

#include <QColor>

class QCustomPlot;
class QPalette;

namespace catdpo::ui {

// PKU-SafeRLHF has 19 harm categories; more categories wrap around with a lightness shift.
inline constexpr int kCategoryColorCount = 19;
inline constexpr int kRunColorCount = 10;

// Colour of category `index`; stable, so one category has one colour everywhere.
QColor categoryColor(int index);
// Colour of the index-th run (or method) in Compare and Sweeps: legend, curves, bars, exports.
QColor runColor(int index);
// The sequential ramp at t in [0, 1] (low to high values).
QColor rankColor(double t);

// Background, axes, tick labels, grid and legend from `palette` (Base, Text, Mid roles).
void applyPlotTheme(QCustomPlot* plot, const QPalette& palette);

// Grid colour: text colour faded, so it is visible in both schemes without shouting.
QColor gridColor(const QPalette& palette);

}  // namespace catdpo::ui
