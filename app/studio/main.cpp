// SPDX-License-Identifier: MIT
// `catdpo-studio`: the desktop app. Opens the window at once; the engine's start-up checks
// (the BLAS speed probe) run on a worker thread and report back to the status bar.
#include <QApplication>
#include <QCommandLineParser>
#include <QThreadPool>
#include <QTimer>

#include "common/blas_check.h"
#include "common/build_info.h"
#include "common/version.h"
#include "ui/i18n.h"
#include "ui/main_window.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("catdpo-studio"));
  QApplication::setApplicationName(QStringLiteral("Cat-DPO Studio"));
  QApplication::setApplicationVersion(QString::fromUtf8(catdpo::kVersion));
  catdpo::ui::installTranslations(app);

  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("Cat-DPO Studio: category-adaptive safety alignment"));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("Preference data set to open"),
                               QStringLiteral("[file]"));
  parser.process(app);

  catdpo::ui::MainWindow window;
  window.show();

  QThreadPool::globalInstance()->start([&window] {
    const catdpo::BlasProbe probe = catdpo::probeBlas();
    if (auto warning = catdpo::blasWarning(probe)) {
      const QString text = QString::fromStdString(*warning);
      fprintf(stderr, "%s\n", warning->c_str());
      QMetaObject::invokeMethod(&window, [&window, text] { window.showEngineWarning(text); },
                                Qt::QueuedConnection);
    }
  });
  const int rc = app.exec();
  QThreadPool::globalInstance()->waitForDone();
  return rc;
}
