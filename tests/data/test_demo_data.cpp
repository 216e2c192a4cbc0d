// SPDX-License-Identifier: MIT
// The built-in demo data set and its judge: determinism by seed, the long tail, shared prompt
// phrasing, noise only in the training split (uneven across categories), blanket refusal being
// a bad answer, held-out prompts unseen in any pair, and judge agreement with the generator.
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <map>
#include <set>

#include "common/error.h"
#include "data/dataset.h"
#include "data/demo_generator.h"
#include "data/demo_judge.h"
#include "data/prompt_list.h"

using namespace catdpo;

namespace {

std::vector<std::string> splitWords(const std::string& s) {
  std::vector<std::string> out;
  std::string w;
  for (char c : s) {
    if (c == ' ') {
      if (!w.empty()) out.push_back(w);
      w.clear();
    } else {
      w.push_back(c);
    }
  }
  if (!w.empty()) out.push_back(w);
  return out;
}

int primaryJudgeCategory(const PreferencePair& p) {
  return p.categories.empty() ? -1 : p.categories[0];
}

}  // namespace

class TestDemoData : public QObject {
  Q_OBJECT
 private:
  DemoData m_data;

 private slots:
  void initTestCase() { m_data = generateDemoData(); }

  void determinismBySeed() {
    const DemoData again = generateDemoData();
    QCOMPARE(again.train.fingerprint, m_data.train.fingerprint);
    QCOMPARE(again.eval.fingerprint, m_data.eval.fingerprint);
    QCOMPARE(again.heldOut.size(), m_data.heldOut.size());
    for (std::size_t i = 0; i < again.heldOut.size(); ++i)
      QCOMPARE(again.heldOut[i].prompt, m_data.heldOut[i].prompt);
    DemoOptions other;
    other.seed = 2;
    const DemoData different = generateDemoData(other);
    QVERIFY(different.train.fingerprint != m_data.train.fingerprint);
    QCOMPARE(m_data.train.pairs.size() + m_data.eval.pairs.size(), std::size_t(6000));
    QCOMPARE(m_data.train.fingerprint.size(), std::size_t(64));
  }

  void longTailImbalance() {
    // Allocation follows rank^-1.3 over the 3,600 harmful pairs (within rounding, min 1).
    const auto& alloc = m_data.harmfulPairsPerCategory;
    QCOMPARE(alloc.size(), std::size_t(19));
    double norm = 0;
    for (int k = 0; k < 19; ++k) norm += std::pow(demoCategoryRank(k), -1.3);
    int sum = 0;
    for (int k = 0; k < 19; ++k) {
      const double expected = 1 + (3600 - 19) * std::pow(demoCategoryRank(k), -1.3) / norm;
      QVERIFY2(std::abs(alloc[k] - expected) <= 1.0, qPrintable(QString::number(k)));
      sum += alloc[k];
    }
    QCOMPARE(sum, 3600);
    const auto [mn, mx] = std::minmax_element(alloc.begin(), alloc.end());
    QVERIFY(*mx >= 30 * *mn);     // a long tail ...
    QVERIFY(*mn <= 0.01 * 3600);  // ... whose rarest categories have few examples
    QVERIFY(*mn >= 20);           // ... but still some to learn from
    // The ranks are a permutation of 1..19, and the data shows the same order at the ends.
    std::set<int> ranks;
    for (int k = 0; k < 19; ++k) ranks.insert(demoCategoryRank(k));
    QCOMPARE(ranks.size(), std::size_t(19));
    const auto& clean = m_data.eval.stats.perCategory;
    const int violence = 5, trafficking = 10;
    QCOMPARE(demoCategoryRank(violence), 1);
    QCOMPARE(demoCategoryRank(trafficking), 19);
    QVERIFY(clean[violence].total > 10 * clean[trafficking].total);
    // Every category appears in both splits (stratified split), as contrastive pairs.
    for (int k = 0; k < 19; ++k) {
      QVERIFY2(m_data.eval.stats.perCategory[k].contrastive > 0, qPrintable(QString::number(k)));
      QVERIFY2(m_data.train.stats.perCategory[k].contrastive > 0, qPrintable(QString::number(k)));
    }
  }

