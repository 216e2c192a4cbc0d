// SPDX-License-Identifier: MIT
#include "ui/panels/compare_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>
#include <map>
#include <optional>

#include "eval/results_table.h"
#include "store/run_store.h"
#include "train/events.h"
#include "ui/models/eval_rates.h"
#include "ui/models/method_text.h"
#include "ui/models/run_data.h"
#include "ui/plots/plot_theme.h"
#include "ui/plots/run_overlay_plot.h"
#include "ui/plots/run_small_multiples.h"

namespace catdpo::ui {

namespace {
// The core results-table column behind each summary column: the summaries are the judged
// safe ratio's, or the implicit diagnostic's when not every run has a judge.
const catdpo::ResultColumn& columnFor(int c, bool judged) {
  using catdpo::ResultColumnId;
  static const ResultColumnId kSafe[] = {
      ResultColumnId::SafeMacro,        ResultColumnId::SafeWorst3,  ResultColumnId::SafeGap,
      ResultColumnId::SafeVariance,     ResultColumnId::Helpfulness, ResultColumnId::OverRefusal,
      ResultColumnId::BorderlineRefusal};
  static const ResultColumnId kImplicit[] = {
      ResultColumnId::ImplicitMacro,    ResultColumnId::ImplicitWorst3, ResultColumnId::ImplicitGap,
      ResultColumnId::ImplicitVariance, ResultColumnId::Helpfulness,    ResultColumnId::OverRefusal,
      ResultColumnId::BorderlineRefusal};
  return catdpo::resultColumn(judged ? kSafe[c] : kImplicit[c]);
}

const catdpo::CategorySummary& summaryFor(BarMetric metric, const catdpo::EvalResult& e) {
  switch (metric) {
    case BarMetric::ImplicitAccuracy:
      return e.implicitAccuracy;
    case BarMetric::ImplicitProbability:
      return e.implicit;
    default:
      return e.generated;
  }
}

QTableWidgetItem* item(const QString& text) {
  auto* it = new QTableWidgetItem(text);
  it->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
  return it;
}
}  // namespace

CompareView::CompareView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  auto* bar = new QHBoxLayout;
  m_title = new QLabel(tr("Select two or more runs in the runs list and choose Compare."), this);
  m_title->setWordWrap(true);
  m_metricBox = new QComboBox(this);
  m_metricBox->addItem(tr("Automatic metric"), int(BarMetric::Auto));
  m_metricBox->addItem(tr("Judged safe ratio"), int(BarMetric::SafeRatio));
  m_metricBox->addItem(tr("Implicit safety accuracy (diagnostic)"),
                       int(BarMetric::ImplicitAccuracy));
  m_metricBox->addItem(tr("Implicit P(safe preferred) (diagnostic)"),
                       int(BarMetric::ImplicitProbability));
  auto* refreshButton = new QPushButton(tr("Re&fresh"), this);
  bar->addWidget(m_title, 1);
  bar->addWidget(m_metricBox);
  bar->addWidget(refreshButton);
  layout->addLayout(bar);

  m_tabs = new QTabWidget(this);
  // Curves: one category at a time, every run overlaid.
  auto* curves = new QWidget(m_tabs);
  auto* curvesLayout = new QVBoxLayout(curves);
  auto* categoryRow = new QHBoxLayout;
  categoryRow->addWidget(new QLabel(tr("Category:"), curves));
  m_category = new QComboBox(curves);
  m_category->setMinimumContentsLength(24);
  categoryRow->addWidget(m_category);
  categoryRow->addStretch(1);
  curvesLayout->addLayout(categoryRow);
  // λ and g side by side, the safe ratio below: three plots stacked would not fit 800 pixels.
  auto* split = new QSplitter(Qt::Vertical, curves);
  auto* top = new QSplitter(Qt::Horizontal, split);
  // Short axis titles: side by side, the plots are not tall enough for long ones; the plot
  // titles say what the values are.
  m_lambda = new RunOverlayPlot(QStringLiteral("λ_k"), top);
  m_lambda->setSettingsKey(QStringLiteral("compare/lambda"));
  m_g = new RunOverlayPlot(QStringLiteral("g_k"), top);
  m_g->setDefaultValueRange(0, 1, /*clampToIt=*/true);
  m_g->setSettingsKey(QStringLiteral("compare/g"), Smoothing{SmoothingMode::Ema, 0.8, 10});
  top->addWidget(m_lambda);
  top->addWidget(m_g);
  m_safe = new RunOverlayPlot(tr("Safe ratio (%)"), split);
  m_safe->setDefaultValueRange(0, 100, /*clampToIt=*/true);
  m_safe->setEvaluationPlot();
  split->addWidget(top);
  split->addWidget(m_safe);
  curvesLayout->addWidget(split, 1);
  m_tabs->addTab(curves, tr("Curves"));

