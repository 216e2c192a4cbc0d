// SPDX-License-Identifier: MIT
#include "ui/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QMenuBar>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>

#include "ui/about_dialog.h"
#include "ui/panels/live_page.h"
#include "ui/panels/log_panel.h"
#include "ui/panels/welcome_page.h"

namespace catdpo::ui {

namespace {
const QString kKeyGeometry = QStringLiteral("window/geometry");
const QString kKeyState = QStringLiteral("window/state");
const QString kKeyLiveLayout = QStringLiteral("window/liveLayout");
constexpr int kStateVersion = 1;  // bump when docks or toolbars change incompatibly
}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setWindowTitle(tr("Cat-DPO Studio"));
  m_pages = new QStackedWidget(this);
  m_welcome = new WelcomePage(m_pages);
  m_live = new LivePage(m_pages);
  m_pages->addWidget(m_welcome);
  m_pages->addWidget(m_live);
  setCentralWidget(m_pages);

  m_log = new LogPanel(this);
  m_logDock = new QDockWidget(tr("Log"), this);
  m_logDock->setObjectName(QStringLiteral("logDock"));  // saveState() needs object names
  m_logDock->setWidget(m_log);
  addDockWidget(Qt::BottomDockWidgetArea, m_logDock);

  connect(m_welcome, &WelcomePage::liveViewRequested, this, &MainWindow::showLive);
  createMenus();
  statusBar()->showMessage(tr("Ready"));
  restoreSettings();
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

  QMenu* view = menuBar()->addMenu(tr("&View"));
  QAction* welcome = view->addAction(tr("&Welcome"), this, &MainWindow::showWelcome);
  welcome->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
  QAction* live = view->addAction(tr("&Live training"), this, &MainWindow::showLive);
  live->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
  view->addSeparator();
  QAction* log = m_logDock->toggleViewAction();
  log->setText(tr("Show &log"));
  log->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
  view->addAction(log);

  // The live page's run controls, so their shortcuts work from every page.
  QMenu* training = menuBar()->addMenu(tr("&Training"));
  training->addAction(m_live->startAction());
  training->addAction(m_live->pauseAction());
  training->addAction(m_live->resumeAction());
  training->addAction(m_live->stopAction());

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About Cat-DPO Studio"), this, &MainWindow::showAbout);
}

QWidget* MainWindow::currentPage() const { return m_pages->currentWidget(); }

void MainWindow::showWelcome() { m_pages->setCurrentWidget(m_welcome); }

void MainWindow::showLive() { m_pages->setCurrentWidget(m_live); }

void MainWindow::setEngineConnected(bool connected) {
  m_welcome->setEngineConnected(connected);
  m_live->setEngineConnected(connected);
}

void MainWindow::showAbout() {
  AboutDialog dialog(this);
  dialog.exec();
}

void MainWindow::showEngineWarning(const QString& text) {
  statusBar()->showMessage(text);
  m_log->append(LogPanel::Level::Warning, text);
}

void MainWindow::saveSettings() const {
  QSettings settings;
  settings.setValue(kKeyGeometry, saveGeometry());
  settings.setValue(kKeyState, saveState(kStateVersion));
  settings.setValue(kKeyLiveLayout, m_live->saveLayout());
}

void MainWindow::restoreSettings() {
  QSettings settings;
  if (!settings.contains(kKeyGeometry)) {
    resize(1280, 800);
    resizeDocks({m_logDock}, {120}, Qt::Vertical);  // the plots get the room by default
  }
  restoreGeometry(settings.value(kKeyGeometry).toByteArray());
  restoreState(settings.value(kKeyState).toByteArray(), kStateVersion);
  m_live->restoreLayout(settings.value(kKeyLiveLayout).toByteArray());
}

void MainWindow::closeEvent(QCloseEvent* event) {
  saveSettings();
  event->accept();
}

}  // namespace catdpo::ui
