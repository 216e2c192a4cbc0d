// SPDX-License-Identifier: MIT
// The New sweep dialog of the Sweeps view: data, model, methods, seeds, steps, grids and the
// trade-off frontier's default grids, checked by expandSweep before the sweep starts.
#include <QCheckBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QSpinBox>

#include "experiment/sweep.h"
#include "train/train_config.h"
#include "ui/models/method_text.h"
#include "ui/panels/sweep_view.h"

namespace catdpo::ui {

void SweepView::openNewSweepDialog() {
  QDialog dialog(this);
  dialog.setWindowTitle(tr("New sweep"));
  auto* form = new QFormLayout(&dialog);
  auto* name = new QLineEdit(&dialog);
  name->setPlaceholderText(tr("generated when empty"));
  auto* data = new QLineEdit(QStringLiteral("demo"), &dialog);
  data->setToolTip(tr("A preference data file, or demo for the built-in set"));
  auto* model = new QLineEdit(QStringLiteral("demo"), &dialog);
  model->setToolTip(tr("A Hugging Face checkpoint folder, or demo"));
  auto* methods = new QListWidget(&dialog);
  const QStringList defaults = MethodText::defaultSweepIds();
  for (const QString& m : MethodText::ids()) {
    auto* item = new QListWidgetItem(m, methods);
    item->setCheckState(defaults.contains(m) ? Qt::Checked : Qt::Unchecked);
    item->setToolTip(MethodText::description(m));
  }
  auto* seeds = new QSpinBox(&dialog);
  seeds->setRange(1, 20);
  seeds->setValue(3);
  seeds->setToolTip(tr("Each method runs with seeds 1..N; results are mean ± std over them"));
  auto* steps = new QSpinBox(&dialog);
  steps->setRange(1, 1000000);
  steps->setValue(150);
  auto* grid = new QLineEdit(&dialog);
  grid->setPlaceholderText(QStringLiteral("eta=0.1,0.5,1.0"));
  grid->setToolTip(
      tr("Optional: options and their values, grids separated by ';'; each multiplies only "
         "the methods it affects (eta, epsilon: Cat-DPO; delta: SafeDPO; beta, lr: all)"));
  auto* frontier = new QCheckBox(tr("Trade-off frontier: each method's safety knob over its "
                                    "default values"),
                                 &dialog);
  frontier->setObjectName(QStringLiteral("frontierCheck"));
  frontier->setToolTip(
      tr("SafeDPO's Δ and Cat-DPO's η and λ_init each over a default grid (a grid given above "
         "replaces the default one of its option); the Frontier tab then plots Worst-3 against "
         "helpfulness and over-refusal"));
  form->addRow(tr("Name"), name);
  form->addRow(tr("Data"), data);
  form->addRow(tr("Model"), model);
  form->addRow(tr("Methods"), methods);
  form->addRow(tr("Seeds"), seeds);
  form->addRow(tr("Steps per run"), steps);
  form->addRow(tr("Grid"), grid);
  form->addRow(QString(), frontier);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
  form->addRow(buttons);
  connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
  if (dialog.exec() != QDialog::Accepted) return;
  try {
    SweepPlan plan;
    plan.base = demoTrainConfig(false);
    plan.base.dataPath = data->text().trimmed().toStdString();
    plan.base.modelPath = model->text().trimmed().toStdString();
    plan.base.steps = steps->value();
    plan.base.eval.every = 0;
    for (int i = 0; i < methods->count(); ++i)
      if (methods->item(i)->checkState() == Qt::Checked)
        plan.methods.push_back(methodFromString(methods->item(i)->text().toStdString()));
    for (int s = 1; s <= seeds->value(); ++s) plan.seeds.push_back(static_cast<std::uint64_t>(s));
    if (frontier->isChecked()) plan.grids = frontierGrids(plan.methods);
    for (const QString& text : grid->text().split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
      SweepGrid g = parseSweepGrid(text.trimmed().toStdString());
      std::erase_if(plan.grids, [&g](const SweepGrid& other) { return other.key == g.key; });
      plan.grids.push_back(std::move(g));
    }
    expandSweep(plan);  // says what is wrong with the plan before anything runs
    startSweep(plan, name->text().trimmed());
  } catch (const std::exception& e) {
    QMessageBox::warning(this, tr("New sweep"), QString::fromUtf8(e.what()));
  }
}

}  // namespace catdpo::ui
