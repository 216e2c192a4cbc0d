// SPDX-License-Identifier: MIT
#include "ui/config/train_dialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "common/paths.h"
#include "store/run_store.h"
#include "train/train_config.h"
#include "ui/config/config_form.h"
#include "ui/engine/event_text.h"
#include "ui/recent_files.h"

namespace catdpo::ui {

namespace {
const QString kPresetKind = QStringLiteral("presets");
constexpr int kCloneMenuRuns = 30;
}  // namespace

TrainDialog::TrainDialog(QWidget* parent) : QDialog(parent) {
  setWindowTitle(tr("New training run"));
  auto* layout = new QVBoxLayout(this);

  auto* tools = new QHBoxLayout;
  auto* load = new QPushButton(tr("&Load preset…"), this);
  auto* save = new QPushButton(tr("&Save preset…"), this);
  auto* clone = new QToolButton(this);
  clone->setText(tr("&Clone run"));
  clone->setToolTip(tr("Start from the configuration of a run in the workspace database"));
  clone->setPopupMode(QToolButton::InstantPopup);
  m_cloneMenu = new QMenu(clone);
  clone->setMenu(m_cloneMenu);
  auto* demo = new QPushButton(tr("&Demo settings"), this);
  demo->setToolTip(tr("The built-in demo data set and model with the demo's schedule"));
  auto* defaults = new QPushButton(tr("De&faults"), this);
  for (QWidget* w :
       {static_cast<QWidget*>(load), static_cast<QWidget*>(save), static_cast<QWidget*>(clone),
        static_cast<QWidget*>(demo), static_cast<QWidget*>(defaults)})
    tools->addWidget(w);
  tools->addStretch(1);
  layout->addLayout(tools);

  m_form = new ConfigForm(this);
  layout->addWidget(m_form, 1);

  m_error = new QLabel(this);
  m_error->setWordWrap(true);
  m_error->setTextFormat(Qt::PlainText);
  QFont bold = m_error->font();
  bold.setBold(true);
  m_error->setFont(bold);
  m_error->hide();
  layout->addWidget(m_error);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("Start &training"));
  layout->addWidget(buttons);

  connect(load, &QPushButton::clicked, this, &TrainDialog::choosePresetToLoad);
  connect(save, &QPushButton::clicked, this, &TrainDialog::choosePresetToSave);
  connect(m_cloneMenu, &QMenu::aboutToShow, this, &TrainDialog::fillCloneMenu);
  connect(demo, &QPushButton::clicked, this, [this] { setConfig(demoTrainConfig()); });
  connect(defaults, &QPushButton::clicked, this, [this] { setConfig(catdpo::TrainConfig{}); });
  connect(buttons, &QDialogButtonBox::accepted, this, &TrainDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &TrainDialog::reject);
  connect(m_form, &ConfigForm::changed, this, [this] { showError({}); });
  resize(640, 560);
}

void TrainDialog::setConfig(const catdpo::TrainConfig& config) {
  m_form->setConfig(config);
  showError({});
}

void TrainDialog::showError(const QString& text) {
  m_error->setText(text);
  m_error->setVisible(!text.isEmpty());
}

QString TrainDialog::errorText() const { return m_error->text(); }

void TrainDialog::accept() {
  try {
    m_config = m_form->config();
  } catch (const catdpo::Error& e) {
    showError(tr("Please check the settings: %1").arg(QString::fromStdString(e.what())));
    m_form->focusField(QString::fromStdString(e.where().field));
    return;
  }
  showError({});
  QDialog::accept();
}

bool TrainDialog::loadPreset(const QString& path) {
  try {
    setConfig(catdpo::loadTrainConfig(path.toStdString()));
  } catch (const std::exception& e) {
    showError(tr("Cannot load the preset: %1").arg(QString::fromStdString(e.what())));
    return false;
  }
  RecentFiles::add(kPresetKind, path);
  return true;
}

bool TrainDialog::savePreset(const QString& path) {
  try {
    const catdpo::TrainConfig config = m_form->config();
    catdpo::writeFileAtomically(path.toStdString(), catdpo::toJson(config).dump(2) + "\n");
  } catch (const catdpo::Error& e) {
    showError(tr("Cannot save the preset: %1").arg(QString::fromStdString(e.what())));
    if (!e.where().field.empty()) m_form->focusField(QString::fromStdString(e.where().field));
    return false;
  }
  RecentFiles::add(kPresetKind, path);
  return true;
}

void TrainDialog::choosePresetToLoad() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Load a preset"), QString(),
                                                    tr("Run configurations (*.json)"));
  if (!path.isEmpty()) loadPreset(path);
}

void TrainDialog::choosePresetToSave() {
  QString path = QFileDialog::getSaveFileName(this, tr("Save the preset"), QString(),
                                              tr("Run configurations (*.json)"));
  if (path.isEmpty()) return;
  if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".json");
  savePreset(path);
}

QList<QPair<QString, QString>> TrainDialog::cloneCandidates() const {
  QList<QPair<QString, QString>> runs;
  if (!m_store) return runs;
  try {
    catdpo::RunFilter filter;
    filter.limit = kCloneMenuRuns;
    for (const catdpo::RunRecord& run : m_store->listRuns(filter)) {
      const QString label =
          tr("%1 (%2, %3, %4)")
              .arg(QString::fromStdString(run.name), QString::fromStdString(run.method),
                   EventText::status(run.status), QString::fromStdString(run.createdAt).left(16));
      runs.append({QString::fromStdString(run.id), label});
    }
  } catch (const std::exception&) {
    // An unreadable or foreign database just offers nothing to clone.
  }
  return runs;
}

bool TrainDialog::cloneRun(const QString& runId) {
  try {
    if (!m_store) throw catdpo::Error("no run database is open");
    const catdpo::RunRecord run = m_store->resolveRun(runId.toStdString());
    catdpo::TrainConfig config = catdpo::trainConfigFromText(run.configJson, "run " + run.id);
    config.name.clear();  // a clone is a new run; the store names it
    setConfig(config);
  } catch (const std::exception& e) {
    showError(tr("Cannot clone the run: %1").arg(QString::fromStdString(e.what())));
    return false;
  }
  return true;
}

void TrainDialog::fillCloneMenu() {
  m_cloneMenu->clear();
  const auto runs = cloneCandidates();
  if (runs.isEmpty()) {
    m_cloneMenu->addAction(tr("No runs in the workspace yet"))->setEnabled(false);
    return;
  }
  for (const auto& [id, label] : runs)
    m_cloneMenu->addAction(label, this, [this, id] { cloneRun(id); });
}

}  // namespace catdpo::ui
