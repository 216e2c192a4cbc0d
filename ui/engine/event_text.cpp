// SPDX-License-Identifier: MIT
#include "ui/engine/event_text.h"

namespace catdpo::ui {

QString EventText::lifecycle(const catdpo::LifecycleEvent& event) {
  using catdpo::LifecycleKind;
  const QString message = QString::fromStdString(event.message);
  switch (event.kind) {
    case LifecycleKind::Started:
      return event.step > 0 ? tr("Training resumed from step %1").arg(event.step)
                            : tr("Training started");
    case LifecycleKind::Paused:
      return tr("Paused after step %1").arg(event.step);
    case LifecycleKind::Resumed:
      return tr("Resumed at step %1").arg(event.step);
    case LifecycleKind::CheckpointSaved:
      return tr("Checkpoint at step %1: %2")
          .arg(event.step)
          .arg(QString::fromStdString(event.checkpointPath));
    case LifecycleKind::EvaluationStarted:
      return tr("Evaluating at step %1…").arg(event.step);
    case LifecycleKind::Finished:
      return tr("Training finished after %1 steps").arg(event.step);
    case LifecycleKind::Stopped:
      return tr("Stopped at step %1; the run can be resumed from its checkpoint").arg(event.step);
    case LifecycleKind::Cancelled:
      return tr("Cancelled at step %1").arg(event.step);
    case LifecycleKind::Failed:
      return tr("Training failed: %1").arg(message);
    case LifecycleKind::Message:
      return message;
  }
  return message;
}

QString EventText::evaluation(const catdpo::EvalResult& result) {
  const bool generated = result.generated.categoriesCounted > 0;
  const catdpo::CategorySummary& s = generated ? result.generated : result.implicit;
  const QString what = generated ? tr("safe ratio") : tr("implicit safety (a diagnostic)");
  return tr("Evaluation at step %1: %2 macro %3 %, worst-3 %4 %, gap %5 points, over %6 "
            "categories")
      .arg(result.step)
      .arg(what)
      .arg(s.macro * 100.0, 0, 'f', 1)
      .arg(s.worst3 * 100.0, 0, 'f', 1)
      .arg(s.gapPoints, 0, 'f', 1)
      .arg(s.categoriesCounted);
}

QString EventText::preparation(const catdpo::PreparationProgress& progress) {
  const QString stage = QString::fromStdString(progress.stage);
  QString title = stage;
  if (stage == QLatin1String("data"))
    title = tr("Reading the data");
  else if (stage == QLatin1String("demo-model"))
    title = tr("Building the demo model");
  else if (stage == QLatin1String("model"))
    title = tr("Loading the model");
  else if (stage == QLatin1String("reference"))
    title = tr("Reference log-probabilities");
  else if (stage == QLatin1String("precision"))
    title = tr("Precision");
  else if (stage == QLatin1String("tokenize"))
    title = tr("Tokenising");
  const QString message = QString::fromStdString(progress.message);
  return message.isEmpty() ? title : tr("%1: %2").arg(title, message);
}

QString EventText::status(catdpo::RunStatus status) {
  using catdpo::RunStatus;
  switch (status) {
    case RunStatus::Created:
      return tr("created");
    case RunStatus::Running:
      return tr("running");
    case RunStatus::Paused:
      return tr("paused");
    case RunStatus::Finished:
      return tr("finished");
    case RunStatus::Failed:
      return tr("failed");
    case RunStatus::Stopped:
      return tr("stopped");
    case RunStatus::Cancelled:
      return tr("cancelled");
    case RunStatus::Interrupted:
      return tr("interrupted");
  }
  return {};
}

}  // namespace catdpo::ui
