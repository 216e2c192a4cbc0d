// SPDX-License-Identifier: MIT
// Export writes real files: a PNG that QImage reads back at the requested size and DPI, a PDF
// with its header and a page of the requested physical size, an SVG whose root is <svg>.
#include <qcustomplot.h>
#include <QImage>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include "synthetic_metrics.h"
#include "ui/plots/category_series_plot.h"
#include "ui/plots/plot_export.h"
#include "ui/plots/plot_export_dialog.h"

using catdpo::ui::ExportFormat;
using catdpo::ui::ExportOptions;

class TestPlotExport : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir m_dir;
  std::unique_ptr<catdpo::ui::CategorySeriesPlot> m_plot;

  ExportOptions options(ExportFormat format, QSize size, int dpi) {
    ExportOptions o;
    o.format = format;
    o.sizePx = size;
    o.dpi = dpi;
    return o;
  }

 private slots:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    m_plot = std::make_unique<catdpo::ui::CategorySeriesPlot>(catdpo::ui::CategoryField::Lambda);
    m_plot->setTitle(QStringLiteral("λ per category"));
    m_plot->setCategories(catdpo::testing::pkuCategoryNames());
    m_plot->setReferenceLine(10, QStringLiteral("Δ = 10"));
    for (int s = 1; s <= 500; ++s) m_plot->appendStep(catdpo::testing::syntheticStep(s, 500));
  }

  void png() {
    const QString path = m_dir.filePath(QStringLiteral("plot.png"));
    QString error;
    QVERIFY2(m_plot->exportTo(path, options(ExportFormat::Png, QSize(1200, 800), 192), &error),
             qPrintable(error));
    QImage image(path);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), QSize(1200, 800));
    QCOMPARE(qRound(image.dotsPerMeterX() * 0.0254), 192);
    // Not blank: the curves put many colours into the image.
    QSet<QRgb> colors;
    for (int y = 0; y < image.height(); y += 7)
      for (int x = 0; x < image.width(); x += 7) colors.insert(image.pixel(x, y));
    QVERIFY2(colors.size() > 20, qPrintable(QString::number(colors.size())));
  }

  void pdf() {
    const QString path = m_dir.filePath(QStringLiteral("plot.pdf"));
    QString error;
    QVERIFY2(m_plot->exportTo(path, options(ExportFormat::Pdf, QSize(1500, 900), 300), &error),
             qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.startsWith("%PDF-"));
    QVERIFY2(bytes.size() > 5000, qPrintable(QString::number(bytes.size())));
    QVERIFY(bytes.contains("%%EOF"));
    // 1500 x 900 px at 300 DPI = 5 x 3 inches = 360 x 216 points.
    const QRegularExpression box(
        QStringLiteral("/MediaBox \\[\\s*([-\\d.]+)\\s+([-\\d.]+)\\s+"
                       "([-\\d.]+)\\s+([-\\d.]+)\\s*\\]"));
    const QRegularExpressionMatch match = box.match(QString::fromLatin1(bytes));
    QVERIFY(match.hasMatch());
    QVERIFY2(std::abs(match.captured(3).toDouble() - match.captured(1).toDouble() - 360) < 0.5 &&
                 std::abs(match.captured(4).toDouble() - match.captured(2).toDouble() - 216) < 0.5,
             qPrintable(match.captured(0)));
  }

  void svg() {
    const QString path = m_dir.filePath(QStringLiteral("plot.svg"));
    QString error;
    QVERIFY2(m_plot->exportTo(path, options(ExportFormat::Svg, QSize(960, 600), 96), &error),
             qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    QString root;
    int paths = 0;
    while (!xml.atEnd()) {
      if (xml.readNext() == QXmlStreamReader::StartElement) {
        if (root.isEmpty()) root = xml.name().toString();
        if (xml.name() == QLatin1String("path") || xml.name() == QLatin1String("polyline")) ++paths;
      }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(root, QStringLiteral("svg"));
    QVERIFY2(paths >= 19, qPrintable(QString::number(paths)));
  }

  void rejectsBadRequests() {
    QString error;
    QVERIFY(!catdpo::ui::exportPlot(m_plot->customPlot(), m_dir.filePath("x.png"),
                                    options(ExportFormat::Png, QSize(1200, 800), 5), &error));
    QVERIFY(error.contains(QStringLiteral("DPI")));
    QVERIFY(!catdpo::ui::exportPlot(m_plot->customPlot(), m_dir.filePath("x.png"),
                                    options(ExportFormat::Png, QSize(4, 800), 96), &error));
    QVERIFY(!catdpo::ui::exportPlot(m_plot->customPlot(), m_dir.filePath("no/such/dir/x.png"),
                                    options(ExportFormat::Png, QSize(400, 300), 96), &error));
    QVERIFY(!error.isEmpty());
  }

  void formatsAndLayoutSize() {
    ExportFormat format = ExportFormat::Png;
    QVERIFY(catdpo::ui::exportFormatFromPath(QStringLiteral("/a/b.SVG"), &format));
    QCOMPARE(format, ExportFormat::Svg);
    QVERIFY(!catdpo::ui::exportFormatFromPath(QStringLiteral("/a/b.jpg"), &format));
    QCOMPARE(catdpo::ui::exportLayoutSize(options(ExportFormat::Png, QSize(1200, 800), 192)),
             QSize(600, 400));
  }

  void dialogKeepsSuffixAndFormatInStep() {
    catdpo::ui::PlotExportDialog dialog(QStringLiteral("λ per category"));
    dialog.setFilePath(m_dir.filePath(QStringLiteral("figure.pdf")));
    QCOMPARE(dialog.options().format, ExportFormat::Pdf);
    ExportOptions o = options(ExportFormat::Svg, QSize(800, 500), 150);
    dialog.setOptions(o);
    QVERIFY(dialog.filePath().endsWith(QStringLiteral("figure.svg")));
    QCOMPARE(dialog.options().sizePx, QSize(800, 500));
    QCOMPARE(dialog.options().dpi, 150);
  }
};

QTEST_MAIN(TestPlotExport)
#include "test_plot_export.moc"
