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
// The python of the pinned oracle environment (transformers, tokenizers, TRL, PEFT) that
// packaging/python-env.sh makes: $CATDPO_PYENV/bin/python, else build/pyenv in the source tree;
// empty when it does not exist or is not completely installed.
QString pyenvPython();

}  // namespace catdpo::test

// Skips the current test with a clear message when a fixture is not available.
#define CATDPO_REQUIRE_FIXTURE(var, relative)                                           \
  const QString var = ::catdpo::test::fixturePath(relative);                            \
  if (var.isEmpty())                                                                    \
  QSKIP(qPrintable(QStringLiteral("fixture '%1' not found: set CATDPO_FIXTURES or put " \
                                  "../shared/fixtures beside the checkout")             \
                       .arg(relative)))

// Skips the current test with a clear message when the oracle environment is absent.
#define CATDPO_REQUIRE_PYENV(var)                                                      \
  const QString var = ::catdpo::test::pyenvPython();                                   \
  if (var.isEmpty())                                                                   \
  QSKIP(                                                                               \
      "the oracle environment build/pyenv is absent: run packaging/python-env.sh (or " \
      "set CATDPO_PYENV to such an environment)")
