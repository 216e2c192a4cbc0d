// SPDX-License-Identifier: MIT
// What the GUI costs the training: the same short demo run (`catdpo train --demo --quick`'s
// configuration, or the full demo's with --full; fewer steps, no generation) once driven like the CLI (Experiment::run on this
// thread) and once like the window (TrainingController on its QThread, steps arriving by
// queued signals on this thread's event loop and feeding a visible LivePage, as MainWindow
// wires them). Rounds alternate CLI and GUI so drifting machine load hits both alike.
// Prints a table and writes JSON (--json PATH). No LibTorch here, like all of ui/.
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <algorithm>
#include <cstdio>
#include <exception>
#include <vector>

#include "common/heap_policy.h"
#include "common/openmp_env.h"
#include "experiment/experiment.h"
#include "train/train_config.h"
#include "ui/engine/training_controller.h"
#include "ui/panels/live_page.h"

namespace {

struct Sample {
  double tokens = 0, seconds = 0;  // summed over the timed steps
  std::vector<double> stepTokensPerSecond;
  void add(const catdpo::StepMetrics& m, int skip) {
    if (m.step <= skip || m.tokensPerSecond <= 0) return;
    tokens += static_cast<double>(m.tokens);
    seconds += static_cast<double>(m.tokens) / m.tokensPerSecond;
    stepTokensPerSecond.push_back(m.tokensPerSecond);
  }
  double tokensPerSecond() const { return seconds > 0 ? tokens / seconds : 0; }
};

class Recorder : public catdpo::TrainingListener {
 public:
  explicit Recorder(int skip) : m_skip(skip) {}
  void onStep(const catdpo::StepMetrics& m) override { sample.add(m, m_skip); }
  Sample sample;

 private:
  int m_skip;
};

catdpo::ExperimentOptions demoOptions(const QString& home, bool quick, int steps, int round,
                                      const char* mode) {
  catdpo::ExperimentOptions o;
  o.config = catdpo::demoTrainConfig(quick);
  o.config.steps = steps;
  o.config.eval.every = 0;
  o.config.eval.promptsPerCategory = 0;
  o.config.eval.benignPrompts = 0;
  o.config.eval.maxPairs = 16;
  o.config.checkpointEvery = 0;
  o.config.name = std::string("bench-gui-") + mode + "-" + std::to_string(round);
  o.databasePath = QDir(home).filePath(QStringLiteral("bench.sqlite")).toStdString();
  o.outputDir =
      QDir(home).filePath(QStringLiteral("runs/%1-%2").arg(mode).arg(round)).toStdString();
  return o;
}

Sample runCli(const catdpo::ExperimentOptions& options, int skip) {
  catdpo::Experiment experiment(options);
  Recorder recorder(skip);
  experiment.addListener(&recorder);
  experiment.run();
  return recorder.sample;
}

Sample runGui(const catdpo::ExperimentOptions& options, int skip, QString& error) {
  catdpo::ui::LivePage page;
  page.resize(1400, 900);
  page.show();
  page.setEngineConnected(true);
  catdpo::ui::TrainingController controller;
  Sample sample;
  QEventLoop loop;
  QObject::connect(&controller, &catdpo::ui::TrainingController::started, &page,
                   [&](const QString&, const QStringList& categories) {
                     std::vector<std::string> names;
                     for (const QString& c : categories) names.push_back(c.toStdString());
                     page.setCategories(names);
                   });
  QObject::connect(&controller, &catdpo::ui::TrainingController::steps, &page,
                   [&](const QList<catdpo::StepMetrics>& steps) {
                     for (const auto& m : steps) {
                       page.appendStep(m);
                       sample.add(m, skip);
                     }
                   });
  QObject::connect(&controller, &catdpo::ui::TrainingController::lifecycle, &page,
                   &catdpo::ui::LivePage::applyLifecycle);
  QObject::connect(&controller, &catdpo::ui::TrainingController::failed, &page,
                   [&](const QString& message) { error = message; });
  QObject::connect(&controller, &catdpo::ui::TrainingController::finished, &loop,
                   &QEventLoop::quit);
  if (!controller.start(options)) {
    error = QStringLiteral("the controller did not start");
    return sample;
  }
  loop.exec();
  return sample;
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  catdpo::preferPassiveOpenMpWait(argv);  // as catdpo and catdpo-studio do
  catdpo::keepFreedHeapMemory();
  if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") &&
      qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
    qputenv("QT_QPA_PLATFORM", "offscreen");
  QString jsonPath = QStringLiteral(CATDPO_BENCH_OUTPUT_DIR "/bench_gui.json");
  int steps = 30, rounds = 2;
  bool quick = true;
  for (int i = 1; i < argc; ++i) {
    const QString a = QString::fromLocal8Bit(argv[i]);
    if (a == QLatin1String("--json") && i + 1 < argc)
      jsonPath = QString::fromLocal8Bit(argv[++i]);
    else if (a == QLatin1String("--steps") && i + 1 < argc)
      steps = std::atoi(argv[++i]);
    else if (a == QLatin1String("--rounds") && i + 1 < argc)
      rounds = std::atoi(argv[++i]);
    else if (a == QLatin1String("--full"))
      quick = false;
    else if (a == QLatin1String("--smoke"))
      steps = 4, rounds = 1;
    else {
      std::printf("usage: bench_gui [--json PATH] [--steps N] [--rounds N] [--full] [--smoke]\n");
      return a == QLatin1String("--help") ? 0 : 2;
    }
  }
  // A workspace of its own; the demo models are shared with the tests unless set already.
  const QString home = QStringLiteral(CATDPO_BENCH_OUTPUT_DIR "/gui-home");
  QDir(home).removeRecursively();
  QDir().mkpath(home);
  qputenv("CATDPO_HOME", home.toLocal8Bit());
  if (qEnvironmentVariableIsEmpty("CATDPO_DEMO_MODELS"))
    qputenv("CATDPO_DEMO_MODELS", CATDPO_DEMO_MODELS_DEFAULT);
  QApplication app(argc, argv);
  const int skip = std::min(3, steps / 4);  // warm-up steps left out of the averages

  // Preparation (demo model, reference cache) happens once, untimed.
  std::printf("warm-up run (builds or loads the demo model and the reference cache)...\n");
  std::fflush(stdout);
  try {
    runCli(demoOptions(home, quick, 2, 0, "warmup"), 0);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "warm-up run failed: %s\n", e.what());
    return 1;
  }

