// SPDX-License-Identifier: MIT
// The runs browser over a temporary run database filled through the RunStore API: it lists
// every run with status, method, progress, settings and the latest evaluation's summary; it
// filters and sorts; rename, tags, notes and delete go to the store; and a run that another
// connection (as a CLI process would) adds or advances appears at the next poll.
#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include "store/run_store.h"
#include "stored_runs.h"
#include "ui/models/run_table_model.h"
#include "ui/panels/runs_browser.h"

using catdpo::RunStore;
using catdpo::ui::RunsBrowser;
using catdpo::ui::RunTableModel;

namespace {
QString cell(const RunsBrowser& browser, const QString& runId, int column) {
  const int row = browser.model()->rowOf(runId);
  return row < 0 ? QString() : browser.model()->index(row, column).data().toString();
}
}  // namespace

class TestRunsBrowser : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir m_dir;
  std::string dbPath(const char* name) { return m_dir.filePath(name).toStdString(); }

 private slots:
  void listsTheRuns() {
    auto store = std::make_shared<RunStore>(dbPath("list.sqlite"));
    const auto a = catdpo::testing::addStoredRun(
        *store, "cat-a", "catdpo",
        R"({"method":"catdpo","beta":0.1,"learning_rate":5e-06,"steps":40,"catdpo":{"eta":0.5}})",
        0.1, 40, {0.9, 0.6, 0.3});
    const auto b = catdpo::testing::addStoredRun(
        *store, "dpo-b", "dpo", R"({"method":"dpo","beta":0.2})", 0.0, 20, {0.5, 0.5, 0.8});
    RunsBrowser browser;
    browser.setStore(store);
    QCOMPARE(browser.model()->rowCount(), 2);
    const QString ida = QString::fromStdString(a.id), idb = QString::fromStdString(b.id);
    QCOMPARE(cell(browser, ida, RunTableModel::Name), QStringLiteral("cat-a"));
    QCOMPARE(cell(browser, ida, RunTableModel::Status), QStringLiteral("finished"));
    QCOMPARE(cell(browser, ida, RunTableModel::Method), QStringLiteral("catdpo"));
    QCOMPARE(cell(browser, ida, RunTableModel::Progress), QStringLiteral("40 / 40"));
    const QString settings = cell(browser, ida, RunTableModel::Settings);
    QVERIFY2(
        settings.contains(QStringLiteral("β 0.1")) && settings.contains(QStringLiteral("η 0.5")),
        qPrintable(settings));
    // Safe ratios 0.9, 0.6, 0.3: Macro 60 %, Worst-3 60 % (K = 3), Gap 60 pp, Variance 60.
    QCOMPARE(cell(browser, ida, RunTableModel::Macro), QStringLiteral("60.0"));
    QCOMPARE(cell(browser, ida, RunTableModel::Gap), QStringLiteral("60.0"));
    QCOMPARE(cell(browser, ida, RunTableModel::Variance), QStringLiteral("60.00"));
    QCOMPARE(cell(browser, idb, RunTableModel::Macro), QStringLiteral("60.0"));
    QCOMPARE(cell(browser, idb, RunTableModel::Gap), QStringLiteral("30.0"));

    // Sorting by Gap puts b (30) before a (60).
    browser.view()->sortByColumn(RunTableModel::Gap, Qt::AscendingOrder);
    QCOMPARE(browser.proxy()->index(0, 0).data(RunTableModel::kRunIdRole).toString(), idb);
    browser.view()->sortByColumn(RunTableModel::Gap, Qt::DescendingOrder);
    QCOMPARE(browser.proxy()->index(0, 0).data(RunTableModel::kRunIdRole).toString(), ida);

    // Filters go to the store's query.
    browser.methodFilter()->setCurrentIndex(
        browser.methodFilter()->findText(QStringLiteral("dpo")));
    QCOMPARE(browser.model()->rowCount(), 1);
    QCOMPARE(browser.model()->rowAt(0)->run.id, b.id);
    browser.methodFilter()->setCurrentIndex(0);
    browser.filterEdit()->setText(QStringLiteral("CAT-"));
    QTRY_COMPARE(browser.model()->rowCount(), 1);
    QCOMPARE(browser.model()->rowAt(0)->run.id, a.id);
    browser.filterEdit()->clear();
    QTRY_COMPARE(browser.model()->rowCount(), 2);
  }

  void editsReachTheStore() {
    auto store = std::make_shared<RunStore>(dbPath("edit.sqlite"));
    const auto a =
        catdpo::testing::addStoredRun(*store, "first", "catdpo", "{}", 0.1, 5, {0.5, 0.5, 0.5});
    const auto b =
        catdpo::testing::addStoredRun(*store, "second", "dpo", "{}", 0.1, 5, {0.5, 0.5, 0.5});
    RunsBrowser browser;
    browser.setStore(store);
    const QString id = QString::fromStdString(a.id);
    QVERIFY(browser.renameRun(id, QStringLiteral("  renamed  ")));
    QCOMPARE(store->run(a.id)->name, std::string("renamed"));
    QCOMPARE(cell(browser, id, RunTableModel::Name), QStringLiteral("renamed"));
    QVERIFY(browser.setRunTags(
        id, {QStringLiteral("baseline"), QStringLiteral(" k19 "), QStringLiteral("")}));
    QCOMPARE(store->run(a.id)->tags, (std::vector<std::string>{"baseline", "k19"}));
    QCOMPARE(cell(browser, id, RunTableModel::Tags), QStringLiteral("baseline, k19"));
    QVERIFY(browser.setRunNotes(id, QStringLiteral("lr too high?")));
    QCOMPARE(store->run(a.id)->notes, std::string("lr too high?"));

    // Selection and the signals that carry it.
    browser.selectRun(id);
    QCOMPARE(browser.selectedRunIds(), QStringList{id});
    QSignalSpy activated(&browser, &RunsBrowser::runActivated);
    const QModelIndex shown =
        browser.proxy()->mapFromSource(browser.model()->index(browser.model()->rowOf(id), 0));
    emit browser.view()->doubleClicked(shown);
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).toString(), id);
    browser.view()->selectAll();
    QCOMPARE(browser.selectedRunIds().size(), 2);

    // A live run cannot be deleted; a finished one can, with all it owns.
    store->setStatus(b.id, catdpo::RunStatus::Running);
    QSignalSpy errors(&browser, &RunsBrowser::errorOccurred);
    QVERIFY(!browser.deleteRun(QString::fromStdString(b.id), /*confirm=*/false));
    QCOMPARE(errors.count(), 1);
    QVERIFY(store->run(b.id));
    QVERIFY(browser.deleteRun(id, /*confirm=*/false));
    QVERIFY(!store->run(a.id));
    QVERIFY(store->evaluations(a.id).empty());
    QCOMPARE(browser.model()->rowCount(), 1);
  }

  void updatesWhenAnotherConnectionWrites() {
    const std::string path = dbPath("live.sqlite");
    auto store = std::make_shared<RunStore>(path);
    catdpo::testing::addStoredRun(*store, "existing", "dpo", "{}", 0.1, 3, {0.5, 0.5, 0.5});
    RunsBrowser browser;
    browser.setStore(store);
    QVERIFY(browser.pollTimer()->isActive());
    QCOMPARE(browser.pollTimer()->interval(), RunsBrowser::kPollIntervalMs);
    QCOMPARE(browser.model()->rowCount(), 1);

    QSignalSpy changed(&browser, &RunsBrowser::runsChanged);
    browser.poll();  // nothing new: no reload
    QCOMPARE(changed.count(), 0);

    // Another connection, as a CLI training into the same file would have.
    RunStore writer(path);
    catdpo::NewRun spec;
    spec.name = "from the cli";
    spec.method = "catdpo";
    const auto run = writer.createRun(spec);
    writer.claimRun(run.id);
    writer.recordStep(run.id, catdpo::testing::storedStep(0.1, 1, 50));
    const QString id = QString::fromStdString(run.id);
    browser.selectRun(QString::fromStdString(store->listRuns().back().id));
    QTRY_COMPARE_WITH_TIMEOUT(browser.model()->rowCount(), 2, 5000);  // the timer polls
    QCOMPARE(cell(browser, id, RunTableModel::Status), QStringLiteral("running"));
    QCOMPARE(cell(browser, id, RunTableModel::Progress), QStringLiteral("1 / 50"));
    const QStringList selectedBefore = browser.selectedRunIds();

    writer.recordStep(run.id, catdpo::testing::storedStep(0.1, 2, 50));
    QTRY_COMPARE_WITH_TIMEOUT(cell(browser, id, RunTableModel::Progress), QStringLiteral("2 / 50"),
                              5000);
    QCOMPARE(browser.selectedRunIds(), selectedBefore);  // a live update keeps the selection
  }
};

QTEST_MAIN(TestRunsBrowser)
#include "test_runs_browser.moc"
