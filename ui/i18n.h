// SPDX-License-Identifier: MIT
// Loads the UI translation that matches a locale (catdpo_<lang>.qm embedded under :/i18n) and
// Qt's own strings for the same language. English is the source language and needs nothing.
#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

class QCoreApplication;

namespace catdpo::ui {

// Languages shipped in this build, e.g. {"en", "de"}.
QStringList availableLanguages();
// Resource path of the .qm that serves `locale`, or an empty string when none does.
QString translationFileFor(const QLocale& locale);
// Installs translators on `app` for `locale`; returns the language loaded ("en" when none).
QString installTranslations(QCoreApplication& app, const QLocale& locale = QLocale::system());

}  // namespace catdpo::ui
