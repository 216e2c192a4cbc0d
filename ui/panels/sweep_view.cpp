// SPDX-License-Identifier: MIT
#include "ui/panels/sweep_view.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDialog>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>
#include <cmath>
#include <limits>

#include "common/error.h"
#include "eval/summary.h"
#include "store/run_store.h"
#include "train/train_config.h"
#include "ui/models/eval_rates.h"
#include "ui/models/method_text.h"
#include "ui/models/run_data.h"
#include "ui/plots/category_bar_chart.h"
#include "ui/plots/category_series_plot.h"
#include "ui/plots/frontier_plot.h"
#include "ui/plots/plot_export.h"

namespace catdpo::ui {

namespace {

// "83.1 ± 1.2 [79.0, 86.5]" (values scaled; ratios shown in percent), "–" without data.
QString cellText(const MeanStd& v, double scale, int decimals) {
  if (v.n == 0) return QStringLiteral("–");
  QString text = v.n == 1
                     ? QString::number(v.mean * scale, 'f', decimals)
                     : QStringLiteral("%1 ± %2").arg(QString::number(v.mean * scale, 'f', decimals),
                                                     QString::number(v.std * scale, 'f', decimals));
  if (v.hasCi)
    text += QStringLiteral(" [%1, %2]")
                .arg(QString::number(v.ci.low * scale, 'f', decimals),
                     QString::number(v.ci.high * scale, 'f', decimals));
  return text;
}

// "+4.2 [-1.0, +9.5]" in points.
QString differenceText(double value, const Interval& ci, double scale) {
  const auto signedNumber = [](double x) {
    return (x >= 0 ? QStringLiteral("+") : QString()) + QString::number(x, 'f', 1);
  };
  return QStringLiteral("%1 [%2, %3]")
      .arg(signedNumber(value * scale), signedNumber(ci.low * scale),
           signedNumber(ci.high * scale));
}

// The table's columns and the core results-table column each shows (scale, precision,
// direction and the best rule come from there).
struct ColumnSpec {
  SweepView::Column column;
  ResultColumnId id;
};

const std::vector<ColumnSpec>& columnSpecs() {
  static const std::vector<ColumnSpec> specs{
      {SweepView::SafeMacro, ResultColumnId::SafeMacro},
      {SweepView::SafeWorst3, ResultColumnId::SafeWorst3},
      {SweepView::SafeGap, ResultColumnId::SafeGap},
      {SweepView::SafeVariance, ResultColumnId::SafeVariance},
      {SweepView::ImplicitMacro, ResultColumnId::ImplicitMacro},
      {SweepView::ImplicitWorst3, ResultColumnId::ImplicitWorst3},
      {SweepView::ImplicitGap, ResultColumnId::ImplicitGap},
      {SweepView::ImplicitVariance, ResultColumnId::ImplicitVariance},
      {SweepView::Helpfulness, ResultColumnId::Helpfulness},
      {SweepView::OverRefusal, ResultColumnId::OverRefusal},
      {SweepView::BorderlineRefusal, ResultColumnId::BorderlineRefusal},
  };
  return specs;
}

}  // namespace

SweepView::SweepView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  auto* top = new QHBoxLayout;
  top->addWidget(new QLabel(tr("Sweep:"), this));
  m_sweeps = new QComboBox(this);
  m_sweeps->setMinimumContentsLength(30);
  m_sweeps->setToolTip(tr("Sweeps of this workspace, newest first"));
  top->addWidget(m_sweeps, 1);
  auto* refreshButton = new QPushButton(tr("Refresh"), this);
  top->addWidget(refreshButton);
  m_newButton = new QPushButton(tr("New sweep…"), this);
  m_newButton->setToolTip(tr("Run methods × seeds (× one grid) one after another"));
  top->addWidget(m_newButton);
  m_stopButton = new QPushButton(tr("Stop sweep"), this);
  m_stopButton->setToolTip(tr("Stop after a checkpoint; the sweep can be resumed"));
  m_stopButton->setEnabled(false);
  top->addWidget(m_stopButton);
  layout->addLayout(top);
  m_status = new QLabel(this);
  m_status->setWordWrap(true);
  layout->addWidget(m_status);

