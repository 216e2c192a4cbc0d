// SPDX-License-Identifier: MIT
#include "ui/panels/welcome_page.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace catdpo::ui {

WelcomePage::WelcomePage(QWidget* parent) : QWidget(parent) {
  auto* outer = new QVBoxLayout(this);
  outer->addStretch(1);
  auto* heading = new QLabel(tr("<h2>Cat-DPO Studio</h2>"
                                "<p>Drag a preference data set onto this window, or start the "
                                "built-in demo.</p>"),
                             this);
  heading->setAlignment(Qt::AlignCenter);
  heading->setWordWrap(true);
  outer->addWidget(heading);

  auto* explanation =
      new QLabel(tr("Train a language model with per-category safety margins and watch which harm "
                    "categories stay unsafe while it learns."),
                 this);
  explanation->setAlignment(Qt::AlignCenter);
  explanation->setWordWrap(true);
  explanation->setForegroundRole(QPalette::PlaceholderText);
  outer->addWidget(explanation);
  outer->addSpacing(16);

  m_demo = new QPushButton(tr("Run the built-in &demo"), this);
  m_demo->setToolTip(tr("Built-in data set and demo model with Cat-DPO; nothing to download"));
  m_open = new QPushButton(tr("&Open a data set…"), this);
  m_open->setToolTip(tr("PKU-SafeRLHF JSONL or your own preference pairs with categories"));
  m_live = new QPushButton(tr("Show the &live plots"), this);
  m_demo->setDefault(true);
  auto* buttons = new QHBoxLayout;
  buttons->addStretch(1);
  for (QPushButton* button : {m_demo, m_open, m_live}) {
    button->setMinimumHeight(button->sizeHint().height() * 3 / 2);
    buttons->addWidget(button);
  }
  buttons->addStretch(1);
  outer->addLayout(buttons);
  outer->addStretch(2);

  connect(m_open, &QPushButton::clicked, this, &WelcomePage::openDataRequested);
  connect(m_demo, &QPushButton::clicked, this, &WelcomePage::demoRequested);
  connect(m_live, &QPushButton::clicked, this, &WelcomePage::liveViewRequested);
}

}  // namespace catdpo::ui
