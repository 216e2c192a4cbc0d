// SPDX-License-Identifier: MIT
// What the configuration form knows about each option beyond what the engine's JSON gives
// (key, type, default): the tab it goes on, a translatable one-line explanation, the allowed
// values of choice options, and which methods use it. Options the engine adds later and this
// table does not know still get an editor, on the "Other" tab.
#pragma once

#include <QString>
#include <QStringList>

namespace catdpo::ui {

enum class ConfigGroup { Basics, Loss, CatDpo, Lora, Optimisation, Evaluation, Demo, Other };

struct ConfigFieldInfo {
  ConfigGroup group = ConfigGroup::Other;
  QString help;                 // translated; empty when unknown
  QStringList choices;          // for string options with a fixed (or suggested) set of values
  bool editableChoice = false;  // choices are suggestions (e.g. "cuda:1" is also valid)
  QStringList methods;          // methods that use the option; empty: all
  enum class Kind { Plain, File, Folder, FileOrDemo, FolderOrDemo } kind = Kind::Plain;
};

// Metadata for a JSON key such as "catdpo.eta" (unknown keys: group Other, no help).
ConfigFieldInfo configFieldInfo(const QString& key);
// Translated tab titles, in display order.
QString configGroupTitle(ConfigGroup group);
QList<ConfigGroup> configGroups();

}  // namespace catdpo::ui
