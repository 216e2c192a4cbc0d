// SPDX-License-Identifier: MIT
// Run configs: every default written out, round trip, and bad values rejected by field name.
#include <QtTest>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "train/config_keys.h"
#include "train/train_config.h"

using nlohmann::json;

class TestTrainConfig : public QObject {
  Q_OBJECT
 private slots:
  void configKeysWalkDottedLeaves() {
    const nlohmann::json j = nlohmann::json::parse(
        R"({"beta": 0.1, "catdpo": {"eta": 2, "lambda_max": null}, "empty": {},
            "deep": {"a": {"b": {"c": {"d": {"e": 1}}}}}})");
    std::vector<std::string> keys = catdpo::configKeys(j);
    QCOMPARE(keys,
             (std::vector<std::string>{"beta", "catdpo.eta", "catdpo.lambda_max", "deep.a.b.c.d"}));
    // Deeper than kMaxConfigDepth: one leaf holding the rest.
    QVERIFY(catdpo::configLeaves(j).back().second->is_object());
    QVERIFY(catdpo::configKeys(nlohmann::json::array({1, 2})).empty());
    QCOMPARE(catdpo::configPointer("catdpo.eta").to_string(), std::string("/catdpo/eta"));
    QCOMPARE(j.at(catdpo::configPointer("catdpo.eta")).get<int>(), 2);
  }

  void defaultsAreWrittenOut() {
    const json j = catdpo::toJson(catdpo::TrainConfig{});
    QCOMPARE(QString::fromStdString(j["method"].get<std::string>()), QStringLiteral("catdpo"));
    QCOMPARE(j["catdpo"]["eta"].get<double>(), 0.5);
    QCOMPARE(j["catdpo"]["epsilon"].get<double>(), 0.02);
    QCOMPARE(j["catdpo"]["lambda_init"].get<double>(), 0.0);
    QVERIFY(j["catdpo"]["lambda_max"].is_null());  // no cap, as in the authors' rule
    QCOMPARE(QString::fromStdString(j["catdpo"]["dual_step"].get<std::string>()),
             QStringLiteral("per_pair"));
    QCOMPARE(QString::fromStdString(j["catdpo"]["aggregation"].get<std::string>()),
             QStringLiteral("sum"));
    QCOMPARE(j["eval"]["borderline_prompts"].get<int>(), 38);
    QCOMPARE(QString::fromStdString(j["eval"]["degenerate"].get<std::string>()),
             QStringLiteral("fail"));
    QCOMPARE(QString::fromStdString(j["eval"]["data"].get<std::string>()), QString());
    QCOMPARE(QString::fromStdString(j["catdpo"]["constraint_signal"].get<std::string>()),
             QStringLiteral("implicit"));
    QCOMPARE(j["safedpo_delta"].get<double>(), 10.0);
    QCOMPARE(j["reference_free"].get<bool>(), false);
    QCOMPARE(j["length_normalized"].get<bool>(), false);
    QVERIFY(j["lora"].contains("rank"));
    QVERIFY(j["eval"].contains("every"));
  }

  void roundTrip() {
    catdpo::TrainConfig c;
    c.method = catdpo::Method::Sacpo;
    c.beta = 0.25;
    c.catdpo.aggregation = catdpo::LambdaAggregation::Max;
    c.lora.enabled = true;
    c.lora.targets = {"q_proj"};
    c.seed = 1234567890123ULL;
    c.eval.judge = "cost:/models/beaver";
    const json j = catdpo::toJson(c);
    const catdpo::TrainConfig back = catdpo::trainConfigFromJson(j);
    QCOMPARE(catdpo::toJson(back).dump(), j.dump());
    QCOMPARE(back.seed, 1234567890123ULL);
  }

  void lambdaCapIsOptional() {
    auto c = catdpo::trainConfigFromJson(json::parse(R"({"catdpo":{"lambda_max":20}})"));
    QVERIFY(c.catdpo.capped());
    QCOMPARE(c.catdpo.lambdaMax, 20.0);
    c = catdpo::trainConfigFromJson(json::parse(R"({"catdpo":{"lambda_max":null}})"));
    QVERIFY(!c.catdpo.capped());
    json j = json::object();
    catdpo::setConfigValue(j, "catdpo.lambda_max", "none");
    QVERIFY(!catdpo::trainConfigFromJson(j).catdpo.capped());
    catdpo::setConfigValue(j, "catdpo.lambda_max", "7.5");
    QCOMPARE(catdpo::trainConfigFromJson(j).catdpo.lambdaMax, 7.5);
    // Round trip of the uncapped default keeps null.
    QVERIFY(catdpo::toJson(catdpo::trainConfigFromJson(json::object()))["catdpo"]["lambda_max"]
                .is_null());
  }

  void storedConfigsOfOlderVersionsKeepTheirRule() {
    // A run config written out in full before catdpo.dual_step existed trained one step per
    // batch; read as a stored config it resumes that way. A hand-written config gets today's
    // defaults.
    const json old = json::parse(R"({"method":"catdpo","catdpo":{"eta":0.5,"lambda_max":50}})");
    const auto stored = catdpo::storedTrainConfig(old);
    QCOMPARE(stored.catdpo.dualStep, catdpo::DualStep::BatchMean);
    QCOMPARE(stored.catdpo.lambdaMax, 50.0);
    QCOMPARE(catdpo::trainConfigFromJson(old).catdpo.dualStep, catdpo::DualStep::PerPair);
    const json now = catdpo::toJson(catdpo::TrainConfig{});
    QCOMPARE(catdpo::storedTrainConfig(now).catdpo.dualStep, catdpo::DualStep::PerPair);
  }

  void partialConfigTakesDefaults() {
    const auto c =
        catdpo::trainConfigFromJson(json::parse(R"({"method":"safedpo","catdpo":{"eta":1.0}})"));
    QCOMPARE(c.method, catdpo::Method::SafeDpo);
    QCOMPARE(c.catdpo.eta, 1.0);
    QCOMPARE(c.catdpo.epsilon, 0.02);
    QCOMPARE(c.beta, 0.1);
  }

  void badValuesNameTheField_data() {
    QTest::addColumn<QString>("config");
    QTest::addColumn<QString>("field");
    QTest::newRow("unknown method") << R"({"method":"dpoo"})"
                                    << "method";
    QTest::newRow("negative beta") << R"({"beta":-1})"
                                   << "beta";
    QTest::newRow("string for number") << R"({"steps":"ten"})"
                                       << "steps";
    QTest::newRow("fractional steps") << R"({"steps":10.5})"
                                      << "steps";
    QTest::newRow("nested range") << R"({"catdpo":{"epsilon":1.5}})"
                                  << "catdpo.epsilon";
    QTest::newRow("unknown key") << R"({"catdpo":{"etaa":1}})"
                                 << "catdpo.etaa";
    QTest::newRow("bad aggregation") << R"({"catdpo":{"aggregation":"median"}})"
                                     << "catdpo.aggregation";
    QTest::newRow("lambda_init above max") << R"({"catdpo":{"lambda_init":60,"lambda_max":50}})"
                                           << "catdpo.lambda_init";
    QTest::newRow("bad lambda cap") << R"({"catdpo":{"lambda_max":"lots"}})"
                                    << "catdpo.lambda_max";
    QTest::newRow("bad dual step") << R"({"catdpo":{"dual_step":"per_batch"}})"
                                   << "catdpo.dual_step";
    QTest::newRow("bad degenerate") << R"({"eval":{"degenerate":"safe"}})"
                                    << "eval.degenerate";
    QTest::newRow("bad device") << R"({"device":"tpu"})"
                                << "device";
    QTest::newRow("accumulation > batch") << R"({"batch_size":4,"grad_accumulation":8})"
                                          << "grad_accumulation";
    QTest::newRow("demo preset") << R"({"demo":{"preset":"medium"}})"
                                 << "demo.preset";
    QTest::newRow("demo knob count") << R"({"demo":{"label_noise":[0.1,0.2]}})"
                                     << "demo.label_noise";
    QTest::newRow("demo knob type") << R"({"demo":{"base_unsafety":"high"}})"
                                    << "demo.base_unsafety";
    QTest::newRow("demo knob range") << R"({"demo":{"harmful_preference":1.5}})"
                                     << "demo.harmful_preference";
    QTest::newRow("demo held-out") << R"({"demo":{"heldout_per_category":500}})"
                                   << "demo.heldout_per_category";
  }

  void demoSectionAndOldConfigs() {
    // The demo benchmark is part of every config written, preset and knobs (null: the preset's).
    const json j = catdpo::toJson(catdpo::TrainConfig{});
    QCOMPARE(j["demo"]["preset"].get<std::string>(), std::string("clean"));
    QVERIFY(j["demo"]["label_noise"].is_null());
    QCOMPARE(j["demo"]["heldout_per_category"].get<int>(), 50);
    QCOMPARE(catdpo::demoTrainConfig().demo.preset, std::string("clean"));
    QCOMPARE(catdpo::demoTrainConfig(true).demo.preset, std::string("clean"));
    // A stored config without the section was written before presets: its benchmark was
    // "noisy". A config file a user writes without it gets the default.
    QCOMPARE(catdpo::storedTrainConfig(json::parse(R"({"method":"dpo"})")).demo.preset,
             std::string("noisy"));
    QCOMPARE(catdpo::trainConfigFromJson(json::parse(R"({"method":"dpo"})")).demo.preset,
             std::string("clean"));
    QCOMPARE(catdpo::trainConfigFromJson(json::parse(R"({"demo":{}})")).demo.preset,
             std::string("clean"));
    // Knobs round-trip: one value, 19 values, an optional number.
    catdpo::TrainConfig c;
    c.demo.preset = "noisy";
    c.demo.labelNoise = {0.1};
    c.demo.harmfulPreference.assign(19, 0.5);
    c.demo.frequencyExponent = 0.7;
    const json k = catdpo::toJson(c);
    QCOMPARE(k["demo"]["label_noise"].get<double>(), 0.1);
    QCOMPARE(k["demo"]["harmful_preference"].size(), std::size_t(19));
    QCOMPARE(k["demo"]["frequency_exponent"].get<double>(), 0.7);
    const catdpo::TrainConfig back = catdpo::trainConfigFromJson(k);
    QVERIFY(back.demo == c.demo);
    QCOMPARE(catdpo::toJson(back).dump(), k.dump());
  }
  void badValuesNameTheField() {
    QFETCH(QString, config);
    QFETCH(QString, field);
    try {
      catdpo::trainConfigFromJson(json::parse(config.toStdString()), "run.json");
      QFAIL("expected an error");
    } catch (const catdpo::Error& e) {
      QCOMPARE(QString::fromStdString(e.where().field), field);
      QCOMPARE(QString::fromStdString(e.where().file), QStringLiteral("run.json"));
      QVERIFY2(QString::fromUtf8(e.what()).contains(field), e.what());
    }
  }

  void methodsAndOrders() {
    QCOMPARE(catdpo::methodNames().size(), size_t(9));
    for (const auto& name : catdpo::methodNames())
      QCOMPARE(QString::fromUtf8(catdpo::toString(catdpo::methodFromString(name))),
               QString::fromStdString(name));
    catdpo::TrainConfig c;
    c.method = catdpo::Method::Dpo;
    QCOMPARE(c.orderFor(1), catdpo::PairOrder::Helpful);
    c.method = catdpo::Method::DpoSafer;
    QCOMPARE(c.orderFor(1), catdpo::PairOrder::Safer);
    c.method = catdpo::Method::CatDpo;
    QCOMPARE(c.orderFor(1), catdpo::PairOrder::Safe);
    // The matched control orders pairs exactly as Cat-DPO does.
    c.method = catdpo::methodFromString("catdpo_nomargin");
    QCOMPARE(c.method, catdpo::Method::CatDpoNoMargin);
    QCOMPARE(c.orderFor(1), catdpo::PairOrder::Safe);
    QVERIFY(c.catdpoFamily());
    c.method = catdpo::Method::Sacpo;
    c.steps = 100;
    QCOMPARE(c.orderFor(1), catdpo::PairOrder::Helpful);
    QCOMPARE(c.orderFor(2), catdpo::PairOrder::Safer);
    QCOMPARE(c.stages(), 2);
    QCOMPARE(c.stage1Steps(), 50LL);
  }
};

QTEST_GUILESS_MAIN(TestTrainConfig)
#include "test_train_config.moc"
