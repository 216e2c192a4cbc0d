// SPDX-License-Identifier: MIT
// docs/USER_GUIDE.md shows exactly the pictures the screenshot tour (catdpo-studio
// --screenshots, packaging/screenshots.sh) writes, all of them are committed, small, and the
// README links the guide. The tour itself trains for minutes and is run by the script.
#include <QDir>
#include <QFile>
#include <QImageReader>
#include <QRegularExpression>
#include <QtTest>

#include "support/fixtures.h"
#include "ui/screenshot_tour.h"

namespace {
QString readText(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  return QString::fromUtf8(file.readAll());
}
}  // namespace

class TestUserGuide : public QObject {
  Q_OBJECT
 private slots:
  void guideShowsEveryPictureOfTheTour() {
    const QString docs = catdpo::test::sourceDir() + QStringLiteral("/docs");
    const QString guide = readText(docs + QStringLiteral("/USER_GUIDE.md"));
    QVERIFY2(!guide.isEmpty(), "docs/USER_GUIDE.md is missing");
    QStringList referenced;
    const QRegularExpression image(QStringLiteral(R"(\]\(images/([A-Za-z0-9_-]+\.png)\))"));
    for (auto it = image.globalMatch(guide); it.hasNext();) {
      const QString name = it.next().captured(1);
      if (!referenced.contains(name)) referenced << name;
    }
    QStringList tour = catdpo::ui::screenshotFiles();
    QStringList sortedReferenced = referenced;
    sortedReferenced.sort();
    tour.sort();
    QCOMPARE(sortedReferenced, tour);
    QVERIFY(guide.contains(QStringLiteral("packaging/screenshots.sh")));

    qint64 total = 0;
    for (const QString& name : tour) {
      const QString path = docs + QStringLiteral("/images/") + name;
      QVERIFY2(QFileInfo::exists(path), qPrintable(path));
      const qint64 size = QFileInfo(path).size();
      QVERIFY2(size < 120 * 1024, qPrintable(QStringLiteral("%1: %2 bytes").arg(name).arg(size)));
      total += size;
      QImageReader reader(path);
      const QSize dims = reader.size();
      // The window at 1280 px, or one dialog (the export dialog is about 300 px wide).
      QVERIFY2(dims.width() >= 250 && dims.width() <= 1400, qPrintable(name));
    }
    QVERIFY2(total < 800 * 1024, qPrintable(QString::number(total)));
    // No picture in docs/images that the tour does not write (a stale one).
    const QStringList present =
        QDir(docs + QStringLiteral("/images")).entryList({QStringLiteral("*.png")}, QDir::Files);
    for (const QString& name : present) QVERIFY2(tour.contains(name), qPrintable(name));
  }

  void readmeLinksTheGuide() {
    const QString readme = readText(catdpo::test::sourceDir() + QStringLiteral("/README.md"));
    QVERIFY(readme.contains(QStringLiteral("(docs/USER_GUIDE.md)")));
  }
};

QTEST_MAIN(TestUserGuide)
#include "test_user_guide.moc"
