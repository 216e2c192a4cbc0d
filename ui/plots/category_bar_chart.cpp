// SPDX-License-Identifier: MIT
#include "ui/plots/category_bar_chart.h"

#include <qcustomplot.h>
#include <QToolTip>
#include <cmath>
#include <limits>

#include "ui/plots/plot_theme.h"

namespace catdpo::ui {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kMaxTickLabelChars = 14;  // full names are in the tooltip

QString elided(const QString& name) {
  if (name.size() <= kMaxTickLabelChars) return name;
  return name.left(kMaxTickLabelChars - 1) + QChar(0x2026);
}

QString percent(double ratio) { return QString::number(ratio * 100.0, 'f', 1); }
}  // namespace

struct CategoryBarChart::Series {
  QString label;
  QCPBars* bars = nullptr;
  QCPErrorBars* whiskers = nullptr;
  QCPItemStraightLine* macroLine = nullptr;
  catdpo::CategorySummary summary;
  SummaryIntervals summaryIntervals;
  std::vector<double> values;
  std::vector<Rate> rates;  // empty for series without counts
};

CategoryBarChart::CategoryBarChart(QWidget* parent) : PlotWidget(parent) {
  QCustomPlot* plot = customPlot();
  plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  plot->axisRect()->setRangeDrag(Qt::Horizontal);
  plot->axisRect()->setRangeZoom(Qt::Horizontal);
  plot->yAxis->setRange(0, 100);
  // Negative: labels end at their tick and extend left, so the last one is not clipped.
  plot->xAxis->setTickLabelRotation(-60);
  QFont tickFont = font();
  tickFont.setPointSizeF(std::max(6.0, tickFont.pointSizeF() * 0.8));
  plot->xAxis->setTickLabelFont(tickFont);
  plot->xAxis->setSubTicks(false);
  plot->xAxis->grid()->setVisible(false);
  // Runs are listed in one row above the bars, where they never hide a tall bar.
  plot->axisRect()->insetLayout()->take(plot->legend);
  plot->plotLayout()->insertRow(1);
  plot->plotLayout()->addElement(1, 0, plot->legend);
  plot->plotLayout()->setRowStretchFactor(1, 0.001);
  plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
  plot->legend->setVisible(false);
  m_group = new QCPBarsGroup(plot);
  m_group->setSpacingType(QCPBarsGroup::stAbsolute);
  m_group->setSpacing(1);
  // The summaries are part of the plot (and so of every export), not a separate label.
  m_summary = new QCPTextElement(plot, QString());
  plot->plotLayout()->addElement(plot->plotLayout()->rowCount(), 0, m_summary);
  connect(plot, &QCustomPlot::mouseMove, this, &CategoryBarChart::onMouseMove);
  setEmptyHint(tr("No evaluation yet: bars per category appear after the first evaluation."));
  updateAxes();
  updateSummaryText();
  applyTheme();
}

CategoryBarChart::~CategoryBarChart() = default;

int CategoryBarChart::seriesCount() const { return int(m_series.size()); }

void CategoryBarChart::setCategories(const std::vector<std::string>& names) {
  m_names = names;
  updateAxes();
  requestReplot();
}

void CategoryBarChart::setMetric(BarMetric metric) {
  m_metric = metric;
  if (m_metric != BarMetric::Auto) m_shownMetric = m_metric;
  updateAxes();
  requestReplot();
}

BarMetric CategoryBarChart::resolveMetric(BarMetric metric, const catdpo::EvalResult& result) {
  if (metric != BarMetric::Auto) return metric;
  for (const catdpo::CategoryEvalResult& c : result.categories)
    if (c.generatedCount > 0) return BarMetric::SafeRatio;
  return BarMetric::ImplicitAccuracy;
}

std::vector<double> CategoryBarChart::metricValues(BarMetric metric,
                                                   const catdpo::EvalResult& result,
                                                   int categoryCount) {
  metric = resolveMetric(metric, result);
  std::vector<double> values(size_t(std::max(categoryCount, 0)), kNaN);
  for (size_t i = 0; i < result.categories.size(); ++i) {
    const catdpo::CategoryEvalResult& c = result.categories[i];
    const int index = c.category >= 0 ? c.category : int(i);
    if (index >= int(values.size())) values.resize(size_t(index) + 1, kNaN);
    double value = kNaN;
    if (metric == BarMetric::SafeRatio && c.generatedCount > 0) value = c.safeRatio;
    if (metric == BarMetric::ImplicitAccuracy && c.contrastivePairs > 0) value = c.implicitAccuracy;
    if (metric == BarMetric::ImplicitProbability && c.contrastivePairs > 0)
      value = c.implicitProbability;
    values[size_t(index)] = value;
  }
  return values;
}

