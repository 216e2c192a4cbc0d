// SPDX-License-Identifier: MIT
#include "ui/panels/log_panel.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace catdpo::ui {

LogPanel::LogPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  m_view = new QPlainTextEdit(this);
  m_view->setReadOnly(true);
  m_view->setMaximumBlockCount(kMaxLines);
  m_view->setLineWrapMode(QPlainTextEdit::NoWrap);
  m_view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  layout->addWidget(m_view, 1);
  auto* buttons = new QVBoxLayout;
  auto* clearButton = new QToolButton(this);
  clearButton->setText(tr("Clear"));
  clearButton->setToolTip(tr("Clear the log"));
  connect(clearButton, &QToolButton::clicked, this, &LogPanel::clear);
  buttons->addWidget(clearButton);
  buttons->addStretch(1);
  layout->addLayout(buttons);
}

void LogPanel::append(Level level, const QString& message) {
  const QString time = QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss"));
  QString prefix;
  switch (level) {
    case Level::Info:
      break;
    case Level::Warning:
      prefix = tr("Warning: ");
      break;
    case Level::Error:
      prefix = tr("Error: ");
      break;
  }
  QScrollBar* bar = m_view->verticalScrollBar();
  const bool atBottom = bar->value() == bar->maximum();
  // Text goes in as plain text (escaped): engine messages may contain '<' from file contents.
  QString html =
      time.toHtmlEscaped() + QStringLiteral("  ") +
      (prefix + message).toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"));
  if (level == Level::Error) html = QStringLiteral("<b>%1</b>").arg(html);
  m_view->appendHtml(html);
  if (atBottom) bar->setValue(bar->maximum());  // follow only if the user did not scroll up
}

void LogPanel::clear() { m_view->clear(); }

int LogPanel::lineCount() const {
  // An empty document still has one (empty) block.
  return m_view->document()->isEmpty() ? 0 : m_view->blockCount();
}

QString LogPanel::text() const { return m_view->toPlainText(); }

}  // namespace catdpo::ui
