// SPDX-License-Identifier: MIT
#include "support/cli_runner.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>

#include "support/fixtures.h"

namespace catdpo::test {

namespace {

constexpr int kStartMs = 30000;
constexpr int kKilledMs = 10000;
constexpr qsizetype kTail = 3000;  // characters of stderr and of stdout a message quotes

QString shellWord(const QString& word) {
  static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_@%+=:,./-]+$"));
  if (plain.match(word).hasMatch()) return word;
  QString quoted = word;
  quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
  return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString tail(const QByteArray& bytes) {
  const QString text = QString::fromUtf8(bytes).trimmed();
  return text.size() > kTail ? QStringLiteral("...") + text.right(kTail) : text;
}

}  // namespace

QString CliResult::describe() const {
  QString how;
  if (failedToStart)
    how = QStringLiteral("did not start");
  else if (timedOut)
    how = QStringLiteral("timed out after %1 s and was killed").arg(timeout.count() / 1000.0);
  else if (crashed)
    how = QStringLiteral("crashed");
  else
    how = QStringLiteral("exited with status %1").arg(exitCode);
  QString text = QStringLiteral("`%1` %2").arg(command, how);
  if (!err.trimmed().isEmpty()) text += QStringLiteral("\nstderr:\n") + tail(err);
  if (!out.trimmed().isEmpty()) text += QStringLiteral("\nstdout:\n") + tail(out);
  return text;
}

CliResult runCli(const QStringList& args, const CliOptions& options) {
  const QString noBlasCheck = QStringLiteral("--no-blas-check");
  QStringList arguments = args;
  if (!options.blasCheck && !arguments.contains(noBlasCheck)) arguments.prepend(noBlasCheck);

  CliResult r;
  r.timeout = options.timeout;
  QStringList words{QStringLiteral("catdpo")};
  for (const QString& a : arguments) words << shellWord(a);
  r.command = words.join(QLatin1Char(' '));

  QProcess p;
  if (!options.workingDir.isEmpty()) p.setWorkingDirectory(options.workingDir);
  if (!options.env.empty() || !options.unsetEnv.isEmpty()) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString& name : options.unsetEnv) env.remove(name);
    for (const auto& [name, value] : options.env) env.insert(name, value);
    p.setProcessEnvironment(env);
  }
  p.start(executable(QStringLiteral("catdpo")), arguments);
  if (!p.waitForStarted(kStartMs)) {
    r.failedToStart = true;
    r.err = p.errorString().toUtf8();
    return r;
  }
  if (!options.input.isEmpty()) p.write(options.input);
  p.closeWriteChannel();
  const bool finished = p.waitForFinished(static_cast<int>(options.timeout.count())) ||
                        p.state() == QProcess::NotRunning;
  if (!finished) {
    r.timedOut = true;
    p.kill();
    p.waitForFinished(kKilledMs);
  }
  r.out = p.readAllStandardOutput();
  r.err = p.readAllStandardError();
  r.crashed = !r.timedOut && p.exitStatus() == QProcess::CrashExit;
  if (r.exited()) r.exitCode = p.exitCode();
  return r;
}

}  // namespace catdpo::test
