// SPDX-License-Identifier: MIT
#include "ui/panels/live_page.h"

#include <QAction>
#include <QDataStream>
#include <QIODevice>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include "ui/panels/training_progress.h"
#include "ui/plots/category_bar_chart.h"
#include "ui/plots/category_series_plot.h"
#include "ui/plots/safe_ratio_plot.h"
#include "ui/plots/scalar_series_plot.h"

namespace catdpo::ui {

namespace {
constexpr quint32 kLayoutMagic = 0x4c495645;  // "LIVE"
constexpr quint32 kLayoutVersion = 2;         // 2: the safe-ratio curves and the tabs
}  // namespace

LivePage::LivePage(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  m_toolBar = new QToolBar(tr("Training"), this);
  m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  m_start = m_toolBar->addAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("&Start"));
  m_start->setShortcut(Qt::Key_F5);
  m_start->setToolTip(tr("Start training (F5)"));
  m_pause = m_toolBar->addAction(style()->standardIcon(QStyle::SP_MediaPause), tr("&Pause"));
  m_pause->setShortcut(Qt::Key_F6);
  m_pause->setToolTip(tr("Pause after the current step (F6)"));
  m_resume =
      m_toolBar->addAction(style()->standardIcon(QStyle::SP_MediaSeekForward), tr("&Resume"));
  m_resume->setShortcut(Qt::Key_F7);
  m_resume->setToolTip(tr("Resume a paused run (F7)"));
  m_stop = m_toolBar->addAction(style()->standardIcon(QStyle::SP_MediaStop), tr("S&top"));
  m_stop->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
  m_stop->setToolTip(tr("Stop the run and keep its latest checkpoint (Shift+F5)"));
  connect(m_start, &QAction::triggered, this, &LivePage::startRequested);
  connect(m_pause, &QAction::triggered, this, &LivePage::pauseRequested);
  connect(m_resume, &QAction::triggered, this, &LivePage::resumeRequested);
  connect(m_stop, &QAction::triggered, this, &LivePage::stopRequested);
  layout->addWidget(m_toolBar);

  m_progress = new TrainingProgress(this);
  layout->addWidget(m_progress);

  m_lambda = new CategorySeriesPlot(CategoryField::Lambda, this);
  m_lambda->setTitle(tr("Safety margin λ_k per category"));
  m_lambda->setReferenceLine(kSafeDpoDelta, tr("SafeDPO Δ = %1").arg(kSafeDpoDelta));
  m_lambda->setSettingsKey(QStringLiteral("live/lambda"));
  m_g = new CategorySeriesPlot(CategoryField::G, this);
  m_g->setTitle(tr("g_k: implicit probability of preferring the unsafe response"));
  // g_k of a category with a few pairs per batch jumps between 0 and 1: smoothed by default.
  m_g->setSettingsKey(QStringLiteral("live/g"), Smoothing{SmoothingMode::Ema, 0.8, 10});
  m_scalars = new ScalarSeriesPlot(this);
  m_scalars->setTitle(tr("Loss, rewards and accuracy"));
  m_scalars->setSettingsKey(QStringLiteral("live/scalars"), Smoothing{SmoothingMode::Ema, 0.6, 10});
  m_bars = new CategoryBarChart(this);
  m_bars->setTitle(tr("Per-category safety at the latest evaluation"));
  m_safe = new SafeRatioPlot(this);
  m_safe->setTitle(tr("Generated safe ratio per category over the evaluations"));

  m_top = new QSplitter(Qt::Horizontal);
  m_top->addWidget(m_lambda);
  m_top->addWidget(m_safe);
  m_tabs = new QTabWidget;
  m_tabs->setDocumentMode(true);
  m_tabs->addTab(m_bars, tr("Latest evaluation"));
  m_tabs->addTab(m_scalars, tr("Loss and rewards"));
  m_bottom = new QSplitter(Qt::Horizontal);
  m_bottom->addWidget(m_g);
  m_bottom->addWidget(m_tabs);
  m_rows = new QSplitter(Qt::Vertical, this);
  m_rows->addWidget(m_top);
  m_rows->addWidget(m_bottom);
  for (QSplitter* splitter : {m_rows, m_top, m_bottom}) splitter->setChildrenCollapsible(false);
  layout->addWidget(m_rows, 1);
  updateActions();
}

