// SPDX-License-Identifier: MIT
#include "ui/plots/plot_theme.h"

#include <qcustomplot.h>
#include <QPalette>
#include <array>

namespace catdpo::ui {

namespace {
// Neighbouring indices differ in hue first and lightness second, so the first categories
// (the ones shown when few are toggled on) are the most distinct. All sit at mid lightness.
constexpr std::array<QRgb, kCategoryColorCount> kCategoryRgb{
    0x2f6fd0, 0xd9412b, 0xe69a00, 0x2a9d3a, 0x8e44ad, 0x00a3b4, 0xd6479b,
    0x7a8c00, 0x8c2d19, 0x5b8def, 0xa05fd0, 0x1b7f6b, 0xc9a227, 0x4b3fa8,
    0xf07c3a, 0x7f3f5f, 0x52b36b, 0x7a6a58, 0xe05d6f,
};

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