  auto* split = new QSplitter(Qt::Vertical, this);
  m_table = new QTableWidget(0, ColumnCount, split);
  QStringList headers(ColumnCount);
  headers[Group] = tr("Method");
  headers[Runs] = tr("Runs");
  for (const ColumnSpec& spec : columnSpecs())
    headers[spec.column] = resultTitle(resultColumn(spec.id));
  headers[VsControlMacro] = tr("Δ Macro vs control");
  headers[VsControlWorst3] = tr("Δ Worst-3 vs control");
  headers[VsControlGap] = tr("Δ Gap vs control");
  m_table->setHorizontalHeaderLabels(headers);
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->verticalHeader()->hide();
  m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_table->setToolTip(
      tr("Mean ± standard deviation over seeds [95 % interval: a bootstrap over seeds and "
         "prompts; Wilson for rates]; the best judged value of each column is bold. Safe: "
         "generated responses judged safe. Δ vs control: difference from catdpo_nomargin "
         "(Cat-DPO with λ = 0), paired by seed. Impl.: implicit safety probability σ(β·z) on "
         "held-out pairs, a training diagnostic that any margin raises: never marked best"));
  // The bars and the λ curves side by side under the table: stacked, each got too little
  // height at 1280×800 for its axis title.
  auto* plots = new QSplitter(Qt::Horizontal, split);
  m_bars = new CategoryBarChart(plots);
  m_bars->setTitle(tr("Safe ratio per category and method, all seeds"));
  m_bars->setEmptyHint(
      tr("Bars per category and method appear once a sweep has finished runs: "
         "New sweep…, or catdpo sweep --demo in a terminal."));
  auto* lambdaBox = new QWidget(plots);
  auto* lambdaLayout = new QVBoxLayout(lambdaBox);
  lambdaLayout->setContentsMargins(0, 0, 0, 0);
  auto* lambdaTop = new QHBoxLayout;
  lambdaTop->addWidget(new QLabel(tr("λ per category of the Cat-DPO run:"), lambdaBox));
  m_lambdaRun = new QComboBox(lambdaBox);
  lambdaTop->addWidget(m_lambdaRun, 1);
  lambdaLayout->addLayout(lambdaTop);
  m_lambda = new CategorySeriesPlot(CategoryField::Lambda, lambdaBox);
  m_lambda->setSettingsKey(QStringLiteral("sweeps/lambda"));
  m_lambda->setEmptyHint(tr("λ per category of the sweep's Cat-DPO runs appears here."));
  lambdaLayout->addWidget(m_lambda, 1);
  plots->addWidget(m_bars);
  plots->addWidget(lambdaBox);
  plots->setSizes({1, 1});  // equal halves
  // The trade-off frontier on its own tab: Worst-3 against the chosen axis.
  auto* frontierBox = new QWidget(this);
  auto* frontierLayout = new QVBoxLayout(frontierBox);
  frontierLayout->setContentsMargins(0, 0, 0, 0);
  auto* frontierTop = new QHBoxLayout;
  frontierTop->addWidget(new QLabel(tr("Worst-3 safe ratio against:"), frontierBox));
  m_frontierAxis = new QComboBox(frontierBox);
  for (FrontierAxis axis : kFrontierAxes)
    m_frontierAxis->addItem(FrontierPlot::axisLabel(axis), static_cast<int>(axis));
  frontierTop->addWidget(m_frontierAxis);
  frontierTop->addStretch(1);
  frontierLayout->addLayout(frontierTop);
  m_frontier = new FrontierPlot(frontierBox);
  frontierLayout->addWidget(m_frontier, 1);
  m_tabs = new QTabWidget(split);
  m_tabs->addTab(plots, tr("Per category and λ"));
  m_tabs->addTab(frontierBox, tr("Trade-off frontier"));
  split->addWidget(m_table);
  split->addWidget(m_tabs);
  split->setSizes({160, 640});  // the table has a few rows: the figures get the room
  layout->addWidget(split, 1);

