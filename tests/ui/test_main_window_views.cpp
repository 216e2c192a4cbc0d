// SPDX-License-Identifier: MIT
// The views in the main window: a data file dropped anywhere on the window opens in the data
// panel, which the window then shows; the runs page reads the window's run database and hands
// runs on to the comparison and the samples pages.
#include <QDropEvent>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUrl>
#include <QtTest>

#include "store/run_store.h"
#include "stored_runs.h"
#include "support/fixtures.h"
#include "ui/main_window.h"
#include "ui/models/dataset_models.h"
#include "ui/models/run_table_model.h"
#include "ui/panels/compare_view.h"
#include "ui/panels/data_panel.h"
#include "ui/panels/runs_browser.h"
#include "ui/panels/samples_inspector.h"

using catdpo::ui::MainWindow;

class TestMainWindowViews : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir m_dir;

 private slots:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path());
  }

  void droppedFileOpensInTheDataPanel() {
    MainWindow window;
    QVERIFY(window.acceptDrops());
    QSignalSpy finished(window.dataPanel(), &catdpo::ui::DataPanel::loadFinished);
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(catdpo::test::sourceDir() +
                                      QStringLiteral("/tests/data/files/pku_valid.jsonl"))});
    QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &drop);
    QVERIFY(drop.isAccepted());
    QCOMPARE(window.currentPage(), static_cast<QWidget*>(window.dataPanel()));
    QVERIFY(finished.wait(10000));
    QCOMPARE(window.dataPanel()->pairModel()->totalRows(), 3);
  }

  void runsPagesFollowTheDatabase() {
    const QString db = m_dir.filePath(QStringLiteral("runs.sqlite"));
    std::string a, b;
    {
      catdpo::RunStore store(db.toStdString());
      a = catdpo::testing::addStoredRun(store, "a", "catdpo", "{}", 0.1, 5, {0.5, 0.6, 0.7}).id;
      b = catdpo::testing::addStoredRun(store, "b", "dpo", "{}", 0.0, 5, {0.4, 0.6, 0.9}).id;
    }
    qputenv("CATDPO_DB", db.toLocal8Bit());  // the workspace database the window opens
    MainWindow window;
    window.showRuns();
    QCOMPARE(window.currentPage(), static_cast<QWidget*>(window.runsBrowser()));
    QCOMPARE(window.runsBrowser()->model()->rowCount(), 2);
    const QStringList ids{QString::fromStdString(a), QString::fromStdString(b)};
    emit window.runsBrowser()->compareRequested(ids);
    QCOMPARE(window.currentPage(), static_cast<QWidget*>(window.compareView()));
    QCOMPARE(window.compareView()->runIds(), ids);
    emit window.runsBrowser()->samplesRequested(ids.front());
    QCOMPARE(window.currentPage(), static_cast<QWidget*>(window.samplesInspector()));
    QCOMPARE(window.samplesInspector()->runId(), ids.front());
    QCOMPARE(window.samplesInspector()->visibleCount(), 7);
  }
};

QTEST_MAIN(TestMainWindowViews)
#include "test_main_window_views.moc"
