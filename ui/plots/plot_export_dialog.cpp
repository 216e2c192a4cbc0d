// SPDX-License-Identifier: MIT
#include "ui/plots/plot_export_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>

namespace catdpo::ui {

namespace {
const QString kKeyDir = QStringLiteral("export/lastDir");
const QString kKeyWidth = QStringLiteral("export/widthPx");
const QString kKeyHeight = QStringLiteral("export/heightPx");
const QString kKeyDpi = QStringLiteral("export/dpi");
const QString kKeyFormat = QStringLiteral("export/format");

QString safeFileName(QString name) {
  name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_\\-]+")), QStringLiteral("_"));
  name = name.left(60);
  return name.isEmpty() || name == QLatin1String("_") ? QStringLiteral("plot") : name;
}
}  // namespace

PlotExportDialog::PlotExportDialog(const QString& baseName, QWidget* parent) : QDialog(parent) {
  setWindowTitle(tr("Export plot"));
  auto* form = new QFormLayout;

  m_path = new QLineEdit(this);
  auto* browse = new QPushButton(tr("Browse…"), this);
  auto* pathRow = new QHBoxLayout;
  pathRow->addWidget(m_path, 1);
  pathRow->addWidget(browse);
  form->addRow(tr("&File:"), pathRow);

  m_format = new QComboBox(this);
  m_format->addItem(tr("PNG image"), int(ExportFormat::Png));
  m_format->addItem(tr("PDF document (vector)"), int(ExportFormat::Pdf));
  m_format->addItem(tr("SVG drawing (vector)"), int(ExportFormat::Svg));
  form->addRow(tr("F&ormat:"), m_format);

  m_width = new QSpinBox(this);
  m_height = new QSpinBox(this);
  for (QSpinBox* box : {m_width, m_height}) {
    box->setRange(16, kMaxExportSidePx);
    box->setSuffix(tr(" px"));
  }
  auto* sizeRow = new QHBoxLayout;
  sizeRow->addWidget(m_width);
  sizeRow->addWidget(new QLabel(QStringLiteral("×"), this));
  sizeRow->addWidget(m_height);
  form->addRow(tr("&Size:"), sizeRow);

  m_dpi = new QSpinBox(this);
  m_dpi->setRange(kMinExportDpi, kMaxExportDpi);
  m_dpi->setSuffix(tr(" DPI"));
  m_dpi->setToolTip(
      tr("Higher DPI draws text and lines smaller relative to the image, "
         "for print. 96 DPI matches the screen."));
  form->addRow(tr("&Resolution:"), m_dpi);

  m_note = new QLabel(this);
  m_note->setForegroundRole(QPalette::PlaceholderText);
  form->addRow(QString(), m_note);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(buttons);

  QSettings settings;
  const QString dir =
      settings.value(kKeyDir, QStandardPaths::writableLocation(QStandardPaths::PicturesLocation))
          .toString();
  ExportOptions initial;
  initial.sizePx = QSize(settings.value(kKeyWidth, initial.sizePx.width()).toInt(),
                         settings.value(kKeyHeight, initial.sizePx.height()).toInt());
  initial.dpi = settings.value(kKeyDpi, initial.dpi).toInt();
  initial.format =
      ExportFormat(std::clamp(settings.value(kKeyFormat, int(ExportFormat::Png)).toInt(), 0, 2));
  setOptions(initial);
  setFilePath(
      QDir(dir).filePath(safeFileName(baseName) + QLatin1Char('.') + exportSuffix(initial.format)));

  connect(browse, &QPushButton::clicked, this, &PlotExportDialog::browse);
  connect(m_format, &QComboBox::currentIndexChanged, this, &PlotExportDialog::formatChanged);
  connect(m_path, &QLineEdit::textEdited, this, &PlotExportDialog::pathEdited);
  for (QSpinBox* box : {m_width, m_height, m_dpi})
    connect(box, &QSpinBox::valueChanged, this, &PlotExportDialog::updateSizeNote);
  connect(buttons, &QDialogButtonBox::accepted, this, &PlotExportDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &PlotExportDialog::reject);
  updateSizeNote();
}

QString PlotExportDialog::filePath() const { return m_path->text().trimmed(); }

ExportOptions PlotExportDialog::options() const {
  ExportOptions options;
  options.format = ExportFormat(m_format->currentData().toInt());
  options.sizePx = QSize(m_width->value(), m_height->value());
  options.dpi = m_dpi->value();
  return options;
}

void PlotExportDialog::setFilePath(const QString& path) {
  m_path->setText(path);
  pathEdited();
}

void PlotExportDialog::setOptions(const ExportOptions& options) {
  m_format->setCurrentIndex(m_format->findData(int(options.format)));
  m_width->setValue(options.sizePx.width());
  m_height->setValue(options.sizePx.height());
  m_dpi->setValue(options.dpi);
  updateSizeNote();
}

void PlotExportDialog::browse() {
  const QString filter = tr("PNG image (*.png);;PDF document (*.pdf);;SVG drawing (*.svg)");
  const QString path = QFileDialog::getSaveFileName(this, tr("Export plot"), filePath(), filter);
  if (!path.isEmpty()) setFilePath(path);
}

// The format box rewrites the suffix, and a typed suffix selects the format, so the two
// can never disagree when the file is written.
void PlotExportDialog::formatChanged() {
  const QString suffix = exportSuffix(ExportFormat(m_format->currentData().toInt()));
  QString path = filePath();
  const QFileInfo info(path);
  if (path.isEmpty()) return;
  path = info.dir().filePath(info.completeBaseName() + QLatin1Char('.') + suffix);
  m_path->setText(path);
}

void PlotExportDialog::pathEdited() {
  ExportFormat format;
  if (exportFormatFromPath(filePath(), &format)) {
    const QSignalBlocker block(m_format);
    m_format->setCurrentIndex(m_format->findData(int(format)));
  }
}

void PlotExportDialog::updateSizeNote() {
  const double w = double(m_width->value()) / m_dpi->value();
  const double h = double(m_height->value()) / m_dpi->value();
  m_note->setText(tr("Printed size: %1 × %2 cm").arg(w * 2.54, 0, 'f', 1).arg(h * 2.54, 0, 'f', 1));
}

void PlotExportDialog::accept() {
  if (filePath().isEmpty()) return;
  ExportFormat implied;
  if (!exportFormatFromPath(filePath(), &implied)) formatChanged();  // add the missing suffix
  QSettings settings;
  settings.setValue(kKeyDir, QFileInfo(filePath()).absolutePath());
  settings.setValue(kKeyWidth, m_width->value());
  settings.setValue(kKeyHeight, m_height->value());
  settings.setValue(kKeyDpi, m_dpi->value());
  settings.setValue(kKeyFormat, m_format->currentData().toInt());
  QDialog::accept();
}

}  // namespace catdpo::ui