  connect(refreshButton, &QPushButton::clicked, this, &SweepView::refresh);
  connect(m_newButton, &QPushButton::clicked, this, &SweepView::openNewSweepDialog);
  connect(m_stopButton, &QPushButton::clicked, this, [this] { stopSweep(false); });
  connect(m_sweeps, &QComboBox::activated, this,
          [this](int index) { showSweep(m_sweeps->itemData(index).toString()); });
  connect(m_lambdaRun, &QComboBox::activated, this, &SweepView::showLambdaRun);
  connect(m_frontierAxis, &QComboBox::activated, this, [this] { fillFrontier(); });
}

FrontierAxis SweepView::frontierAxis() const {
  return static_cast<FrontierAxis>(m_frontierAxis->currentData().toInt());
}

void SweepView::setFrontierAxis(FrontierAxis axis) {
  m_frontierAxis->setCurrentIndex(std::max(0, m_frontierAxis->findData(static_cast<int>(axis))));
  fillFrontier();
}

void SweepView::fillFrontier() { m_frontier->setFrontier(sweepFrontier(m_result, frontierAxis())); }

SweepView::~SweepView() {
  if (m_runner) m_runner->cancel();
  if (m_thread) {
    m_thread->wait();
    delete m_thread;
  }
}

void SweepView::setStore(std::shared_ptr<catdpo::RunStore> store) {
  m_store = std::move(store);
  m_dbPath = m_store ? QString::fromStdString(m_store->path().string()) : QString();
  refresh();
}

void SweepView::setDatabasePath(const QString& path) {
  m_store.reset();
  m_dbPath = path;
  refresh();
}

std::shared_ptr<catdpo::RunStore> SweepView::reader() const {
  if (m_store) return m_store;
  return std::make_shared<RunStore>(m_dbPath.toStdString(), /*readOnly=*/true);
}

QString SweepView::currentSweep() const { return QString::fromStdString(m_result.sweepId); }

QString SweepView::statusText() const { return m_status->text(); }

void SweepView::refresh() { showSweep(currentSweep()); }

bool SweepView::showSweep(const QString& sweep) {
  if (m_dbPath.isEmpty()) return false;
  try {
    const std::shared_ptr<RunStore> opened = reader();
    const RunStore& store = *opened;
    const auto sweeps = store.listSweeps();
    m_sweeps->clear();
    for (const SweepRecord& s : sweeps)
      m_sweeps->addItem(
          QStringLiteral("%1  (%2, %3)")
              .arg(QString::fromStdString(s.name), QString::fromStdString(s.id.substr(0, 8)),
                   QString::fromStdString(s.createdAt.substr(0, 16))),
          QString::fromStdString(s.id));
    if (sweeps.empty()) {
      m_result = {};
      if (!isRunning())
        m_status->setText(
            tr("No sweep in this workspace yet: press New sweep… (or run catdpo sweep --demo "
               "in a terminal)."));
      fillTable();
      fillBars();
      fillLambdaRuns();
      fillFrontier();
      return false;
    }
    const std::string wanted = sweep.isEmpty() ? sweeps.front().id : sweep.toStdString();
    m_result = summarizeSweep(store, wanted);
    m_sweeps->setCurrentIndex(m_sweeps->findData(QString::fromStdString(m_result.sweepId)));
    if (!isRunning()) {
      bool judged = false;
      for (const SweepGroupResult& g : m_result.groups) judged = judged || g.genMacro.n > 0;
      QString text =
          tr("%1 of %2 runs finished.").arg(m_result.finishedRuns).arg(m_result.plannedRuns);
      if (m_result.finishedRuns > 0 && !judged)
        text += QLatin1Char(' ') +
                tr("No judged evaluation: nothing is marked best (the implicit columns are a "
                   "training diagnostic, not a safety ranking).");
      m_status->setText(text);
    }
  } catch (const std::exception& e) {
    // A workspace without sweeps yet (or an older database) is not an error worth a dialog.
    m_status->setText(tr("Cannot read the sweeps: %1").arg(QString::fromUtf8(e.what())));
    emit errorOccurred(m_status->text());
    return false;
  }
  fillTable();
  fillBars();
  fillLambdaRuns();
  fillFrontier();
  return true;
}

