// SPDX-License-Identifier: MIT
// What the GUI costs the training: the same short demo run (`catdpo train --demo --quick`'s
// configuration, or the full demo's with --full; fewer steps, no generation) driven like the
// CLI (Experiment::run on this thread), the same on a thread of its own, and like the window
// (TrainingController on its QThread, steps arriving by queued signals on this thread's event
// loop and feeding a visible LivePage, as MainWindow wires them). Rounds rotate the order so
// drifting machine load hits all alike. Also measures the GUI thread's own CPU time.
// Prints a table and writes JSON (--json PATH). No LibTorch here, like all of ui/.
#include <time.h>
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
#include <array>
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <thread>
#include <vector>

#include "common/heap_policy.h"
#include "common/openmp_env.h"
#include "experiment/experiment.h"
#include "train/train_config.h"
#include "ui/engine/training_controller.h"
#include "ui/panels/live_page.h"
#include "ui/plots/plot_widget.h"

namespace {

double threadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

struct Sample {
  double tokens = 0, seconds = 0;             // summed over the timed steps
  double guiCpuSeconds = 0, wallSeconds = 0;  // GUI runs: this (the GUI) thread's CPU time
  double replotSeconds = 0;                   // GUI runs: of that, the plots' replots
  int replots = 0;
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

// The CLI's way, but on a thread of its own as the window's worker runs: separates what a
// training thread costs (its own OpenMP team, its own malloc arena) from what the GUI costs.
Sample runOnThread(const catdpo::ExperimentOptions& options, int skip) {
  Sample sample;
  std::exception_ptr failure;
  std::thread worker([&] {
    try {
      sample = runCli(options, skip);
    } catch (...) {
      failure = std::current_exception();
    }
  });
  worker.join();
  if (failure) std::rethrow_exception(failure);
  return sample;
}

// With block > 0 the page is fed only in alternate blocks of that many steps (as if the user
// looked at another page in between), and the steps of the blocks without the GUI go to *off:
// both halves then share the machine's drift second by second, which separate runs do not.
// The first kBlockMargin steps of each block are left out of both (replots still pending
// from the block before).
constexpr int kBlockMargin = 2;

Sample runGui(const catdpo::ExperimentOptions& options, int skip, QString& error, int block = 0,
              Sample* off = nullptr) {
  catdpo::ui::LivePage page;
  page.resize(1400, 900);
  page.show();
  catdpo::ui::TrainingController controller;
  Sample sample;
  QEventLoop loop;
  // The GUI thread's own CPU time while the timed steps arrive: on two cores it is taken from
  // the training threads, so its share of the wall time bounds what the GUI costs, and unlike
  // the throughput difference it hardly depends on what else the machine is doing.
  double cpu0 = -1;
  QElapsedTimer wall;
  const auto replotTotals = [&page] {
    qint64 ns = 0;
    int count = 0;
    for (const catdpo::ui::PlotWidget* plot : page.plots()) {
      ns += plot->replotNanoseconds();
      count += plot->replotCount();
    }
    return std::pair<double, int>(static_cast<double>(ns) * 1e-9, count);
  };
  std::pair<double, int> replots0;
  QObject::connect(&controller, &catdpo::ui::TrainingController::started, &page,
                   [&](const QString&, const QStringList& categories) {
                     std::vector<std::string> names;
                     for (const QString& c : categories) names.push_back(c.toStdString());
                     page.setCategories(names);
                   });
  QObject::connect(&controller, &catdpo::ui::TrainingController::steps, &page,
                   [&](const QList<catdpo::StepMetrics>& steps) {
                     const auto blockOf = [&](std::int64_t step) {
                       return block > 0 ? (step - skip - 1 + 2 * block) / block : 0;
                     };
                     for (const auto& m : steps) {
                       // Feeding step s draws while step s + 1 runs.
                       if (blockOf(m.step + 1) % 2 == 0) page.appendStep(m);
                       if (block > 0 && (m.step - skip - 1 + 2 * block) % block < kBlockMargin) {
                         // a block's first steps: in neither half
                       } else if (blockOf(m.step) % 2 == 0) {
                         sample.add(m, skip);
                       } else if (off) {
                         off->add(m, skip);
                       }
                       if (m.step == skip + 1 || (cpu0 < 0 && m.step > skip)) {
                         cpu0 = threadCpuSeconds();
                         wall.start();
                         replots0 = replotTotals();
                       }
                     }
                     if (cpu0 >= 0) {
                       sample.guiCpuSeconds = threadCpuSeconds() - cpu0;
                       const auto [seconds, count] = replotTotals();
                       sample.replotSeconds = seconds - replots0.first;
                       sample.replots = count - replots0.second;
                       sample.wallSeconds = static_cast<double>(wall.nsecsElapsed()) * 1e-9;
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
  int steps = 30, rounds = 2, block = 8, pairs = 4;
  bool quick = true;
  for (int i = 1; i < argc; ++i) {
    const QString a = QString::fromLocal8Bit(argv[i]);
    if (a == QLatin1String("--json") && i + 1 < argc)
      jsonPath = QString::fromLocal8Bit(argv[++i]);
    else if (a == QLatin1String("--steps") && i + 1 < argc)
      steps = std::atoi(argv[++i]);
    else if (a == QLatin1String("--rounds") && i + 1 < argc)
      rounds = std::atoi(argv[++i]);
    else if (a == QLatin1String("--block") && i + 1 < argc)
      block = std::max(0, std::atoi(argv[++i]));
    else if (a == QLatin1String("--pairs") && i + 1 < argc)
      pairs = std::max(1, std::atoi(argv[++i]));
    else if (a == QLatin1String("--full"))
      quick = false;
    else if (a == QLatin1String("--smoke"))
      steps = 4, rounds = 1, block = 3, pairs = 1;
    else {
      std::printf(
          "usage: bench_gui [--json PATH] [--steps N] [--rounds N] [--block N] [--pairs N] "
          "[--full] [--smoke]\n"
          "  --block N: also a run with the GUI fed in alternate blocks of N steps (0: none)\n"
          "  --pairs N: that run's number of on/off block pairs\n");
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

  // Three ways to run the same training, in an order that rotates every round so whatever
  // warms up or drifts between runs favours none of them.
  enum Mode { Cli, Thread, Gui };
  const std::array<const char*, 3> modeNames{"cli", "thread", "gui"};
  std::array<std::vector<double>, 3> tps, stepMedian;
  std::vector<double> guiBusy, replotShare;
  std::vector<double> altOn, altOff, altOnMedian, altOffMedian;
  QJsonArray roundsJson;
  for (int r = 1; r <= rounds; ++r) {
    std::array<Sample, 3> sample;
    for (int k = 0; k < 3; ++k) {
      const int mode = (r - 1 + k) % 3;
      const auto options = demoOptions(home, quick, steps, r, modeNames[mode]);
      try {
        if (mode == Gui) {
          QString error;
          sample[mode] = runGui(options, skip, error);
          if (!error.isEmpty()) throw std::runtime_error(error.toStdString());
        } else {
          sample[mode] = mode == Cli ? runCli(options, skip) : runOnThread(options, skip);
        }
      } catch (const std::exception& e) {
        std::fprintf(stderr, "%s run failed: %s\n", modeNames[mode], e.what());
        return 1;
      }
    }
    QJsonObject row{{"round", r}};
    if (block > 0) {
      // The fourth run: GUI on and off in alternating blocks within one run.
      Sample on, off;
      QString error;
      const int altSteps = skip + 2 * block * pairs;
      on = runGui(demoOptions(home, quick, altSteps, r, "alternating"), skip, error, block, &off);
      if (!error.isEmpty()) {
        std::fprintf(stderr, "alternating run failed: %s\n", qPrintable(error));
        return 1;
      }
      altOn.push_back(on.tokensPerSecond());
      altOff.push_back(off.tokensPerSecond());
      altOnMedian.push_back(median(on.stepTokensPerSecond));
      altOffMedian.push_back(median(off.stepTokensPerSecond));
      row[QStringLiteral("alternating_on_tokens_per_second")] = altOn.back();
      row[QStringLiteral("alternating_off_tokens_per_second")] = altOff.back();
      row[QStringLiteral("alternating_on_step_median")] = altOnMedian.back();
      row[QStringLiteral("alternating_off_step_median")] = altOffMedian.back();
      row[QStringLiteral("alternating_steps_on")] = int(on.stepTokensPerSecond.size());
      row[QStringLiteral("alternating_steps_off")] = int(off.stepTokensPerSecond.size());
    }
    for (int mode = 0; mode < 3; ++mode) {
      tps[mode].push_back(sample[mode].tokensPerSecond());
      stepMedian[mode].push_back(median(sample[mode].stepTokensPerSecond));
      row[QString::fromLatin1(modeNames[mode]) + QStringLiteral("_tokens_per_second")] =
          tps[mode].back();
      row[QString::fromLatin1(modeNames[mode]) + QStringLiteral("_step_median")] =
          stepMedian[mode].back();
    }
    const Sample& g = sample[Gui];
    guiBusy.push_back(g.wallSeconds > 0 ? g.guiCpuSeconds / g.wallSeconds : 0);
    row[QStringLiteral("gui_thread_cpu_seconds")] = g.guiCpuSeconds;
    row[QStringLiteral("gui_timed_wall_seconds")] = g.wallSeconds;
    row[QStringLiteral("gui_thread_busy_fraction")] = guiBusy.back();
    replotShare.push_back(g.wallSeconds > 0 ? g.replotSeconds / g.wallSeconds : 0);
    row[QStringLiteral("gui_replot_seconds")] = g.replotSeconds;
    row[QStringLiteral("gui_replots")] = g.replots;
    row[QStringLiteral("gui_replot_busy_fraction")] = replotShare.back();
    roundsJson.append(row);
  }
  const auto mean = [](const std::vector<double>& v) {
    double sum = 0;
    for (double x : v) sum += x;
    return v.empty() ? 0.0 : sum / static_cast<double>(v.size());
  };
  const double cliMean = mean(tps[Cli]), threadMean = mean(tps[Thread]), guiMean = mean(tps[Gui]);
  const double busyMean = mean(guiBusy), replotMean = mean(replotShare);
  const double cost = 1.0 - guiMean / cliMean;
  const double threadCost = 1.0 - threadMean / cliMean;
  const double guiOverThread = 1.0 - guiMean / threadMean;
  std::printf(
      "\nDemo run (%s model, %d steps, first %d untimed), %d rounds, order rotating\n"
      "cli: Experiment::run on the main thread; thread: the same on a thread of its own;\n"
      "gui: TrainingController's worker thread feeding a visible LivePage\n",
      quick ? "quick" : "full demo", steps, skip, rounds);
  std::printf("%-6s %10s %10s %10s %11s %11s %11s %11s\n", "round", "cli tok/s", "thread", "gui",
              "gui vs cli", "gui vs thr", "GUI busy", "replots");
  for (int r = 0; r < rounds; ++r)
    std::printf("%-6d %10.0f %10.0f %10.0f %10.1f%% %10.1f%% %10.1f%% %10.1f%%\n", r + 1,
                tps[Cli][r], tps[Thread][r], tps[Gui][r], 100.0 * (1.0 - tps[Gui][r] / tps[Cli][r]),
                100.0 * (1.0 - tps[Gui][r] / tps[Thread][r]), 100.0 * guiBusy[r],
                100.0 * replotShare[r]);
  std::printf("%-6s %10.0f %10.0f %10.0f %10.1f%% %10.1f%% %10.1f%% %10.1f%%\n", "mean", cliMean,
              threadMean, guiMean, 100.0 * cost, 100.0 * guiOverThread, 100.0 * busyMean,
              100.0 * replotMean);
  std::printf(
      "GUI busy: the GUI thread's CPU time over the wall time of the timed steps (one "
      "core);\nreplots: the part of it the plots spent replotting (wall time).\n");
  double altCost = 0, altMedianCost = 0;
  if (block > 0) {
    std::printf(
        "\nOne run per round with the GUI fed in alternate blocks of %d steps (%d pairs; "
        "the first %d steps of a block not counted)\n",
        block, pairs, kBlockMargin);
    std::printf("%-6s %10s %10s %11s %11s\n", "round", "on tok/s", "off", "cost", "median cost");
    for (int r = 0; r < rounds; ++r)
      std::printf("%-6d %10.0f %10.0f %10.1f%% %10.1f%%\n", r + 1, altOn[r], altOff[r],
                  100.0 * (1.0 - altOn[r] / altOff[r]),
                  100.0 * (1.0 - altOnMedian[r] / altOffMedian[r]));
    altCost = 1.0 - mean(altOn) / mean(altOff);
    altMedianCost = 1.0 - mean(altOnMedian) / mean(altOffMedian);
    std::printf("%-6s %10.0f %10.0f %10.1f%% %10.1f%%\n", "mean", mean(altOn), mean(altOff),
                100.0 * altCost, 100.0 * altMedianCost);
  }

  const QJsonObject root{{"benchmark", "gui_attached"},
                         {"model", quick ? "demo:quick" : "demo"},
                         {"omp_wait_policy", catdpo::openMpWaitPolicy()},
                         {"heap_policy", QString::fromStdString(catdpo::heapPolicyDescription())},
                         {"steps", steps},
                         {"untimed_steps", skip},
                         {"rounds", roundsJson},
                         {"cli_tokens_per_second", cliMean},
                         {"thread_tokens_per_second", threadMean},
                         {"gui_tokens_per_second", guiMean},
                         {"gui_cost_fraction", cost},
                         {"thread_cost_fraction", threadCost},
                         {"gui_cost_over_thread_fraction", guiOverThread},
                         {"gui_thread_busy_fraction", busyMean},
                         {"gui_replot_busy_fraction", replotMean},
                         {"alternating_block_steps", block},
                         {"alternating_pairs", pairs},
                         {"alternating_cost_fraction", altCost},
                         {"alternating_step_median_cost_fraction", altMedianCost},
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
