// SPDX-License-Identifier: MIT
#include "ui/recent_files.h"

#include <QFileInfo>
#include <QSettings>

namespace catdpo::ui {

namespace {
QString settingsKey(const QString& kind) { return QStringLiteral("recent/") + kind; }
}  // namespace

QStringList RecentFiles::list(const QString& kind) {
  return QSettings().value(settingsKey(kind)).toStringList();
}

void RecentFiles::add(const QString& kind, const QString& path) {
  if (path.isEmpty()) return;
  const QString absolute = QFileInfo(path).absoluteFilePath();
  QStringList files = list(kind);
  files.removeAll(absolute);
  files.prepend(absolute);
  while (files.size() > kMax) files.removeLast();
  QSettings().setValue(settingsKey(kind), files);
}

void RecentFiles::remove(const QString& kind, const QString& path) {
  QStringList files = list(kind);
  files.removeAll(path);
  QSettings().setValue(settingsKey(kind), files);
}

void RecentFiles::clear(const QString& kind) { QSettings().remove(settingsKey(kind)); }

}  // namespace catdpo::ui