void SweepView::fillTable() {
  m_table->setRowCount(static_cast<int>(m_result.groups.size()));
  for (int row = 0; row < m_table->rowCount(); ++row) {
    const SweepGroupResult& g = m_result.groups[static_cast<std::size_t>(row)];
    auto* group = new QTableWidgetItem(QString::fromStdString(g.group));
    group->setToolTip(MethodText::description(QString::fromStdString(g.method)));
    m_table->setItem(row, Group, group);
    auto* runs =
        new QTableWidgetItem(QStringLiteral("%1/%2").arg(g.finishedRuns).arg(g.runIds.size()));
    runs->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_table->setItem(row, Runs, runs);
  }
  for (const ColumnSpec& spec : columnSpecs()) {
    const ResultColumn& column = resultColumn(spec.id);
    const std::vector<bool> best = sweepBest(m_result, spec.id);
    for (int row = 0; row < m_table->rowCount(); ++row) {
      const std::size_t r = static_cast<std::size_t>(row);
      const MeanStd& v = sweepColumnValue(m_result.groups[r], spec.id);
      auto* item = new QTableWidgetItem(cellText(v, column.scale, column.decimals));
      item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
      if (best[r]) {
        QFont font = item->font();
        font.setBold(true);
        item->setFont(font);
        item->setText(item->text() + QStringLiteral(" ★"));
        item->setData(kBestRole, true);
      }
      m_table->setItem(row, spec.column, item);
    }
  }
  fillControlColumns();
}

void SweepView::fillControlColumns() {
  for (int row = 0; row < m_table->rowCount(); ++row) {
    const SweepGroupResult& g = m_result.groups[static_cast<std::size_t>(row)];
    const bool have = !g.control.empty() && g.vsControl.valid;
    const QString none = g.method == kControlMethod ? tr("(control)") : QStringLiteral("–");
    const QString tip = have ? tr("Difference from %1, paired by seed, in points [95 % interval]")
                                   .arg(QString::fromStdString(g.control))
                             : QString();
    const std::pair<Column, QString> cells[] = {
        {VsControlMacro, have ? differenceText(g.vsControl.macro, g.vsControl.macroCi, 100) : none},
        {VsControlWorst3,
         have ? differenceText(g.vsControl.worst3, g.vsControl.worst3Ci, 100) : none},
        {VsControlGap, have ? differenceText(g.vsControl.gap, g.vsControl.gapCi, 1) : none}};
    for (const auto& [column, text] : cells) {
      auto* item = new QTableWidgetItem(text);
      item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
      item->setToolTip(tip);
      m_table->setItem(row, column, item);
    }
  }
}

