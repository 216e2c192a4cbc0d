// SPDX-License-Identifier: MIT
// Colour difference as the eye sees it: sRGB (D65) to CIELAB, and the CIEDE2000 and CIE76
// colour differences between two colours. The plot palettes are checked with these (every
// pair of the 19 category colours must differ clearly), and they pick the readable text
// colour for a label drawn on a coloured background.
#pragma once

#include <QColor>

namespace catdpo::ui {

struct Lab {
  double L = 0;
  double a = 0;
  double b = 0;
};

// CIELAB of an sRGB colour under the D65 white point (the sRGB standard's own).
Lab toLab(const QColor& color);
// Back to sRGB, each channel clamped to the gamut.
QColor fromLab(const Lab& lab);

// CIEDE2000 (Sharma, Wu and Dalal's formulation; kL = kC = kH = 1). About 1 is a just
// noticeable difference; plot lines that must not be confused want 15 or more.
double deltaE2000(const Lab& x, const Lab& y);
// CIE76: the Euclidean distance in CIELAB (larger than CIEDE2000 for saturated colours).
double deltaE76(const Lab& x, const Lab& y);

}  // namespace catdpo::ui
