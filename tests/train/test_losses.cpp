// SPDX-License-Identifier: MIT
// Each loss against an independent PyTorch reference (tests/reference/losses_reference.py,
// run with Debian's /usr/bin/python3) within 1e-6, plus hand-derived limits.
#include <ATen/ATen.h>

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>
#include <cmath>
#include <nlohmann/json.hpp>

#include "support/fixtures.h"
#include "train/dual_update.h"
#include "train/losses.h"

using nlohmann::json;

namespace {
at::Tensor vec(const std::vector<double>& v) {
  return at::tensor(at::ArrayRef<double>(v), at::TensorOptions().dtype(at::kDouble));
}
std::vector<double> toVec(const at::Tensor& t) {
  const at::Tensor c = t.contiguous().to(at::kDouble);
  return {c.data_ptr<double>(), c.data_ptr<double>() + c.numel()};
}
void compareVec(const std::vector<double>& got, const json& want, const char* what) {
  QCOMPARE(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i)
    QVERIFY2(std::abs(got[i] - want[i].get<double>()) <= 1e-6,
             qPrintable(QStringLiteral("%1[%2]: %3 vs %4")
                            .arg(what)
                            .arg(i)
                            .arg(got[i])
                            .arg(want[i].get<double>())));
}
}  // namespace

