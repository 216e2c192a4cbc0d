// SPDX-License-Identifier: MIT
#include "ui/main_window.h"

#include <QApplication>
#include <QCloseEvent>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QStatusBar>

#include "ui/about_dialog.h"

namespace catdpo::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setWindowTitle(tr("Cat-DPO Studio"));
  m_welcome = new QLabel(tr("<h2>Cat-DPO Studio</h2>"
                            "<p>Drag a preference data set onto this window, or start the "
                            "built-in demo.</p>"),
                         this);
  m_welcome->setAlignment(Qt::AlignCenter);
  setCentralWidget(m_welcome);
  createMenus();
  statusBar()->showMessage(tr("Ready"));
  QSettings settings;
  restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
  restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
  if (!settings.contains(QStringLiteral("window/geometry"))) resize(1280, 800);
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About Cat-DPO Studio"), this, &MainWindow::showAbout);
}

void MainWindow::showAbout() {
  AboutDialog dialog(this);
  dialog.exec();
}

void MainWindow::showEngineWarning(const QString& text) {
  statusBar()->showMessage(text);
}

void MainWindow::closeEvent(QCloseEvent* event) {
  QSettings settings;
  settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
  settings.setValue(QStringLiteral("window/state"), saveState());
  event->accept();
}

}  // namespace catdpo::ui
