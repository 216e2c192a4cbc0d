// SPDX-License-Identifier: MIT
// The data panel: a file dropped on the window is read in the background and fills the panel
// (format, counts, per-category bars, pairs, problems); a real PKU-SafeRLHF excerpt gives the
// per-category counts worked out by hand from its labels; a bad file names the line; a file
// that cannot be read at all shows an error and leaves the app running; the pair table hands
// out rows in batches; "Build base model" builds a model for the shown file in the background,
// can be cancelled, shows why it failed, and hands the model to training.
#include <qcustomplot.h>
#include <QCheckBox>
#include <QDropEvent>
#include <QFile>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QUrl>
#include <QtTest>
#include <map>

#include "data/demo_generator.h"
#include "support/fixtures.h"
#include "ui/models/dataset_models.h"
#include "ui/panels/base_model_builder.h"
#include "ui/panels/data_panel.h"
#include "ui/plots/dataset_category_chart.h"

using catdpo::ui::DataPanel;
using catdpo::ui::PairTableModel;
using catdpo::ui::ProblemTableModel;

namespace {
QString dataFile(const char* name) {
  return catdpo::test::sourceDir() + QStringLiteral("/tests/data/files/") + QLatin1String(name);
}

// Sends a drag-enter and a drop of `path` to `target`; returns whether both were accepted.
bool dropFile(QWidget* target, const QString& path) {
  QMimeData mime;
  mime.setUrls({QUrl::fromLocalFile(path)});
  QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
  QApplication::sendEvent(target, &enter);
  if (!enter.isAccepted()) return false;
  QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
  QApplication::sendEvent(target, &drop);
  return drop.isAccepted();
}

std::map<QString, std::pair<double, double>> chartCounts(const DataPanel& panel,
                                                         const catdpo::Dataset& d) {
  std::map<QString, std::pair<double, double>> out;
  const auto* total = panel.categoryChart()->totalBars()->data().data();
  const auto* contrastive = panel.categoryChart()->contrastiveBars()->data().data();
  for (int i = 0; i < total->size(); ++i) {
    const QString name = QString::fromStdString(d.taxonomy.name(i));
    out[name] = {total->at(i)->value, contrastive->at(i)->value};
  }
  return out;
}
}  // namespace

class TestDataPanel : public QObject {
  Q_OBJECT
 private slots:
  void dropOnTheWindowFillsThePanel() {
    QWidget window;
    auto* panel = new DataPanel(&window);
    panel->acceptDropsOn(&window);
    QVERIFY(window.acceptDrops());
    QSignalSpy finished(panel, &DataPanel::loadFinished);
    QSignalSpy chosen(panel, &DataPanel::datasetChosen);
    QSignalSpy dropped(panel, &DataPanel::fileDropped);
    const QString path = dataFile("pku_valid.jsonl");
    QVERIFY(dropFile(&window, path));
    QCOMPARE(dropped.count(), 1);
    QVERIFY(finished.wait(10000));
    QVERIFY(!panel->isLoading());
    QCOMPARE(chosen.count(), 0);  // loading shows the file; the user chooses it
    QVERIFY(panel->useButton()->isEnabled());
    panel->useButton()->click();
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(chosen.at(0).at(0).toString(), QFileInfo(path).absoluteFilePath());
    QVERIFY2(panel->statusText().contains(QStringLiteral("pku-saferlhf")),
             qPrintable(panel->statusText()));
    QVERIFY(panel->errorText().isEmpty());
    // Three rows, each a one-unsafe pair flagged "Drugs" on its unsafe response.
    QCOMPARE(panel->pairModel()->totalRows(), 3);
    QCOMPARE(panel->pairModel()->rowCount(), 3);
    QCOMPARE(panel->problemModel()->totalRows(), 0);
    const auto counts = chartCounts(*panel, *panel->dataset());
    QCOMPARE(counts.at(QStringLiteral("Drugs")), std::make_pair(3.0, 3.0));
    QCOMPARE(counts.at(QStringLiteral("Violence")), std::make_pair(0.0, 0.0));
    const QAbstractItemModel* pairs = panel->pairModel();
    QCOMPARE(pairs->index(0, PairTableModel::Line).data().toLongLong(), 1LL);
    QCOMPARE(pairs->index(1, PairTableModel::Categories).data().toString(),
             QStringLiteral("Drugs"));
    QVERIFY(pairs->index(0, PairTableModel::Safety)
                .data()
                .toString()
                .contains(QStringLiteral("unsafe")));
    QVERIFY(pairs->index(0, PairTableModel::Prompt)
                .data()
                .toString()
                .contains(QStringLiteral("thing number 1")));
  }

