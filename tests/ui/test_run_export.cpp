// SPDX-License-Identifier: MIT
// Exports of a stored run: metrics as CSV files that parse back to the stored values, a PDF
// report (checked by its magic bytes, trailer and page count, and by the report's text), and
// the final model folder copied next to nothing else.
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>
#include <fstream>

#include "store/run_store.h"
#include "stored_runs.h"
#include "ui/panels/run_export.h"

using catdpo::RunStore;

namespace {
QByteArray readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeFile(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path) << text;
}
}  // namespace

class TestRunExport : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir m_dir;
  std::shared_ptr<RunStore> m_store;
  catdpo::RunRecord m_run;

 private slots:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    m_store = std::make_shared<RunStore>(m_dir.filePath(QStringLiteral("x.sqlite")).toStdString());
    m_run = catdpo::testing::addStoredRun(*m_store, "report run", "catdpo",
                                          R"({"method":"catdpo","beta":0.1})", 0.1, 12,
                                          {0.9, 0.6, 0.3});
  }

  void csvHoldsTheStoredSteps() {
    const QString folder = m_dir.filePath(QStringLiteral("csv"));
    QString error;
    const QStringList files =
        catdpo::ui::exportMetricsCsv(*m_store, QString::fromStdString(m_run.id), folder, &error);
    QVERIFY2(!files.isEmpty(), qPrintable(error));
    const QString steps = QDir(folder).filePath(QStringLiteral("step_metrics.csv"));
    QVERIFY(files.contains(steps) || QFileInfo::exists(steps));
    const QStringList lines =
        QString::fromUtf8(readAll(steps)).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1 + 12);  // header and one row per step
    const QStringList header = lines.front().split(QLatin1Char(','));
    const int stepColumn = header.indexOf(QStringLiteral("step"));
    const int lossColumn = header.indexOf(QStringLiteral("loss"));
    QVERIFY(stepColumn >= 0 && lossColumn >= 0);
    for (int i = 1; i < lines.size(); ++i) {
      const QStringList cells = lines[i].split(QLatin1Char(','));
      QCOMPARE(cells.size(), header.size());
      const int step = cells[stepColumn].toInt();
      QCOMPARE(cells[lossColumn].toDouble(), 0.7 - 0.001 * step);
    }
    const QString perCategory = QDir(folder).filePath(QStringLiteral("category_step_metrics.csv"));
    QCOMPARE(QString::fromUtf8(readAll(perCategory))
                 .split(QStringLiteral("\r\n"), Qt::SkipEmptyParts)
                 .size(),
             1 + 12 * 3);
  }

  void pdfReport() {
    const QString html = catdpo::ui::runReportHtml(*m_store, QString::fromStdString(m_run.id));
    QVERIFY(html.contains(QStringLiteral("report run")));
    QVERIFY(html.contains(QStringLiteral("Privacy Violation")));
    QVERIFY(html.contains(QStringLiteral("60.0")));  // Macro of 0.9, 0.6, 0.3

    const QString path = m_dir.filePath(QStringLiteral("report.pdf"));
    QString error;
    QVERIFY2(catdpo::ui::exportRunReport(*m_store, QString::fromStdString(m_run.id), path, &error),
             qPrintable(error));
    const QByteArray pdf = readAll(path);
    QVERIFY(pdf.startsWith("%PDF-"));
    QVERIFY(pdf.trimmed().endsWith("%%EOF"));
    // Text pages first, then the four plots two to a page.
    int count = 0;
    auto it = QRegularExpression(QStringLiteral("/Type\\s*/Page[^s]"))
                  .globalMatch(QString::fromLatin1(pdf));
    while (it.hasNext()) {
      it.next();
      ++count;
    }
    QVERIFY2(count >= 3, qPrintable(QString::number(count)));

    QVERIFY(!catdpo::ui::exportRunReport(*m_store, QStringLiteral("missing"), path, &error));
    QVERIFY(error.contains(QStringLiteral("missing")));
  }

  void finalModelIsCopied() {
    QString error;
    const QString id = QString::fromStdString(m_run.id);
    QVERIFY(catdpo::ui::finalModelFolder(*m_store, id).isEmpty());
    QVERIFY(catdpo::ui::exportFinalModel(*m_store, id, m_dir.path(), &error).isEmpty());
    QVERIFY(error.contains(id));

    // The engine writes <out>/checkpoints/step-N and, when finished, <out>/final.
    const std::filesystem::path out = m_dir.filePath(QStringLiteral("out")).toStdString();
    writeFile(out / "checkpoints" / "step-12" / "trainer_state.json", "{}");
    writeFile(out / "final" / "config.json", R"({"model_type":"gpt2"})");
    writeFile(out / "final" / "model.safetensors", "weights");
    m_store->recordCheckpoint({m_run.id, 12, (out / "checkpoints" / "step-12").string(), "", ""});
    QCOMPARE(catdpo::ui::finalModelFolder(*m_store, id),
             QString::fromStdString((out / "final").string()));

    const QString destination = m_dir.filePath(QStringLiteral("exported"));
    const QString copy = catdpo::ui::exportFinalModel(*m_store, id, destination, &error);
    QVERIFY2(!copy.isEmpty(), qPrintable(error));
    QCOMPARE(QFileInfo(copy).fileName(), QStringLiteral("report_run"));
    QCOMPARE(readAll(QDir(copy).filePath(QStringLiteral("config.json"))),
             QByteArray(R"({"model_type":"gpt2"})"));
    QCOMPARE(readAll(QDir(copy).filePath(QStringLiteral("model.safetensors"))),
             QByteArray("weights"));
    QCOMPARE(QDir(destination).entryList(QDir::NoDotAndDotDot | QDir::AllEntries),
             QStringList{QStringLiteral("report_run")});
    // A second export does not overwrite the first.
    QVERIFY(catdpo::ui::exportFinalModel(*m_store, id, destination, &error).isEmpty());
    QVERIFY(error.contains(QStringLiteral("already exists")));
  }
};

QTEST_MAIN(TestRunExport)
#include "test_run_export.moc"