QList<PlotWidget*> LivePage::plots() const { return {m_lambda, m_safe, m_g, m_scalars, m_bars}; }

void LivePage::setRunStatus(catdpo::RunStatus status) {
  m_status = status;
  updateActions();
}

void LivePage::applyLifecycle(const catdpo::LifecycleEvent& event) {
  using catdpo::LifecycleKind;
  using catdpo::RunStatus;
  switch (event.kind) {
    case LifecycleKind::Started:
    case LifecycleKind::Resumed:
      setRunStatus(RunStatus::Running);
      break;
    case LifecycleKind::Paused:
      setRunStatus(RunStatus::Paused);
      break;
    case LifecycleKind::Finished:
      setRunStatus(RunStatus::Finished);
      break;
    case LifecycleKind::Stopped:
      setRunStatus(RunStatus::Stopped);
      break;
    case LifecycleKind::Cancelled:
      setRunStatus(RunStatus::Cancelled);
      break;
    case LifecycleKind::Failed:
      setRunStatus(RunStatus::Failed);
      break;
    case LifecycleKind::CheckpointSaved:
    case LifecycleKind::EvaluationStarted:
    case LifecycleKind::Message:
      break;
  }
}

void LivePage::updateActions() {
  using catdpo::RunStatus;
  const bool running = m_status == RunStatus::Running;
  const bool paused = m_status == RunStatus::Paused;
  m_start->setEnabled(!running && !paused);
  m_pause->setEnabled(running);
  m_resume->setEnabled(paused);
  m_stop->setEnabled(running || paused);
}

void LivePage::setCategories(const std::vector<std::string>& names) {
  m_lambda->setCategories(names);
  m_g->setCategories(names);
  m_bars->setCategories(names);
  m_safe->setCategories(names);
}

void LivePage::appendStep(const catdpo::StepMetrics& step) {
  m_lambda->appendStep(step);
  m_g->appendStep(step);
  m_scalars->appendStep(step);
  m_progress->update(step);
}

void LivePage::setEvaluation(const catdpo::EvalResult& result) {
  m_bars->setEvaluation(result);
  m_safe->addEvaluation(result);
}

void LivePage::clear() {
  m_lambda->clearData();
  m_g->clearData();
  m_scalars->clearData();
  m_bars->clearSeries();
  m_safe->clearData();
  m_progress->reset();
}

QByteArray LivePage::saveLayout() const {
  if (!m_pendingLayout.isEmpty()) return m_pendingLayout;  // never shown: keep what we got
  QByteArray state;
  QDataStream out(&state, QIODevice::WriteOnly);
  out << kLayoutMagic << kLayoutVersion << m_rows->saveState() << m_top->saveState()
      << m_bottom->saveState();
  return state;
}

bool LivePage::restoreLayout(const QByteArray& state) {
  QDataStream in(state);
  quint32 magic = 0, version = 0;
  in >> magic >> version;
  if (in.status() != QDataStream::Ok || magic != kLayoutMagic || version != kLayoutVersion)
    return false;
  if (isVisible()) return applyLayout(state);
  m_pendingLayout = state;
  return true;
}

bool LivePage::applyLayout(const QByteArray& state) {
  QDataStream in(state);
  quint32 magic = 0, version = 0;
  QByteArray rows, top, bottom;
  in >> magic >> version >> rows >> top >> bottom;
  if (in.status() != QDataStream::Ok) return false;
  return m_rows->restoreState(rows) && m_top->restoreState(top) && m_bottom->restoreState(bottom);
}

void LivePage::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  if (m_pendingLayout.isEmpty()) return;
  // Queued: the window's layouts finish sizing this page after its show event.
  QTimer::singleShot(0, this, [this] {
    applyLayout(m_pendingLayout);
    m_pendingLayout.clear();
  });
}

}  // namespace catdpo::ui