void SweepView::fillBars() {
  m_bars->clearSeries();
  m_bars->setCategories(m_result.categories);
  bool generated = false;
  for (const auto& g : m_result.groups)
    for (const auto& v : g.perCategorySafe) generated = generated || v.n > 0;
  m_bars->setMetric(generated ? BarMetric::SafeRatio : BarMetric::ImplicitProbability);
  std::shared_ptr<RunStore> store;
  if (generated && !m_dbPath.isEmpty()) {
    try {
      store = reader();
    } catch (const std::exception&) {
      store.reset();  // no whiskers then; the table already reported what it could
    }
  }
  for (const SweepGroupResult& g : m_result.groups) {
    const auto& perCategory = generated ? g.perCategorySafe : g.perCategoryImplicit;
    if (store) {
      // Whiskers: the Wilson interval of the group's judged responses over all its seeds.
      std::vector<EvalResult> evaluations;
      try {
        for (const std::string& id : g.runIds)
          if (const auto latest = store->latestEvaluation(id))
            evaluations.push_back(latest->result);
      } catch (const std::exception&) {
        evaluations.clear();
      }
      const std::vector<Rate> rates = pooledSafeRates(evaluations);
      std::vector<std::pair<int, double>> observed;
      for (std::size_t k = 0; k < rates.size(); ++k)
        if (rates[k].observed()) observed.emplace_back(static_cast<int>(k), rates[k].value);
      if (!observed.empty()) {
        m_bars->addRates(QString::fromStdString(g.group), rates, summarize(observed));
        continue;
      }
    }
    std::vector<double> values;
    std::vector<std::pair<int, double>> observed;
    for (std::size_t k = 0; k < perCategory.size(); ++k) {
      values.push_back(perCategory[k].n ? perCategory[k].mean
                                        : std::numeric_limits<double>::quiet_NaN());
      if (perCategory[k].n) observed.emplace_back(static_cast<int>(k), perCategory[k].mean);
    }
    if (observed.empty()) continue;
    m_bars->addSeries(QString::fromStdString(g.group), values, summarize(observed));
  }
}

void SweepView::fillLambdaRuns() {
  const QString previous = m_lambdaRun->currentData().toString();
  m_lambdaRun->clear();
  for (const SweepGroupResult& g : m_result.groups) {
    if (g.method != "catdpo") continue;
    for (std::size_t i = 0; i < g.runIds.size(); ++i)
      m_lambdaRun->addItem(QStringLiteral("%1 #%2").arg(QString::fromStdString(g.group)).arg(i + 1),
                           QString::fromStdString(g.runIds[i]));
  }
  const int index = std::max(0, m_lambdaRun->findData(previous));
  if (m_lambdaRun->count() > 0) m_lambdaRun->setCurrentIndex(index);
  showLambdaRun(m_lambdaRun->count() > 0 ? index : -1);
}

void SweepView::showLambdaRun(int index) {
  m_lambda->clearData();
  if (index < 0 || m_dbPath.isEmpty()) return;
  try {
    const std::shared_ptr<RunStore> opened = reader();
    const RunStore& store = *opened;
    const std::string runId = m_lambdaRun->itemData(index).toString().toStdString();
    m_lambda->setCategories(runCategoryNames(store, runId));
    fillCategoryPlot(m_lambda, store, runId);
  } catch (const std::exception& e) {
    m_status->setText(tr("Cannot read the λ series: %1").arg(QString::fromUtf8(e.what())));
  }
}

bool SweepView::isRunning() const { return m_thread != nullptr; }

bool SweepView::startSweep(const catdpo::SweepPlan& plan, const QString& name) {
  if (isRunning() || m_dbPath.isEmpty()) return false;
  try {
    expandSweep(plan);  // a bad plan is reported here, before a thread starts
  } catch (const std::exception& e) {
    emit errorOccurred(QString::fromUtf8(e.what()));
    return false;
  }
  SweepOptions options;
  options.plan = plan;
  options.databasePath = m_dbPath.toStdString();
  options.name = name.toStdString();
  m_runner = std::make_unique<SweepRunner>(options);
  m_runner->setProgressCallback([this](const SweepProgress& p) {
    QMetaObject::invokeMethod(
        this, [this, p] { onProgress(p); }, Qt::QueuedConnection);
  });
  SweepRunner* runner = m_runner.get();
  m_thread = QThread::create([this, runner] {
    bool complete = false;
    QString error;
    try {
      complete = runner->run();
    } catch (const std::exception& e) {
      error = QString::fromUtf8(e.what());
    }
    QMetaObject::invokeMethod(
        this, [this, complete, error] { onFinished(complete, error); }, Qt::QueuedConnection);
  });
  m_newButton->setEnabled(false);
  m_stopButton->setEnabled(true);
  m_status->setText(tr("Starting the sweep…"));
  m_thread->start();
  return true;
}