  std::vector<double> cli, gui, cliMedian, guiMedian;
  QJsonArray roundsJson;
  for (int r = 1; r <= rounds; ++r) {
    // Odd rounds run the CLI first, even rounds the GUI first: whatever warms up or drifts
    // between two runs favours neither side.
    Sample c, g;
    for (int half = 0; half < 2; ++half) {
      if ((half == 0) == (r % 2 == 1)) {
        try {
          c = runCli(demoOptions(home, quick, steps, r, "cli"), skip);
        } catch (const std::exception& e) {
          std::fprintf(stderr, "CLI run failed: %s\n", e.what());
          return 1;
        }
      } else {
        QString error;
        g = runGui(demoOptions(home, quick, steps, r, "gui"), skip, error);
        if (!error.isEmpty()) {
          std::fprintf(stderr, "GUI run failed: %s\n", qPrintable(error));
          return 1;
        }
      }
    }
    cli.push_back(c.tokensPerSecond());
    gui.push_back(g.tokensPerSecond());
    cliMedian.push_back(median(c.stepTokensPerSecond));
    guiMedian.push_back(median(g.stepTokensPerSecond));
    roundsJson.append(QJsonObject{{"round", r},
                                  {"cli_tokens_per_second", cli.back()},
                                  {"gui_tokens_per_second", gui.back()},
                                  {"cli_step_median", cliMedian.back()},
                                  {"gui_step_median", guiMedian.back()}});
  }
  double cliSum = 0, guiSum = 0;
  for (double v : cli) cliSum += v;
  for (double v : gui) guiSum += v;
  const double cliMean = cliSum / rounds, guiMean = guiSum / rounds;
  const double cost = 1.0 - guiMean / cliMean;
  std::printf(
      "\nDemo run (%s model, %d steps, first %d untimed), %d rounds, CLI and GUI first by turns\n",
      quick ? "quick" : "full demo", steps, skip, rounds);
  std::printf("%-6s %14s %14s %16s\n", "round", "CLI tok/s", "GUI tok/s", "GUI cost");
  for (int r = 0; r < rounds; ++r)
    std::printf("%-6d %14.0f %14.0f %15.1f%%\n", r + 1, cli[r], gui[r],
                100.0 * (1.0 - gui[r] / cli[r]));
  std::printf("%-6s %14.0f %14.0f %15.1f%%\n", "mean", cliMean, guiMean, 100.0 * cost);

  const QJsonObject root{{"benchmark", "gui_attached"},
                         {"model", quick ? "demo:quick" : "demo"},
                         {"omp_wait_policy", catdpo::openMpWaitPolicy()},
                         {"heap_policy", QString::fromStdString(catdpo::heapPolicyDescription())},
                         {"steps", steps},
                         {"untimed_steps", skip},
                         {"rounds", roundsJson},
                         {"cli_tokens_per_second", cliMean},
                         {"gui_tokens_per_second", guiMean},
                         {"gui_cost_fraction", cost},
                         {"platform", QGuiApplication::platformName()}};
  QDir().mkpath(QFileInfo(jsonPath).absolutePath());
  QFile file(jsonPath);
  if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(root).toJson()) < 0) {
    std::fprintf(stderr, "cannot write %s\n", qPrintable(jsonPath));
    return 1;
  }
  std::printf("wrote %s\n", qPrintable(jsonPath));
  return 0;
}
