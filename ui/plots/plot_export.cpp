// SPDX-License-Identifier: MIT
#include "ui/plots/plot_export.h"

#include <qcustomplot.h>
#include <QCoreApplication>
#include <QFileInfo>
#include <QImage>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <cmath>

namespace catdpo::ui {

namespace {
constexpr double kLogicalDpi = 96.0;

bool fail(QString* error, const QString& message) {
  if (error) *error = message;
  return false;
}

// Draws the plot at `layout` logical pixels into an already-begun painter.
void renderInto(QCustomPlot* plot, QCPPainter& painter, const QSize& layout) {
  painter.setRenderHint(QPainter::Antialiasing, true);
  painter.setRenderHint(QPainter::TextAntialiasing, true);
  plot->toPainter(&painter, layout.width(), layout.height());
}

bool writePng(QCustomPlot* plot, const QString& path, const ExportOptions& options,
              QString* error) {
  const QSize layout = exportLayoutSize(options);
  QImage image(options.sizePx, QImage::Format_ARGB32_Premultiplied);
  if (image.isNull())
    return fail(error, QCoreApplication::translate("catdpo::ui::PlotExport",
                                                   "Not enough memory for an image this large."));
  image.fill(Qt::transparent);
  {
    QCPPainter painter(&image);
    // Stretch the logical layout onto the exact pixel size (rounding can differ by a pixel).
    painter.scale(double(options.sizePx.width()) / layout.width(),
                  double(options.sizePx.height()) / layout.height());
    renderInto(plot, painter, layout);
  }
  // Set after drawing: fonts were sized at the image's default DPI, the scale did the rest.
  const int dotsPerMeter = int(std::lround(options.dpi / 0.0254));
  image.setDotsPerMeterX(dotsPerMeter);
  image.setDotsPerMeterY(dotsPerMeter);
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit())
    return fail(error,
                QCoreApplication::translate("catdpo::ui::PlotExport", "Could not write %1: %2")
                    .arg(path, file.errorString()));
  return true;
}

bool writePdf(QCustomPlot* plot, const QString& path, const ExportOptions& options,
              QString* error) {
  const QSize layout = exportLayoutSize(options);
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly))
    return fail(error,
                QCoreApplication::translate("catdpo::ui::PlotExport", "Could not write %1: %2")
                    .arg(path, file.errorString()));
  {
    QPdfWriter writer(&file);
    writer.setResolution(int(kLogicalDpi));  // painter units = the 96-DPI layout pixels
    writer.setCreator(QCoreApplication::applicationName());
    writer.setTitle(options.title);
    const QSizeF inches(double(options.sizePx.width()) / options.dpi,
                        double(options.sizePx.height()) / options.dpi);
    writer.setPageLayout(
        QPageLayout(QPageSize(inches, QPageSize::Inch, QString(), QPageSize::ExactMatch),
                    QPageLayout::Portrait, QMarginsF(0, 0, 0, 0)));
    QCPPainter painter;
    if (!painter.begin(&writer))
      return fail(error, QCoreApplication::translate("catdpo::ui::PlotExport",
                                                     "Could not start the PDF writer."));
    painter.setMode(QCPPainter::pmVectorized);
    painter.setMode(QCPPainter::pmNoCaching);
    renderInto(plot, painter, layout);
    painter.end();
  }
  if (!file.commit())
    return fail(error,
                QCoreApplication::translate("catdpo::ui::PlotExport", "Could not write %1: %2")
                    .arg(path, file.errorString()));
  return true;
}

bool writeSvg(QCustomPlot* plot, const QString& path, const ExportOptions& options,
              QString* error) {
  const QSize layout = exportLayoutSize(options);
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly))
    return fail(error,
                QCoreApplication::translate("catdpo::ui::PlotExport", "Could not write %1: %2")
                    .arg(path, file.errorString()));
  {
    QSvgGenerator generator;
    generator.setOutputDevice(&file);
    // Resolution 96 keeps font sizes consistent with the layout; the physical size in the SVG
    // header (layout / 96 inches) equals sizePx / dpi.
    generator.setResolution(int(kLogicalDpi));
    generator.setSize(layout);
    generator.setViewBox(QRect(QPoint(0, 0), layout));
    generator.setTitle(options.title);
    generator.setDescription(QCoreApplication::applicationName());
    QCPPainter painter;
    if (!painter.begin(&generator))
      return fail(error, QCoreApplication::translate("catdpo::ui::PlotExport",
                                                     "Could not start the SVG writer."));
    painter.setMode(QCPPainter::pmVectorized);
    painter.setMode(QCPPainter::pmNoCaching);
    renderInto(plot, painter, layout);
    painter.end();
  }
  if (!file.commit())
    return fail(error,
                QCoreApplication::translate("catdpo::ui::PlotExport", "Could not write %1: %2")
                    .arg(path, file.errorString()));
  return true;
}
}  // namespace

QString exportSuffix(ExportFormat format) {
  switch (format) {
    case ExportFormat::Png:
      return QStringLiteral("png");
    case ExportFormat::Pdf:
      return QStringLiteral("pdf");
    case ExportFormat::Svg:
      return QStringLiteral("svg");
  }
  return {};
}

bool exportFormatFromPath(const QString& path, ExportFormat* format) {
  const QString suffix = QFileInfo(path).suffix().toLower();
  for (ExportFormat f : {ExportFormat::Png, ExportFormat::Pdf, ExportFormat::Svg}) {
    if (suffix == exportSuffix(f)) {
      if (format) *format = f;
      return true;
    }
  }
  return false;
}

QSize exportLayoutSize(const ExportOptions& options) {
  const double factor = kLogicalDpi / std::max(options.dpi, 1);
  return QSize(std::max(1, int(std::lround(options.sizePx.width() * factor))),
               std::max(1, int(std::lround(options.sizePx.height() * factor))));
}

bool exportPlot(QCustomPlot* plot, const QString& path, const ExportOptions& options,
                QString* error) {
  if (!plot)
    return fail(error, QCoreApplication::translate("catdpo::ui::PlotExport",
                                                   "There is no plot to export."));
  if (path.isEmpty())
    return fail(error,
                QCoreApplication::translate("catdpo::ui::PlotExport", "No file name given."));
  if (options.dpi < kMinExportDpi || options.dpi > kMaxExportDpi)
    return fail(error, QCoreApplication::translate("catdpo::ui::PlotExport",
                                                   "The resolution must be between %1 and %2 DPI.")
                           .arg(kMinExportDpi)
                           .arg(kMaxExportDpi));
  if (options.sizePx.width() < 16 || options.sizePx.height() < 16 ||
      options.sizePx.width() > kMaxExportSidePx || options.sizePx.height() > kMaxExportSidePx)
    return fail(error,
                QCoreApplication::translate("catdpo::ui::PlotExport",
                                            "The size must be between 16 and %1 pixels per side.")
                    .arg(kMaxExportSidePx));
  switch (options.format) {
    case ExportFormat::Png:
      return writePng(plot, path, options, error);
    case ExportFormat::Pdf:
      return writePdf(plot, path, options, error);
    case ExportFormat::Svg:
      return writeSvg(plot, path, options, error);
  }
  return fail(error,
              QCoreApplication::translate("catdpo::ui::PlotExport", "Unknown export format."));
}

}  // namespace catdpo::ui