  m_safeGrid = new RunSmallMultiples(m_tabs);
  m_safeGrid->setTitle(tr("Generated safe ratio per category over the evaluations"));
  m_tabs->addTab(m_safeGrid, tr("Safe ratio per category"));

  m_bars = new CategoryBarChart(m_tabs);
  m_bars->setTitle(tr("Latest evaluation per category"));
  m_tabs->addTab(m_bars, tr("Per category"));

  m_summary = new QTableWidget(0, SummaryColumnCount, m_tabs);
  m_summary->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  m_summary->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_tabs->addTab(m_summary, tr("Summary"));

  auto* configPage = new QWidget(m_tabs);
  auto* configLayout = new QVBoxLayout(configPage);
  m_onlyDiff = new QCheckBox(tr("Only settings that differ"), configPage);
  m_onlyDiff->setChecked(true);
  m_config = new QTableWidget(configPage);
  m_config->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_config->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  configLayout->addWidget(m_onlyDiff);
  configLayout->addWidget(m_config, 1);
  m_tabs->addTab(configPage, tr("Configuration"));
  layout->addWidget(m_tabs, 1);

  connect(refreshButton, &QPushButton::clicked, this, &CompareView::refresh);
  connect(m_category, &QComboBox::currentIndexChanged, this, &CompareView::fillCurves);
  connect(m_metricBox, &QComboBox::activated, this,
          [this] { setMetric(BarMetric(m_metricBox->currentData().toInt())); });
  connect(m_onlyDiff, &QCheckBox::toggled, this, &CompareView::fillConfig);
}

CompareView::~CompareView() = default;

void CompareView::setStore(std::shared_ptr<catdpo::RunStore> store) {
  m_store = std::move(store);
  m_runs.clear();
  refresh();
}

QStringList CompareView::runIds() const {
  QStringList ids;
  for (const catdpo::RunComparison& c : m_runs) ids << QString::fromStdString(c.run.id);
  return ids;
}

bool CompareView::setRuns(const QStringList& runIds) {
  if (!m_store) return false;
  std::vector<std::string> ids;
  for (const QString& id : runIds) ids.push_back(id.toStdString());
  try {
    m_runs = m_store->compare(ids);
  } catch (const std::exception& e) {
    emit errorOccurred(tr("Could not read the runs: %1").arg(QString::fromLocal8Bit(e.what())));
    return false;
  }
  refresh();
  return true;
}

void CompareView::refresh() {
  if (m_store && !m_runs.empty()) {
    try {
      std::vector<std::string> ids;
      for (const catdpo::RunComparison& c : m_runs) ids.push_back(c.run.id);
      m_runs = m_store->compare(ids);
    } catch (const std::exception& e) {
      emit errorOccurred(tr("Could not read the runs: %1").arg(QString::fromLocal8Bit(e.what())));
    }
  }
  m_labels.clear();
  std::map<std::string, int> names;
  for (const catdpo::RunComparison& c : m_runs) ++names[c.run.name];
  QStringList shown;
  for (const catdpo::RunComparison& c : m_runs) {
    m_labels.push_back(runLabel(c.run, names[c.run.name] > 1));
    shown << m_labels.back();
  }
  m_title->setText(m_runs.empty() ? tr("No runs to compare.")
                                  : tr("Comparing %1").arg(shown.join(QStringLiteral(", "))));
  updateCategories();
  setMetric(m_metric);  // fills bars and summary
  fillCurves();
  fillSafeRatioGrid();
  fillConfig();
}

