// SPDX-License-Identifier: MIT
#include "ui/plots/series_legend.h"

#include <QFontMetrics>

namespace catdpo::ui {

namespace {
constexpr int kSwatchWidth = 14;
constexpr int kGap = 4;
}  // namespace

SeriesLegendItem::SeriesLegendItem(QCPLegend* parent) : QCPAbstractLegendItem(parent) {
  setSelectable(false);
}

void SeriesLegendItem::setEntry(const Entry& entry) { m_entry = entry; }

void SeriesLegendItem::setColumnWidths(int nameWidth, int valueWidth) {
  m_nameWidth = nameWidth;
  m_valueWidth = valueWidth;
}

QString SeriesLegendItem::shownName() const {
  if (m_entry.name.size() <= kMaxNameChars) return m_entry.name;
  return m_entry.name.left(kMaxNameChars - 1) + QChar(0x2026);
}

int SeriesLegendItem::nameWidthNeeded() const {
  QFont f = font();
  f.setBold(true);  // the widest the row can become (highlighted)
  return QFontMetrics(f).horizontalAdvance(shownName());
}

int SeriesLegendItem::valueWidthNeeded() const {
  if (m_entry.value.isEmpty()) return 0;
  QFont f = font();
  f.setBold(true);  // as wide as the highlighted or the mean's row draws it
  return QFontMetrics(f).horizontalAdvance(m_entry.value);
}

QSize SeriesLegendItem::minimumOuterSizeHint() const {
  const QFontMetrics metrics(font());
  const int valueWidth = m_valueWidth > 0 ? m_valueWidth + kGap : 0;
  const int width = kSwatchWidth + kGap + std::max(m_nameWidth, nameWidthNeeded()) + valueWidth;
  return QSize(width + mMargins.left() + mMargins.right(),
               metrics.height() + mMargins.top() + mMargins.bottom());
}

void SeriesLegendItem::draw(QCPPainter* painter) {
  const QRect r = mRect;
  QFont f = font();
  f.setStrikeOut(!m_entry.shown && m_entry.series >= 0);
  f.setBold(m_entry.highlighted || m_entry.thick);
  painter->setFont(f);
  QColor text = textColor();
  if (!m_entry.shown) text.setAlphaF(0.45f);
  const int midY = r.top() + r.height() / 2;
  if (m_entry.color.isValid()) {
    QColor swatch = m_entry.color;
    if (!m_entry.shown) swatch.setAlphaF(0.3f);
    painter->setPen(QPen(swatch, m_entry.thick ? 4.0 : (m_entry.highlighted ? 3.0 : 2.0)));
    painter->drawLine(QLineF(r.left(), midY, r.left() + kSwatchWidth, midY));
  }
  painter->setPen(text);
  const int nameLeft = r.left() + kSwatchWidth + kGap;
  const int valueWidth = m_valueWidth > 0 ? m_valueWidth : valueWidthNeeded();
  const QRect nameRect(nameLeft, r.top(), r.right() - nameLeft - valueWidth - kGap, r.height());
  painter->drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter, shownName());
  if (!m_entry.value.isEmpty()) {
    f.setStrikeOut(false);
    f.setBold(m_entry.highlighted || m_entry.thick);
    painter->setFont(f);
    painter->drawText(QRect(r.right() - valueWidth, r.top(), valueWidth, r.height()),
                      Qt::AlignRight | Qt::AlignVCenter, m_entry.value);
  }
}

}  // namespace catdpo::ui