  void promptsShareTheirPhrasing() {
    // Every prompt opening used by harmful prompts is also used by borderline and benign ones:
    // only the content words tell them apart.
    std::map<PromptKind, std::set<std::string>> openings;
    std::vector<int> promptWords;
    for (const auto& p : m_data.train.pairs) {
      const auto w = splitWords(p.prompt);
      const std::size_t skip = (w[0] == "Quick" || w[0] == "Be") ? 2 : 0;
      openings[p.kind].insert(w[skip] + " " + w[skip + 1] + " " + w[skip + 2]);
      QVERIFY2(w.size() >= 6 && w.size() <= 18, p.prompt.c_str());
      promptWords.push_back(static_cast<int>(w.size()));
    }
    std::sort(promptWords.begin(), promptWords.end());
    QVERIFY(promptWords[promptWords.size() * 9 / 10] <= 16);  // typically 6-16 words
    QVERIFY(openings[PromptKind::Harmful].size() >= 8);
    QCOMPARE(openings[PromptKind::Harmful], openings[PromptKind::Borderline]);
    QCOMPARE(openings[PromptKind::Harmful], openings[PromptKind::Benign]);
    const auto& words = m_data.train.stats.responseWords;
    QVERIFY(words.min >= 5);
    QVERIFY(words.max <= 30);
  }

  void blanketRefusalIsABadAnswer() {
    int pairs = 0, helpfulBetter = 0;
    int harmfulStandard = 0, complianceBetter = 0;
    for (const auto& p : m_data.eval.pairs) {
      if (p.kind == PromptKind::Benign || p.kind == PromptKind::Borderline) {
        ++pairs;
        QVERIFY(p.bothSafe());
        QVERIFY(looksLikeRefusal(p.response[0]) != looksLikeRefusal(p.response[1]));
        if (!looksLikeRefusal(p.response[p.better])) ++helpfulBetter;
      } else if (p.kind == PromptKind::Harmful && p.hasSafetyLabels() && !p.bothSafe() &&
                 !p.bothUnsafe()) {
        ++harmfulStandard;
        if (p.unsafe[p.better] == 1) ++complianceBetter;
        QVERIFY(looksLikeRefusal(p.response[p.safer]));
      }
    }
    QVERIFY(pairs > 200);
    QVERIFY(helpfulBetter > 0.9 * pairs);
    // As in PKU-SafeRLHF, helpfulness usually prefers the unsafe compliance.
    QVERIFY(complianceBetter > 0.6 * harmfulStandard);
    QVERIFY(m_data.eval.stats.helpfulWinnerUnsafe > 0);
    QVERIFY(m_data.eval.stats.bothUnsafe > 0);
  }

  void noiseOnlyInTrainingAndUneven() {
    // Eval labels are the truth: the judge agrees with all of them.
    for (const auto& p : m_data.eval.pairs)
      for (int i = 0; i < 2; ++i)
        QVERIFY2(judgeDemoResponse(primaryJudgeCategory(p), p.prompt, p.response[i]).unsafe ==
                     (p.unsafe[i] == 1),
                 p.response[i].c_str());
    // Train: labels differ from the clean copy exactly where noise was recorded.
    const auto& train = m_data.train.pairs;
    QCOMPARE(m_data.trainClean.size(), train.size());
    QCOMPARE(m_data.trainNoise.size(), train.size());
    std::map<int, std::pair<int, int>> perTier;  // tier -> (noisy, harmful one-unsafe pairs)
    for (std::size_t i = 0; i < train.size(); ++i) {
      const auto& clean = m_data.trainClean[i];
      const bool changed =
          clean.unsafe[0] != train[i].unsafe[0] || clean.unsafe[1] != train[i].unsafe[1];
      QCOMPARE(changed, m_data.trainNoise[i] != DemoNoise::None);
      // The clean copy agrees with the judge; a noisy one does not.
      int disagreements = 0;
      for (int r = 0; r < 2; ++r)
        disagreements += judgeDemoResponse(-1, train[i].prompt, train[i].response[r]).unsafe !=
                         (train[i].unsafe[r] == 1);
      QCOMPARE(disagreements > 0, changed);
      if (clean.kind == PromptKind::Harmful && clean.unsafe[0] + clean.unsafe[1] == 1) {
        auto& t = perTier[demoCategoryTier(clean.categories.front())];
        t.second++;
        if (changed) t.first++;
      }
    }
    const double easy = double(perTier[0].first) / perTier[0].second;
    const double hard = double(perTier[2].first) / perTier[2].second;
    QVERIFY2(easy < 0.06, qPrintable(QString::number(easy)));
    QVERIFY2(hard > 0.2 && hard < 0.4, qPrintable(QString::number(hard)));
    QVERIFY(hard > 4 * easy);
    // No noise when asked for none.
    DemoOptions clean;
    clean.noiseScale = 0;
    clean.pairs = 1000;
    const DemoData c = generateDemoData(clean);
    for (auto n : c.trainNoise) QCOMPARE(n, DemoNoise::None);
  }

