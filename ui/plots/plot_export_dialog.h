// SPDX-License-Identifier: MIT
// The small dialog behind every plot's "Export…" button: file name (the suffix picks PNG, PDF
// or SVG and follows the format box), size in pixels and DPI. The last folder, size and DPI
// are remembered in QSettings so a series of figures comes out alike.
#pragma once

#include <QDialog>

#include "ui/plots/plot_export.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace catdpo::ui {

class PlotExportDialog : public QDialog {
  Q_OBJECT
 public:
  // `baseName` suggests the file name (e.g. the plot's title).
  explicit PlotExportDialog(const QString& baseName, QWidget* parent = nullptr);

  QString filePath() const;
  ExportOptions options() const;

  void setFilePath(const QString& path);
  void setOptions(const ExportOptions& options);

  void accept() override;

 private:
  void browse();
  void formatChanged();
  void pathEdited();
  void updateSizeNote();

  QLineEdit* m_path = nullptr;
  QComboBox* m_format = nullptr;
  QSpinBox* m_width = nullptr;
  QSpinBox* m_height = nullptr;
  QSpinBox* m_dpi = nullptr;
  QLabel* m_note = nullptr;
};

}  // namespace catdpo::ui
