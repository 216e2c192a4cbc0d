// SPDX-License-Identifier: MIT
// Getting a run out of the workspace: its metrics as CSV (the store's own per-table export, the
// same files as `catdpo export --csv`), a PDF report (run details, configuration, the latest
// evaluation's summary and per-category tables, then the λ / g / training curves and the
// category bars, rendered as vector graphics), and its final Hugging Face model folder copied to
// a folder of the user's choice. GUI thread (the plots are widgets); errors come back as text.
#pragma once

#include <QString>
#include <QStringList>

namespace catdpo {
class RunStore;
}

namespace catdpo::ui {

// Writes one CSV file per table into `folder` (created if needed); returns the files written,
// or an empty list and `error`.
QStringList exportMetricsCsv(const catdpo::RunStore& store, const QString& runId,
                             const QString& folder, QString* error = nullptr);

// The report as HTML (what the PDF's text pages hold), for tests and a preview.
QString runReportHtml(const catdpo::RunStore& store, const QString& runId);
// Writes the report as an A4 PDF (replaced atomically). False and `error` on failure.
bool exportRunReport(const catdpo::RunStore& store, const QString& runId, const QString& pdfPath,
                     QString* error = nullptr);

// The run's final model folder (<output dir>/final, found next to its checkpoints or in the
// default output folder), or an empty string when there is none.
QString finalModelFolder(const catdpo::RunStore& store, const QString& runId);
// Copies that folder to `destination`/<run name>; returns the copy's path, or an empty string
// and `error` (no final model, target exists, disk full...). A failed copy leaves nothing behind.
QString exportFinalModel(const catdpo::RunStore& store, const QString& runId,
                         const QString& destination, QString* error = nullptr);

}  // namespace catdpo::ui
