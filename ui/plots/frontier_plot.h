// SPDX-License-Identifier: MIT
// The trade-off frontier of a sweep: one point per method and setting, Worst-3 safe ratio (y)
// against helpfulness or over-refusal (x), both 95 % intervals as whiskers, the Pareto front
// as a dashed line, one colour per method (the same as the SVG figure's). Hovering a point
// names its setting and values.
#pragma once

#include <QHash>
#include <QString>
#include <QVector>

#include "experiment/frontier.h"
#include "ui/plots/plot_widget.h"

class QCPGraph;
class QCPErrorBars;
class QMouseEvent;

namespace catdpo::ui {

class FrontierPlot : public PlotWidget {
  Q_OBJECT
 public:
  explicit FrontierPlot(QWidget* parent = nullptr);
  // The axis' name as the app shows it (translated).
  static QString axisLabel(catdpo::FrontierAxis axis);

  void setFrontier(const catdpo::Frontier& frontier);
  const catdpo::Frontier& frontier() const { return m_frontier; }
  bool hasData() const override { return !m_frontier.points.empty(); }

  // What is drawn (for tests): the method graphs with their point counts, the front's points
  // in x order, and the whiskers' half-widths of one method's points.
  QStringList methods() const;
  int pointCount(const QString& method) const;
  QVector<QPointF> frontLine() const;
  QCPErrorBars* safetyWhiskers(const QString& method) const;
  QCPErrorBars* otherWhiskers(const QString& method) const;
  // The text a hover over the point nearest to (x, y) in plot coordinates shows.
  QString pointText(double x, double y) const;

 protected:
  void applyTheme() override;

 private:
  struct MethodSeries {
    QCPGraph* graph = nullptr;
    QCPErrorBars* safety = nullptr;
    QCPErrorBars* other = nullptr;
    QVector<int> points;  // indices into m_frontier.points, in the graph's (x) order
  };
  void clearPlottables();
  void onMouseMove(QMouseEvent* event);

  catdpo::Frontier m_frontier;
  QHash<QString, MethodSeries> m_series;
  QStringList m_order;
  QCPGraph* m_front = nullptr;
};

}  // namespace catdpo::ui
