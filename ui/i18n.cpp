// SPDX-License-Identifier: MIT
#include "ui/i18n.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QTranslator>

namespace catdpo::ui {

QStringList availableLanguages() {
  QStringList langs{QStringLiteral("en")};
  const QStringList files =
      QDir(QStringLiteral(":/i18n")).entryList({QStringLiteral("catdpo_*.qm")});
  for (const QString& f : files) langs << f.mid(7, f.size() - 7 - 3);  // catdpo_XX.qm -> XX
  return langs;
}

QString translationFileFor(const QLocale& locale) {
  // uiLanguages() is ordered by preference and holds "de-AT", "de", ... variants.
  for (QString lang : locale.uiLanguages()) {
    lang.replace(QLatin1Char('-'), QLatin1Char('_'));
    for (const QString& candidate : {lang, lang.section(QLatin1Char('_'), 0, 0)}) {
      const QString path = QStringLiteral(":/i18n/catdpo_%1.qm").arg(candidate);
      if (QFile::exists(path)) return path;
    }
  }
  return {};
}

QString installTranslations(QCoreApplication& app, const QLocale& locale) {
  const QString file = translationFileFor(locale);
  if (file.isEmpty()) return QStringLiteral("en");
  auto* ours = new QTranslator(&app);
  if (!ours->load(file)) {
    delete ours;
    return QStringLiteral("en");
  }
  app.installTranslator(ours);
  auto* qt = new QTranslator(&app);  // Qt's own dialogs (buttons, file dialog)
  if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
               QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
    app.installTranslator(qt);
  else
    delete qt;
  const QString name = QFileInfo(file).completeBaseName();  // catdpo_de
  return name.mid(7);
}

}  // namespace catdpo::ui
