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
class QCPItemText;
class QCPTextElement;
class QToolBar;
class QAction;

namespace catdpo::ui {

class PlotWidget : public QWidget {
  Q_OBJECT
 public:
  // Points streaming in from a run (requestLiveReplot) are drawn at least kReplotIntervalMs
  // apart (10 per second at most), and further apart when the window's plots together would
  // take more than their share of a core (see ReplotBudget: each waits until its last replot's
  // cost fits), though never more than kMaxReplotIntervalMs. Changes a user made or asked for
  // (requestReplot: a run loaded, a series toggled, a new scale) draw in the next event-loop
  // turn, outside the budget, as do QCustomPlot's own drag and zoom. A plot that is not
  // visible (another page is shown) only takes its points in, and draws when it is shown.
  static constexpr int kReplotIntervalMs = 100;
  static constexpr int kMaxReplotIntervalMs = 5000;

  explicit PlotWidget(QWidget* parent = nullptr);
  ~PlotWidget() override;

  QCustomPlot* customPlot() const { return m_plot; }
  QToolBar* toolBar() const { return m_toolBar; }

  // The title is wrapped onto a second line (and elided beyond) when the plot is narrow.
  void setTitle(const QString& title);
  QString title() const;
  // The title as drawn (wrapped), and its font.
  QString shownTitle() const;
  QFont titleFont() const;
  // One line in the middle of an empty plot saying how to fill it (hidden once there is data).
  void setEmptyHint(const QString& hint);
  QString emptyHint() const { return m_emptyHint; }
  bool emptyHintShown() const;
  // Whether the plot has anything to draw; the hint shows while it has not.
  virtual bool hasData() const { return true; }

  // Schedules a replot for the next event-loop turn; calls before it fires coalesce, and it
  // replaces a pending live replot.
  void requestReplot();
  // Schedules a replot for streamed points, within the budget; calls before it fires coalesce.
  void requestLiveReplot();
  // Applies pending data and replots at once, outside the budget (before exporting).
  void replotNow();
  bool replotPending() const { return m_replotTimer.isActive(); }
  // Replots drawn by the coalescing timer or replotNow() since construction.
  int replotCount() const { return m_replotCount; }
  // Time spent in those replots (preparing and rendering; not the later repaint), for benchmarks.
  qint64 replotNanoseconds() const { return m_replotNanoseconds; }
  // The interval of the pending coalesced replot (or of the last one armed).
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
  void showEvent(QShowEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  // Tool bar action that every plot shares; subclasses add theirs before it.
  QAction* exportAction() const { return m_exportAction; }

 private:
  void onReplotTimer();
  // Live replots draw their cost from the budget; the others do not.
  void doReplot(bool budgeted);
  void layoutTitle();
  void updateEmptyHint();

  QCustomPlot* m_plot = nullptr;
  QCPTextElement* m_title = nullptr;
  QString m_fullTitle;
  QString m_emptyHint;
  QCPItemText* m_hintItem = nullptr;
  QToolBar* m_toolBar = nullptr;
  QAction* m_exportAction = nullptr;
  QTimer m_replotTimer;
  int m_replotCount = 0;
  qint64 m_replotNanoseconds = 0;
  qint64 m_lastReplotNs = 0;  // the cost of the last replot, what the next one expects
  bool m_liveReplot = false;  // the pending replot is a live one (budgeted)
  bool m_staleWhileHidden = false;
};

}  // namespace catdpo::ui
