// SPDX-License-Identifier: MIT
// Writes a QCustomPlot to PNG, PDF or SVG at a size and DPI the caller picks. The plot is laid
// out at 96 DPI logical size (size x 96 / dpi), so fonts and lines keep their proportions: a
// 300-DPI PNG has the same look as the screen, only sharper. SVG goes through Qt Svg's
// QSvgGenerator with a QCPPainter, PDF through QPdfWriter; both stay vector graphics.
#pragma once

#include <QSize>
#include <QString>

class QCustomPlot;

namespace catdpo::ui {

enum class ExportFormat { Png, Pdf, Svg };

struct ExportOptions {
  ExportFormat format = ExportFormat::Png;
  QSize sizePx{1600, 1000};  // output size in device pixels at `dpi` (PNG: exact image size)
  int dpi = 192;             // PNG metadata and physical size of PDF/SVG (sizePx / dpi inches)
  QString title;             // document title for PDF and SVG metadata
};

inline constexpr int kMinExportDpi = 48;
inline constexpr int kMaxExportDpi = 1200;
inline constexpr int kMaxExportSidePx = 20000;

// "png", "pdf" or "svg"; and the format a file name's suffix implies (false when none does).
QString exportSuffix(ExportFormat format);
bool exportFormatFromPath(const QString& path, ExportFormat* format);

// The 96-DPI layout size the plot is drawn at for `options`.
QSize exportLayoutSize(const ExportOptions& options);

// Renders `plot` into `path`. Returns false and sets `error` to a readable message on failure
// (bad size, unwritable file). Runs on the GUI thread: QCustomPlot is not thread-safe.
bool exportPlot(QCustomPlot* plot, const QString& path, const ExportOptions& options,
                QString* error = nullptr);

}  // namespace catdpo::ui
