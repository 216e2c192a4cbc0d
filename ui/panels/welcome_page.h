// SPDX-License-Identifier: MIT
// The page a user sees first: what the app does and one obvious first step (open a data set or
// run the built-in demo). The engine loads lazily, so the engine-backed buttons stay disabled
// until the window reports the engine as connected.
#pragma once

#include <QWidget>

class QPushButton;

namespace catdpo::ui {

class WelcomePage : public QWidget {
  Q_OBJECT
 public:
  explicit WelcomePage(QWidget* parent = nullptr);

  QPushButton* openButton() const { return m_open; }
  QPushButton* demoButton() const { return m_demo; }
  QPushButton* liveButton() const { return m_live; }

 signals:
  void openDataRequested();
  void demoRequested();
  void liveViewRequested();

 private:
  QPushButton* m_open = nullptr;
  QPushButton* m_demo = nullptr;
  QPushButton* m_live = nullptr;
};

}  // namespace catdpo::ui
