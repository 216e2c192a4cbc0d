// SPDX-License-Identifier: MIT
// Where tests find things: the external fixtures (CATDPO_FIXTURES or ../shared/fixtures beside
// the checkout), the source tree, the build tree, and the built executables.
#pragma once

#include <QString>

namespace catdpo::test {

// Absolute path of the fixtures folder; empty when it does not exist.
QString fixturesDir();
// fixturesDir()/relative, or an empty string when the folder or the file is missing.
QString fixturePath(const QString& relative);
QString sourceDir();
QString binaryDir();
// Path of a built executable of this project (e.g. "catdpo").
QString executable(const QString& name);

}  // namespace catdpo::test

// Skips the current test with a clear message when a fixture is not available.
#define CATDPO_REQUIRE_FIXTURE(var, relative)                                           \
  const QString var = ::catdpo::test::fixturePath(relative);                            \
  if (var.isEmpty())                                                                    \
  QSKIP(qPrintable(QStringLiteral("fixture '%1' not found: set CATDPO_FIXTURES or put " \
                                  "../shared/fixtures beside the checkout")             \
                       .arg(relative)))