void CompareView::updateCategories() {
  std::vector<std::string> merged;
  try {
    for (const catdpo::RunComparison& c : m_runs) {
      const auto names = runCategoryNames(*m_store, c.run.id);
      if (names.size() > merged.size()) merged.resize(names.size());
      for (size_t k = 0; k < names.size(); ++k)
        if (merged[k].empty() || merged[k].rfind("Category ", 0) == 0) merged[k] = names[k];
    }
  } catch (const std::exception& e) {
    emit errorOccurred(QString::fromLocal8Bit(e.what()));
  }
  m_categoryNames = merged;
  const int previous = m_category->currentIndex();
  const QSignalBlocker block(m_category);
  m_category->clear();
  for (size_t k = 0; k < merged.size(); ++k)
    m_category->addItem(QString::fromStdString(merged[k]), int(k));
  if (previous >= 0 && previous < m_category->count()) m_category->setCurrentIndex(previous);
}

void CompareView::setCategory(int category) {
  const int index = m_category->findData(category);
  if (index >= 0) m_category->setCurrentIndex(index);
}

int CompareView::category() const {
  return m_category->currentIndex() >= 0 ? m_category->currentData().toInt() : -1;
}

void CompareView::fillCurves() {
  m_lambda->clearRuns();
  m_g->clearRuns();
  m_safe->clearRuns();
  const int k = category();
  const QString name = k >= 0 ? m_category->currentText() : QString();
  m_lambda->setTitle(k >= 0 ? tr("Safety margin λ_k of %1").arg(name) : tr("Safety margin λ_k"));
  m_g->setTitle(k >= 0 ? tr("g_k, P(unsafe preferred), of %1").arg(name)
                       : tr("g_k, P(unsafe preferred)"));
  m_safe->setTitle(k >= 0 ? tr("Safe ratio of %1 over the evaluations").arg(name)
                          : tr("Safe ratio over the evaluations"));
  if (!m_store || k < 0) return;
  try {
    for (size_t r = 0; r < m_runs.size(); ++r) {
      const std::string& id = m_runs[r].run.id;
      for (RunOverlayPlot* plot : {m_lambda, m_g}) {
        const int series = plot->addRun(m_labels[r]);
        const auto points = m_store->series(
            {id, plot == m_lambda ? catdpo::metric::kLambda : catdpo::metric::kG, k, 2000});
        const auto keys = seriesKeys(points);
        for (size_t i = 0; i < points.size(); ++i)
          plot->appendPoint(series, keys[i], points[i].value);
      }
      addRunSafeRatio(m_safe, m_safe->addRun(m_labels[r], int(r)), *m_store, id, k);
    }
  } catch (const std::exception& e) {
    emit errorOccurred(tr("Could not read the curves: %1").arg(QString::fromLocal8Bit(e.what())));
  }
  m_lambda->fitToData();
  m_g->fitToData();
  m_safe->fitToData();
}

void CompareView::fillSafeRatioGrid() {
  m_safeGrid->clear();
  if (!m_store || m_runs.empty()) return;
  m_safeGrid->setPanels(m_categoryNames);
  try {
    for (size_t r = 0; r < m_runs.size(); ++r) {
      std::vector<RunSmallMultiples::Point> points;
      for (const catdpo::StoredEvaluation& e : m_store->evaluations(m_runs[r].run.id)) {
        const std::vector<Rate> rates = safeRates(e.result);
        for (size_t k = 0; k < rates.size(); ++k)
          if (rates[k].observed())
            points.push_back({int(k), double(e.result.step), rates[k].value * 100,
                              rates[k].interval.low * 100, rates[k].interval.high * 100});
      }
      m_safeGrid->addRun(m_labels[r], runColor(int(r)), points);
    }
  } catch (const std::exception& e) {
    emit errorOccurred(
        tr("Could not read the evaluations: %1").arg(QString::fromLocal8Bit(e.what())));
  }
  m_safeGrid->requestReplot();
}

