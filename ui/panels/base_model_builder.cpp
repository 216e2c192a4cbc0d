// SPDX-License-Identifier: MIT
#include "ui/panels/base_model_builder.h"

#include <QCheckBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPromise>
#include <QPushButton>
#include <QThreadPool>
#include <QVBoxLayout>

#include "common/error.h"
#include "experiment/base_model.h"
#include "experiment/base_model_shares.h"
#include "train/run_control.h"

namespace catdpo::ui {

BaseModelBuilder::BaseModelBuilder(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* row = new QHBoxLayout;
  m_build = new QPushButton(tr("&Build base model…"), this);
  m_build->setToolTip(
      tr("Train a small model on this data set, as the built-in demo model is built: a "
         "tokenizer from its text, then fine-tuning on its helpful answers and, per harm "
         "category, a share of its unsafe ones. Nothing is downloaded."));
  m_build->setEnabled(false);
  m_quick = new QCheckBox(tr("Small"), this);
  m_quick->setToolTip(tr("The small quick model (a minute instead of several)"));
  m_share = new QDoubleSpinBox(this);
  m_share->setRange(0.0, 1.0);
  m_share->setSingleStep(0.05);
  m_share->setDecimals(2);
  m_share->setValue(0.5);
  m_share->setPrefix(tr("unsafe share "));
  m_share->setToolTip(
      tr("Share of each category's harmful pairs the model is trained to answer unsafely"));
  m_progress = new QProgressBar(this);
  m_progress->setRange(0, 1000);
  m_progress->hide();
  m_cancel = new QPushButton(tr("Cancel"), this);
  m_cancel->hide();
  m_use = new QPushButton(tr("Use &model for training"), this);
  m_use->setToolTip(tr("Take the built model and this data set into the training configuration"));
  m_use->hide();
  row->addWidget(m_build);
  row->addWidget(m_quick);
  row->addWidget(m_share);
  row->addWidget(m_progress, 1);
  row->addWidget(m_cancel);
  row->addWidget(m_use);
  row->addStretch(0);
  layout->addLayout(row);
  m_status = new QLabel(this);
  m_status->setTextFormat(Qt::PlainText);
  m_status->setWordWrap(true);
  m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_status->hide();
  layout->addWidget(m_status);
  m_error = new QLabel(this);
  m_error->setTextFormat(Qt::PlainText);
  m_error->setWordWrap(true);
  m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_error->setFrameShape(QFrame::StyledPanel);
  m_error->hide();
  layout->addWidget(m_error);

  connect(m_build, &QPushButton::clicked, this, &BaseModelBuilder::chooseFolderAndStart);
  connect(m_cancel, &QPushButton::clicked, this, &BaseModelBuilder::cancel);
  connect(m_use, &QPushButton::clicked, this, [this] {
    if (!m_lastModel.isEmpty()) emit modelChosen(m_lastModel, m_data);
  });
}

BaseModelBuilder::~BaseModelBuilder() {
  if (m_control) m_control->cancel();  // the job ends at its next step; its reply is dropped
}

void BaseModelBuilder::setDataFile(const QString& path, bool usable) {
  if (path != m_data) {
    m_use->hide();
    m_lastModel.clear();
  }
  m_data = path;
  m_usable = usable;
  m_build->setEnabled(usable && !m_running);
}

QString BaseModelBuilder::statusText() const {
  return m_status->isHidden() ? QString() : m_status->text();
}

QString BaseModelBuilder::errorText() const {
  return m_error->isHidden() ? QString() : m_error->text();
}

QString BaseModelBuilder::suggestedFolder() const {
  const QFileInfo info(m_data);
  QString stem = info.fileName();
  for (const QString& suffix : {QStringLiteral(".gz"), QStringLiteral(".jsonl"),
                                QStringLiteral(".ndjson"), QStringLiteral(".json")})
    if (stem.endsWith(suffix)) stem.chop(suffix.size());
  return info.absoluteDir().filePath(stem + QStringLiteral("-base-model"));
}

void BaseModelBuilder::chooseFolderAndStart() {
  const QString parent = QFileDialog::getExistingDirectory(
      this, tr("Folder to put the base model in"), QFileInfo(suggestedFolder()).absolutePath());
  if (parent.isEmpty()) return;
  start(QDir(parent).filePath(QFileInfo(suggestedFolder()).fileName()));
}

bool BaseModelBuilder::start(const QString& outDir) {
  if (m_running || m_data.isEmpty() || !m_usable) return false;
  m_error->hide();
  m_use->hide();
  try {
    checkModelOutputFolder(outDir.toStdString());
  } catch (const Error& e) {
    onDone({QString::fromStdString(e.what()), {}, {}});
    return true;
  }
  m_running = true;
  m_outDir = outDir;
  m_control = std::make_shared<RunControl>();
  m_build->setEnabled(false);
  m_quick->setEnabled(false);
  m_share->setEnabled(false);
  m_progress->setValue(0);
  m_progress->show();
  m_cancel->show();
  m_cancel->setEnabled(true);
  m_status->setText(tr("Building a base model in %1…").arg(QDir::toNativeSeparators(outDir)));
  m_status->show();

  DataModelRequest request;
  request.dataPath = m_data.toStdString();
  request.quick = m_quick->isChecked();
  request.unsafeShare = m_share->value();
  request.skipInvalid = true;  // as the panel reads the file: invalid rows are listed, not fatal
  const std::string out = outDir.toStdString();

  m_watcher = std::make_unique<QFutureWatcher<Outcome>>();
  connect(m_watcher.get(), &QFutureWatcherBase::progressValueChanged, m_progress,
          &QProgressBar::setValue);
  connect(m_watcher.get(), &QFutureWatcherBase::progressTextChanged, this,
          [this](const QString& text) {
            if (m_running && m_control && !m_control->cancelRequested()) m_status->setText(text);
          });
  connect(m_watcher.get(), &QFutureWatcherBase::finished, this, [this] {
    if (m_watcher && m_watcher->future().resultCount() > 0) onDone(m_watcher->future().result());
  });
  auto promise = std::make_shared<QPromise<Outcome>>();
  m_watcher->setFuture(promise->future());
  promise->setProgressRange(0, 1000);
  promise->start();
  std::shared_ptr<RunControl> control = m_control;
  QThreadPool::globalInstance()->start([promise, control, request, out] {
    Outcome outcome;
    try {
      const DataModelReport r = buildBaseModelForData(
          request, out,
          [&promise](const BuildProgress& p) {
            // Tokenizer 0-10 %, fine-tuning 10-95 %, saving the rest.
            double overall = 0;
            if (p.stage == "tokenizer")
              overall = 0.1 * p.fraction;
            else if (p.stage == "sft")
              overall = 0.1 + 0.85 * p.fraction;
            else if (p.stage == "save")
              overall = 0.95 + 0.05 * p.fraction;
            promise->setProgressValueAndText(int(overall * 1000),
                                             QString::fromStdString(p.stage + ": " + p.message));
          },
          control.get());
      outcome.summary =
          BaseModelBuilder::tr("%1 of %2 pairs, %3 answers (%4 unsafe), %5 steps, loss %6")
              .arg(r.trainPairs)
              .arg(r.pairs)
              .arg(r.result.mix.examples)
              .arg(r.result.mix.unsafeExamples)
              .arg(r.result.steps)
              .arg(r.result.loss, 0, 'f', 3);
      for (const std::string& w : r.warnings) outcome.warnings << QString::fromStdString(w);
    } catch (const std::exception& e) {
      outcome.error = control->cancelRequested() ? BaseModelBuilder::tr("Cancelled.")
                                                 : QString::fromStdString(e.what());
    }
    promise->addResult(outcome);
    promise->finish();
  });
  emit started(outDir);
  return true;
}

void BaseModelBuilder::cancel() {
  if (!m_control || !m_running) return;
  m_control->cancel();
  m_cancel->setEnabled(false);
  m_status->setText(tr("Cancelling…"));
}

void BaseModelBuilder::onDone(const Outcome& outcome) {
  const QString& error = outcome.error;
  m_running = false;
  m_control.reset();
  m_progress->hide();
  m_cancel->hide();
  m_quick->setEnabled(true);
  m_share->setEnabled(true);
  m_build->setEnabled(m_usable);
  if (!error.isEmpty()) {
    m_status->hide();
    m_error->setText(tr("No base model was built: %1").arg(error));
    m_error->show();
    emit failed(error);
    return;
  }
  m_lastModel = m_outDir;
  QString text =
      tr("Base model written to %1: %2.").arg(QDir::toNativeSeparators(m_outDir), outcome.summary);
  for (const QString& w : outcome.warnings) text += QLatin1Char('\n') + tr("Note: %1").arg(w);
  m_status->setText(text);
  m_status->show();
  m_use->show();
  emit finished(m_outDir);
}

}  // namespace catdpo::ui
