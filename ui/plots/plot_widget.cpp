// SPDX-License-Identifier: MIT
#include "ui/plots/plot_widget.h"

#include <algorithm>

#include <qcustomplot.h>
#include <QAction>
#include <QElapsedTimer>
#include <QEvent>
#include <QFontMetrics>
#include <QMessageBox>
#include <QToolBar>
#include <QVBoxLayout>

#include "ui/plots/plot_export_dialog.h"
#include "ui/plots/plot_theme.h"
#include "ui/plots/replot_budget.h"

namespace catdpo::ui {

namespace {
// The empty-plot hint is text to read, never something to click: clicks go through it (to a
// legend row under its text box, for one).
class HintText : public QCPItemText {
 public:
  using QCPItemText::QCPItemText;
  double selectTest(const QPointF&, bool, QVariant* = nullptr) const override { return -1; }
};
}  // namespace

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
  m_fullTitle = title;
  layoutTitle();
  requestReplot();
}

QString PlotWidget::title() const { return m_fullTitle; }

QString PlotWidget::shownTitle() const { return m_title->text(); }

QFont PlotWidget::titleFont() const { return m_title->font(); }

void PlotWidget::layoutTitle() {
  // Greedy word wrap into at most two lines of the plot's width; the rest is elided. The full
  // title stays in the tooltip and in exports' metadata.
  const QFontMetrics metrics(m_title->font());
  const int width = std::max(80, this->width() - 16);
  QString text = m_fullTitle;
  if (metrics.horizontalAdvance(text) > width) {
    const QStringList words = m_fullTitle.split(QLatin1Char(' '));
    QString first;
    int i = 0;
    for (; i < words.size(); ++i) {
      const QString candidate = first.isEmpty() ? words[i] : first + QLatin1Char(' ') + words[i];
      if (!first.isEmpty() && metrics.horizontalAdvance(candidate) > width) break;
      first = candidate;
    }
    const QString rest = words.mid(i).join(QLatin1Char(' '));
    text = metrics.elidedText(first, Qt::ElideRight, width);
    if (!rest.isEmpty())
      text += QLatin1Char('\n') + metrics.elidedText(rest, Qt::ElideRight, width);
  }
  m_title->setText(text);
  m_plot->setToolTip(text != m_fullTitle ? m_fullTitle : QString());
}

void PlotWidget::setEmptyHint(const QString& hint) {
  m_emptyHint = hint;
  if (!m_hintItem) {
    m_hintItem = new HintText(m_plot);
    m_hintItem->setClipToAxisRect(false);
    m_hintItem->position->setCoords(0.5, 0.5);
    m_hintItem->setPositionAlignment(Qt::AlignCenter);
    m_hintItem->setTextAlignment(Qt::AlignCenter);
    m_hintItem->setLayer(QStringLiteral("overlay"));
  }
  m_hintItem->setText(hint);
  applyTheme();
  updateEmptyHint();
  requestReplot();
}

bool PlotWidget::emptyHintShown() const { return m_hintItem && m_hintItem->visible(); }

void PlotWidget::updateEmptyHint() {
  if (!m_hintItem) return;
  QCPAxisRect* rect = m_plot->axisRectCount() > 0 ? m_plot->axisRect() : nullptr;
  const bool show = !m_emptyHint.isEmpty() && !hasData();
  m_hintItem->setVisible(show);
  if (!show) return;
  // In the middle of the axes when there are any (a plot whose grid is not built yet has none).
  if (rect && rect->visible()) {
    m_hintItem->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_hintItem->position->setAxisRect(rect);
  } else {
    m_hintItem->position->setType(QCPItemPosition::ptViewportRatio);
    rect = nullptr;
  }
  // Wrapped to the axis rect's width, so a narrow plot shows it whole.
  const QFontMetrics metrics(m_hintItem->font());
  const int wrapWidth =
      std::max(120, (rect && rect->width() > 0 ? rect->width() : this->width()) - 24);
  QStringList lines;
  QString line;
  for (const QString& word : m_emptyHint.split(QLatin1Char(' '))) {
    const QString candidate = line.isEmpty() ? word : line + QLatin1Char(' ') + word;
    if (!line.isEmpty() && metrics.horizontalAdvance(candidate) > wrapWidth) {
      lines << line;
      line = word;
    } else {
      line = candidate;
    }
  }
  if (!line.isEmpty()) lines << line;
  m_hintItem->setText(lines.join(QLatin1Char('\n')));
}

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
  updateEmptyHint();
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
  if (m_hintItem) {
    QColor hint = palette().color(QPalette::Text);
    hint.setAlphaF(0.6f);
    m_hintItem->setColor(hint);
  }
}

void PlotWidget::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  layoutTitle();
  updateEmptyHint();
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
