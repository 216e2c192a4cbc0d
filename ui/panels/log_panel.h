// SPDX-License-Identifier: MIT
// The log at the bottom of the window: engine messages, warnings and errors with a time stamp.
// Bounded (oldest lines dropped) so a week-long run cannot grow it without limit. Levels are
// marked by a word and weight, not by colour, so it reads the same in light and dark palettes.
#pragma once

#include <QWidget>

class QPlainTextEdit;

namespace catdpo::ui {

class LogPanel : public QWidget {
  Q_OBJECT
 public:
  enum class Level { Info, Warning, Error };
  static constexpr int kMaxLines = 5000;

  explicit LogPanel(QWidget* parent = nullptr);

  void append(Level level, const QString& message);
  void clear();
  int lineCount() const;
  QString text() const;

 private:
  QPlainTextEdit* m_view = nullptr;
};

}  // namespace catdpo::ui
