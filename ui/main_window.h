// SPDX-License-Identifier: MIT
// The main window: a stack of pages (welcome, live training) in the centre, the log in a dock,
// menus with the main shortcuts. It only arranges panels; each panel owns its behaviour. The
// engine (and the training thread, owned here; the GUI thread never trains) is wired in later,
// which is when setEngineConnected(true) enables the run controls. Window geometry, dock
// state and splitter positions persist through QSettings.
#pragma once

#include <QMainWindow>

class QDockWidget;
class QStackedWidget;

namespace catdpo::ui {

class LivePage;
class LogPanel;
class WelcomePage;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  WelcomePage* welcomePage() const { return m_welcome; }
  LivePage* livePage() const { return m_live; }
  LogPanel* logPanel() const { return m_log; }
  QDockWidget* logDock() const { return m_logDock; }
  QWidget* currentPage() const;

  void showWelcome();
  void showLive();
  void setEngineConnected(bool connected);

  // Shows a start-up warning (e.g. the slow-BLAS one) in the status bar and the log.
  void showEngineWarning(const QString& text);

  // Writes geometry, dock and splitter state; also done on close.
  void saveSettings() const;

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void createMenus();
  void restoreSettings();
  void showAbout();

  QStackedWidget* m_pages = nullptr;
  WelcomePage* m_welcome = nullptr;
  LivePage* m_live = nullptr;
  LogPanel* m_log = nullptr;
  QDockWidget* m_logDock = nullptr;
};

}  // namespace catdpo::ui
