// SPDX-License-Identifier: MIT
// The generated configuration form and the "New training run" dialog: one editor per option
// the engine writes, defaults and explanations as tooltips, a lossless round trip, errors
// that name the field, options of other methods disabled, presets as JSON files, and "clone
// run" from a run database.
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "store/run_store.h"
#include "train/train_config.h"
#include "ui/config/config_form.h"
#include "ui/config/train_dialog.h"
#include "ui/i18n.h"
#include "ui/models/method_text.h"
#include "ui/recent_files.h"

using catdpo::ui::ConfigForm;
using catdpo::ui::TrainDialog;
using nlohmann::json;

namespace {
void collectLeaves(const json& j, const std::string& prefix, QStringList& out) {
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string key = prefix.empty() ? it.key() : prefix + "." + it.key();
    if (it->is_object())
      collectLeaves(*it, key, out);
    else
      out << QString::fromStdString(key);
  }
}
}  // namespace

class TestConfigForm : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir m_dir;

 private slots:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("catdpo-test"));
    QCoreApplication::setApplicationName(QStringLiteral("test_config_form"));
  }

  void everyOptionHasAnEditor() {
    ConfigForm form;
    QStringList expected;
    collectLeaves(catdpo::toJson(catdpo::TrainConfig{}), "", expected);
    QCOMPARE(form.keys(), expected);
    QVERIFY(expected.size() > 50);
    QVERIFY(qobject_cast<QComboBox*>(form.editor(QStringLiteral("method"))));
    QVERIFY(qobject_cast<QCheckBox*>(form.editor(QStringLiteral("lora.enabled"))));
    QVERIFY(qobject_cast<QSpinBox*>(form.editor(QStringLiteral("steps"))));
    auto* methods = qobject_cast<QComboBox*>(form.editor(QStringLiteral("method")));
    QCOMPARE(methods->count(), 9);  // the eight methods and Cat-DPO's matched control
    QVERIFY(methods->findData(QStringLiteral("catdpo_nomargin")) >= 0);
    for (const std::string& name : catdpo::methodNames())
      QVERIFY(methods->findData(QString::fromStdString(name)) >= 0);
    // Every known option explains itself and states its default.
    for (const QString& key : form.keys()) {
      const QString tip = form.editor(key)->toolTip();
      QVERIFY2(tip.contains(QStringLiteral("default:")), qPrintable(key));
      QVERIFY2(tip.split(QLatin1Char('\n')).size() >= 2, qPrintable(key + ": no explanation"));
    }
    QVERIFY(
        form.editor(QStringLiteral("beta"))->toolTip().contains(QStringLiteral("default: 0.1")));
    // No option fell through to the "Other" tab.
    for (int i = 0; i < form.tabs()->count(); ++i)
      QVERIFY(form.tabs()->tabText(i) != QStringLiteral("Other"));
  }

  void roundTripIsLossless() {
    ConfigForm form;
    catdpo::TrainConfig config;
    config.method = catdpo::Method::SafeDpo;
    config.name = "round trip";
    config.learningRate = 3.5e-6;
    config.adamEps = 1e-9;
    config.steps = 1234;
    config.seed = 18446744073709551615ULL;
    config.lora.enabled = true;
    config.lora.targets = {"q_proj", "k_proj"};
    config.catdpo.aggregation = catdpo::LambdaAggregation::Binding;
    config.catdpo.dualStep = catdpo::DualStep::BatchMean;
    config.catdpo.lambdaMax = 12.5;
    config.eval.judge = "none";
    config.eval.data = "/data/pku-test.jsonl";
    config.eval.degenerate = "exclude";
    config.sacpoStage2Beta = 0.05;
    config.device = "cuda:1";
    form.setConfig(config);
    QCOMPARE(catdpo::toJson(form.config()), catdpo::toJson(config));
    QCOMPARE(form.text(QStringLiteral("catdpo.lambda_max")), QStringLiteral("12.5"));
    // No cap (the default) is an empty field, read back as null.
    config.catdpo.lambdaMax = std::numeric_limits<double>::infinity();
    form.setConfig(config);
    QCOMPARE(form.text(QStringLiteral("catdpo.lambda_max")), QStringLiteral("none"));
    QVERIFY(!form.config().catdpo.capped());
    QCOMPARE(catdpo::toJson(form.config()), catdpo::toJson(config));
    QCOMPARE(form.text(QStringLiteral("lora.targets")), QStringLiteral("q_proj, k_proj"));
    QCOMPARE(form.text(QStringLiteral("learning_rate")), QStringLiteral("3.5e-06"));

    form.setConfig(catdpo::demoTrainConfig(true));
    QCOMPARE(form.text(QStringLiteral("model")), QStringLiteral("demo:quick"));
    QCOMPARE(form.config().steps, 40);
  }

  void editsReachTheConfig() {
    ConfigForm form;
    QSignalSpy changed(&form, &ConfigForm::changed);
    QVERIFY(form.setText(QStringLiteral("method"), QStringLiteral("ipo")));
    QVERIFY(form.setText(QStringLiteral("beta"), QStringLiteral("0.25")));
    QVERIFY(form.setText(QStringLiteral("eval.every"), QStringLiteral("7")));
    QVERIFY(form.setText(QStringLiteral("lora.enabled"), QStringLiteral("true")));
    QVERIFY(!form.setText(QStringLiteral("no.such.option"), QStringLiteral("1")));
    QVERIFY(changed.count() >= 4);
    const catdpo::TrainConfig config = form.config();
    QCOMPARE(config.method, catdpo::Method::Ipo);
    QCOMPARE(config.beta, 0.25);
    QCOMPARE(config.eval.every, 7);
    QVERIFY(config.lora.enabled);
  }

  void demoBenchmarkKnobs() {
    ConfigForm form;
    catdpo::TrainConfig config;
    config.demo.preset = "noisy";
    config.demo.labelNoise = {0.1};
    config.demo.harmfulPreference.assign(19, 0.5);
    config.demo.harmfulPreference[3] = 0.25;
    config.demo.frequencyExponent = 0.5;
    config.demo.heldOutPerCategory = 80;
    form.setConfig(config);
    QCOMPARE(catdpo::toJson(form.config()), catdpo::toJson(config));
    QCOMPARE(form.text(QStringLiteral("demo.label_noise")), QStringLiteral("0.1"));
    // An unset knob is an empty field (the preset's value) and reads back as unset.
    auto* flagged = qobject_cast<QLineEdit*>(form.editor(QStringLiteral("demo.flagged_help")));
    QVERIFY(flagged && flagged->text().isEmpty());
    QCOMPARE(flagged->placeholderText(), QStringLiteral("the preset's"));
    QVERIFY(form.config().demo.flaggedHelp.empty());
    QVERIFY(form.editor(QStringLiteral("demo.base_unsafety"))
                ->toolTip()
                .contains(QStringLiteral("default: the preset's")));
    QVERIFY(form.setText(QStringLiteral("demo.label_noise"), QString()));
    QVERIFY(form.setText(QStringLiteral("demo.base_unsafety"), QStringLiteral("0.2, 0.3")));
    try {
      form.config();
      QFAIL("two values for 19 categories were accepted");
    } catch (const catdpo::Error& e) {
      QCOMPARE(QString::fromStdString(e.where().field), QStringLiteral("demo.base_unsafety"));
    }
    QVERIFY(form.setText(QStringLiteral("demo.base_unsafety"), QStringLiteral("x")));
    QVERIFY_THROWS_EXCEPTION(catdpo::Error, form.config());
    QVERIFY(form.setText(QStringLiteral("demo.base_unsafety"), QStringLiteral("0.4")));
    QVERIFY(form.config().demo.labelNoise.empty());
    QCOMPARE(form.config().demo.baseUnsafety, std::vector<double>{0.4});
  }

  void invalidValuesNameTheField() {
    ConfigForm form;
    form.setText(QStringLiteral("catdpo.epsilon"), QStringLiteral("1.5"));
    try {
      form.config();
      QFAIL("an epsilon of 1.5 was accepted");
    } catch (const catdpo::Error& e) {
      QCOMPARE(QString::fromStdString(e.where().field), QStringLiteral("catdpo.epsilon"));
    }
    form.setText(QStringLiteral("catdpo.epsilon"), QStringLiteral("0.02"));
    form.setText(QStringLiteral("beta"), QString());
    try {
      form.config();
      QFAIL("an empty beta was accepted");
    } catch (const catdpo::Error& e) {
      QCOMPARE(QString::fromStdString(e.where().field), QStringLiteral("beta"));
    }
  }

  void otherMethodsOptionsAreDisabled() {
    ConfigForm form;
    form.show();
    form.setText(QStringLiteral("method"), QStringLiteral("catdpo"));
    QVERIFY(form.editor(QStringLiteral("catdpo.eta"))->isEnabled());
    QVERIFY(!form.editor(QStringLiteral("safedpo_delta"))->isEnabled());
    form.setText(QStringLiteral("method"), QStringLiteral("safedpo"));
    QVERIFY(!form.editor(QStringLiteral("catdpo.eta"))->isEnabled());
    QVERIFY(form.editor(QStringLiteral("safedpo_delta"))->isEnabled());
    QVERIFY(form.editor(QStringLiteral("beta"))->isEnabled());
    int catTab = -1;
    for (int i = 0; i < form.tabs()->count(); ++i)
      if (form.tabs()->tabText(i) == QStringLiteral("Cat-DPO")) catTab = i;
    QVERIFY(catTab >= 0);
    QVERIFY(!form.tabs()->isTabEnabled(catTab));
    QVERIFY(!catdpo::ui::MethodText::description(QStringLiteral("sacpo")).isEmpty());
  }

  void dialogKeepsInvalidSettingsOpen() {
    TrainDialog dialog;
    dialog.setConfig(catdpo::TrainConfig{});
    dialog.form()->setText(QStringLiteral("steps"), QStringLiteral("0"));
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    dialog.accept();
    QCOMPARE(accepted.count(), 0);
    QVERIFY(dialog.errorText().contains(QStringLiteral("steps")));
    dialog.form()->setText(QStringLiteral("steps"), QStringLiteral("12"));
    QVERIFY(dialog.errorText().isEmpty());
    dialog.accept();
    QCOMPARE(accepted.count(), 1);
    QCOMPARE(dialog.config().steps, 12);
  }

  void presetsAreJsonFiles() {
    const QString path = m_dir.filePath(QStringLiteral("preset.json"));
    {
      TrainDialog dialog;
      catdpo::TrainConfig config;
      config.method = catdpo::Method::GroupRobust;
      config.groupEta = 0.125;
      config.batchSize = 4;
      dialog.setConfig(config);
      QVERIFY(dialog.savePreset(path));
    }
    // The file is what `catdpo train --config` reads.
    const catdpo::TrainConfig loaded = catdpo::loadTrainConfig(path.toStdString());
    QCOMPARE(loaded.method, catdpo::Method::GroupRobust);
    QCOMPARE(loaded.groupEta, 0.125);
    QCOMPARE(loaded.batchSize, 4);
    QCOMPARE(catdpo::ui::RecentFiles::list(QStringLiteral("presets")).first(),
             QFileInfo(path).absoluteFilePath());

    TrainDialog other;
    QVERIFY(other.loadPreset(path));
    QCOMPARE(other.form()->method(), QStringLiteral("group_robust"));
    QCOMPARE(other.form()->text(QStringLiteral("batch_size")), QStringLiteral("4"));

    const QString broken = m_dir.filePath(QStringLiteral("broken.json"));
    std::ofstream(broken.toStdString()) << R"({"method": "catdpo", "catdpo": {"etaa": 1}})";
    QVERIFY(!other.loadPreset(broken));
    QVERIFY(other.errorText().contains(QStringLiteral("catdpo.etaa")));
    QCOMPARE(other.form()->method(), QStringLiteral("group_robust"));  // unchanged
  }

  void cloneRunLoadsItsConfig() {
    const QString db = m_dir.filePath(QStringLiteral("runs.sqlite"));
    TrainDialog dialog;
    QVERIFY(dialog.cloneCandidates().isEmpty());  // no database yet
    auto store = std::make_shared<catdpo::RunStore>(db.toStdString());
    dialog.setStore(store);
    QVERIFY(dialog.cloneCandidates().isEmpty());  // no runs yet
    std::string id;
    {
      catdpo::TrainConfig config;
      config.method = catdpo::Method::DrDpo;
      config.drdpoBetaPrime = 0.5;
      config.name = "past run";
      catdpo::NewRun run;
      run.name = config.name;
      run.method = "drdpo";
      run.configJson = catdpo::toJson(config).dump();
      id = store->createRun(run).id;
    }
    const auto runs = dialog.cloneCandidates();
    QCOMPARE(runs.size(), 1);
    QCOMPARE(runs.first().first, QString::fromStdString(id));
    QVERIFY(runs.first().second.contains(QStringLiteral("past run")));
    QVERIFY(dialog.cloneRun(runs.first().first));
    QCOMPARE(dialog.form()->method(), QStringLiteral("drdpo"));
    QCOMPARE(dialog.form()->text(QStringLiteral("drdpo_beta_prime")), QStringLiteral("0.5"));
    QCOMPARE(dialog.form()->text(QStringLiteral("name")), QString());  // a clone is a new run
    QVERIFY(!dialog.cloneRun(QStringLiteral("no-such-run")));
    QVERIFY(!dialog.errorText().isEmpty());
  }

  // Last: it leaves the German translation installed.
  void germanTranslatesTheDialog() {
    QCOMPARE(catdpo::ui::installTranslations(*qApp, QLocale(QStringLiteral("de_DE"))),
             QStringLiteral("de"));
    TrainDialog dialog;
    QCOMPARE(dialog.windowTitle(), QStringLiteral("Neuer Trainingslauf"));
    QVERIFY(dialog.form()
                ->editor(QStringLiteral("steps"))
                ->toolTip()
                .startsWith(QStringLiteral("Optimierungsschritte")));
    QVERIFY(dialog.form()->tabs()->tabText(0) == QStringLiteral("Grundlagen"));
  }
};

QTEST_MAIN(TestConfigForm)
#include "test_config_form.moc"