  void dropOnThePanelItself() {
    DataPanel panel;
    QSignalSpy finished(&panel, &DataPanel::loadFinished);
    QVERIFY(dropFile(&panel, dataFile("pku_valid.jsonl")));
    QVERIFY(finished.wait(10000));
    QCOMPARE(panel.pairModel()->totalRows(), 3);
    // A drag without a local file is refused.
    QMimeData text;
    text.setText(QStringLiteral("not a file"));
    QDragEnterEvent enter(QPoint(1, 1), Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&panel, &enter);
    QVERIFY(!enter.isAccepted());
  }

  void realPkuExcerpt() {
    CATDPO_REQUIRE_FIXTURE(path, QStringLiteral("pku_saferlhf/alpaca7b_test_first10.jsonl"));
    DataPanel panel;
    QSignalSpy finished(&panel, &DataPanel::loadFinished);
    panel.openFile(path);
    QVERIFY(finished.wait(10000));
    QCOMPARE(panel.pairModel()->totalRows(), 10);
    QCOMPARE(panel.problemModel()->totalRows(), 0);
    QVERIFY(panel.statusText().contains(QStringLiteral("pku-saferlhf")));
    // By hand from the file: C(x) is the union of the categories flagged on unsafe responses;
    // rows 4 and 8 are the only one-unsafe (safety-contrastive) pairs.
    const auto counts = chartCounts(panel, *panel.dataset());
    QCOMPARE(counts.size(), size_t(19));
    const std::map<QString, std::pair<double, double>> expected{
        {QStringLiteral("Cybercrime"), {3, 0}},
        {QStringLiteral("Privacy Violation"), {3, 1}},
        {QStringLiteral("Endangering National Security"), {2, 1}},
        {QStringLiteral("Economic Crime"), {2, 1}},
        {QStringLiteral("Violence"), {1, 1}},
        {QStringLiteral("White-Collar Crime"), {1, 1}},
        {QStringLiteral("Animal Abuse"), {1, 0}},
        {QStringLiteral("Mental Manipulation"), {1, 0}},
        {QStringLiteral("Psychological Harm"), {1, 0}},
        {QStringLiteral("Drugs"), {1, 0}},
        {QStringLiteral("Sexual Content"), {0, 0}},
    };
    for (const auto& [name, value] : expected) QCOMPARE(counts.at(name), value);
    QVERIFY2(panel.detailsText().contains(QStringLiteral("2 one unsafe")),
             qPrintable(panel.detailsText()));
  }

  void badLineIsNamed() {
    DataPanel panel;
    QSignalSpy finished(&panel, &DataPanel::loadFinished);
    panel.openFile(dataFile("bad_json.jsonl"));
    QVERIFY(finished.wait(10000));
    QCOMPARE(panel.pairModel()->totalRows(), 2);  // the valid rows are kept
    QCOMPARE(panel.problemModel()->totalRows(), 1);
    const QAbstractItemModel* problems = panel.problemModel();
    QCOMPARE(problems->index(0, ProblemTableModel::Line).data().toLongLong(), 2LL);
    QCOMPARE(problems->index(0, ProblemTableModel::File).data().toString(),
             QStringLiteral("bad_json.jsonl"));
    QVERIFY(problems->index(0, ProblemTableModel::Message)
                .data()
                .toString()
                .contains(QStringLiteral("malformed JSON")));
    const QString error = panel.errorText();
    QVERIFY2(error.contains(QStringLiteral("bad_json.jsonl:2")), qPrintable(error));
    QVERIFY(panel.tabs()->tabText(2).contains(QStringLiteral("1")));
  }