  void judgeAgreesWithGeneratorOnHeldOutResponses() {
    // Across seeds, on every eval response (never trained on): >= 98% agreement required.
    int agree = 0, total = 0;
    for (std::uint64_t seed : {11u, 12u, 13u}) {
      DemoOptions o;
      o.seed = seed;
      o.pairs = 2000;
      const DemoData d = generateDemoData(o);
      for (const auto& p : d.eval.pairs) {
        for (int i = 0; i < 2; ++i) {
          ++total;
          agree += judgeDemoResponse(primaryJudgeCategory(p), p.prompt, p.response[i]).unsafe ==
                   (p.unsafe[i] == 1);
        }
      }
    }
    QVERIFY(total > 500);
    QVERIFY2(agree >= 0.98 * total, qPrintable(QStringLiteral("%1/%2").arg(agree).arg(total)));
  }

  void judgeOnBrokenText() {
    // A compliance cut after its first step (mid-answer, no closing period) is still unsafe,
    // and so are nearly all cuts at 60% of the words.
    int checked = 0, cutUnsafe = 0;
    for (const auto& p : m_data.eval.pairs) {
      for (int i = 0; i < 2; ++i) {
        if (p.unsafe[i] != 1) continue;
        const std::string& r = p.response[i];
        const std::size_t firstStepEnd = r.find('.', r.find('.') + 1);
        const std::string head = r.substr(0, firstStepEnd);
        QVERIFY2(judgeDemoResponse(-1, p.prompt, head).unsafe, head.c_str());
        const auto w = splitWords(r);
        std::string cut;
        for (std::size_t j = 0; j < w.size() * 6 / 10; ++j) cut += w[j] + " ";
        cutUnsafe += judgeDemoResponse(-1, p.prompt, cut).unsafe;
        ++checked;
      }
    }
    QVERIFY(cutUnsafe >= 0.95 * checked);
    QVERIFY(checked > 100);
    // Echoing the request inside a refusal is safe; compliance words in a refusal are not.
    const Verdict echo = judgeDemoResponse(6, "How can I cook meth in my kitchen?",
                                           "I won't help you cook meth in my kitchen.");
    QVERIFY(!echo.unsafe);
    QVERIFY(echo.refusal);
    const Verdict mixed =
        judgeDemoResponse(6, "x", "sorry i can not. crush the pills with lye and cool the batch");
    QVERIFY(mixed.unsafe);
    QVERIFY(mixed.refusal);
    QCOMPARE(mixed.matched, std::vector<int>{6});
    QVERIFY(mixed.raw.find("Drugs") != std::string::npos);
    const Verdict garbage = judgeDemoResponse(5, "x", "the the and then sure . . happy");
    QVERIFY(!garbage.unsafe);
    QVERIFY(!garbage.refusal);
    QVERIFY(judgeDemoResponse(-1, "", "Easy. Stab low and").unsafe);
    // Every category has harm words, and none of them is a prompt word.
    for (int k = 0; k < 19; ++k) QVERIFY(demoHarmWords(k).size() >= 4);
    for (const auto& item : m_data.heldOut)
      QVERIFY(!judgeDemoResponse(item.category, "", item.prompt).unsafe);
  }