void SweepView::stopSweep(bool cancel) {
  if (!m_runner) return;
  if (cancel)
    m_runner->cancel();
  else
    m_runner->stop();
  m_status->setText(tr("Stopping the sweep after the current run's checkpoint…"));
}

bool SweepView::waitForSweep(int timeoutMs) {
  if (!m_thread) return true;
  if (!m_thread->wait(QDeadlineTimer(timeoutMs))) return false;
  QCoreApplication::sendPostedEvents(this);  // deliver onFinished now
  return true;
}

void SweepView::onProgress(const catdpo::SweepProgress& p) {
  m_status->setText(tr("Run %1 of %2: %3 — %4")
                        .arg(p.index + 1)
                        .arg(p.total)
                        .arg(QString::fromStdString(p.runName), QString::fromStdString(p.state)));
  if (p.state != "started" && p.state != "resumed") {
    const QString sweep = m_runner ? QString::fromStdString(m_runner->sweepId()) : currentSweep();
    const QString status = m_status->text();
    showSweep(sweep);
    m_status->setText(status);
  }
}

void SweepView::onFinished(bool complete, const QString& error) {
  if (!m_thread) return;
  m_thread->wait();
  delete m_thread;
  m_thread = nullptr;
  const QString id = QString::fromStdString(m_runner->sweepId());
  m_runner.reset();
  m_newButton->setEnabled(true);
  m_stopButton->setEnabled(false);
  showSweep(id);
  if (!error.isEmpty()) {
    m_status->setText(tr("The sweep ended with an error: %1").arg(error));
    emit errorOccurred(error);
  } else if (!complete) {
    m_status->setText(
        tr("Sweep stopped; resume it with: catdpo sweep --resume %1").arg(id.left(8)));
  }
  emit sweepFinished(id, complete, error);
}

QStringList SweepView::exportFigures(const QString& dir, QString* error) {
  QStringList written;
  QDir().mkpath(dir);
  auto save = [&](PlotWidget* plot, const QString& base, const QString& title) {
    plot->replotNow();  // moves buffered points into the graphs and fits the axes
    for (ExportFormat format : {ExportFormat::Png, ExportFormat::Svg}) {
      ExportOptions options;
      options.format = format;
      options.sizePx = {1800, 900};
      options.dpi = 150;
      options.title = title;
      const QString path = QDir(dir).filePath(base + "." + exportSuffix(format));
      if (!plot->exportTo(path, options, error)) return false;
      written << path;
    }
    return true;
  };
  if (!save(m_bars, QStringLiteral("per-category"), tr("Per-category safety, mean over seeds")))
    return written;
  const FrontierAxis shown = frontierAxis();
  for (FrontierAxis axis : kFrontierAxes) {
    setFrontierAxis(axis);
    if (!m_frontier->hasData()) continue;  // e.g. no helpfulness pairs in these runs
    QString base = QStringLiteral("frontier-") + QString::fromLatin1(toString(axis));
    if (!save(m_frontier, base.replace('_', '-'),
              tr("Trade-off frontier: Worst-3 against %1").arg(FrontierPlot::axisLabel(axis)))) {
      setFrontierAxis(shown);
      return written;
    }
  }
  setFrontierAxis(shown);
  for (int i = 0; i < m_lambdaRun->count(); ++i) {
    m_lambdaRun->setCurrentIndex(i);
    showLambdaRun(i);
    QString name = m_lambdaRun->itemText(i);
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9.=#-]+")), QStringLiteral("_"));
    name.replace('#', QString());
    if (!save(m_lambda, QStringLiteral("lambda-") + name, tr("λ per category"))) break;
  }
  return written;
}

}  // namespace catdpo::ui