  void unreadableFileShowsTheError() {
    QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("missing.jsonl"));
    DataPanel panel;
    QSignalSpy failed(&panel, &DataPanel::loadFailed);
    QSignalSpy chosen(&panel, &DataPanel::datasetChosen);
    panel.openFile(missing);
    QVERIFY(failed.wait(10000));
    QVERIFY2(panel.errorText().contains(QStringLiteral("missing.jsonl")),
             qPrintable(panel.errorText()));
    QCOMPARE(panel.pairModel()->totalRows(), 0);
    QVERIFY(!panel.useButton()->isEnabled());
    panel.chooseCurrent();
    QCOMPARE(chosen.count(), 0);

    panel.openFile(dataFile("empty.jsonl"));
    QVERIFY(failed.wait(10000));
    QVERIFY2(panel.errorText().contains(QStringLiteral("empty.jsonl")),
             qPrintable(panel.errorText()));
    // The panel still works afterwards.
    QSignalSpy finished(&panel, &DataPanel::loadFinished);
    panel.openFile(dataFile("pku_valid.jsonl"));
    QVERIFY(finished.wait(10000));
    QVERIFY(panel.errorText().isEmpty());
  }

  void newerFileWins() {
    DataPanel panel;
    QSignalSpy finished(&panel, &DataPanel::loadFinished);
    panel.openFile(dataFile("bad_json.jsonl"));
    panel.openFile(dataFile("pku_valid.jsonl"));
    QVERIFY(finished.wait(10000));
    QTest::qWait(200);  // the first load may end later; it must not replace the second
    QCOMPARE(finished.count(), 1);
    QVERIFY(panel.currentPath().endsWith(QStringLiteral("pku_valid.jsonl")));
    QCOMPARE(panel.problemModel()->totalRows(), 0);
  }

  void pairTableFetchesInBatches() {
    std::vector<catdpo::PreferencePair> pairs(1200);
    for (size_t i = 0; i < pairs.size(); ++i) {
      pairs[i].prompt = "prompt " + std::to_string(i);
      pairs[i].response[0] = "a";
      pairs[i].response[1] = "b";
      pairs[i].sourceLine = std::int64_t(i) + 1;
    }
    auto d = std::make_shared<const catdpo::Dataset>(catdpo::makeDataset(
        std::move(pairs), catdpo::CategoryTaxonomy({"Violence"}), catdpo::DataFormat::Dpo));
    PairTableModel model;
    model.setDataset(d);
    QCOMPARE(model.totalRows(), 1200);
    QCOMPARE(model.rowCount(), catdpo::ui::kModelFetchBatch);
    QVERIFY(model.canFetchMore({}));
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 1000);
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 1200);
    QVERIFY(!model.canFetchMore({}));
    QCOMPARE(model.index(1199, PairTableModel::Prompt).data().toString(),
             QStringLiteral("prompt 1199"));
    QCOMPARE(model.index(5, PairTableModel::Order).data().toString(),
             QStringLiteral("helpfulness only"));
  }

  void buildsABaseModelInTheBackground() {
    DataPanel panel;
    catdpo::ui::BaseModelBuilder* builder = panel.baseModelBuilder();
    QVERIFY(!builder->buildButton()->isEnabled());  // nothing loaded yet
    QSignalSpy finished(&panel, &DataPanel::loadFinished);
    panel.openFile(dataFile("pku_valid.jsonl"));
    QVERIFY(finished.wait(10000));
    QVERIFY(builder->buildButton()->isEnabled());
    QVERIFY(builder->suggestedFolder().endsWith(QStringLiteral("pku_valid-base-model")));

    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("base"));
    builder->quickBox()->setChecked(true);
    QSignalSpy built(builder, &catdpo::ui::BaseModelBuilder::finished);
    QSignalSpy failed(builder, &catdpo::ui::BaseModelBuilder::failed);
    QSignalSpy chosen(&panel, &DataPanel::baseModelChosen);
    QVERIFY(builder->start(out));
    QVERIFY(builder->isRunning());
    QVERIFY(!builder->buildButton()->isEnabled());
    QVERIFY(!builder->start(out));  // one build at a time
    QVERIFY(builder->progressBar()->isVisibleTo(builder));
    QVERIFY(built.wait(300000));
    QCOMPARE(failed.count(), 0);
    QVERIFY(!builder->isRunning());
    QVERIFY(QFile::exists(out + QStringLiteral("/config.json")));
    QVERIFY(QFile::exists(out + QStringLiteral("/model.safetensors")));
    QVERIFY2(builder->statusText().contains(QStringLiteral("Base model written")),
             qPrintable(builder->statusText()));
    QVERIFY2(builder->statusText().contains(QStringLiteral("only")),  // three rows are few
             qPrintable(builder->statusText()));
    QVERIFY(builder->useButton()->isVisibleTo(builder));
    builder->useButton()->click();
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(chosen.at(0).at(0).toString(), out);
    QVERIFY(chosen.at(0).at(1).toString().endsWith(QStringLiteral("pku_valid.jsonl")));

    // A folder with other files in it is refused, and the reason is shown.
    QFile note(dir.filePath(QStringLiteral("note.txt")));
    QVERIFY(note.open(QIODevice::WriteOnly));
    note.write("keep");
    note.close();
    QVERIFY(builder->start(dir.path()));
    QCOMPARE(failed.count(), 1);
    QVERIFY2(builder->errorText().contains(QStringLiteral("--out")) ||
                 builder->errorText().contains(QStringLiteral("not empty")),
             qPrintable(builder->errorText()));
    QVERIFY(QFile::exists(dir.filePath(QStringLiteral("note.txt"))));
  }

  void cancelsABuild() {
    QTemporaryDir dir;
    catdpo::DemoOptions o;
    o.pairs = 3000;
    catdpo::writeDemoData(catdpo::generateDemoData(o), dir.path().toStdString());
    DataPanel panel;
    QSignalSpy finished(&panel, &DataPanel::loadFinished);
    panel.openFile(dir.filePath(QStringLiteral("train.jsonl")));
    QVERIFY(finished.wait(30000));
    catdpo::ui::BaseModelBuilder* builder = panel.baseModelBuilder();
    QSignalSpy failed(builder, &catdpo::ui::BaseModelBuilder::failed);
    QSignalSpy built(builder, &catdpo::ui::BaseModelBuilder::finished);
    const QString out = dir.filePath(QStringLiteral("model"));
    QVERIFY(builder->start(out));
    builder->cancel();
    QVERIFY(failed.wait(120000));
    QCOMPARE(built.count(), 0);
    QVERIFY2(failed.at(0).at(0).toString().contains(QStringLiteral("ancel")),
             qPrintable(failed.at(0).at(0).toString()));
    QVERIFY(!QFile::exists(out));
    QVERIFY(builder->buildButton()->isEnabled());  // ready for the next try
    // Closing the panel while a build runs cancels it; nothing touches the dead widget.
    {
      DataPanel doomed;
      QSignalSpy loaded(&doomed, &DataPanel::loadFinished);
      doomed.openFile(dir.filePath(QStringLiteral("train.jsonl")));
      QVERIFY(loaded.wait(30000));
      QVERIFY(doomed.baseModelBuilder()->start(dir.filePath(QStringLiteral("model2"))));
    }
    QThreadPool::globalInstance()->waitForDone(120000);
    QCoreApplication::processEvents();
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("model2/config.json"))));
  }
};

QTEST_MAIN(TestDataPanel)
#include "test_data_panel.moc"
