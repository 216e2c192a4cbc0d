// SPDX-License-Identifier: MIT
#include "ui/plots/dataset_category_chart.h"

#include <qcustomplot.h>
#include <QToolTip>
#include <algorithm>
#include <cmath>

#include "ui/plots/plot_theme.h"

namespace catdpo::ui {

namespace {
constexpr int kMaxTickLabelChars = 16;  // the full name is in the tooltip

QString elided(const QString& name) {
  if (name.size() <= kMaxTickLabelChars) return name;
  return name.left(kMaxTickLabelChars - 1) + QChar(0x2026);
}
}  // namespace

DatasetCategoryChart::DatasetCategoryChart(QWidget* parent) : PlotWidget(parent) {
  QCustomPlot* plot = customPlot();
  plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  plot->axisRect()->setRangeDrag(Qt::Horizontal);
  plot->axisRect()->setRangeZoom(Qt::Horizontal);
  plot->xAxis->setTickLabelRotation(-60);
  QFont tickFont = font();
  tickFont.setPointSizeF(std::max(6.0, tickFont.pointSizeF() * 0.85));
  plot->xAxis->setTickLabelFont(tickFont);
  plot->xAxis->setSubTicks(false);
  plot->xAxis->grid()->setVisible(false);
  plot->yAxis->setLabel(tr("Pairs"));
  plot->legend->setVisible(true);
  plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);

  m_group = new QCPBarsGroup(plot);
  m_group->setSpacingType(QCPBarsGroup::stAbsolute);
  m_group->setSpacing(1);
  m_total = new QCPBars(plot->xAxis, plot->yAxis);
  m_total->setName(tr("All pairs"));
  m_total->setWidth(0.4);
  m_total->setBarsGroup(m_group);
  m_contrastive = new QCPBars(plot->xAxis, plot->yAxis);
  m_contrastive->setName(tr("Safety-contrastive"));
  m_contrastive->setWidth(0.4);
  m_contrastive->setBarsGroup(m_group);
  setTitle(tr("Pairs per harm category"));
  connect(plot, &QCustomPlot::mouseMove, this, &DatasetCategoryChart::onMouseMove);
  applyTheme();
}

void DatasetCategoryChart::setCounts(const std::vector<catdpo::CategoryCount>& counts) {
  m_counts = counts;
  QVector<double> keys, totals, contrastive;
  QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
  double highest = 0;
  for (size_t i = 0; i < counts.size(); ++i) {
    const double key = double(i) + 1;
    keys.push_back(key);
    totals.push_back(double(counts[i].total));
    contrastive.push_back(double(counts[i].contrastive));
    highest = std::max(highest, double(counts[i].total));
    ticker->addTick(key, elided(QString::fromStdString(counts[i].name)));
  }
  m_total->setData(keys, totals, /*alreadySorted=*/true);
  m_contrastive->setData(keys, contrastive, /*alreadySorted=*/true);
  QCustomPlot* plot = customPlot();
  plot->xAxis->setTicker(ticker);
  plot->xAxis->setRange(0.4, double(std::max<size_t>(counts.size(), 1)) + 0.6);
  plot->yAxis->setRange(0, highest > 0 ? highest * 1.1 : 1.0);
  requestReplot();
}

void DatasetCategoryChart::onMouseMove(QMouseEvent* event) {
  QCustomPlot* plot = customPlot();
  const double key = plot->xAxis->pixelToCoord(event->position().x());
  const int index = int(std::lround(key)) - 1;
  if (index < 0 || index >= int(m_counts.size()) || std::abs(key - (index + 1)) > 0.45) {
    QToolTip::hideText();
    return;
  }
  const catdpo::CategoryCount& c = m_counts[size_t(index)];
  QToolTip::showText(event->globalPosition().toPoint(),
                     tr("%1\n%2 pairs, %3 safety-contrastive")
                         .arg(QString::fromStdString(c.name))
                         .arg(c.total)
                         .arg(c.contrastive),
                     plot);
}

void DatasetCategoryChart::applyTheme() {
  PlotWidget::applyTheme();
  if (!m_total) return;  // called from the base constructor first
  const QColor text = palette().color(QPalette::Text);
  QColor total = categoryColor(0);
  QColor contrastive = categoryColor(5);
  m_total->setPen(QPen(total.darker(130)));
  m_total->setBrush(total);
  m_contrastive->setPen(QPen(contrastive.darker(130)));
  m_contrastive->setBrush(contrastive);
  customPlot()->yAxis->setLabelColor(text);
}

}  // namespace catdpo::ui
