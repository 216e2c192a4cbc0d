// SPDX-License-Identifier: MIT
// A fresh workspace, before any data: every plot of every page has sensible axes
// (probabilities 0-1, no "·10⁰" ticks), a one-line hint saying how to fill it, and no title or
// axis title that does not fit, at the default window size (1280×800) and at 1920×1080. The
// runs and sweeps pages say how to fill them too.
#include <qcustomplot.h>
#include <QLabel>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "ui/main_window.h"
#include "ui/panels/compare_view.h"
#include "ui/panels/live_page.h"
#include "ui/panels/runs_browser.h"
#include "ui/panels/sweep_view.h"
#include "ui/plots/category_series_plot.h"
#include "ui/plots/plot_widget.h"
#include "ui/plots/safe_ratio_plot.h"
#include "ui/plots/scalar_series_plot.h"

using catdpo::ui::MainWindow;
using catdpo::ui::PlotWidget;

namespace {
// Why a plot's text does not fit, or an empty string.
QString clipped(PlotWidget* plot) {
  QCustomPlot* p = plot->customPlot();
  const QFontMetrics title(plot->titleFont());
  for (const QString& line : plot->shownTitle().split(QLatin1Char('\n')))
    if (title.horizontalAdvance(line) > plot->width())
      return QStringLiteral("title '%1' wider than %2").arg(line).arg(plot->width());
  for (QCPAxisRect* rect : p->axisRects()) {
    if (!rect->visible()) continue;
    for (QCPAxis* axis : rect->axes()) {
      if (!axis->visible() || axis->label().isEmpty()) continue;
      const int length = axis->orientation() == Qt::Vertical ? rect->height() : rect->width();
      const int text = QFontMetrics(axis->labelFont()).horizontalAdvance(axis->label());
      if (text > length)
        return QStringLiteral("axis title '%1' (%2 px) on a %3 px axis")
            .arg(axis->label())
            .arg(text)
            .arg(length);
    }
  }
  return {};
}

void checkPlots(QWidget* page, const QString& where) {
  const QList<PlotWidget*> plots = page->findChildren<PlotWidget*>();
  QVERIFY2(!plots.isEmpty(), qPrintable(where));
  for (PlotWidget* plot : plots) {
    if (!plot->isVisible()) continue;
    plot->replotNow();
    const QString problem = clipped(plot);
    QVERIFY2(problem.isEmpty(), qPrintable(where + QStringLiteral(": ") + plot->title() +
                                           QStringLiteral(": ") + problem));
    QVERIFY2(plot->emptyHintShown(),
             qPrintable(where + QStringLiteral(": no hint on the empty plot ") + plot->title()));
    for (QCPAxisRect* rect : plot->customPlot()->axisRects())
      for (QCPAxis* axis : rect->axes())
        for (const QString& label : axis->tickVectorLabels())
          QVERIFY2(!label.contains(QStringLiteral("·10⁰")), qPrintable(label));
  }
}
}  // namespace

class TestFirstUse : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir m_dir;

 private slots:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("catdpo-test"));
    QCoreApplication::setApplicationName(QStringLiteral("test_first_use"));
  }

  void emptyPagesFitAndSayHowToFillThem_data() {
    QTest::addColumn<QSize>("size");
    QTest::newRow("1280x800") << QSize(1280, 800);
    QTest::newRow("1920x1080") << QSize(1920, 1080);
  }

  void emptyPagesFitAndSayHowToFillThem() {
    QFETCH(QSize, size);
    MainWindow window;
    window.setDatabasePath(m_dir.filePath(QStringLiteral("empty.sqlite")));
    window.resize(size);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    window.showLive();
    QTest::qWait(50);
    checkPlots(window.livePage(), QStringLiteral("live"));
    // Probabilities from 0 to 1 (g) and 0-100 % (safe ratio) before any data.
    const QCPRange g = window.livePage()->gPlot()->customPlot()->yAxis->range();
    QVERIFY(g.lower <= 0 && g.lower > -0.1 && g.upper >= 1 && g.upper < 1.1);
    const QCPRange safe = window.livePage()->safeRatioPlot()->customPlot()->yAxis->range();
    QVERIFY(safe.lower <= 0 && safe.upper >= 100 && safe.upper < 110);
    // The other tab of the lower right.
    window.livePage()->lowerTabs()->setCurrentIndex(1);
    QTest::qWait(20);
    checkPlots(window.livePage(), QStringLiteral("live, second tab"));

    window.showRuns();
    QTest::qWait(50);
    bool runsHint = false;
    for (QLabel* label : window.runsBrowser()->findChildren<QLabel*>())
      runsHint = runsHint || label->text().contains(QStringLiteral("catdpo train --demo"));
    QVERIFY(runsHint);

    window.showCompare({});
    QTest::qWait(50);
    checkPlots(window.compareView(), QStringLiteral("compare"));

    window.showSweeps();
    QTest::qWait(50);
    QVERIFY2(window.sweepView()->statusText().contains(QStringLiteral("New sweep")),
             qPrintable(window.sweepView()->statusText()));
    checkPlots(window.sweepView(), QStringLiteral("sweeps"));
  }
};

QTEST_MAIN(TestFirstUse)
#include "test_first_use.moc"
