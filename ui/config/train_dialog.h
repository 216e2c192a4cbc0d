// SPDX-License-Identifier: MIT
// "New training run": the generated ConfigForm plus presets (JSON files, the same format as
// `catdpo train --config`), "clone run" (the stored config of a past run from the workspace
// database) and the demo defaults. Accepting validates through the engine; an invalid field
// keeps the dialog open, names the field and focuses its editor.
#pragma once

#include <QDialog>
#include <QList>
#include <QPair>
#include <QString>
#include <memory>

#include "train/train_config.h"

namespace catdpo {
class RunStore;
}

class QLabel;
class QMenu;
class QToolButton;

namespace catdpo::ui {

class ConfigForm;

class TrainDialog : public QDialog {
  Q_OBJECT
 public:
  explicit TrainDialog(QWidget* parent = nullptr);

  ConfigForm* form() const { return m_form; }
  void setConfig(const catdpo::TrainConfig& config);
  // The validated config; valid after the dialog was accepted.
  catdpo::TrainConfig config() const { return m_config; }
  // The workspace's connection "Clone run" reads, borrowed from the main window.
  void setStore(std::shared_ptr<catdpo::RunStore> store) { m_store = std::move(store); }

  bool loadPreset(const QString& path);
  bool savePreset(const QString& path);
  // Runs that can be cloned, newest first: (run id, label). Empty when there is no database.
  QList<QPair<QString, QString>> cloneCandidates() const;
  bool cloneRun(const QString& runId);
  // The message under the form (validation or file errors); empty when all is well.
  QString errorText() const;

 public slots:
  void accept() override;

 private:
  void showError(const QString& text);
  void choosePresetToLoad();
  void choosePresetToSave();
  void fillCloneMenu();

  ConfigForm* m_form = nullptr;
  QLabel* m_error = nullptr;
  QMenu* m_cloneMenu = nullptr;
  std::shared_ptr<catdpo::RunStore> m_store;
  catdpo::TrainConfig m_config;
};

}  // namespace catdpo::ui
