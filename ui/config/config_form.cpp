// SPDX-License-Identifier: MIT
#include "ui/config/config_form.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleValidator>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QScrollArea>
#include <QSpinBox>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <climits>
#include <cmath>

#include "common/error.h"
#include "train/config_keys.h"
#include "ui/models/method_text.h"

namespace catdpo::ui {

using nlohmann::json;

struct ConfigForm::Field {
  QString key;
  json::value_t type = json::value_t::null;
  ConfigFieldInfo info;
  QWidget* editor = nullptr;  // what holds the value
  QWidget* row = nullptr;     // editor plus buttons, as placed in the form
  QLabel* label = nullptr;
  QWidget* page = nullptr;  // the tab it is on
};

namespace {

json::json_pointer pointerFor(const QString& key) {
  return catdpo::configPointer(key.toStdString());
}

// The shortest text that reads back as the same double ("0.1", "5e-05").
QString formatNumber(double v) { return QString::number(v, 'g', QLocale::FloatingPointShortest); }

QString jsonText(const json& v) {
  if (v.is_null()) return QStringLiteral("none");
  if (v.is_string()) return QString::fromStdString(v.get<std::string>());
  if (v.is_boolean()) return v.get<bool>() ? QStringLiteral("true") : QStringLiteral("false");
  if (v.is_number_float()) return formatNumber(v.get<double>());
  if (v.is_array()) {
    QStringList parts;
    for (const json& item : v) parts << jsonText(item);
    return parts.join(QStringLiteral(", "));
  }
  return QString::fromStdString(v.dump());
}

// A demo benchmark knob: unset (null) by default, meaning the preset's value.
bool isDemoKnob(json::value_t type, const QString& key) {
  return type == json::value_t::null && key.startsWith(QLatin1String("demo."));
}

[[noreturn]] void fieldError(const QString& key, const std::string& reason) {
  throw catdpo::Error(reason, {"", 0, key.toStdString()});
}

}  // namespace

ConfigForm::ConfigForm(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  m_tabs = new QTabWidget(this);
  layout->addWidget(m_tabs);
  buildEditors();
  setConfig(catdpo::TrainConfig{});
}

ConfigForm::~ConfigForm() = default;

void ConfigForm::buildEditors() {
  const json defaults = catdpo::toJson(catdpo::TrainConfig{});
  const std::vector<std::string> leaves = catdpo::configKeys(defaults);

  QHash<ConfigGroup, QFormLayout*> forms;
  QHash<ConfigGroup, QWidget*> pages;
  for (ConfigGroup group : configGroups()) {
    auto* page = new QWidget;
    auto* form = new QFormLayout(page);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto* scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(page);
    m_tabs->addTab(scroll, configGroupTitle(group));
    forms.insert(group, form);
    pages.insert(group, scroll);
  }

  for (const std::string& leaf : leaves) {
    auto field = std::make_unique<Field>();
    field->key = QString::fromStdString(leaf);
    const json& def = defaults.at(pointerFor(field->key));
    field->type = def.type();
    field->info = configFieldInfo(field->key);
    field->row = createEditor(*field, def);
    if (!field->row) continue;  // a JSON shape the form cannot edit (none today)
    const bool demoKnob = isDemoKnob(field->type, field->key);
    if (demoKnob) qobject_cast<QLineEdit*>(field->editor)->setPlaceholderText(tr("the preset's"));
    QString tip = field->info.help;
    if (!tip.isEmpty()) tip += QLatin1Char('\n');
    tip +=
        tr("Option %1, default: %2").arg(field->key, demoKnob ? tr("the preset's") : jsonText(def));
    if (!field->info.methods.isEmpty())
      tip +=
          QLatin1Char('\n') + tr("Used by: %1").arg(field->info.methods.join(QStringLiteral(", ")));
    field->editor->setToolTip(tip);
    field->label = new QLabel(field->key);
    field->label->setToolTip(tip);
    field->label->setBuddy(field->editor);
    QFormLayout* form = forms.value(field->info.group);
    form->addRow(field->label, field->row);
    field->page = pages.value(field->info.group);
    if (field->key == QLatin1String("method")) {
      m_methodDescription = new QLabel;
      m_methodDescription->setWordWrap(true);
      m_methodDescription->setForegroundRole(QPalette::PlaceholderText);
      form->addRow(QString(), m_methodDescription);
    }
    m_order << field->key;
    m_fields.insert(field->key, field.get());
    m_storage.push_back(std::move(field));
  }
  // Tabs without options (e.g. "Other" while every option is known) are not shown.
  for (ConfigGroup group : configGroups()) {
    if (forms.value(group)->rowCount() > 0) continue;
    m_tabs->removeTab(m_tabs->indexOf(pages.value(group)));
    delete pages.value(group);
  }
}

QWidget* ConfigForm::createEditor(Field& field, const json& def) {
  auto notify = [this] {
    if (!m_loading) emit changed();
  };
  switch (def.type()) {
    case json::value_t::boolean: {
      auto* box = new QCheckBox;
      connect(box, &QCheckBox::toggled, this, notify);
      field.editor = box;
      return box;
    }
    case json::value_t::number_integer: {
      auto* spin = new QSpinBox;
      spin->setRange(0, INT_MAX);
      spin->setAccelerated(true);
      connect(spin, &QSpinBox::valueChanged, this, notify);
      field.editor = spin;
      return spin;
    }
    case json::value_t::number_unsigned: {
      auto* edit = new QLineEdit;
      edit->setValidator(
          new QRegularExpressionValidator(QRegularExpression(QStringLiteral("\\d{1,20}")), edit));
      connect(edit, &QLineEdit::textChanged, this, notify);
      field.editor = edit;
      return edit;
    }
    case json::value_t::number_float: {
      auto* edit = new QLineEdit;
      auto* validator = new QDoubleValidator(edit);
      validator->setLocale(QLocale::c());  // the same notation as the JSON presets
      validator->setNotation(QDoubleValidator::ScientificNotation);
      edit->setValidator(validator);
      connect(edit, &QLineEdit::textChanged, this, notify);
      field.editor = edit;
      return edit;
    }
    case json::value_t::array: {
      auto* edit = new QLineEdit;
      connect(edit, &QLineEdit::textChanged, this, notify);
      field.editor = edit;
      return edit;
    }
    case json::value_t::null: {
      // A number whose default is "none" (catdpo.lambda_max: no cap): empty text is none.
      auto* edit = new QLineEdit;
      edit->setPlaceholderText(tr("none"));
      connect(edit, &QLineEdit::textChanged, this, notify);
      field.editor = edit;
      return edit;
    }
    case json::value_t::string:
      break;
    default:
      return nullptr;
  }

  const ConfigFieldInfo& info = field.info;
  if (info.choices.isEmpty() && info.kind == ConfigFieldInfo::Kind::Plain) {
    auto* edit = new QLineEdit;
    connect(edit, &QLineEdit::textChanged, this, notify);
    field.editor = edit;
    return edit;
  }
  auto* combo = new QComboBox;
  combo->setEditable(info.editableChoice || info.kind != ConfigFieldInfo::Kind::Plain);
  combo->setInsertPolicy(QComboBox::NoInsert);
  for (const QString& choice : info.choices) {
    combo->addItem(choice, choice);
    if (field.key == QLatin1String("method"))
      combo->setItemData(combo->count() - 1, MethodText::description(choice), Qt::ToolTipRole);
  }
  connect(combo, &QComboBox::currentTextChanged, this, [this, key = field.key, notify] {
    if (key == QLatin1String("method")) updateMethodDependent();
    notify();
  });
  field.editor = combo;
  if (info.kind == ConfigFieldInfo::Kind::Plain) return combo;

  // A path with a picker: folders for models, files for data sets; "demo" stays a choice.
  auto* row = new QWidget;
  auto* layout = new QHBoxLayout(row);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(combo, 1);
  auto* browse = new QToolButton;
  browse->setText(tr("Browse…"));
  layout->addWidget(browse);
  const bool folder = info.kind == ConfigFieldInfo::Kind::Folder ||
                      info.kind == ConfigFieldInfo::Kind::FolderOrDemo;
  connect(browse, &QToolButton::clicked, this, [this, combo, folder] {
    const QString current = combo->currentText();
    const QString start = current.startsWith(QLatin1String("demo")) ? QString() : current;
    const QString chosen =
        folder ? QFileDialog::getExistingDirectory(this, tr("Choose a checkpoint folder"), start)
               : QFileDialog::getOpenFileName(
                     this, tr("Choose a preference data set"), start,
                     tr("Preference data (*.jsonl *.json *.jsonl.gz *.json.gz *.parquet);;"
                        "All files (*)"));
    if (!chosen.isEmpty()) combo->setCurrentText(chosen);
  });
  return row;
}

void ConfigForm::setValue(const Field& field, const json& v) {
  if (auto* box = qobject_cast<QCheckBox*>(field.editor)) {
    box->setChecked(v.is_boolean() && v.get<bool>());
  } else if (auto* spin = qobject_cast<QSpinBox*>(field.editor)) {
    const double d = v.is_number() ? v.get<double>() : 0.0;
    spin->setValue(
        static_cast<int>(std::clamp(d, double(spin->minimum()), double(spin->maximum()))));
  } else if (auto* combo = qobject_cast<QComboBox*>(field.editor)) {
    const QString text = jsonText(v);
    const int index = combo->findData(text);
    if (index >= 0)
      combo->setCurrentIndex(index);
    else if (combo->isEditable())
      combo->setCurrentText(text);
  } else if (auto* edit = qobject_cast<QLineEdit*>(field.editor)) {
    edit->setText(v.is_null() ? QString() : jsonText(v));
  }
}

json ConfigForm::value(const Field& field) const {
  if (auto* box = qobject_cast<QCheckBox*>(field.editor)) return box->isChecked();
  if (auto* spin = qobject_cast<QSpinBox*>(field.editor)) return spin->value();
  QString text;
  if (auto* combo = qobject_cast<QComboBox*>(field.editor))
    text = combo->currentText();
  else if (auto* edit = qobject_cast<QLineEdit*>(field.editor))
    text = edit->text();
  text = text.trimmed();
  if (isDemoKnob(field.type, field.key)) {  // one number, one per category, or empty: the preset's
    if (text.isEmpty() || text == QLatin1String("none")) return nullptr;
    json items = json::array();
    for (const QString& part : text.split(QLatin1Char(','))) {
      bool ok = false;
      const double v = QLocale::c().toDouble(part.trimmed(), &ok);
      if (!ok || !std::isfinite(v))
        fieldError(field.key, "expected a number or numbers separated by commas");
      items.push_back(v);
    }
    return items.size() == 1 ? items.front() : items;
  }
  switch (field.type) {
    case json::value_t::number_unsigned: {
      bool ok = false;
      const qulonglong v = text.toULongLong(&ok);
      if (!ok) fieldError(field.key, "expected a whole number");
      return static_cast<std::uint64_t>(v);
    }
    case json::value_t::number_float: {
      bool ok = false;
      const double v = QLocale::c().toDouble(text, &ok);
      if (!ok || !std::isfinite(v)) fieldError(field.key, "expected a number");
      return v;
    }
    case json::value_t::null: {
      if (text.isEmpty() || text == QLatin1String("none")) return nullptr;
      bool ok = false;
      const double v = QLocale::c().toDouble(text, &ok);
      if (!ok || !std::isfinite(v)) fieldError(field.key, "expected a number, or nothing for none");
      return v;
    }
    case json::value_t::array: {
      json items = json::array();
      for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!part.trimmed().isEmpty()) items.push_back(part.trimmed().toStdString());
      return items;
    }
    default:
      return text.toStdString();
  }
}

