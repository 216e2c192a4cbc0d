// SPDX-License-Identifier: MIT
// Help -> About: the version from the one place CMake sets it, LibTorch and device facts.
#pragma once

#include <QDialog>

namespace catdpo::ui {

class AboutDialog : public QDialog {
  Q_OBJECT
 public:
  explicit AboutDialog(QWidget* parent = nullptr);
  // The text shown, exposed for tests.
  static QString aboutText();
};

}  // namespace catdpo::ui
