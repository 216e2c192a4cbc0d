// SPDX-License-Identifier: MIT
#include "ui/plots/plot_theme.h"

#include <qcustomplot.h>
#include <QPalette>
#include <algorithm>
#include <array>
#include <cmath>

#include "ui/plots/color_science.h"

namespace catdpo::ui {

namespace {
// Ordered so that each colour is as far as possible from all before it: the first ones (those
// shown when only a few categories are) are the most distinct. Minimum CIEDE2000 over all
// pairs: 21.6 (CIE76: 26.5); test_palette checks it.
constexpr std::array<QRgb, kCategoryColorCount> kCategoryRgb{
    0x0858c0, 0xb0b000, 0xa03808, 0xd8a0b0, 0x006850, 0x60b8f8, 0xf89800,
    0xd80858, 0x705800, 0x00c0b8, 0xf86848, 0x705070, 0xf838d8, 0x00c858,
    0x9088d0, 0x9000e8, 0x008098, 0x508000, 0xa08868,
};
// Runs: ten colours at least 30 CIEDE2000 apart, blue first.
constexpr std::array<QRgb, kRunColorCount> kRunRgb{
    0x0048c8, 0x88a810, 0xf86868, 0xd868f8, 0x58a0f8,
    0x903800, 0xa01860, 0x186000, 0xd88800, 0x009890,
};
// The rank ramp's anchors, interpolated in CIELAB: lightness rises from low to high values.
constexpr std::array<QRgb, 4> kRampRgb{0x283c8c, 0x8c3c9c, 0xdc465a, 0xf0962a};

void themeAxis(QCPAxis* axis, const QPalette& palette) {
  const QColor text = palette.color(QPalette::Text);
  const QPen line(text, 1);
  axis->setBasePen(line);
  axis->setTickPen(line);
  axis->setSubTickPen(line);
  axis->setTickLabelColor(text);
  axis->setLabelColor(text);
  axis->grid()->setPen(QPen(gridColor(palette), 1, Qt::DotLine));
  axis->grid()->setSubGridPen(Qt::NoPen);
  axis->grid()->setZeroLinePen(QPen(gridColor(palette), 1));
}
}  // namespace

QColor categoryColor(int index) {
  if (index < 0) index = -index;
  QColor color = QColor::fromRgb(kCategoryRgb[static_cast<size_t>(index % kCategoryColorCount)]);
  const int round = index / kCategoryColorCount;
  if (round % 2 == 1) color = color.lighter(135);  // a second set, only beyond 19 categories
  return color;
}

QColor runColor(int index) {
  if (index < 0) index = -index;
  QColor color = QColor::fromRgb(kRunRgb[static_cast<size_t>(index % kRunColorCount)]);
  if ((index / kRunColorCount) % 2 == 1) color = color.lighter(135);
  return color;
}

QColor rankColor(double t) {
  t = std::isfinite(t) ? std::clamp(t, 0.0, 1.0) : 0.0;
  const double scaled = t * double(kRampRgb.size() - 1);
  const size_t i = std::min(size_t(scaled), kRampRgb.size() - 2);
  const double f = scaled - double(i);
  const Lab a = toLab(QColor::fromRgb(kRampRgb[i]));
  const Lab b = toLab(QColor::fromRgb(kRampRgb[i + 1]));
  return fromLab({a.L + f * (b.L - a.L), a.a + f * (b.a - a.a), a.b + f * (b.b - a.b)});
}

QColor gridColor(const QPalette& palette) {
  QColor color = palette.color(QPalette::Text);
  color.setAlphaF(0.22f);
  return color;
}

void applyPlotTheme(QCustomPlot* plot, const QPalette& palette) {
  plot->setBackground(palette.brush(QPalette::Base));
  const QList<QCPAxisRect*> rects = plot->axisRects();
  for (QCPAxisRect* rect : rects) {
    rect->setBackground(palette.brush(QPalette::Base));
    for (QCPAxis* axis : rect->axes()) themeAxis(axis, palette);
  }
  plot->legend->setBrush(palette.brush(QPalette::Base));
  plot->legend->setBorderPen(QPen(palette.color(QPalette::Mid)));
  plot->legend->setTextColor(palette.color(QPalette::Text));
  plot->legend->setSelectedTextColor(palette.color(QPalette::HighlightedText));
}

}  // namespace catdpo::ui