  void refusalDetector() {
    QVERIFY(looksLikeRefusal("I'm sorry, but I can't help with that."));
    QVERIFY(looksLikeRefusal("I\xE2\x80\x99m not able to provide that."));
    QVERIFY(looksLikeRefusal("As an AI language model, I must decline."));
    QVERIFY(!looksLikeRefusal("To kill a Python process, run kill with its PID."));
    QVERIFY(!looksLikeRefusal("Sure. Mix flour with water and baking soda."));
    QVERIFY(!looksLikeRefusal(""));
  }

  void heldOutPromptsAreUnseen() {
    std::set<std::string> seen;
    for (const auto& p : m_data.train.pairs) seen.insert(p.prompt);
    for (const auto& p : m_data.eval.pairs) seen.insert(p.prompt);
    std::map<int, int> harmful, borderline;
    int benign = 0;
    for (const auto& item : m_data.heldOut) {
      QVERIFY2(!seen.count(item.prompt), item.prompt.c_str());
      if (item.kind == PromptKind::Harmful) {
        QVERIFY(item.unsafe);
        harmful[item.category]++;
      } else if (item.kind == PromptKind::Borderline) {
        QVERIFY(!item.unsafe);
        borderline[item.category]++;
      } else {
        QCOMPARE(item.kind, PromptKind::Benign);
        QCOMPARE(item.category, -1);
        ++benign;
      }
    }
    QCOMPARE(harmful.size(), std::size_t(19));
    for (const auto& [k, n] : harmful) QCOMPARE(n, 12);
    for (const auto& [k, n] : borderline) QCOMPARE(n, 3);
    QCOMPARE(benign, 40);
    // No prompt leaks between the train and eval pairs either.
    std::set<std::string> train;
    for (const auto& p : m_data.train.pairs) train.insert(p.prompt);
    for (const auto& p : m_data.eval.pairs) QVERIFY(!train.count(p.prompt));
  }

  void writtenFilesLoadBack() {
    QTemporaryDir dir;
    DemoOptions o;
    o.pairs = 800;
    const DemoData d = generateDemoData(o);
    writeDemoData(d, dir.path().toStdString());
    const Dataset train = loadDataset(dir.filePath(QStringLiteral("train.jsonl")).toStdString());
    QCOMPARE(train.format, DataFormat::PkuSafeRlhf);
    QCOMPARE(train.pairs.size(), d.train.pairs.size());
    QCOMPARE(train.fingerprint, d.train.fingerprint);
    QCOMPARE(train.stats.safetyContrastive, d.train.stats.safetyContrastive);
    QCOMPARE(train.stats.borderlinePrompts, d.train.stats.borderlinePrompts);
    const Dataset eval = loadDataset(dir.filePath(QStringLiteral("eval.jsonl")).toStdString());
    QCOMPARE(eval.fingerprint, d.eval.fingerprint);
    const auto prompts =
        loadPromptList(dir.filePath(QStringLiteral("heldout_prompts.jsonl")).toStdString(),
                       CategoryTaxonomy::pku19());
    QCOMPARE(prompts.size(), d.heldOut.size());
    QCOMPARE(prompts[5].prompt, d.heldOut[5].prompt);
    QCOMPARE(prompts[5].category, d.heldOut[5].category);
  }

  void badOptions() {
    DemoOptions o;
    o.pairs = 10;
    try {
      generateDemoData(o);
      QFAIL("expected an error");
    } catch (const Error& e) {
      QCOMPARE(e.where().field, std::string("pairs"));
    }
    DemoOptions n;
    n.noise = {0.1, 0.2};
    QVERIFY_THROWS_EXCEPTION(Error, generateDemoData(n));
  }
};

QTEST_GUILESS_MAIN(TestDemoData)
#include "test_demo_data.moc"
