// SPDX-License-Identifier: MIT
// The method catalogue of core (train/method_catalogue.h) as the app shows it: ids, translated
// display names and descriptions. The texts are core's, translated by id in the context
// "catdpo::methods"; nothing here keeps a copy of them. Likewise the results table's titles.
#pragma once

#include <QString>
#include <QStringList>

namespace catdpo {
struct ResultColumn;
}

namespace catdpo::ui {

// A results-table column's title (eval/results_table.h), translated.
QString resultTitle(const catdpo::ResultColumn& column);

class MethodText {
 public:
  // Every method id, in catalogue order.
  static QStringList ids();
  // The ids the default comparison sweep runs.
  static QStringList defaultSweepIds();
  // The ids of the methods that read the dotted config key, when only some do; empty when
  // every method reads it.
  static QStringList idsReading(const QString& key);
  // Translated display name ("Cat-DPO") and one-line description; the id itself and an empty
  // description for an unknown id (e.g. a run recorded by a newer program).
  static QString displayName(const QString& id);
  static QString description(const QString& id);
  // "display name — description", for tooltips.
  static QString tooltip(const QString& id);
};

}  // namespace catdpo::ui
