// SPDX-License-Identifier: MIT
#include "ui/about_dialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

#include "common/build_info.h"

namespace catdpo::ui {

QString AboutDialog::aboutText() {
  const BuildInfo info = buildInfo();
  return tr("<h3>%1 %2</h3>"
            "<p>Safety alignment with per-category adaptive margins (Cat-DPO) and the methods "
            "it is compared with.</p>"
            "<p>LibTorch %3 &middot; %4 &middot; %5</p>")
      .arg(QString::fromStdString(info.name), QString::fromStdString(info.version),
           QString::fromStdString(info.torchVersion),
           info.cudaDevices > 0 ? tr("%n CUDA device(s)", nullptr, info.cudaDevices) : tr("CPU"),
           QString::fromStdString(info.compiler));
}

AboutDialog::AboutDialog(QWidget* parent) : QDialog(parent) {
  setWindowTitle(tr("About Cat-DPO Studio"));
  auto* layout = new QVBoxLayout(this);
  auto* label = new QLabel(aboutText(), this);
  label->setTextFormat(Qt::RichText);
  label->setWordWrap(true);
  layout->addWidget(label);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  layout->addWidget(buttons);
}

}  // namespace catdpo::ui
