// SPDX-License-Identifier: MIT
#include "ui/plots/plot_widget.h"

#include <algorithm>

#include <qcustomplot.h>
#include <QAction>
#include <QElapsedTimer>
#include <QEvent>
#include <QMessageBox>
#include <QToolBar>
#include <QVBoxLayout>

#include "ui/plots/plot_export_dialog.h"
#include "ui/plots/plot_theme.h"
#include "ui/plots/replot_budget.h"

namespace catdpo::ui {

PlotWidget::PlotWidget(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  m_toolBar = new QToolBar(this);
  m_toolBar->setIconSize(QSize(16, 16));
  m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
  layout->addWidget(m_toolBar);
  m_plot = new QCustomPlot(this);
  m_plot->setMinimumSize(240, 160);
  // Polylines drawn in one call are much faster for long curves; adaptive sampling (per graph)
  // keeps 100k-point curves to a few points per pixel column.
  m_plot->setPlottingHint(QCP::phFastPolylines, true);
  m_plot->setPlottingHint(QCP::phCacheLabels, true);
  layout->addWidget(m_plot, 1);

  m_plot->plotLayout()->insertRow(0);
  m_title = new QCPTextElement(m_plot, QString(), QFont(font().family(), -1, QFont::Bold));
  m_plot->plotLayout()->addElement(0, 0, m_title);

  m_exportAction = new QAction(tr("Export…"), this);
  m_exportAction->setToolTip(tr("Save this plot as PNG, PDF or SVG"));
  connect(m_exportAction, &QAction::triggered, this, &PlotWidget::showExportDialog);
  m_toolBar->addAction(m_exportAction);

  m_replotTimer.setSingleShot(true);
  // Precise: a coarse timer may fire up to 5% early, which would break the rate bound.
  m_replotTimer.setTimerType(Qt::PreciseTimer);
  connect(&m_replotTimer, &QTimer::timeout, this, &PlotWidget::onReplotTimer);
  applyTheme();
}

PlotWidget::~PlotWidget() = default;

void PlotWidget::setTitle(const QString& title) {
  m_title->setText(title);
  requestReplot();
}

QString PlotWidget::title() const { return m_title->text(); }

void PlotWidget::requestReplot() {
  if (m_replotTimer.isActive() && !m_liveReplot) return;
  m_liveReplot = false;
  m_replotTimer.setInterval(0);
  m_replotTimer.start();
}

void PlotWidget::requestLiveReplot() {
  if (m_replotTimer.isActive()) return;
  m_liveReplot = true;
  const qint64 waitNs = ReplotBudget::shared().waitNs(m_lastReplotNs, ReplotBudget::clockNs());
  m_replotTimer.setInterval(static_cast<int>(
      std::clamp<qint64>((waitNs + 999999) / 1000000, kReplotIntervalMs, kMaxReplotIntervalMs)));
  m_replotTimer.start();
}

void PlotWidget::replotNow() {
  m_replotTimer.stop();
  doReplot(false);
}

void PlotWidget::onReplotTimer() {
  const bool live = m_liveReplot;
  m_liveReplot = false;
  if (isVisible()) {
    doReplot(live);
    return;
  }
  prepareReplot();  // the data stays current for whoever reads it; drawing waits for a show
  m_staleWhileHidden = true;
}

void PlotWidget::doReplot(bool budgeted) {
  QElapsedTimer cost;
  cost.start();
  prepareReplot();
  m_plot->replot(QCustomPlot::rpRefreshHint);  // renders now, repaints with the next paint
  m_staleWhileHidden = false;
  ++m_replotCount;
  m_lastReplotNs = cost.nsecsElapsed();
  m_replotNanoseconds += m_lastReplotNs;
  if (budgeted) ReplotBudget::shared().spend(m_lastReplotNs, ReplotBudget::clockNs());
  emit replotted();
}

bool PlotWidget::exportTo(const QString& path, const ExportOptions& options, QString* error) {
  replotNow();
  ExportOptions withTitle = options;
  if (withTitle.title.isEmpty()) withTitle.title = title();
  return exportPlot(m_plot, path, withTitle, error);
}

void PlotWidget::showExportDialog() {
  PlotExportDialog dialog(title(), this);
  if (dialog.exec() != QDialog::Accepted) return;
  QString error;
  if (!exportTo(dialog.filePath(), dialog.options(), &error))
    QMessageBox::warning(this, tr("Export failed"), error);
}

void PlotWidget::applyTheme() {
  applyPlotTheme(m_plot, palette());
  m_title->setTextColor(palette().color(QPalette::Text));
}

void PlotWidget::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  // Shown by the user (a page switch): draw what came in meanwhile without waiting.
  if (m_staleWhileHidden) requestReplot();
}

void PlotWidget::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() == QEvent::PaletteChange) {
    applyTheme();
    requestReplot();
  }
}

}  // namespace catdpo::ui
