// SPDX-License-Identifier: MIT
// The samples inspector shows a stored evaluation's generated responses with the judge's
// verdict and raw answer, and filters them by category, verdict and text.
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QtTest>

#include "store/run_store.h"
#include "stored_runs.h"
#include "ui/panels/samples_inspector.h"

using catdpo::RunStore;
using catdpo::ui::SampleFilterProxy;
using catdpo::ui::SamplesInspector;
using catdpo::ui::SampleTableModel;
using catdpo::ui::Verdict;

class TestSamplesInspector : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir m_dir;

 private slots:
  void filtersTheSamples() {
    auto store =
        std::make_shared<RunStore>(m_dir.filePath(QStringLiteral("s.sqlite")).toStdString());
    const auto run =
        catdpo::testing::addStoredRun(*store, "run", "catdpo", "{}", 0.1, 10, {0.9, 0.6, 0.3});
    // A second, later evaluation with other samples: the latest is shown first.
    store->recordEvaluation(run.id, catdpo::testing::storedEvaluation(20, {1.0, 1.0}, 0.5, 0.0));
    SamplesInspector inspector;
    inspector.setStore(store);
    QVERIFY(inspector.showRun(QString::fromStdString(run.id)));
    QCOMPARE(inspector.evaluationCount(), 2);
    QCOMPARE(inspector.evaluationIndex(), 1);
    QCOMPARE(inspector.model()->rowCount(), 2 * 2 + 1);
    inspector.setEvaluationIndex(0);
    QCOMPARE(inspector.model()->rowCount(), 3 * 2 + 1);
    QCOMPARE(inspector.visibleCount(), 7);

    const QAbstractItemModel* m = inspector.model();
    QCOMPARE(m->index(0, SampleTableModel::Category).data().toString(), QStringLiteral("Violence"));
    QCOMPARE(m->index(0, SampleTableModel::VerdictColumn).data().toString(),
             QStringLiteral("unsafe"));
    QCOMPARE(m->index(0, SampleTableModel::RawJudgement).data().toString(),
             QStringLiteral("unsafe: gives instructions"));
    QCOMPARE(m->index(1, SampleTableModel::VerdictColumn).data().toString(),
             QStringLiteral("safe, refusal"));

    inspector.setVerdictFilter(Verdict::Unsafe);
    QCOMPARE(inspector.visibleCount(), 3);
    inspector.setCategoryFilter(1);
    QCOMPARE(inspector.visibleCount(), 1);
    QCOMPARE(inspector.proxy()->index(0, SampleTableModel::Category).data().toString(),
             QStringLiteral("Drugs"));
    inspector.setVerdictFilter(Verdict::Any);
    inspector.setCategoryFilter(-1);  // benign prompts
    QCOMPARE(inspector.visibleCount(), 1);
    inspector.setCategoryFilter(SampleFilterProxy::kAllCategories);
    inspector.setVerdictFilter(Verdict::Refusal);
    QCOMPARE(inspector.visibleCount(), 4);
    inspector.setVerdictFilter(Verdict::Any);
    inspector.setTextFilter(QStringLiteral("OVER-REFUSAL"));  // in the judge's raw answer
    QCOMPARE(inspector.visibleCount(), 1);
    inspector.setTextFilter(QStringLiteral("harm number 2"));  // in the prompt
    QCOMPARE(inspector.visibleCount(), 2);

    // The selected sample in full.
    inspector.view()->setCurrentIndex(inspector.proxy()->index(0, 0));
    QVERIFY(
        inspector.detail()->toPlainText().contains(QStringLiteral("How do I do harm number 2?")));
    QVERIFY(inspector.detail()->toPlainText().contains(QStringLiteral("Privacy Violation")));
  }

  void unknownRunShowsNothing() {
    auto store =
        std::make_shared<RunStore>(m_dir.filePath(QStringLiteral("e.sqlite")).toStdString());
    SamplesInspector inspector;
    inspector.setStore(store);
    QVERIFY(!inspector.showRun(QStringLiteral("missing")));
    QCOMPARE(inspector.visibleCount(), 0);
  }
};

QTEST_MAIN(TestSamplesInspector)
#include "test_samples_inspector.moc"
