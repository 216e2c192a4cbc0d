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

QString pyenvPython() {
  const QString fromEnv = qEnvironmentVariable("CATDPO_PYENV");
  const QString root =
      fromEnv.isEmpty() ? QDir(sourceDir()).filePath(QStringLiteral("build/pyenv")) : fromEnv;
  const QString python = QDir(root).filePath(QStringLiteral("bin/python"));
  // python-env.sh writes its stamp last: an environment still being installed does not count.
  const bool complete = QFileInfo::exists(QDir(root).filePath(".catdpo-requirements"));
  return complete && QFileInfo(python).isExecutable() ? python : QString();
}

}  // namespace catdpo::test
