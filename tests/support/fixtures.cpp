// SPDX-License-Identifier: MIT
#include "support/fixtures.h"

#include <QDir>
#include <QFileInfo>

namespace catdpo::test {

QString fixturesDir() {
  const QString fromEnv = qEnvironmentVariable("CATDPO_FIXTURES");
  const QString dir = fromEnv.isEmpty() ? QStringLiteral(CATDPO_FIXTURES_DEFAULT) : fromEnv;
  return QFileInfo(dir).isDir() ? QFileInfo(dir).absoluteFilePath() : QString();
}

QString fixturePath(const QString& relative) {
  const QString dir = fixturesDir();
  if (dir.isEmpty()) return {};
  const QString path = QDir(dir).filePath(relative);
  return QFileInfo::exists(path) ? path : QString();
}

QString sourceDir() { return QStringLiteral(CATDPO_SOURCE_DIR); }
QString binaryDir() { return QStringLiteral(CATDPO_BINARY_DIR); }

QString executable(const QString& name) {
  return QDir(QStringLiteral(CATDPO_BINARY_DIR)).filePath(QStringLiteral("app/") + name);
}

}  // namespace catdpo::test
