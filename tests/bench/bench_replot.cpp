// SPDX-License-Identifier: MIT
// Replot cost of the live λ_k plot with 19 categories at growing lengths (up to 100k points
// each): the full view, a zoomed view, log scale, and the live pattern (a burst of steps,
// then one coalesced replot). Prints a table and writes JSON (--json PATH).
// Not a pass/fail test: machines are noisy; this records numbers to compare over time.
#include <qcustomplot.h>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

#include "../ui/synthetic_metrics.h"

#include "ui/plots/category_series_plot.h"

namespace {
constexpr int kCategories = 19;
constexpr int kRepeats = 15;
constexpr int kLiveBurst = 20;  // steps arriving between two coalesced replots

struct Row {
  int points = 0;
  QString mode;
  double medianMs = 0, p90Ms = 0, maxMs = 0;
};

Row measure(int points, const QString& mode, const std::function<void()>& before,
            catdpo::ui::CategorySeriesPlot& plot) {
  std::vector<double> ms;
  for (int i = 0; i < kRepeats; ++i) {
    before();
    QElapsedTimer clock;
    clock.start();
    plot.replotNow();
    ms.push_back(double(clock.nsecsElapsed()) / 1e6);
    QCoreApplication::processEvents();  // let the widget blit what was rendered
  }
  std::sort(ms.begin(), ms.end());
  return {points, mode, ms[ms.size() / 2], ms[ms.size() * 9 / 10], ms.back()};
}
}  // namespace

int main(int argc, char** argv) {
  if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") &&
      qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
    qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  // --json PATH (a bare PATH is accepted too); the default lies under the build folder.
  QString jsonPath = QStringLiteral(CATDPO_BENCH_OUTPUT_DIR "/bench_replot.json");
  for (int i = 1; i < argc; ++i) {
    const QString a = QString::fromLocal8Bit(argv[i]);
    if (a == QLatin1String("--json") && i + 1 < argc)
      jsonPath = QString::fromLocal8Bit(argv[++i]);
    else if (!a.startsWith(QLatin1Char('-')))
      jsonPath = a;
  }

  std::vector<Row> rows;
  QJsonArray appendRows;
  std::printf("%-10s %-12s %10s %10s %10s\n", "points/cat", "mode", "median ms", "p90 ms",
              "max ms");
  for (int points : {1000, 10000, 100000}) {
    catdpo::ui::CategorySeriesPlot plot(catdpo::ui::CategoryField::Lambda);
    plot.resize(1400, 800);
    plot.setCategories(catdpo::testing::pkuCategoryNames());
    plot.setReferenceLine(10, QStringLiteral("SafeDPO Δ = 10"));
    plot.show();
    QCoreApplication::processEvents();

    QElapsedTimer feed;
    feed.start();
    for (int s = 1; s <= points; ++s)
      plot.appendStep(catdpo::testing::syntheticStep(s, points, kCategories));
    plot.replotNow();
    const double feedMs = double(feed.nsecsElapsed()) / 1e6;
    appendRows.append(QJsonObject{{"points_per_category", points},
                                  {"feed_and_first_replot_ms", feedMs},
                                  {"per_step_us", feedMs * 1000.0 / points}});

    int step = points;
    const std::vector<std::pair<QString, std::function<void()>>> modes{
        {QStringLiteral("full"), [&] { plot.fitToData(); }},
        {QStringLiteral("zoom-10%"),
         [&] { plot.customPlot()->xAxis->setRange(points * 0.9, points); }},
        {QStringLiteral("log"), [&] { plot.setLogScale(true); }},
        {QStringLiteral("live-burst"),
         [&] {
           plot.setLogScale(false);
           plot.fitToData();
           for (int i = 0; i < kLiveBurst; ++i)
             plot.appendStep(catdpo::testing::syntheticStep(++step, points, kCategories));
         }},
    };
    for (const auto& [mode, before] : modes) {
      const Row row = measure(points, mode, before, plot);
      std::printf("%-10d %-12s %10.2f %10.2f %10.2f\n", row.points, qPrintable(row.mode),
                  row.medianMs, row.p90Ms, row.maxMs);
      rows.push_back(row);
    }
    std::printf("%-10d %-12s %10.1f ms total (%.2f us per step)\n", points, "feed", feedMs,
                feedMs * 1000.0 / points);
  }

  if (!jsonPath.isEmpty()) {
    QJsonArray replots;
    for (const Row& r : rows)
      replots.append(QJsonObject{{"points_per_category", r.points},
                                 {"mode", r.mode},
                                 {"median_ms", r.medianMs},
                                 {"p90_ms", r.p90Ms},
                                 {"max_ms", r.maxMs}});
    const QJsonObject root{{"benchmark", "replot"}, {"categories", kCategories},
                           {"repeats", kRepeats},   {"platform", QGuiApplication::platformName()},
                           {"replot", replots},     {"feed", appendRows}};
    QDir().mkpath(QFileInfo(jsonPath).absolutePath());
    QFile file(jsonPath);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(root).toJson()) < 0) {
      std::fprintf(stderr, "cannot write %s\n", qPrintable(jsonPath));
      return 1;
    }
    std::printf("wrote %s\n", qPrintable(jsonPath));
  }
  return 0;
}