catdpo::CategorySummary CategoryBarChart::metricSummary(BarMetric metric,
                                                        const catdpo::EvalResult& result) {
  switch (resolveMetric(metric, result)) {
    case BarMetric::ImplicitAccuracy:
      return result.implicitAccuracy;
    case BarMetric::ImplicitProbability:
      return result.implicit;
    case BarMetric::SafeRatio:
    case BarMetric::Auto:
      break;
  }
  return result.generated;
}

void CategoryBarChart::ensureCategories(const catdpo::EvalResult& result) {
  if (!m_names.empty()) return;
  for (size_t i = 0; i < result.categories.size(); ++i) {
    const catdpo::CategoryEvalResult& c = result.categories[i];
    const size_t index = size_t(c.category >= 0 ? c.category : int(i));
    if (index >= m_names.size()) m_names.resize(index + 1);
    m_names[index] = c.name;
  }
  updateAxes();
}

void CategoryBarChart::setEvaluation(const catdpo::EvalResult& result) {
  clearSeries();
  addEvaluation(tr("Step %1").arg(result.step), result);
}

void CategoryBarChart::addEvaluation(const QString& label, const catdpo::EvalResult& result) {
  ensureCategories(result);
  // The first series decides what Auto means, so compared runs show the same metric.
  if (m_series.empty()) {
    m_shownMetric = resolveMetric(m_metric, result);
    updateAxes();
  }
  const catdpo::CategorySummary summary = metricSummary(m_shownMetric, result);
  const std::vector<double> values = metricValues(m_shownMetric, result, categoryCount());
  switch (resolveMetric(m_shownMetric, result)) {
    case BarMetric::SafeRatio:
    case BarMetric::Auto:
      addSeriesImpl(label, values, safeRates(result), summary, summaryIntervals(result));
      return;
    case BarMetric::ImplicitAccuracy:
      addSeriesImpl(label, values, implicitAccuracyRates(result), summary, {});
      return;
    case BarMetric::ImplicitProbability:
      break;  // a mean of probabilities, not a proportion: no Wilson interval applies
  }
  addSeries(label, values, summary);
}

void CategoryBarChart::addSeries(const QString& label, const std::vector<double>& values,
                                 const catdpo::CategorySummary& summary) {
  addSeriesImpl(label, values, {}, summary, {});
}

void CategoryBarChart::addRates(const QString& label, const std::vector<Rate>& rates,
                                const catdpo::CategorySummary& summary,
                                const SummaryIntervals& intervals) {
  std::vector<double> values;
  for (const Rate& r : rates) values.push_back(r.observed() ? r.value : kNaN);
  addSeriesImpl(label, values, rates, summary, intervals);
}

void CategoryBarChart::addSeriesImpl(const QString& label, const std::vector<double>& values,
                                     const std::vector<Rate>& rates,
                                     const catdpo::CategorySummary& summary,
                                     const SummaryIntervals& intervals) {
  QCustomPlot* plot = customPlot();
  Series s;
  s.label = label;
  s.values = values;
  s.rates = rates;
  s.summary = summary;
  s.summaryIntervals = intervals;
  s.bars = new QCPBars(plot->xAxis, plot->yAxis);
  s.bars->setName(label);
  s.bars->setBarsGroup(m_group);
  QVector<double> keys, heights, below, above;
  for (size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) continue;  // not observed: no bar rather than a 0 % bar
    keys << double(i + 1);
    heights << values[i] * 100.0;
    if (i < rates.size() && rates[i].observed()) {
      below << std::max(0.0, (values[i] - rates[i].interval.low) * 100.0);
      above << std::max(0.0, (rates[i].interval.high - values[i]) * 100.0);
    } else {
      below << kNaN;  // QCPErrorBars skips NaN errors
      above << kNaN;
    }
  }
  s.bars->setData(keys, heights, /*alreadySorted=*/true);
  if (!rates.empty()) {
    s.whiskers = new QCPErrorBars(plot->xAxis, plot->yAxis);
    s.whiskers->removeFromLegend();
    s.whiskers->setDataPlottable(s.bars);
    s.whiskers->setData(below, above);
    s.whiskers->setWhiskerWidth(5);
  }
  s.macroLine = new QCPItemStraightLine(plot);
  s.macroLine->point1->setCoords(0, summary.macro * 100.0);
  s.macroLine->point2->setCoords(1, summary.macro * 100.0);
  m_series.push_back(std::move(s));
  const double width = 0.8 / double(m_series.size());
  for (Series& each : m_series) each.bars->setWidth(width);
  plot->legend->setVisible(m_series.size() > 1);
  applyTheme();
  updateSummaryText();
  requestReplot();
}

