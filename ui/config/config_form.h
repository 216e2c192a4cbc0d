// SPDX-License-Identifier: MIT
// The run configuration as a form, generated from the engine's own description of a config:
// every option that toJson(TrainConfig{}) writes gets an editor chosen by its JSON type (and
// by ConfigFieldInfo: choices, file pickers), its default and explanation as tooltip, on a tab
// by topic. Reading back goes through trainConfigFromJson, so the form validates exactly as
// the CLI does and an error names the field. Options of other methods are disabled.
#pragma once

#include <QHash>
#include <QString>
#include <QStringList>
#include <QWidget>
#include <nlohmann/json.hpp>

#include "train/train_config.h"
#include "ui/config/config_fields.h"

class QLabel;
class QTabWidget;

namespace catdpo::ui {

class ConfigForm : public QWidget {
  Q_OBJECT
 public:
  explicit ConfigForm(QWidget* parent = nullptr);
  ~ConfigForm() override;

  void setConfig(const catdpo::TrainConfig& config);
  // The edited config, validated; throws catdpo::Error naming the field (see focusField).
  catdpo::TrainConfig config() const;
  // What the editors hold, as config JSON (not validated).
  nlohmann::json editedJson() const;

  QStringList keys() const { return m_order; }
  QWidget* editor(const QString& key) const;
  // The editor's value as text ("0.1", "true", "catdpo", "q_proj, v_proj"); for tests and
  // the preset summary.
  QString text(const QString& key) const;
  // Sets an editor from text in the same form; false when the key is unknown.
  bool setText(const QString& key, const QString& value);
  QString method() const;
  // Shows the tab of `key` and focuses its editor (after a validation error).
  void focusField(const QString& key);
  QTabWidget* tabs() const { return m_tabs; }

 signals:
  void changed();

 private:
  struct Field;
  void buildEditors();
  QWidget* createEditor(Field& field, const nlohmann::json& defaultValue);
  void setValue(const Field& field, const nlohmann::json& value);
  nlohmann::json value(const Field& field) const;
  void updateMethodDependent();

  QTabWidget* m_tabs = nullptr;
  QLabel* m_methodDescription = nullptr;
  QStringList m_order;
  QHash<QString, Field*> m_fields;
  std::vector<std::unique_ptr<Field>> m_storage;
  bool m_loading = false;
};

}  // namespace catdpo::ui
