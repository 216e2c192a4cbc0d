// SPDX-License-Identifier: MIT
#include "ui/plots/scalar_series_plot.h"

#include <qcustomplot.h>

#include "ui/plots/plot_theme.h"

namespace catdpo::ui {

namespace {
struct ScalarSpec {
  const char* key;
  bool rightAxis;
  bool visibleByDefault;  // z and grad norm are there on demand; they crowd the axis
};
constexpr ScalarSpec kSpecs[] = {
    {catdpo::metric::kLoss, false, true},           {catdpo::metric::kRewardChosen, false, true},
    {catdpo::metric::kRewardRejected, false, true}, {catdpo::metric::kRewardMargin, false, true},
    {catdpo::metric::kAccuracy, false, true},       {catdpo::metric::kZMean, false, false},
    {catdpo::metric::kGradNorm, false, false},      {catdpo::metric::kLearningRate, true, true},
};
}  // namespace

ScalarSeriesPlot::ScalarSeriesPlot(QWidget* parent) : SeriesPlot(parent) {
  QCustomPlot* plot = customPlot();
  plot->yAxis->setLabel(tr("Loss, reward, accuracy"));
  plot->yAxis2->setVisible(true);
  plot->yAxis2->setLabel(tr("Learning rate"));
  // "5·10⁻⁶" for a learning rate, "0" rather than "0.0·10⁰" for an empty axis.
  plot->yAxis2->setNumberFormat(QStringLiteral("gb"));
  plot->yAxis2->setNumberPrecision(2);
  plot->yAxis2->setRange(0, 1e-5);
  const QHash<QString, QString> labels{
      {catdpo::metric::kLoss, tr("Loss")},
      {catdpo::metric::kRewardChosen, tr("Reward chosen")},
      {catdpo::metric::kRewardRejected, tr("Reward rejected")},
      {catdpo::metric::kRewardMargin, tr("Reward margin")},
      {catdpo::metric::kAccuracy, tr("Accuracy")},
      {catdpo::metric::kZMean, tr("Mean z")},
      {catdpo::metric::kGradNorm, tr("Gradient norm")},
      {catdpo::metric::kLearningRate, tr("Learning rate (right axis)")},
  };
  int colorIndex = 0;
  for (const ScalarSpec& spec : kSpecs) {
    const QString key = QString::fromLatin1(spec.key);
    const int series = addSeries(labels.value(key, key), runColor(colorIndex++),
                                 spec.rightAxis ? plot->yAxis2 : plot->yAxis, /*ranked=*/false);
    m_keys << key;
    setSeriesVisible(series, spec.visibleByDefault);
  }
  setEmptyHint(tr("Loss, rewards and accuracy appear while a run trains: File → Run the demo."));
}

int ScalarSeriesPlot::seriesIndex(const QString& metricKey) const {
  return int(m_keys.indexOf(metricKey));
}

QString ScalarSeriesPlot::metricKey(int series) const { return m_keys.value(series); }

double ScalarSeriesPlot::metricValue(const QString& key, const catdpo::StepMetrics& step) {
  namespace m = catdpo::metric;
  if (key == QLatin1String(m::kLoss)) return step.loss;
  if (key == QLatin1String(m::kRewardChosen)) return step.rewardChosen;
  if (key == QLatin1String(m::kRewardRejected)) return step.rewardRejected;
  if (key == QLatin1String(m::kRewardMargin)) return step.rewardMargin;
  if (key == QLatin1String(m::kAccuracy)) return step.accuracy;
  if (key == QLatin1String(m::kZMean)) return step.zMean;
  if (key == QLatin1String(m::kGradNorm)) return step.gradNorm;
  if (key == QLatin1String(m::kLearningRate)) return step.learningRate;
  if (key == QLatin1String(m::kTokensPerSecond)) return step.tokensPerSecond;
  return std::numeric_limits<double>::quiet_NaN();
}

void ScalarSeriesPlot::appendStep(const catdpo::StepMetrics& step) {
  for (int i = 0; i < m_keys.size(); ++i)
    appendPoint(i, double(step.step), metricValue(m_keys[i], step));
}

}  // namespace catdpo::ui
