// SPDX-License-Identifier: MIT
// `catdpo-studio`: the desktop app. Opens the window at once; the engine's start-up checks
// (the BLAS speed probe) run on a worker thread and report back to the status bar.
// `--demo` starts the built-in demo on launch (`--quick`: the small demo model);
// `--sweep-figures SWEEP` writes a sweep's figures and quits; `--screenshots DIR` regenerates
// the user guide's pictures (packaging/screenshots.sh) and quits.
#include <QApplication>
#include <QCommandLineParser>
#include <QThreadPool>
#include <QTimer>

#include "common/blas_check.h"
#include "common/build_info.h"
#include "common/heap_policy.h"
#include "common/openmp_env.h"
#include "common/paths.h"
#include "common/version.h"
#include "store/workspace.h"
#include "train/train_config.h"
#include "ui/i18n.h"
#include "ui/main_window.h"
#include "ui/panels/sweep_view.h"
#include "ui/screenshot_tour.h"

int main(int argc, char** argv) {
  catdpo::preferPassiveOpenMpWait(argv);
  catdpo::keepFreedHeapMemory();
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("catdpo-studio"));
  QApplication::setApplicationName(QStringLiteral("Cat-DPO Studio"));
  QApplication::setApplicationVersion(QString::fromUtf8(catdpo::kVersion));
  catdpo::ui::installTranslations(app);

  QCommandLineParser parser;
  parser.setApplicationDescription(
      QStringLiteral("Cat-DPO Studio: category-adaptive safety alignment"));
  parser.addHelpOption();
  parser.addVersionOption();
  const QCommandLineOption demo(QStringLiteral("demo"),
                                QStringLiteral("Start the built-in demo training on launch"));
  const QCommandLineOption quick(
      QStringLiteral("quick"),
      QStringLiteral("With --demo: the small demo model (about a minute)"));
  const QCommandLineOption database(
      QStringLiteral("db"), QStringLiteral("Run database (default: the workspace database)"),
      QStringLiteral("path"));
  const QCommandLineOption sweepFigures(
      QStringLiteral("sweep-figures"),
      QStringLiteral("Write the figures of a sweep (id, prefix or name) as PNG and SVG into "
                     "--figures-dir, then quit (works without a display)"),
      QStringLiteral("sweep"));
  const QCommandLineOption figuresDir(QStringLiteral("figures-dir"),
                                      QStringLiteral("Folder for --sweep-figures"),
                                      QStringLiteral("dir"), QStringLiteral("."));
  const QCommandLineOption screenshots(
      QStringLiteral("screenshots"),
      QStringLiteral("Walk through the app in a temporary workspace, training the quick demo "
                     "model, and save the user guide's pictures into dir, then quit"),
      QStringLiteral("dir"));
  const QCommandLineOption screenshotSteps(
      QStringLiteral("screenshot-steps"),
      QStringLiteral("With --screenshots: training steps per run (default 60)"),
      QStringLiteral("n"), QStringLiteral("60"));
  const QCommandLineOption listScreenshots(
      QStringLiteral("list-screenshots"),
      QStringLiteral("Print the file names --screenshots writes, then quit"));
  parser.addOption(demo);
  parser.addOption(screenshots);
  parser.addOption(screenshotSteps);
  parser.addOption(listScreenshots);
  parser.addOption(quick);
  parser.addOption(database);
  parser.addOption(sweepFigures);
  parser.addOption(figuresDir);
  parser.addPositionalArgument(QStringLiteral("file"),
                               QStringLiteral("Preference data set to open"),
                               QStringLiteral("[file]"));
  parser.process(app);

  if (parser.isSet(listScreenshots)) {
    for (const QString& file : catdpo::ui::screenshotFiles()) printf("%s\n", qPrintable(file));
    return 0;
  }
  if (parser.isSet(screenshots)) {
    bool ok = false;
    const int steps = parser.value(screenshotSteps).toInt(&ok);
    if (!ok || steps < 4 || steps > 100000) {
      fprintf(stderr, "--screenshot-steps: a number from 4 to 100000\n");
      return 2;
    }
    return catdpo::ui::runScreenshotTour(parser.value(screenshots), steps);
  }

  if (parser.isSet(sweepFigures)) {
    catdpo::ui::SweepView view;
    view.resize(1400, 1000);
    view.setDatabasePath(QString::fromStdString(
        catdpo::workspaceDatabasePath(parser.value(database).toStdString()).string()));
    if (!view.showSweep(parser.value(sweepFigures))) {
      fprintf(stderr, "%s\n", qPrintable(view.statusText()));
      return 1;
    }
    QString error;
    const QStringList files = view.exportFigures(parser.value(figuresDir), &error);
    for (const QString& f : files) printf("%s\n", qPrintable(f));
    if (!error.isEmpty()) {
      fprintf(stderr, "%s\n", qPrintable(error));
      return 1;
    }
    return 0;
  }

  catdpo::ui::MainWindow window;
  if (parser.isSet(database)) window.setDatabasePath(parser.value(database));
  window.setDemoConfig(catdpo::demoTrainConfig(parser.isSet(quick)));
  window.show();
  if (parser.isSet(demo))
    QTimer::singleShot(0, &window, &catdpo::ui::MainWindow::startDemo);
  else if (!parser.positionalArguments().isEmpty())
    QTimer::singleShot(0, &window, [&window, file = parser.positionalArguments().first()] {
      window.openDataSetFile(file);
    });

  QThreadPool::globalInstance()->start([&window] {
    const catdpo::BlasProbe probe = catdpo::probeBlas();
    if (auto warning = catdpo::blasWarning(probe)) {
      const QString text = QString::fromStdString(*warning);
      fprintf(stderr, "%s\n", warning->c_str());
      QMetaObject::invokeMethod(
          &window, [&window, text] { window.showEngineWarning(text); }, Qt::QueuedConnection);
    }
  });
  const int rc = app.exec();
  QThreadPool::globalInstance()->waitForDone();
  return rc;
}
