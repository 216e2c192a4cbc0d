// SPDX-License-Identifier: MIT
// The window's structure: pages, the log dock, menus and shortcuts, run controls gated on the
// engine, QSettings persistence of geometry, docks and splitters, and plots that follow a dark
// palette instead of fixed colours.
#include <qcustomplot.h>
#include <QAction>
#include <QDockWidget>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTemporaryDir>
#include <QtTest>

#include "ui/main_window.h"
#include "ui/panels/live_page.h"
#include "ui/panels/log_panel.h"
#include "ui/panels/welcome_page.h"
#include "ui/plots/category_series_plot.h"
#include "ui/plots/plot_theme.h"

using catdpo::ui::MainWindow;

namespace {
QMenu* menuNamed(MainWindow& window, const QString& text) {
  for (QAction* action : window.menuBar()->actions())
    if (action->text() == text) return action->menu();
  return nullptr;
}
}  // namespace

class TestMainWindow : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir m_settingsDir;

 private slots:
  void initTestCase() {
    QVERIFY(m_settingsDir.isValid());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("catdpo-test"));
    QCoreApplication::setApplicationName(QStringLiteral("test_main_window"));
  }

  void pagesAndShortcuts() {
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.currentPage(), window.welcomePage());
    QTest::mouseClick(window.welcomePage()->liveButton(), Qt::LeftButton);
    QCOMPARE(window.currentPage(), window.livePage());
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(window.currentPage(), window.welcomePage());
    QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(window.currentPage(), window.livePage());
  }

  void menusCarryTheRunControls() {
    MainWindow window;
    QMenu* training = menuNamed(window, QStringLiteral("&Training"));
    QVERIFY(training);
    QVERIFY(training->actions().contains(window.livePage()->startAction()));
    QVERIFY(training->actions().contains(window.livePage()->stopAction()));
    QVERIFY(menuNamed(window, QStringLiteral("&View")));
    // Ready from the start: the engine is linked in, nothing to connect first.
    QVERIFY(window.livePage()->startAction()->isEnabled());
    QVERIFY(window.welcomePage()->demoButton()->isEnabled());
  }

  void warningsReachTheLog() {
    MainWindow window;
    window.showEngineWarning(QStringLiteral("BLAS is slow <here>"));
    QCOMPARE(window.logPanel()->lineCount(), 1);
    QVERIFY(window.logPanel()->text().contains(QStringLiteral("BLAS is slow <here>")));
    window.logPanel()->clear();
    QCOMPARE(window.logPanel()->lineCount(), 0);
  }

  void layoutPersists() {
    QList<int> saved;
    {
      MainWindow window;
      window.resize(1100, 760);
      window.show();
      QVERIFY(QTest::qWaitForWindowExposed(&window));
      window.showLive();
      window.logDock()->hide();  // first: hiding the dock resizes the splitters
      auto* rows = window.livePage()->findChildren<QSplitter*>().value(0);
      QVERIFY(rows);
      QTest::qWait(50);  // let the hidden dock's relayout settle
      const int total = rows->sizes().value(0) + rows->sizes().value(1);
      QVERIFY(total > 500);
      rows->setSizes({total / 3, total - total / 3});
      QTest::qWait(50);
      saved = rows->sizes();
      QVERIFY2(saved.value(0) < saved.value(1), qPrintable(QString::number(saved.value(0))));
      window.close();
    }
    QVERIFY(QSettings().contains(QStringLiteral("window/liveLayout")));
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.showLive();
    auto* rows = window.livePage()->findChildren<QSplitter*>().value(0);
    QTRY_COMPARE(rows->sizes(), saved);
    QVERIFY(window.logDock()->isHidden());
    QCOMPARE(window.size(), QSize(1100, 760));
  }

  void plotsFollowTheDarkPalette() {
    MainWindow window;
    QPalette dark = window.palette();
    dark.setColor(QPalette::Base, QColor(30, 30, 34));
    dark.setColor(QPalette::Window, QColor(40, 40, 44));
    dark.setColor(QPalette::Text, QColor(230, 230, 230));
    dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
    window.setPalette(dark);
    QCustomPlot* plot = window.livePage()->lambdaPlot()->customPlot();
    QCOMPARE(plot->axisRect()->backgroundBrush().color(), QColor(30, 30, 34));
    QCOMPARE(plot->xAxis->tickLabelColor(), QColor(230, 230, 230));
    QCOMPARE(plot->legend->brush().color(), QColor(30, 30, 34));
    QCOMPARE(catdpo::ui::gridColor(dark).rgb(), QColor(230, 230, 230).rgb());
  }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
