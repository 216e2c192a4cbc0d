// SPDX-License-Identifier: MIT
#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>
#include <fstream>

#include "common/error.h"
#include "common/paths.h"

class TestPaths : public QObject {
  Q_OBJECT
 private slots:
  void dataDirFollowsEnvironment() {
    qputenv("CATDPO_HOME", "/tmp/catdpo-home-test");
    QCOMPARE(QString::fromStdString(catdpo::userDataDir().string()),
             QStringLiteral("/tmp/catdpo-home-test"));
    QCOMPARE(QString::fromStdString(catdpo::defaultDatabasePath().string()),
             QStringLiteral("/tmp/catdpo-home-test/workspace.sqlite"));
    qunsetenv("CATDPO_HOME");
    qputenv("XDG_DATA_HOME", "/tmp/xdg");
    QCOMPARE(QString::fromStdString(catdpo::userDataDir().string()),
             QStringLiteral("/tmp/xdg/catdpo-studio"));
  }

  void atomicWriteReplacesWholeFile() {
    QTemporaryDir dir;
    const std::filesystem::path target = dir.filePath(QStringLiteral("sub/a.json")).toStdString();
    catdpo::writeFileAtomically(target, "first version");
    catdpo::writeFileAtomically(target, "second");
    std::ifstream in(target);
    std::string s((std::istreambuf_iterator<char>(in)), {});
    QCOMPARE(QString::fromStdString(s), QStringLiteral("second"));
    // No temporary files left behind.
    int files = 0;
    for (const auto& e : std::filesystem::directory_iterator(target.parent_path())) {
      (void)e;
      ++files;
    }
    QCOMPARE(files, 1);
  }

  void atomicWriteIntoUnwritablePlaceThrows() {
    QVERIFY_THROWS_EXCEPTION(catdpo::Error,
                             catdpo::writeFileAtomically("/proc/no-such-dir/x", "data"));
  }

  void locatedErrorsNameFileLineField() {
    const catdpo::Error e("expected a boolean", {"data.jsonl", 17, "is_response_0_safe"});
    QCOMPARE(QString::fromUtf8(e.what()),
             QStringLiteral("data.jsonl:17: field 'is_response_0_safe': expected a boolean"));
    QCOMPARE(QString::fromStdString(e.reason()), QStringLiteral("expected a boolean"));
  }
};

QTEST_GUILESS_MAIN(TestPaths)
#include "test_paths.moc"
