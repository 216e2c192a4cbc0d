// SPDX-License-Identifier: MIT
// Which held-out prompts an evaluation answers: harmful prompts per category, benign and
// borderline prompts apart, each spread evenly over the categories (a list that puts every
// borderline prompt of categories 0-10 first must not fill the set with them).
#include <QtTest>
#include <algorithm>
#include <map>

#include "eval/prompt_selection.h"

using namespace catdpo;

namespace {

PromptItem item(PromptKind kind, int category, bool unsafe, const std::string& text) {
  PromptItem p;
  p.kind = kind;
  p.category = category;
  p.unsafe = unsafe;
  p.prompt = text;
  return p;
}

}  // namespace

class TestPromptSelection : public QObject {
  Q_OBJECT
 private slots:
  void classes() {
    QCOMPARE(promptClass(item(PromptKind::Harmful, 2, true, "h"), 4), PromptClass::Harmful);
    QCOMPARE(promptClass(item(PromptKind::Harmful, 9, true, "h"), 4), PromptClass::Unused);
    QCOMPARE(promptClass(item(PromptKind::Borderline, 1, false, "b"), 4), PromptClass::Borderline);
    QCOMPARE(promptClass(item(PromptKind::Benign, -1, false, "n"), 4), PromptClass::Benign);
    QCOMPARE(promptClass(item(PromptKind::Unknown, -1, false, "n"), 4), PromptClass::Benign);
  }

  void borderlineAndBenignAreSpreadOverCategories() {
    // The demo's order: 3 borderline prompts of each of 6 categories first, then 10 benign.
    std::vector<PromptItem> prompts;
    for (int k = 0; k < 6; ++k)
      for (int i = 0; i < 3; ++i)
        prompts.push_back(item(PromptKind::Borderline, k, false,
                               "b" + std::to_string(k) + "-" + std::to_string(i)));
    for (int i = 0; i < 10; ++i)
      prompts.push_back(item(PromptKind::Benign, -1, false, "n" + std::to_string(i)));
    for (int k = 0; k < 6; ++k)
      for (int i = 0; i < 5; ++i)
        prompts.push_back(
            item(PromptKind::Harmful, k, true, "h" + std::to_string(k) + "-" + std::to_string(i)));
    GenerationEvalOptions o;
    o.promptsPerCategory = 2;
    o.benignPrompts = 4;
    o.borderlinePrompts = 8;
    const std::vector<PromptItem> chosen = selectEvalPrompts(prompts, 6, o);
    std::map<int, int> harmful, borderline;
    int benign = 0;
    for (const PromptItem& p : chosen) {
      switch (promptClass(p, 6)) {
        case PromptClass::Harmful:
          ++harmful[p.category];
          break;
        case PromptClass::Borderline:
          ++borderline[p.category];
          break;
        case PromptClass::Benign:
          ++benign;
          break;
        default:
          QFAIL("an unusable prompt was chosen");
      }
    }
    QCOMPARE(benign, 4);  // truly benign, not borderline
    QCOMPARE(static_cast<int>(harmful.size()), 6);
    for (const auto& [k, n] : harmful) QCOMPARE(n, 2);
    // 8 borderline over 6 categories: every category once, then categories 0 and 1 again.
    QCOMPARE(static_cast<int>(borderline.size()), 6);
    QCOMPARE(borderline[0], 2);
    QCOMPARE(borderline[1], 2);
    for (int k = 2; k < 6; ++k) QCOMPARE(borderline[k], 1);
    // Within a category the list order holds, so curves compare like with like.
    QCOMPARE(chosen.front().prompt, std::string("h0-0"));
    const auto firstBorderline = std::find_if(chosen.begin(), chosen.end(), [](const auto& p) {
      return p.kind == PromptKind::Borderline;
    });
    QCOMPARE(firstBorderline->prompt, std::string("b0-0"));
  }

  void fewerPromptsThanAskedTakesAll() {
    std::vector<PromptItem> prompts{item(PromptKind::Borderline, 0, false, "b"),
                                    item(PromptKind::Benign, -1, false, "n")};
    GenerationEvalOptions o;
    o.benignPrompts = 30;
    o.borderlinePrompts = 30;
    QCOMPARE(selectEvalPrompts(prompts, 2, o).size(), std::size_t(2));
    o.benignPrompts = 0;
    o.borderlinePrompts = 0;
    QCOMPARE(selectEvalPrompts(prompts, 2, o).size(), std::size_t(0));
  }
};

QTEST_GUILESS_MAIN(TestPromptSelection)
#include "test_prompt_selection.moc"
