// SPDX-License-Identifier: MIT
// Build-time tool: renders the SVG application icon into the PNG sizes of the hicolor theme.
// Uses Qt's own SVG renderer (already a dependency of the desktop app), so the build needs no
// extra converter; fails loudly on an unreadable SVG or an empty rendering. Paints into a QImage
// without a QGuiApplication (no display, no font database: the icon holds no text).
#include <QDir>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>
#include <cstdio>

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr,
                 "usage: %s ICON.svg OUTDIR NAME SIZE...\n"
                 "writes OUTDIR/<SIZE>x<SIZE>/apps/NAME.png for every SIZE\n",
                 argv[0]);
    return 2;
  }
  QSvgRenderer renderer(QString::fromLocal8Bit(argv[1]));
  if (!renderer.isValid()) {
    std::fprintf(stderr, "render_icon: cannot read %s as SVG\n", argv[1]);
    return 1;
  }
  const QString outDir = QString::fromLocal8Bit(argv[2]);
  const QString name = QString::fromLocal8Bit(argv[3]);
  for (int i = 4; i < argc; ++i) {
    bool ok = false;
    const int size = QString::fromLocal8Bit(argv[i]).toInt(&ok);
    if (!ok || size < 8 || size > 1024) {
      std::fprintf(stderr, "render_icon: bad size '%s'\n", argv[i]);
      return 2;
    }
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    {
      QPainter painter(&image);
      painter.setRenderHint(QPainter::Antialiasing);
      painter.setRenderHint(QPainter::SmoothPixmapTransform);
      renderer.render(&painter, QRectF(0, 0, size, size));
    }
    int opaque = 0;  // an all-transparent image means the SVG drew nothing we understood
    for (int y = 0; y < size; ++y)
      for (int x = 0; x < size; ++x) opaque += qAlpha(image.pixel(x, y)) > 0 ? 1 : 0;
    if (opaque < size * size / 4) {
      std::fprintf(stderr, "render_icon: %dx%d rendering is almost empty\n", size, size);
      return 1;
    }
    const QString dir = QStringLiteral("%1/%2x%2/apps").arg(outDir).arg(size);
    const QString file = QStringLiteral("%1/%2.png").arg(dir, name);
    if (!QDir().mkpath(dir) || !image.save(file, "PNG")) {
      std::fprintf(stderr, "render_icon: cannot write %s\n", qPrintable(file));
      return 1;
    }
  }
  return 0;
}
