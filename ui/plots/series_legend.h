// SPDX-License-Identifier: MIT
// The compact side legend of the time-series plots: one row per series with its colour, its
// name (elided) and its latest value, rows ordered by that value with the worst first, and a
// last "+N more" row when the plot is too short for all of them. Rows are reused: each one
// shows whichever series the plot assigns to it, so re-sorting on every replot costs nothing.
#pragma once

#include <qcustomplot.h>
#include <QColor>
#include <QString>

namespace catdpo::ui {

class SeriesLegendItem : public QCPAbstractLegendItem {
  Q_OBJECT
 public:
  static constexpr int kMaxNameChars = 22;  // the full name is in the tooltip

  explicit SeriesLegendItem(QCPLegend* parent);

  // The series this row shows (-1: the "+N more" row, or the mean's row with isMean).
  struct Entry {
    int series = -1;
    QString name;
    QString value;  // latest value, as the plot formats it
    QColor color;
    bool shown = true;   // drawn in the plot (else greyed and struck out)
    bool thick = false;  // the mean's row: a thick swatch
    bool highlighted = false;
  };
  void setEntry(const Entry& entry);
  const Entry& entry() const { return m_entry; }
  int series() const { return m_entry.series; }
  // Widths of the name and value columns, shared by all rows so the values line up.
  void setColumnWidths(int nameWidth, int valueWidth);
  int nameWidthNeeded() const;
  int valueWidthNeeded() const;

 protected:
  void draw(QCPPainter* painter) override;
  QSize minimumOuterSizeHint() const override;

 private:
  QString shownName() const;

  Entry m_entry;
  int m_nameWidth = 0;
  int m_valueWidth = 0;
};

}  // namespace catdpo::ui
