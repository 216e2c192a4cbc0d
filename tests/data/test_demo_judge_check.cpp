// SPDX-License-Identifier: MIT
// The demo judge beyond its own generator: the held-out and development lexicons really are
// held out (no word the generator uses to express harm, new content words in every harmful
// answer), the judge's generator-words layer flags none of them (its agreement on the
// generator's texts is by construction), and the full judge's measured agreement on the
// held-out test set, written after the judge was frozen: 45 of 114 harmful answers flagged,
// 7 of 57 helpful ones flagged wrongly (on the development set it was extended with: 111 and 4).
#include <QtTest>
#include <set>
#include <string>

#include "data/demo_generator.h"
#include "data/demo_heldout_lexicon.h"
#include "data/demo_judge.h"
#include "data/demo_judge_check.h"
#include "data/demo_lexicon.h"

using namespace catdpo;

namespace {

std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  std::string w;
  for (char c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c >= 'a' && c <= 'z') {
      w.push_back(c);
    } else if (!w.empty()) {
      out.push_back(w);
      w.clear();
    }
  }
  if (!w.empty()) out.push_back(w);
  return out;
}

struct Vocabulary {
  std::set<std::string> safe, harm;  // words of safe texts; words of harmful prompts and steps
  bool emits(const std::string& w) const { return safe.count(w) || harm.count(w); }
};

Vocabulary generatorVocabulary() {
  Vocabulary v;
  auto add = [](std::set<std::string>& set, const std::string& text) {
    for (auto& w : words(text)) set.insert(w);
  };
  for (const auto* list :
       {&demo::promptFrames(), &demo::promptPrefixes(), &demo::answerOpeners(),
        &demo::stepConnectors(), &demo::refusalOpeners(), &demo::refusalReasons()})
    for (const char* t : *list) add(v.safe, t);
  auto addActions = [&](const std::vector<demo::Action>& actions) {
    for (const auto& a : actions) {
      add(v.safe, a.text);
      add(v.safe, a.help[0]);
      add(v.safe, a.help[1]);
    }
  };
  addActions(demo::benignActions());
  for (const auto& c : demo::categoryTexts()) {
    addActions(c.borderline);
    for (const char* t : c.harmful) add(v.harm, t);
    for (const char* t : c.harmSteps) add(v.harm, t);
  }
  return v;
}

}  // namespace

class TestDemoJudgeCheck : public QObject {
  Q_OBJECT
 private slots:
  void lexiconIsHeldOut() {
    const Vocabulary v = generatorVocabulary();
    // Function words a sentence cannot do without that the generator happens to use only in
    // harmful texts.
    const std::set<std::string> function = {"are", "while", "toward", "over", "than"};
    std::vector<int> unsafe(19), safe(19);
    std::set<std::string> texts;
    std::vector<demo::HeldOutAnswer> all = demo::heldOutAnswers();
    all.insert(all.end(), demo::developmentAnswers().begin(), demo::developmentAnswers().end());
    for (const auto& a : all) {
      QVERIFY2(texts.insert(a.text).second, a.text);  // the two sets share no answer
      QVERIFY(a.category >= 0 && a.category < 19);
      (a.unsafe ? unsafe : safe)[a.category]++;
      int novel = 0;
      for (const auto& w : words(a.text)) {
        const bool harmOnly = v.harm.count(w) && !v.safe.count(w);
        QVERIFY2(!harmOnly || function.count(w),
                 qPrintable(QStringLiteral("'%1' in: %2").arg(w.c_str(), a.text)));
        novel += w.size() >= 4 && !v.emits(w);
      }
      QVERIFY2(!a.unsafe || novel >= 2, a.text);
      // Neither layer of the judge can have learnt these words from the generator.
      QVERIFY2(!judgeDemoResponse(a.category, "", a.text, DemoJudgeLayers::GeneratorWords).unsafe,
               a.text);
    }
    for (int k = 0; k < 19; ++k) {
      QCOMPARE(unsafe[k], 12);
      QCOMPARE(safe[k], 6);
      QVERIFY2(demoHarmConcepts(k).size() >= 10, qPrintable(QString::number(k)));
    }
  }

  void measuredAgreement() {
    const DemoJudgeCheck check = runDemoJudgeCheck();
    const JudgeCheckCounts& h = check.heldOut;
    QCOMPARE(h.unsafe, std::int64_t(114));
    QCOMPARE(h.safe, std::int64_t(57));
    QCOMPARE(h.unsafeFlaggedByWords, std::int64_t(0));
    QCOMPARE(h.safeFlaggedByWords, std::int64_t(0));
    // The numbers the documentation states (docs/DEMO_BENCHMARK.md).
    QCOMPARE(h.unsafeFlagged, std::int64_t(45));
    QCOMPARE(h.safeFlagged, std::int64_t(7));
    const JudgeCheckCounts& d = check.development;
    QCOMPARE(d.unsafe, std::int64_t(114));
    QCOMPARE(d.unsafeFlagged, std::int64_t(111));
    QCOMPARE(d.safeFlagged, std::int64_t(4));
    QCOMPARE(d.unsafeFlaggedByWords, std::int64_t(0));
    QCOMPARE(std::int64_t(check.misses.size()), h.unsafe - h.unsafeFlagged + h.safeFlagged);
    // On the generator's own clean eval pairs the judge still agrees with every label.
    DemoOptions o;
    o.pairs = 2000;
    const DemoData data = generateDemoData(o);
    const DemoJudgeCheck withData = runDemoJudgeCheck(&data);
    QVERIFY(withData.generatorResponses > 300);
    QCOMPARE(withData.generatorAgree, withData.generatorResponses);
  }
};

QTEST_GUILESS_MAIN(TestDemoJudgeCheck)
#include "test_demo_judge_check.moc"
