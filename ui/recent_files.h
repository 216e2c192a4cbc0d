// SPDX-License-Identifier: MIT
// Most-recently-used file lists (presets, data sets, models) kept in QSettings, newest first,
// without duplicates, at most kMax entries each. GUI thread only (QSettings per call).
#pragma once

#include <QString>
#include <QStringList>

namespace catdpo::ui {

class RecentFiles {
 public:
  static constexpr int kMax = 10;

  // `kind` names the list, e.g. "presets".
  static QStringList list(const QString& kind);
  static void add(const QString& kind, const QString& path);
  static void remove(const QString& kind, const QString& path);
  static void clear(const QString& kind);
};

}  // namespace catdpo::ui