void CategoryBarChart::clearSeries() {
  for (Series& s : m_series) {
    if (s.whiskers) customPlot()->removePlottable(s.whiskers);
    customPlot()->removePlottable(s.bars);
    customPlot()->removeItem(s.macroLine);
  }
  m_series.clear();
  customPlot()->legend->setVisible(false);
  updateSummaryText();
  requestReplot();
}

QString CategoryBarChart::seriesLabel(int series) const {
  return series >= 0 && series < seriesCount() ? m_series[size_t(series)].label : QString();
}

QCPBars* CategoryBarChart::bars(int series) const {
  return series >= 0 && series < seriesCount() ? m_series[size_t(series)].bars : nullptr;
}

QCPErrorBars* CategoryBarChart::whiskers(int series) const {
  return series >= 0 && series < seriesCount() ? m_series[size_t(series)].whiskers : nullptr;
}

std::optional<catdpo::Interval> CategoryBarChart::barInterval(int series, int category) const {
  if (series < 0 || series >= seriesCount() || category < 0) return std::nullopt;
  const Series& s = m_series[size_t(series)];
  if (size_t(category) >= s.rates.size() || !s.rates[size_t(category)].observed())
    return std::nullopt;
  const catdpo::Interval& i = s.rates[size_t(category)].interval;
  return catdpo::Interval{i.low * 100.0, i.high * 100.0};
}

catdpo::CategorySummary CategoryBarChart::summary(int series) const {
  return series >= 0 && series < seriesCount() ? m_series[size_t(series)].summary
                                               : catdpo::CategorySummary{};
}

double CategoryBarChart::macroLineValue(int series) const {
  if (series < 0 || series >= seriesCount()) return kNaN;
  return m_series[size_t(series)].macroLine->point1->coords().y();
}

QString CategoryBarChart::summaryLine(const Series& s) const {
  if (s.summary.categoriesCounted == 0) return tr("%1: no category observed").arg(s.label);
  // "[low–high]" after a summary whose interval the engine computed.
  const auto interval = [](const std::optional<catdpo::Interval>& i, double scale) {
    if (!i) return QString();
    return QStringLiteral(" [%1–%2]")
        .arg(QString::number(i->low * scale, 'f', 1), QString::number(i->high * scale, 'f', 1));
  };
  const SummaryIntervals& si = s.summaryIntervals;
  // Each value with its unit, then its interval: "71.3 % [66.7–75.6]".
  QString line =
      tr("%1: Macro %2 · Worst-3 %3 · Gap %4 · Variance (×10³) %5")
          .arg(s.label, percent(s.summary.macro) + QStringLiteral(" %") + interval(si.macro, 100),
               percent(s.summary.worst3) + QStringLiteral(" %") + interval(si.worst3, 100),
               QString::number(s.summary.gapPoints, 'f', 1) + QLatin1Char(' ') +
                   tr("pp", "percentage points") + interval(si.gapPoints, 1),
               QString::number(s.summary.variance1e3, 'f', 2));
  return line;
}

QString CategoryBarChart::summaryText() const { return m_summary->text(); }

