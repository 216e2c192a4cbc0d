// SPDX-License-Identifier: MIT
// The main window. Owns the panels and, later, the training thread; the GUI thread never
// trains. Window geometry and state persist through QSettings.
#pragma once

#include <QMainWindow>

class QLabel;

namespace catdpo::ui {

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // Shows a start-up warning (e.g. the slow-BLAS one) in the status bar and the log.
  void showEngineWarning(const QString& text);

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void createMenus();
  void showAbout();

  QLabel* m_welcome = nullptr;
};

}  // namespace catdpo::ui
