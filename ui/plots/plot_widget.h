// SPDX-License-Identifier: MIT
// Base of every plot: a QCustomPlot with a title, a small tool bar, palette-following colours,
// export, and coalesced replotting. Feeds may arrive hundreds of times a second (queued from
// the training thread); they only mark the plot dirty and a single-shot timer replots, so a
// plot redraws at most 10 times a second however fast points come in.
// GUI thread only, like every widget.
#pragma once

#include <QTimer>
#include <QWidget>

#include "ui/plots/plot_export.h"

class QCustomPlot;
class QCPTextElement;
class QToolBar;
class QAction;

namespace catdpo::ui {

class PlotWidget : public QWidget {
  Q_OBJECT
 public:
  // Coalesced replots come at least kReplotIntervalMs apart (10 per second at most: the live
  // page has three plots, and at 25 per second each their redrawing took 9% of a core from a
  // fast training run on two cores), and further apart when replotting is slow: the next one
  // waits kReplotCostFactor times as long as the last took (up to kMaxReplotIntervalMs), so a
  // plot never spends more than about 5% of a core redrawing while training shares the
  // machine. User interaction redraws at once.
  static constexpr int kReplotIntervalMs = 100;
  static constexpr int kReplotCostFactor = 20;
  static constexpr int kMaxReplotIntervalMs = 1000;

  explicit PlotWidget(QWidget* parent = nullptr);
  ~PlotWidget() override;

  QCustomPlot* customPlot() const { return m_plot; }
  QToolBar* toolBar() const { return m_toolBar; }

  void setTitle(const QString& title);
  QString title() const;

  // Schedules a replot within replotIntervalMs(); repeated calls before it fires coalesce.
  void requestReplot();
  // Applies pending data and replots at once (before exporting, in benchmarks).
  void replotNow();
  bool replotPending() const { return m_replotTimer.isActive(); }
  // Replots done by the coalescing timer or replotNow() since construction.
  int replotCount() const { return m_replotCount; }
  // The current coalescing interval (see kReplotCostFactor).
  int replotIntervalMs() const { return m_replotTimer.interval(); }

  // Exports the current view; see exportPlot() for the meaning of the options.
  bool exportTo(const QString& path, const ExportOptions& options, QString* error = nullptr);

 public slots:
  void showExportDialog();

 signals:
  void replotted();

 protected:
  // Called right before every replot: move buffered points into the plot, fit axes.
  virtual void prepareReplot() {}
  // Re-applies palette-derived colours; subclasses extend it for their own items.
  virtual void applyTheme();
  void changeEvent(QEvent* event) override;
  // Tool bar action that every plot shares; subclasses add theirs before it.
  QAction* exportAction() const { return m_exportAction; }

 private:
  void doReplot();

  QCustomPlot* m_plot = nullptr;
  QCPTextElement* m_title = nullptr;
  QToolBar* m_toolBar = nullptr;
  QAction* m_exportAction = nullptr;
  QTimer m_replotTimer;
  int m_replotCount = 0;
};

}  // namespace catdpo::ui
