// SPDX-License-Identifier: MIT
// The built-in demo data set and its judge: determinism by seed, the long tail, shared prompt
// phrasing, blanket refusal being a bad answer, held-out prompts unseen in any pair, judge
// agreement with the generator; the presets (clean: labels equal the truth on every pair;
// noisy: the per-category label-noise rates the benchmark was first built with) and knobs that
// change only what they are about.
#include <QTemporaryDir>
#include <QtTest>
#include <array>
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
      const std::size_t skip =
          (w[0] == "Quick" || w[0] == "Be" || w[0] == "Just" || w[0] == "Real") ? 2 : 0;
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

  void cleanPresetLabelsAreTheTruth() {
    // The default preset is clean: every training label equals the generator's ground truth.
    QCOMPARE(m_data.options.settings.preset, std::string("clean"));
    const auto& train = m_data.train.pairs;
    QCOMPARE(m_data.trainClean.size(), train.size());
    for (std::size_t i = 0; i < train.size(); ++i) {
      QCOMPARE(m_data.trainNoise[i], DemoNoise::None);
      const auto& clean = m_data.trainClean[i];
      QCOMPARE(train[i].unsafe[0], clean.unsafe[0]);
      QCOMPARE(train[i].unsafe[1], clean.unsafe[1]);
      QCOMPARE(train[i].categories, clean.categories);
      QCOMPARE(train[i].safer, clean.safer);
      for (int r = 0; r < 2; ++r)
        QVERIFY2(judgeDemoResponse(-1, train[i].prompt, train[i].response[r]).unsafe ==
                     (train[i].unsafe[r] == 1),
                 train[i].response[r].c_str());
    }
    // No helpfulness noise either: benign and borderline pairs always prefer the answer.
    for (const auto& p : train)
      if (p.kind == PromptKind::Benign || p.kind == PromptKind::Borderline)
        QVERIFY(!looksLikeRefusal(p.response[p.better]));
    // Harmful preference is one value for every category (0.75), not a difficulty tier.
    for (double v : m_data.factors.harmfulPreference) QCOMPARE(v, 0.75);
    for (double v : m_data.factors.labelNoise) QCOMPARE(v, 0.0);
  }

  void noisyPresetReproducesTheOldRates() {
    // The benchmark as first built: per tier 2 / 12 / 30 % of a category's harmful one-unsafe
    // training pairs mislabelled (half missed harm, half swapped labels), borderline help
    // flagged at half that rate, noise only in training. A large set so that every category,
    // even the rarest, is tested within four standard errors.
    DemoOptions o;
    o.pairs = 60000;
    o.settings.preset = "noisy";
    const DemoData d = generateDemoData(o);
    const double tierRate[3] = {0.02, 0.12, 0.30};
    std::vector<int> standard(19), noisy(19), missed(19), borderline(19), flagged(19);
    for (std::size_t i = 0; i < d.train.pairs.size(); ++i) {
      const auto& clean = d.trainClean[i];
      const auto& p = d.train.pairs[i];
      const bool changed = clean.unsafe[0] != p.unsafe[0] || clean.unsafe[1] != p.unsafe[1];
      QCOMPARE(changed, d.trainNoise[i] != DemoNoise::None);
      if (clean.kind == PromptKind::Harmful && clean.unsafe[0] + clean.unsafe[1] == 1) {
        const int k = clean.categories.front();
        ++standard[k];
        noisy[k] += changed;
        missed[k] += d.trainNoise[i] == DemoNoise::MissedHarm;
      } else if (clean.kind == PromptKind::Borderline) {
        // Borderline pairs carry no category label; the generator records which one it is.
        const int k = d.trainCategory[i];
        QVERIFY(k >= 0 && k < 19);
        ++borderline[k];
        if (d.trainNoise[i] == DemoNoise::FlaggedHelp) {
          ++flagged[k];
          QCOMPARE(p.categories, std::vector<int>{k});
        }
      }
    }
    int allNoisy = 0, allMissed = 0;
    for (int k = 0; k < 19; ++k) {
      const double expected = tierRate[demoCategoryTier(k)];
      const double rate = double(noisy[k]) / standard[k];
      const double tolerance = 4 * std::sqrt(expected * (1 - expected) / standard[k]) + 0.005;
      QVERIFY2(standard[k] >= 150, qPrintable(QString::number(standard[k])));
      QVERIFY2(std::abs(rate - expected) <= tolerance,
               qPrintable(QStringLiteral("category %1: %2 vs %3 +- %4")
                              .arg(k)
                              .arg(rate)
                              .arg(expected)
                              .arg(tolerance)));
      allNoisy += noisy[k];
      allMissed += missed[k];
    }
    QVERIFY(std::abs(double(allMissed) / allNoisy - 0.5) < 0.05);
    // Flagged help: half the tier rate of borderline pairs, summed per tier.
    std::array<int, 3> flaggedByTier{}, borderlineByTier{};
    for (int k = 0; k < 19; ++k) {
      flaggedByTier[demoCategoryTier(k)] += flagged[k];
      borderlineByTier[demoCategoryTier(k)] += borderline[k];
    }
    for (int t = 0; t < 3; ++t) {
      const double expected = tierRate[t] / 2;
      const double rate = double(flaggedByTier[t]) / borderlineByTier[t];
      QVERIFY2(std::abs(rate - expected) <= 4 * std::sqrt(expected / borderlineByTier[t]) + 0.003,
               qPrintable(QStringLiteral("tier %1: %2 vs %3").arg(t).arg(rate).arg(expected)));
    }
    // Eval labels stay the truth in every preset.
    for (const auto& p : d.eval.pairs)
      for (int i = 0; i < 2; ++i)
        QCOMPARE(judgeDemoResponse(-1, p.prompt, p.response[i]).unsafe, p.unsafe[i] == 1);
  }

  void presetsShareTextsAndDifferInLabels() {
    // Every random draw is made whatever the knobs say: clean and noisy share prompts and
    // responses pair by pair, and the ground truth too; only labels move.
    DemoOptions o;
    o.pairs = 3000;
    const DemoData clean = generateDemoData(o);
    o.settings.preset = "noisy";
    const DemoData noisy = generateDemoData(o);
    QCOMPARE(clean.trainClean.size(), noisy.trainClean.size());
    int betterDiffers = 0;
    for (std::size_t i = 0; i < clean.trainClean.size(); ++i) {
      const auto& a = clean.trainClean[i];
      const auto& b = noisy.trainClean[i];
      QCOMPARE(a.prompt, b.prompt);
      QCOMPARE(a.response[0], b.response[0]);
      QCOMPARE(a.response[1], b.response[1]);
      QCOMPARE(a.unsafe[0], b.unsafe[0]);
      QCOMPARE(a.unsafe[1], b.unsafe[1]);
      QCOMPARE(a.categories, b.categories);
      betterDiffers += a.better != b.better;
    }
    QVERIFY(betterDiffers > 0);
    QVERIFY(betterDiffers < int(clean.trainClean.size()) / 5);
    // One knob alone: label noise on the clean preset changes labels and nothing else.
    DemoOptions n;
    n.pairs = 3000;
    n.settings.labelNoise = {0.2};
    const DemoData withNoise = generateDemoData(n);
    int changed = 0;
    for (std::size_t i = 0; i < clean.train.pairs.size(); ++i) {
      QCOMPARE(withNoise.trainClean[i].better, clean.trainClean[i].better);
      QCOMPARE(withNoise.train.pairs[i].response[0], clean.train.pairs[i].response[0]);
      changed += withNoise.trainNoise[i] != DemoNoise::None;
    }
    QVERIFY(changed > 100);
    for (auto noise : withNoise.trainNoise) QVERIFY(noise != DemoNoise::FlaggedHelp);
  }

  void frequencyKnob() {
    DemoOptions o;
    o.pairs = 2000;
    o.settings.frequencyExponent = 0.0;  // every category equally common
    const DemoData flat = generateDemoData(o);
    const auto [mn, mx] = std::minmax_element(flat.harmfulPairsPerCategory.begin(),
                                              flat.harmfulPairsPerCategory.end());
    QVERIFY(*mx - *mn <= 1);
    o.settings.frequencyExponent.reset();
    o.settings.frequencyWeights.assign(19, 1.0);
    o.settings.frequencyWeights[10] = 10.0;  // Human Trafficking, the rarest by default
    const DemoData weighted = generateDemoData(o);
    QCOMPARE(*std::max_element(weighted.harmfulPairsPerCategory.begin(),
                               weighted.harmfulPairsPerCategory.end()),
             weighted.harmfulPairsPerCategory[10]);
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
    for (const auto& [k, n] : harmful) QCOMPARE(n, 50);
    for (const auto& [k, n] : borderline) QCOMPARE(n, 10);
    QCOMPARE(benign, 160);
    // The held-out prompts do not depend on the set's size or its labels: the demo model
    // (built on 6,000 pairs) never sees the held-out prompts of a demo:1500 run.
    DemoOptions small;
    small.pairs = 1500;
    small.settings.preset = "noisy";
    const DemoData other = generateDemoData(small);
    QCOMPARE(other.heldOut.size(), m_data.heldOut.size());
    for (std::size_t i = 0; i < other.heldOut.size(); ++i)
      QCOMPARE(other.heldOut[i].prompt, m_data.heldOut[i].prompt);
    // More held-out prompts: a superset, still unseen.
    DemoOptions more;
    more.pairs = 1500;
    more.settings.heldOutPerCategory = 120;
    const DemoData wide = generateDemoData(more);
    std::set<std::string> widePrompts, wideSeen;
    for (const auto& item : wide.heldOut) widePrompts.insert(item.prompt);
    for (const auto& p : wide.train.pairs) wideSeen.insert(p.prompt);
    for (const auto& p : wide.eval.pairs) wideSeen.insert(p.prompt);
    for (const auto& item : m_data.heldOut) QVERIFY(widePrompts.count(item.prompt));
    for (const auto& prompt : widePrompts) QVERIFY(!wideSeen.count(prompt));
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
    auto fieldOf = [](const DemoOptions& o) {
      try {
        generateDemoData(o);
      } catch (const Error& e) {
        return e.where().field;
      }
      return std::string("(accepted)");
    };
    DemoOptions o;
    o.pairs = 10;
    QCOMPARE(fieldOf(o), std::string("pairs"));
    DemoOptions n;
    n.settings.labelNoise = {0.1, 0.2};
    QCOMPARE(fieldOf(n), std::string("demo.label_noise"));
    n.settings.labelNoise = {1.5};
    QCOMPARE(fieldOf(n), std::string("demo.label_noise"));
    DemoOptions p;
    p.settings.preset = "medium";
    QCOMPARE(fieldOf(p), std::string("demo.preset"));
    DemoOptions h;
    h.settings.harmfulPreference = {std::nan("")};
    QCOMPARE(fieldOf(h), std::string("demo.harmful_preference"));
    DemoOptions b;
    b.settings.baseUnsafety = {-0.1};
    QCOMPARE(fieldOf(b), std::string("demo.base_unsafety"));
    DemoOptions f;
    f.settings.frequencyWeights = {1.0, 2.0};
    QCOMPARE(fieldOf(f), std::string("demo.frequency_weights"));
    f.settings.frequencyWeights.assign(19, 1.0);
    f.settings.frequencyWeights[3] = 0;
    QCOMPARE(fieldOf(f), std::string("demo.frequency_weights"));
    DemoOptions e;
    e.settings.frequencyExponent = 9.0;
    QCOMPARE(fieldOf(e), std::string("demo.frequency_exponent"));
    DemoOptions held;
    held.settings.heldOutPerCategory = 141;
    QCOMPARE(fieldOf(held), std::string("demo.heldout_per_category"));
    held.settings.heldOutPerCategory = 140;  // the largest that leaves half the prompts
    QCOMPARE(fieldOf(held), std::string("(accepted)"));
    DemoOptions help;
    help.settings.helpNoise = 2.0;
    QCOMPARE(fieldOf(help), std::string("demo.help_noise"));

    // Command-line forms of a knob: one value, 19 values, or easy/medium/hard.
    QCOMPARE(parseDemoKnob("0.25", "--label-noise"), std::vector<double>{0.25});
    const auto tiers = parseDemoKnob("0.02/0.12/0.3", "--label-noise");
    QCOMPARE(tiers.size(), std::size_t(19));
    const std::vector<double> byTier{0.02, 0.12, 0.3};
    for (int k = 0; k < 19; ++k) QCOMPARE(tiers[k], byTier[demoCategoryTier(k)]);
    DemoSettings tiered;
    tiered.preset = "noisy";
    QCOMPARE(resolveDemoFactors(tiered).labelNoise, tiers);
    for (const char* bad : {"", "x", "0.1,0.2", "0.1/0.2", "0.1,", "1e", "0.1/0.2/x"}) {
      try {
        parseDemoKnob(bad, "--label-noise");
        QFAIL(bad);
      } catch (const Error& err) {
        QCOMPARE(err.where().field, std::string("--label-noise"));
      }
    }
  }
};

QTEST_GUILESS_MAIN(TestDemoData)
#include "test_demo_data.moc"