class TestLosses : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void matchesPythonReference_data() {
    QTest::addColumn<QString>("aggregation");
    QTest::addColumn<double>("labelSmoothing");
    QTest::newRow("sum, no smoothing") << "sum" << 0.0;
    QTest::newRow("mean, smoothing 0.1") << "mean" << 0.1;
    QTest::newRow("max, smoothing 0.25") << "max" << 0.25;
  }
  void matchesPythonReference() {
    QFETCH(QString, aggregation);
    QFETCH(double, labelSmoothing);
    if (!QFileInfo::exists(QStringLiteral("/usr/bin/python3")))
      QSKIP("/usr/bin/python3 (with python3-torch) is needed for the reference values");
    const double beta = 0.1, delta = 10.0, betaPrime = 0.7;
    const std::vector<double> pc{-12.5, -30.25, -8.0, -45.0, -20.0, -3.5};
    const std::vector<double> pr{-14.0, -28.0, -9.5, -44.0, -60.0, -3.0};
    const std::vector<double> rc{-13.0, -29.0, -8.2, -46.5, -21.0, -3.6};
    const std::vector<double> rr{-13.5, -29.5, -9.0, -43.0, -55.0, -3.1};
    const std::vector<double> hw{0, 0, 0, 1, 0, 0};
    const std::vector<double> hl{1, 1, 0, 1, 1, 0};
    const std::vector<std::vector<int>> cats{{0, 2}, {1}, {}, {2}, {0, 1, 2}, {}};
    const std::vector<double> lambda{1.5, 0.0, 4.0};
    const std::vector<double> alpha{0.5, 0.3, 0.2};

    catdpo::CatDpoOptions opts;
    opts.aggregation = aggregation == "sum"    ? catdpo::LambdaAggregation::Sum
                       : aggregation == "mean" ? catdpo::LambdaAggregation::Mean
                                               : catdpo::LambdaAggregation::Max;
    catdpo::CatDpoDual dual(3, opts);
    dual.setState(lambda, {0, 0, 0}, {false, false, false});
    std::vector<double> Lam;
    for (const auto& c : cats) Lam.push_back(dual.aggregate(c));

    const at::Tensor z = catdpo::preferenceLogRatio(vec(pc), vec(pr), vec(rc), vec(rr));
    const at::Tensor contrast = vec(hl) - vec(hw);
    const at::Tensor none;
    const auto dpo = toVec(catdpo::sigmoidPreferenceLoss(z, beta, none, labelSmoothing));
    const auto safedpo =
        toVec(catdpo::sigmoidPreferenceLoss(z, beta, contrast * delta, labelSmoothing));
    const auto catdpo =
        toVec(catdpo::sigmoidPreferenceLoss(z, beta, vec(Lam) * contrast, labelSmoothing));
    const auto ipo = toVec(catdpo::ipoLoss(z, 1.0 / (2 * beta)));
    const double drdpo = catdpo::drdpoAggregate(vec(dpo), betaPrime).item<double>();
    at::Tensor member = at::zeros({6, 3}, at::kDouble);
    for (int i = 0; i < 6; ++i)
      for (int k : cats[i]) member[i][k] = 1.0;
    const auto group = catdpo::groupRobustAggregate(vec(dpo), member, vec(alpha));
    const auto g = toVec(catdpo::unsafePreferenceProbability(z, beta));

    json cjson = {{"policy_chosen", pc},
                  {"policy_rejected", pr},
                  {"ref_chosen", rc},
                  {"ref_rejected", rr},
                  {"h_chosen", hw},
                  {"h_rejected", hl},
                  {"beta", beta},
                  {"label_smoothing", labelSmoothing},
                  {"delta", delta},
                  {"lambda", lambda},
                  {"categories", cats},
                  {"aggregation", aggregation.toStdString()},
                  {"beta_prime", betaPrime},
                  {"alpha", alpha}};
    QProcess py;
    py.start(QStringLiteral("/usr/bin/python3"),
             {catdpo::test::sourceDir() + QStringLiteral("/tests/reference/losses_reference.py")});
    QVERIFY(py.waitForStarted());
    py.write(QByteArray::fromStdString(cjson.dump()));
    py.closeWriteChannel();
    QVERIFY(py.waitForFinished(120000));
    if (py.exitCode() != 0 && py.readAllStandardError().contains("No module named 'torch'"))
      QSKIP("python3-torch is not installed");
    QCOMPARE(py.exitCode(), 0);
    const json ref = json::parse(py.readAllStandardOutput().toStdString());

    compareVec(toVec(z), ref["z"], "z");
    compareVec(Lam, ref["Lambda"], "Lambda");
    compareVec(dpo, ref["dpo"], "dpo");
    compareVec(safedpo, ref["safedpo"], "safedpo");
    compareVec(catdpo, ref["catdpo"], "catdpo");
    compareVec(ipo, ref["ipo"], "ipo");
    compareVec({drdpo}, json::array({ref["drdpo"]}), "drdpo");
    compareVec(toVec(group.groupMean), ref["group_mean"], "group_mean");
    compareVec({group.total.item<double>()}, json::array({ref["group_total"]}), "group_total");
    compareVec(g, ref["g"], "g");
  }

  void handDerivedLimits() {
    const at::Tensor none;
    // z = 0, no margin: -log sigma(0) = log 2.
    const at::Tensor z0 = at::zeros({1}, at::kDouble);
    QVERIFY(std::abs(catdpo::sigmoidPreferenceLoss(z0, 0.1, none, 0).item<double>() -
                     std::log(2.0)) < 1e-12);
    // A margin m on a contrastive pair equals shifting beta z by -m.
    const at::Tensor z = at::full({1}, 50.0, at::kDouble);
    const double withMargin =
        catdpo::sigmoidPreferenceLoss(z, 0.1, at::full({1}, 10.0, at::kDouble), 0).item<double>();
    const double shifted =
        catdpo::sigmoidPreferenceLoss(at::full({1}, -50.0, at::kDouble), 0.1, none, 0)
            .item<double>();
    QVERIFY(std::abs(withMargin - shifted) < 1e-12);
    // Stable for extreme logits: no inf/nan.
    const at::Tensor big = at::full({2}, 1e4, at::kDouble);
    big[1] = -1e4;
    const auto l = toVec(catdpo::sigmoidPreferenceLoss(big, 1.0, none, 0.1));
    QVERIFY(std::isfinite(l[0]) && std::isfinite(l[1]));
    QVERIFY(std::abs(l[1] - 0.9 * 1e4) < 1e-6 * 1e4);
    // Dr.DPO with equal losses returns that loss; large beta' tends to the mean.
    const at::Tensor same = at::full({4}, 0.7, at::kDouble);
    QVERIFY(std::abs(catdpo::drdpoAggregate(same, 1.0).item<double>() - 0.7) < 1e-12);
    const at::Tensor mixed = vec({0.1, 0.5, 2.0});
    QVERIFY(std::abs(catdpo::drdpoAggregate(mixed, 1e6).item<double>() - (2.6 / 3)) < 1e-5);
    // ... and small beta' tends to the minimum (robust to the noisy largest losses).
    QVERIFY(std::abs(catdpo::drdpoAggregate(mixed, 1e-3).item<double>() - 0.1) < 1e-2);
  }

  void gradientsFlowThroughMargins() {
    at::Tensor z = at::full({3}, 1.0, at::kDouble).set_requires_grad(true);
    const at::Tensor loss = catdpo::sigmoidPreferenceLoss(z, 0.5, vec({0, 5, 0}), 0).sum();
    loss.backward();
    const auto grad = toVec(z.grad());
    // d/dz -log sigma(b z - m) = -b sigma(-(b z - m))
    QVERIFY(std::abs(grad[0] - (-0.5 / (1 + std::exp(0.5)))) < 1e-12);
    QVERIFY(std::abs(grad[1] - (-0.5 / (1 + std::exp(0.5 - 5)))) < 1e-12);
    QVERIFY(grad[1] < grad[0]);  // the margin pushes harder on the contrastive pair
  }
};

QTEST_GUILESS_MAIN(TestLosses)
#include "test_losses.moc"
