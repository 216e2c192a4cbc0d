// SPDX-License-Identifier: MIT
// The German translation is embedded, chosen from the locale, and actually translates.
#include <QAction>
#include <QApplication>
#include <QMenuBar>
#include <QtTest>

#include "ui/about_dialog.h"
#include "ui/i18n.h"
#include "ui/main_window.h"
#include "ui/panels/live_page.h"
#include "ui/plots/category_series_plot.h"

class TestI18n : public QObject {
  Q_OBJECT
 private slots:
  void germanIsShipped() {
    QVERIFY(catdpo::ui::availableLanguages().contains(QStringLiteral("de")));
    QVERIFY(catdpo::ui::availableLanguages().contains(QStringLiteral("en")));
  }

  void localePicksTheFile() {
    QCOMPARE(catdpo::ui::translationFileFor(QLocale(QStringLiteral("de_DE"))),
             QStringLiteral(":/i18n/catdpo_de.qm"));
    QCOMPARE(catdpo::ui::translationFileFor(QLocale(QStringLiteral("de_AT"))),
             QStringLiteral(":/i18n/catdpo_de.qm"));
    QVERIFY(catdpo::ui::translationFileFor(QLocale(QStringLiteral("ja_JP"))).isEmpty());
  }

  void englishNeedsNothing() {
    QCOMPARE(catdpo::ui::installTranslations(*qApp, QLocale(QStringLiteral("en_US"))),
             QStringLiteral("en"));
    catdpo::ui::MainWindow window;
    QCOMPARE(window.windowTitle(), QStringLiteral("Cat-DPO Studio"));
    QCOMPARE(window.menuBar()->actions().first()->text(), QStringLiteral("&File"));
  }

  void germanTranslatesTheWindow() {
    QCOMPARE(catdpo::ui::installTranslations(*qApp, QLocale(QStringLiteral("de_DE"))),
             QStringLiteral("de"));
    catdpo::ui::MainWindow window;
    QCOMPARE(window.menuBar()->actions().first()->text(), QStringLiteral("&Datei"));
    catdpo::ui::AboutDialog about;
    QCOMPARE(about.windowTitle(), QStringLiteral("Über Cat-DPO Studio"));
    // Panels and plots live in catdpo::ui too; their contexts must match the class names.
    QCOMPARE(window.livePage()->startAction()->text(), QStringLiteral("&Starten"));
    QCOMPARE(window.livePage()->lambdaPlot()->seriesName(0), QString());
    window.livePage()->lambdaPlot()->setCategories({});
    window.livePage()->lambdaPlot()->appendStep([] {
      catdpo::StepMetrics step;
      step.categories.push_back(catdpo::CategoryStepMetrics{});
      step.categories.back().category = 0;
      return step;
    }());
    QCOMPARE(window.livePage()->lambdaPlot()->seriesName(0), QStringLiteral("Kategorie 1"));
  }
};

QTEST_MAIN(TestI18n)
#include "test_i18n.moc"
