// SPDX-License-Identifier: MIT
// `catdpo-studio --screenshots DIR`: walks through the app as the user guide does, in a fresh
// temporary workspace (its own database and settings, the user's are not touched), and saves
// one PNG per step: the demo data set opened, a run configured, trained and watched, two runs
// compared, a sweep, an export. Runs train for real on the quick demo model, so every picture
// of docs/USER_GUIDE.md comes from what the app draws today. Works offscreen or under Xvfb.
#pragma once

#include <QString>
#include <QStringList>

namespace catdpo::ui {

// The files the tour writes, in order (what the guide may reference).
QStringList screenshotFiles();

// Runs the tour; returns the process exit code (0: every picture written). Progress goes to
// stderr. `steps`: training steps per run (fewer: faster, sparser curves).
int runScreenshotTour(const QString& outDir, int steps = 60);

}  // namespace catdpo::ui