void CategoryBarChart::layoutSummary() {
  // Each line wrapped at its " · " separators to the plot's width, so a narrow chart (the
  // Sweeps view beside the λ curves) shows every number instead of cutting the line off.
  const QFontMetrics metrics(m_summary->font());
  const int width = std::max(120, this->width() - 12);
  const QString separator = QStringLiteral(" · ");
  QStringList out;
  for (const QString& line : m_summaryLines) {
    QString current;
    for (const QString& part : line.split(separator)) {
      const QString candidate = current.isEmpty() ? part : current + separator + part;
      if (!current.isEmpty() && metrics.horizontalAdvance(candidate) > width) {
        out << current;
        current = QStringLiteral("   ") + part;
      } else {
        current = candidate;
      }
    }
    out << current;
  }
  m_summary->setText(out.join(QLatin1Char('\n')));
}

void CategoryBarChart::resizeEvent(QResizeEvent* event) {
  PlotWidget::resizeEvent(event);
  layoutSummary();
}

void CategoryBarChart::updateSummaryText() {
  QStringList lines;
  for (const Series& s : m_series) lines << summaryLine(s);
  bool whiskers = false;
  for (const Series& s : m_series) whiskers = whiskers || s.whiskers;
  if (whiskers) lines << tr("Whiskers: 95 % Wilson intervals of each category's rate.");
  if (lines.isEmpty()) lines << tr("No evaluation yet");
  m_summaryLines = lines;
  layoutSummary();
}

void CategoryBarChart::updateAxes() {
  QCustomPlot* plot = customPlot();
  auto ticker = QSharedPointer<QCPAxisTickerText>::create();
  for (size_t i = 0; i < m_names.size(); ++i)
    ticker->addTick(double(i + 1), elided(QString::fromStdString(m_names[i])));
  plot->xAxis->setTicker(ticker);
  plot->xAxis->setRange(0.4, double(std::max<size_t>(m_names.size(), 1)) + 0.6);
  switch (m_shownMetric) {
    case BarMetric::ImplicitAccuracy:
      plot->yAxis->setLabel(tr("Implicit safety accuracy (%)"));
      break;
    case BarMetric::ImplicitProbability:
      plot->yAxis->setLabel(tr("Implicit P(safe preferred) (%)"));
      break;
    case BarMetric::SafeRatio:
    case BarMetric::Auto:
      plot->yAxis->setLabel(tr("Safe ratio (%)"));
      break;
  }
}

void CategoryBarChart::onMouseMove(QMouseEvent* event) {
  for (const Series& s : m_series) {
    QVariant details;
    if (s.bars->selectTest(event->position(), false, &details) < 0) continue;
    const QCPDataSelection selection = details.value<QCPDataSelection>();
    if (selection.isEmpty()) continue;
    const auto it = s.bars->data()->at(selection.dataRange().begin());
    const int category = int(std::lround(it->key)) - 1;
    const QString name = category >= 0 && category < categoryCount()
                             ? QString::fromStdString(m_names[size_t(category)])
                             : QString::number(category + 1);
    QString text = tr("%1\n%2: %3 %").arg(name, s.label, QString::number(it->value, 'f', 1));
    if (category >= 0 && size_t(category) < s.rates.size() &&
        s.rates[size_t(category)].observed()) {
      const Rate& r = s.rates[size_t(category)];
      text += tr(" (%1 of %2; 95 % interval %3–%4 %)")
                  .arg(r.successes)
                  .arg(r.trials)
                  .arg(QString::number(r.interval.low * 100, 'f', 1),
                       QString::number(r.interval.high * 100, 'f', 1));
    }
    QToolTip::showText(event->globalPosition().toPoint(), text, customPlot());
    return;
  }
  QToolTip::hideText();
}

void CategoryBarChart::applyTheme() {
  PlotWidget::applyTheme();
  if (!m_summary) return;
  m_summary->setTextColor(palette().color(QPalette::Text));
  const QColor text = palette().color(QPalette::Text);
  for (size_t i = 0; i < m_series.size(); ++i) {
    const QColor color = runColor(int(i));
    QColor fill = color;
    fill.setAlphaF(0.8f);
    m_series[i].bars->setPen(QPen(color.darker(120)));
    m_series[i].bars->setBrush(fill);
    m_series[i].macroLine->setPen(QPen(color, 1.5, Qt::DashLine));
    if (m_series[i].whiskers) m_series[i].whiskers->setPen(QPen(text, 1.2));
  }
}

}  // namespace catdpo::ui
