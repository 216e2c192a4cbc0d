// SPDX-License-Identifier: MIT
// Runs the built `catdpo` command line for a test and keeps what it did: exit status, stdout,
// stderr, and whether it overran its timeout (then it is killed) or crashed. One helper for every
// test of the CLI, so a failure message always names the command that ran and how it ended.
// Qt Core only: no LibTorch header, usable from any test.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace catdpo::test {

// Enough for a command that does not train on a busy two-core machine; training runs pass more.
inline constexpr std::chrono::milliseconds kCliTimeout = std::chrono::minutes(2);

struct CliOptions {
  QByteArray input{};  // written to stdin; stdin is closed afterwards (at once when empty)
  std::vector<std::pair<QString, QString>> env{};  // set on top of this process's environment
  QStringList unsetEnv{};                          // removed from the child's environment
  QString workingDir{};                            // empty: this process's
  std::chrono::milliseconds timeout = kCliTimeout;
  // The start-up check for a slow BLAS times a matrix product and may warn on stderr; tests
  // skip it (--no-blas-check) unless they ask for it.
  bool blasCheck = false;
};

struct CliResult {
  QString command;    // as a shell would show it, for messages
  int exitCode = -1;  // -1 unless the process exited by itself
  QByteArray out, err;
  bool timedOut = false;       // overran the timeout and was killed
  bool crashed = false;        // ended by a signal it did not get from the timeout
  bool failedToStart = false;  // the executable is missing or not executable
  std::chrono::milliseconds timeout{0};

  bool exited() const { return !timedOut && !crashed && !failedToStart; }
  bool ok() const { return exited() && exitCode == 0; }
  std::string outText() const { return out.toStdString(); }
  std::string errText() const { return err.toStdString(); }
  // For a failure message: the command, how it ended, the ends of its stderr and stdout.
  QString describe() const;
};

// Runs the executable `catdpo` of this build with `args` and waits for it (at most
// options.timeout).
CliResult runCli(const QStringList& args, const CliOptions& options = {});

}  // namespace catdpo::test

// Fails the current test (QtTest's QVERIFY2) unless the run exited by itself with `expected`; the
// message names the command, how it ended and what it printed last.
#define CATDPO_VERIFY_CLI_EXIT(result, expected)            \
  QVERIFY2(                                                 \
      (result).exited() && (result).exitCode == (expected), \
      qPrintable(                                           \
          QStringLiteral("expected exit status %1: %2").arg(expected).arg((result).describe())))
#define CATDPO_VERIFY_CLI_OK(result) CATDPO_VERIFY_CLI_EXIT(result, 0)
