// SPDX-License-Identifier: MIT
// Reading a stored run into the GUI's plots: category names, the per-category λ / g series and
// the scalar curves, straight from the run store (the same data `catdpo show` prints). Shared
// by the comparison view and the PDF report. GUI thread, with the GUI thread's RunStore.
#pragma once

#include <QString>
#include <string>
#include <utility>
#include <vector>

#include "store/run_record.h"

namespace catdpo {
class RunStore;
}

namespace catdpo::ui {

class SeriesPlot;
class CategorySeriesPlot;
class RunOverlayPlot;
class SafeRatioPlot;
class ScalarSeriesPlot;

// Names of the run's categories indexed by category: from its latest evaluation where it has
// one, else "Category k" for every category with step metrics. Sized to the highest index + 1.
std::vector<std::string> runCategoryNames(const catdpo::RunStore& store, const std::string& runId);

// The x position of each stored point (points ordered by stage, step): steps count on across
// SACPO's stages, so stage 2 follows stage 1 instead of drawing over it.
std::vector<double> seriesKeys(const std::vector<catdpo::SeriesPoint>& points);

// Fills a per-category plot (λ or g; metric key per CategorySeriesPlot::field()) with the run's
// stored series, one per category. Returns the number of points added.
int fillCategoryPlot(CategorySeriesPlot* plot, const catdpo::RunStore& store,
                     const std::string& runId, size_t maxPoints = 2000);
// Fills the scalar curves (loss, rewards, accuracy, ...). Returns the number of points added.
int fillScalarPlot(ScalarSeriesPlot* plot, const catdpo::RunStore& store, const std::string& runId,
                   size_t maxPoints = 2000);

// Fills the per-category safe-ratio curves (with their intervals) from the run's stored
// evaluations. Returns the number of evaluations that had judged responses.
int fillSafeRatioPlot(SafeRatioPlot* plot, const catdpo::RunStore& store, const std::string& runId);
// Adds one run's safe ratio of `category` over its evaluations to an overlay (in percent, with
// the interval as a band). Returns the number of points added.
int addRunSafeRatio(RunOverlayPlot* plot, int series, const catdpo::RunStore& store,
                    const std::string& runId, int category);

// A config JSON as sorted (dotted key, value text) pairs: {"catdpo":{"eta":0.5}} gives
// ("catdpo.eta", "0.5"). Arrays and strings are shown as JSON text. Invalid JSON gives nothing.
std::vector<std::pair<QString, QString>> flattenConfig(const std::string& configJson);
// flattenConfig of the run's config, with the settings an import kept apart (untrusted_json)
// shown as "<value> (from import, not trusted)" in place of the value the run uses.
std::vector<std::pair<QString, QString>> runSettings(const catdpo::RunRecord& run);

// A run's name for legends and column headers; the id prefix is added when `ambiguous`.
QString runLabel(const catdpo::RunRecord& run, bool ambiguous = false);

}  // namespace catdpo::ui