void ConfigForm::setConfig(const catdpo::TrainConfig& config) {
  const json j = catdpo::toJson(config);
  m_loading = true;
  for (const auto& field : m_storage) {
    const auto ptr = pointerFor(field->key);
    if (j.contains(ptr)) setValue(*field, j.at(ptr));
  }
  m_loading = false;
  updateMethodDependent();
  emit changed();
}

nlohmann::json ConfigForm::editedJson() const {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& field : m_storage) out[pointerFor(field->key)] = value(*field);
  return out;
}

catdpo::TrainConfig ConfigForm::config() const { return catdpo::trainConfigFromJson(editedJson()); }

QWidget* ConfigForm::editor(const QString& key) const {
  const Field* field = m_fields.value(key);
  return field ? field->editor : nullptr;
}

QString ConfigForm::text(const QString& key) const {
  const Field* field = m_fields.value(key);
  if (!field) return {};
  try {
    return jsonText(value(*field));
  } catch (const catdpo::Error&) {
    if (auto* edit = qobject_cast<QLineEdit*>(field->editor)) return edit->text();
    return {};
  }
}

bool ConfigForm::setText(const QString& key, const QString& text) {
  const Field* field = m_fields.value(key);
  if (!field) return false;
  if (auto* box = qobject_cast<QCheckBox*>(field->editor)) {
    box->setChecked(text == QLatin1String("true"));
  } else if (auto* spin = qobject_cast<QSpinBox*>(field->editor)) {
    spin->setValue(text.toInt());
  } else if (auto* combo = qobject_cast<QComboBox*>(field->editor)) {
    const int index = combo->findData(text);
    if (index >= 0)
      combo->setCurrentIndex(index);
    else if (combo->isEditable())
      combo->setCurrentText(text);
    else
      return false;
  } else if (auto* edit = qobject_cast<QLineEdit*>(field->editor)) {
    edit->setText(text);
  }
  return true;
}

QString ConfigForm::method() const { return text(QStringLiteral("method")); }

void ConfigForm::focusField(const QString& key) {
  const Field* field = m_fields.value(key);
  if (!field) return;
  m_tabs->setCurrentWidget(field->page);
  field->editor->setFocus(Qt::OtherFocusReason);
}

void ConfigForm::updateMethodDependent() {
  const QString method = this->method();
  if (m_methodDescription) m_methodDescription->setText(MethodText::description(method));
  QHash<QWidget*, bool> tabUsed;
  for (const auto& field : m_storage) {
    const bool used = field->info.methods.isEmpty() || field->info.methods.contains(method);
    field->row->setEnabled(used);
    field->label->setEnabled(used);
    tabUsed[field->page] = tabUsed.value(field->page) || used;
  }
  for (auto it = tabUsed.cbegin(); it != tabUsed.cend(); ++it)
    m_tabs->setTabEnabled(m_tabs->indexOf(it.key()), it.value());
}

}  // namespace catdpo::ui