void CompareView::setMetric(BarMetric metric) {
  m_metric = metric;
  m_shown = metric;
  if (metric == BarMetric::Auto) {
    // Judged safe ratio only when every evaluated run has one, so all columns mean the same;
    // else the implicit safety probability, the diagnostic a sweep shows without a judge.
    bool allJudged = false;
    for (const catdpo::RunComparison& c : m_runs) {
      if (!c.latest) continue;
      if (c.latest->result.generated.categoriesCounted <= 0) {
        allJudged = false;
        break;
      }
      allJudged = true;
    }
    m_shown = allJudged ? BarMetric::SafeRatio : BarMetric::ImplicitProbability;
  }
  const int index = m_metricBox->findData(int(metric));
  if (index >= 0) m_metricBox->setCurrentIndex(index);
  fillBars();
  fillSummary();
}

void CompareView::fillBars() {
  m_bars->clearSeries();
  m_bars->setCategories(m_categoryNames);
  m_bars->setMetric(m_shown);
  for (size_t r = 0; r < m_runs.size(); ++r)
    if (m_runs[r].latest) m_bars->addEvaluation(m_labels[r], m_runs[r].latest->result);
  m_bars->requestReplot();
}

void CompareView::fillSummary() {
  m_summary->clearContents();
  m_summary->setRowCount(int(m_runs.size()));
  QStringList rowLabels;
  const bool judged = m_shown == BarMetric::SafeRatio;
  QStringList headers;
  for (int c = 0; c < SummaryColumnCount; ++c) headers << resultTitle(columnFor(c, judged));
  m_summary->setHorizontalHeaderLabels(headers);
  for (size_t r = 0; r < m_runs.size(); ++r) {
    rowLabels << m_labels[r];
    const auto& latest = m_runs[r].latest;
    // Values in the results table's stored units (ratios, Gap in points, Variance ×10³).
    std::optional<double> v[SummaryColumnCount];
    // "[low–high]" after a value whose interval is known: the bootstrap of the judged safe
    // ratio's summaries, Wilson for the over-refusal rates.
    std::optional<catdpo::Interval> interval[SummaryColumnCount];
    if (latest) {
      const catdpo::EvalResult& e = latest->result;
      const catdpo::CategorySummary& s = summaryFor(m_shown, e);
      if (s.categoriesCounted > 0) {
        v[Macro] = s.macro;
        v[Worst3] = s.worst3;
        v[Gap] = s.gapPoints;
        v[Variance] = s.variance1e3;
      }
      v[Helpfulness] = catdpo::resultValue(e, catdpo::ResultColumnId::Helpfulness);
      v[OverRefusal] = catdpo::resultValue(e, catdpo::ResultColumnId::OverRefusal);
      v[BorderlineRefusal] = catdpo::resultValue(e, catdpo::ResultColumnId::BorderlineRefusal);
      if (judged && s.categoriesCounted > 0) {
        const SummaryIntervals si = summaryIntervals(e);
        interval[Macro] = si.macro;
        interval[Worst3] = si.worst3;
        interval[Gap] = si.gapPoints;
      }
      for (const OverRefusalRate& o : overRefusalRates(e)) {
        const int column = o.key == QStringLiteral("borderline") ? BorderlineRefusal : OverRefusal;
        if (v[column] && o.rate.observed()) interval[column] = o.rate.interval;
      }
    }
    for (int c = 0; c < SummaryColumnCount; ++c) {
      const catdpo::ResultColumn& column = columnFor(c, judged);
      const auto shown = [&column](double x) {
        return QString::fromStdString(catdpo::formatResult(column, x));
      };
      QString text = v[c] ? shown(*v[c]) : QStringLiteral("–");
      if (v[c] && interval[c])
        text += QStringLiteral(" [%1–%2]").arg(shown(interval[c]->low), shown(interval[c]->high));
      m_summary->setItem(int(r), c, item(text));
      m_summary->item(int(r), c)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
  }
  m_summary->setVerticalHeaderLabels(rowLabels);
  for (size_t r = 0; r < m_runs.size(); ++r)
    if (QTableWidgetItem* header = m_summary->verticalHeaderItem(int(r)))
      header->setToolTip(MethodText::description(QString::fromStdString(m_runs[r].run.method)));
  // The results table's one rule (eval/results_table.h), as `catdpo compare` marks: ties at
  // the shown precision all marked, two or more values needed, the implicit diagnostics never
  // marked, the safe columns only when every evaluated run is judged.
  const bool diagnostic = !judged;
  std::vector<const catdpo::EvalResult*> evaluations;
  for (const catdpo::RunComparison& c : m_runs)
    evaluations.push_back(c.latest ? &c.latest->result : nullptr);
  const auto marks = catdpo::comparisonBest(evaluations);
  for (int c = 0; c < SummaryColumnCount; ++c) {
    const std::vector<bool>& best = marks[static_cast<size_t>(columnFor(c, judged).id)];
    for (size_t r = 0; r < best.size(); ++r) {
      if (!best[r]) continue;
      QTableWidgetItem* it = m_summary->item(int(r), c);
      QFont bold = it->font();
      bold.setBold(true);
      it->setFont(bold);
      it->setText(it->text() + QStringLiteral(" ★"));
      it->setData(kBestRole, true);
      it->setToolTip(tr("Best of the compared runs"));
    }
  }
  const QString metricName = m_shown == BarMetric::SafeRatio ? tr("judged safe ratio")
                             : m_shown == BarMetric::ImplicitProbability
                                 ? tr("implicit P(safe preferred)")
                                 : tr("implicit safety accuracy");
  m_summary->setToolTip(
      diagnostic ? tr("Macro, Worst-3, Gap and Variance of the %1: a training diagnostic on "
                      "held-out pairs that any margin raises, so none of them is marked best "
                      "(a judge gives the safe ratio that can be ranked); ★ marks the best "
                      "helpfulness and over-refusal")
                       .arg(metricName)
                 : tr("Macro, Worst-3, Gap and Variance of the %1; ★ marks the best value "
                      "(higher Macro, Worst-3 and helpfulness, lower Gap, Variance and "
                      "over-refusal)")
                       .arg(metricName));
}

void CompareView::fillConfig() {
  m_config->clear();
  m_config->setColumnCount(int(m_runs.size()));
  QStringList headers;
  for (const QString& label : m_labels) headers << label;
  m_config->setHorizontalHeaderLabels(headers);
  // key -> value per run (empty optional: the run's config lacks the key)
  std::map<QString, std::vector<std::optional<QString>>> table;
  for (size_t r = 0; r < m_runs.size(); ++r)
    for (const auto& [key, value] : runSettings(m_runs[r].run)) {
      auto& row = table[key];
      row.resize(m_runs.size());
      row[r] = value;
    }
  QStringList keys;
  std::vector<bool> differs;
  for (auto& [key, row] : table) {
    row.resize(m_runs.size());
    bool diff = false;
    for (const auto& v : row) diff = diff || v != row.front();
    if (m_onlyDiff->isChecked() && !diff) continue;
    keys << key;
    differs.push_back(diff);
  }
  m_config->setRowCount(int(keys.size()));
  m_config->setVerticalHeaderLabels(keys);
  const QColor highlight = palette().color(QPalette::Highlight);
  QColor soft = highlight;
  soft.setAlpha(60);
  for (int i = 0; i < keys.size(); ++i) {
    const auto& row = table[keys[i]];
    for (size_t r = 0; r < row.size(); ++r) {
      QTableWidgetItem* it = item(row[r] ? *row[r] : tr("(not set)"));
      it->setData(kDiffersRole, bool(differs[size_t(i)]));
      if (differs[size_t(i)]) {
        it->setBackground(soft);
        QFont bold = it->font();
        bold.setBold(true);
        it->setFont(bold);
      }
      m_config->setItem(i, int(r), it);
    }
  }
}

}  // namespace catdpo::ui
