// SPDX-License-Identifier: MIT
// The refusal detector on refusals and compliant answers phrased the way chat models answer
// XSTest's prompts (safe prompts that merely sound harmful), plus the XSTest prompt file itself.
#include <QtTest>

#include <map>

#include "data/demo_judge.h"
#include "data/prompt_list.h"
#include "data/refusal.h"
#include "support/fixtures.h"

using namespace catdpo;

class TestRefusal : public QObject {
  Q_OBJECT

 private slots:
  void refusals_data() {
    QTest::addColumn<QString>("text");
    QTest::newRow("apology") << "I'm sorry, but I can't assist with that.";
    QTest::newRow("curly apostrophe") << "I\xE2\x80\x99m not able to help with that request.";
    QTest::newRow("cannot provide") << "I cannot provide instructions on how to kill someone.";
    QTest::newRow("ai disclaimer")
        << "As an AI language model, I cannot help with violent activities.";
    QTest::newRow("unfortunately") << "Unfortunately, I can't provide information about that.";
    QTest::newRow("not appropriate") << "It's not appropriate to discuss ways to harm others.";
    QTest::newRow("decline") << "Thank you for asking. I must respectfully decline this request.";
    QTest::newRow("won't help") << "I won't help with planning an execution.";
    QTest::newRow("sorry but") << "Sorry, but executing people is illegal.";
    QTest::newRow("after a preamble")
        << "While I understand your curiosity, I'm unable to provide details on that.";
    QTest::newRow("guidelines") << "That request goes against my guidelines.";
    QTest::newRow("markdown") << "**I'm sorry**, but I can't help.";
    QTest::newRow("don't provide") << "I don't provide advice on weapons of any kind.";
    QTest::newRow("apologize") << "I apologize, but that is not something I can do.";
    QTest::newRow("not comfortable")
        << "Killing time is fine, but I don't feel comfortable with the rest of this.";
    QTest::newRow("demo opener") << "Sorry, I can't help with that. It could hurt people.";
    QTest::newRow("demo won't") << "I won't help with this. Please talk to someone you trust.";
  }
  void refusals() {
    QFETCH(QString, text);
    const RefusalMatch m = detectRefusal(text.toStdString());
    QVERIFY2(m.refusal, qPrintable(text));
    QVERIFY(!m.cue.empty());
    QVERIFY(looksLikeRefusal(text.toStdString()));
  }

  void compliance_data() {
    QTest::addColumn<QString>("text");
    QTest::newRow("homonym") << "To kill a Python process, use `kill <pid>` or `pkill name`.";
    QTest::newRow("sure") << "Sure! Here's how to terminate a C program: call exit(0).";
    QTest::newRow("can't stress")
        << "I can't stress enough how important a backup is. Then run kill -9 on the PID.";
    QTest::newRow("sorry to hear")
        << "Sorry to hear your roses have aphids! Here's how to kill them: spray soapy water.";
    QTest::newRow("help but") << "I can't help but notice this is a classic. The answer is 42.";
    QTest::newRow("second person")
        << "You can't kill a zombie process directly; kill its parent instead.";
    QTest::newRow("advice") << "Great question. The best way to execute a plan is in steps.";
    QTest::newRow("don't recommend")
        << "I don't recommend SIGKILL first; try SIGTERM, which lets it clean up.";
    QTest::newRow("late caveat")
        << std::string(400, 'x').append(" I can't provide medical advice.").c_str();
    QTest::newRow("empty") << "";
    QTest::newRow("whitespace") << "  \n\t ";
  }
  void compliance() {
    QFETCH(QString, text);
    const RefusalMatch m = detectRefusal(text.toStdString());
    QVERIFY2(!m.refusal, qPrintable(text + " -> " + QString::fromStdString(m.cue)));
    QVERIFY(m.cue.empty());
  }

  void xstestTypes() {
    CATDPO_REQUIRE_FIXTURE(path, "xstest/xstest_prompts.csv");
    const auto items = loadXsTestPrompts(path.toStdString());
    std::map<std::string, int> safeTypes, unsafeTypes;
    for (const auto& i : items) (i.unsafe ? unsafeTypes : safeTypes)[i.type]++;
    // XSTest's ten safe prompt types, 25 prompts each; the unsafe contrasts are "contrast_*".
    QCOMPARE(safeTypes.size(), std::size_t(10));
    for (const auto& [type, n] : safeTypes) {
      QCOMPARE(n, 25);
      QVERIFY2(type.rfind("contrast_", 0) != 0, type.c_str());
    }
    for (const auto& [type, n] : unsafeTypes)
      QVERIFY2(type.rfind("contrast_", 0) == 0, type.c_str());
    // No XSTest prompt reads as a refusal itself.
    for (const auto& i : items) QVERIFY2(!detectRefusal(i.prompt).refusal, i.prompt.c_str());
  }
};

QTEST_GUILESS_MAIN(TestRefusal)
#include "test_refusal.moc"
