// SPDX-License-Identifier: MIT
#include "ui/models/method_text.h"

#include <QCoreApplication>

#include "eval/results_table.h"
#include "train/method_catalogue.h"

namespace catdpo::ui {

namespace {

constexpr const char* kContext = "catdpo::methods";

const MethodEntry* entryOf(const QString& id) {
  const std::string wanted = id.toStdString();
  for (const MethodEntry& m : methodCatalogue())
    if (wanted == m.id) return &m;
  return nullptr;
}

}  // namespace

QString resultTitle(const catdpo::ResultColumn& column) {
  return QCoreApplication::translate("catdpo::results", column.title);
}

QStringList MethodText::ids() {
  QStringList out;
  for (const MethodEntry& m : methodCatalogue()) out << QString::fromLatin1(m.id);
  return out;
}

QStringList MethodText::defaultSweepIds() {
  QStringList out;
  for (const std::string& id : defaultSweepMethods()) out << QString::fromStdString(id);
  return out;
}

QStringList MethodText::idsReading(const QString& key) {
  const std::string k = key.toStdString();
  QStringList out;
  for (const MethodEntry& m : methodCatalogue())
    if (methodReadsOption(m.method, k)) out << QString::fromLatin1(m.id);
  return out.size() == int(methodCatalogue().size()) ? QStringList() : out;
}

QString MethodText::displayName(const QString& id) {
  const MethodEntry* m = entryOf(id);
  return m ? QCoreApplication::translate(kContext, m->displayName) : id;
}

QString MethodText::description(const QString& id) {
  const MethodEntry* m = entryOf(id);
  return m ? QCoreApplication::translate(kContext, m->description) : QString();
}

QString MethodText::tooltip(const QString& id) {
  const QString text = description(id);
  return text.isEmpty() ? id : text;
}

}  // namespace catdpo::ui
