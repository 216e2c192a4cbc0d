// SPDX-License-Identifier: MIT
// SafeDPO's safety-aware ordering T on every label combination (hand-derived), the taxonomy, and
// the prompt-grouped stratified split (no prompt on both sides, strata represented, seeded).
#include <QtTest>
#include <map>
#include <set>

#include "common/error.h"
#include "data/category_taxonomy.h"
#include "data/preference_pair.h"
#include "data/split.h"

using namespace catdpo;

namespace {

PreferencePair pair(int better, int safer, int h0, int h1) {
  PreferencePair p;
  p.better = better;
  p.safer = safer;
  p.unsafe[0] = static_cast<std::int8_t>(h0);
  p.unsafe[1] = static_cast<std::int8_t>(h1);
  return p;
}

}  // namespace

class TestOrderingsSplits : public QObject {
  Q_OBJECT
 private slots:
  void safetyAwareOrdering_data() {
    QTest::addColumn<int>("better");
    QTest::addColumn<int>("safer");
    QTest::addColumn<int>("h0");
    QTest::addColumn<int>("h1");
    QTest::addColumn<int>("policy");  // 0 drop, 1 keep safer
    QTest::addColumn<int>("chosen");
    QTest::addColumn<bool>("keep");
    QTest::addColumn<bool>("contrastive");
    // winner safe, loser unsafe: kept as is, contrastive
    QTest::newRow("safe wins") << 0 << 0 << 0 << 1 << 0 << 0 << true << true;
    // winner unsafe, loser safe: swapped, contrastive
    QTest::newRow("swap") << 0 << 1 << 1 << 0 << 0 << 1 << true << true;
    QTest::newRow("swap r1") << 1 << 0 << 0 << 1 << 0 << 0 << true << true;
    // both safe: helpfulness order, not contrastive
    QTest::newRow("both safe") << 1 << 1 << 0 << 0 << 0 << 1 << true << false;
    // both unsafe: dropped, or ordered by safer and not contrastive
    QTest::newRow("both unsafe drop") << 0 << 1 << 1 << 1 << 0 << 0 << false << false;
    QTest::newRow("both unsafe keep") << 0 << 1 << 1 << 1 << 1 << 1 << true << false;
    QTest::newRow("both unsafe keep, no safer") << 0 << -1 << 1 << 1 << 1 << 0 << false << false;
    // unknown labels count as safe: plain helpfulness
    QTest::newRow("unlabelled") << 1 << -1 << -1 << -1 << 0 << 1 << true << false;
  }

  void safetyAwareOrdering() {
    QFETCH(int, better);
    QFETCH(int, safer);
    QFETCH(int, h0);
    QFETCH(int, h1);
    QFETCH(int, policy);
    QFETCH(int, chosen);
    QFETCH(bool, keep);
    QFETCH(bool, contrastive);
    const PreferencePair p = pair(better, safer, h0, h1);
    const OrderedPair o =
        orderForSafety(p, policy ? BothUnsafePolicy::KeepSafer : BothUnsafePolicy::Drop);
    QCOMPARE(o.keep, keep);
    if (keep) QCOMPARE(o.chosen, chosen);
    QCOMPARE(o.rejected, 1 - o.chosen);
    QCOMPARE(o.contrastive(), contrastive);
    if (contrastive) {
      QCOMPARE(o.hChosen, 0);
      QCOMPARE(o.hRejected, 1);
    }
    // Helpfulness order ignores safety.
    QCOMPARE(orderForHelpfulness(p).chosen, better);
  }

  void saferOrdering() {
    QCOMPARE(orderForSafer(pair(0, 1, 1, 1)).chosen, 1);     // by safer_response_id
    QCOMPARE(orderForSafer(pair(0, -1, 1, 0)).chosen, 1);    // by labels
    QCOMPARE(orderForSafer(pair(1, -1, -1, -1)).chosen, 1);  // by helpfulness
  }

  void taxonomy() {
    const CategoryTaxonomy t = CategoryTaxonomy::pku19();
    QCOMPARE(t.size(), 19);
    QCOMPARE(t.name(0), std::string("Endangering National Security"));
    QCOMPARE(t.name(18), std::string("Animal Abuse"));
    QCOMPARE(*t.indexOf("White-Collar Crime"), 17);
    QVERIFY(!t.indexOf("white-collar crime"));
    CategoryTaxonomy c;
    QCOMPARE(c.addOrFind("b"), 0);
    QCOMPARE(c.addOrFind("a"), 1);
    QCOMPARE(c.addOrFind("b"), 0);
    QVERIFY_THROWS_EXCEPTION(Error, CategoryTaxonomy({"x", "x"}));
  }

  void splitKeepsPromptsTogetherAndStratifies() {
    // 4 categories with 40, 20, 6 and 2 prompts, 1-3 pairs per prompt, plus 30 benign prompts.
    std::vector<PreferencePair> pairs;
    const int prompts[] = {40, 20, 6, 2};
    for (int k = 0; k < 4; ++k) {
      for (int i = 0; i < prompts[k]; ++i) {
        for (int r = 0; r <= i % 3; ++r) {
          PreferencePair p;
          p.prompt = "cat" + std::to_string(k) + " prompt " + std::to_string(i);
          p.categories = {k};
          p.kind = PromptKind::Harmful;
          pairs.push_back(p);
        }
      }
    }
    for (int i = 0; i < 30; ++i) {
      PreferencePair p;
      p.prompt = "benign " + std::to_string(i);
      p.kind = PromptKind::Benign;
      pairs.push_back(p);
    }
    const DatasetSplit s = splitByPrompt(pairs, SplitOptions{0.25, 7});
    QCOMPARE(s.train.size() + s.eval.size(), pairs.size());
    std::set<std::string> trainPrompts, evalPrompts;
    for (auto i : s.train) trainPrompts.insert(pairs[i].prompt);
    for (auto i : s.eval) evalPrompts.insert(pairs[i].prompt);
    for (const auto& p : evalPrompts) QVERIFY2(!trainPrompts.count(p), p.c_str());
    // Per stratum: round(0.25 * prompts) eval prompts, at least one when there are two or more.
    std::map<int, int> evalPerStratum;
    for (const auto& p : evalPrompts) {
      evalPerStratum[p.rfind("benign", 0) == 0 ? -1 : p[3] - '0']++;
    }
    QCOMPARE(evalPerStratum[0], 10);
    QCOMPARE(evalPerStratum[1], 5);
    QCOMPARE(evalPerStratum[2], 2);   // round(1.5) = 2
    QCOMPARE(evalPerStratum[3], 1);   // round(0.5) = 1 (at least one)
    QCOMPARE(evalPerStratum[-1], 8);  // round(7.5) = 8
    // Deterministic by seed, different across seeds.
    const DatasetSplit again = splitByPrompt(pairs, SplitOptions{0.25, 7});
    QCOMPARE(again.eval, s.eval);
    QCOMPARE(again.train, s.train);
    const DatasetSplit other = splitByPrompt(pairs, SplitOptions{0.25, 8});
    QVERIFY(other.eval != s.eval);
    QVERIFY(std::is_sorted(s.train.begin(), s.train.end()));
    // Edge fractions.
    QVERIFY(splitByPrompt(pairs, SplitOptions{0.0, 1}).eval.empty());
    QVERIFY_THROWS_EXCEPTION(Error, splitByPrompt(pairs, SplitOptions{1.5, 1}));
  }
};

QTEST_GUILESS_MAIN(TestOrderingsSplits)
#include "test_orderings_splits.moc"
