// SPDX-License-Identifier: MIT
#include "ui/panels/run_export.h"

#include <qcustomplot.h>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>
#include <filesystem>
#include <memory>
#include <system_error>

#include "common/paths.h"
#include "store/run_export.h"
#include "store/run_location.h"
#include "store/run_store.h"
#include "ui/engine/event_text.h"
#include "ui/models/eval_rates.h"
#include "ui/models/run_data.h"
#include "ui/models/run_table_model.h"
#include "ui/plots/category_bar_chart.h"
#include "ui/plots/category_series_plot.h"
#include "ui/plots/safe_ratio_plot.h"
#include "ui/plots/scalar_series_plot.h"

namespace fs = std::filesystem;

namespace catdpo::ui {

// Translation context of the strings below (they belong to no widget).
class RunExport {
  Q_DECLARE_TR_FUNCTIONS(catdpo::ui::RunExport)
};

namespace {

bool fail(QString* error, const QString& message) {
  if (error) *error = message;
  return false;
}

QString esc(const std::string& text) { return QString::fromStdString(text).toHtmlEscaped(); }

QString percent(double ratio) { return QString::number(ratio * 100.0, 'f', 1); }

QString summaryRow(const QString& label, const catdpo::CategorySummary& s) {
  if (s.categoriesCounted <= 0)
    return QStringLiteral("<tr><td>%1</td><td colspan=4>–</td></tr>").arg(label);
  return QStringLiteral(
             "<tr><td>%1</td><td align=right>%2</td><td align=right>%3</td>"
             "<td align=right>%4</td><td align=right>%5</td></tr>")
      .arg(label, percent(s.macro), percent(s.worst3), QString::number(s.gapPoints, 'f', 1),
           QString::number(s.variance1e3, 'f', 2));
}

QString safeName(const std::string& name) {
  QString out;
  for (QChar c : QString::fromStdString(name))
    out += (c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('.') ||
            c == QLatin1Char('_'))
               ? c
               : QLatin1Char('_');
  return out.isEmpty() ? QStringLiteral("model") : out;
}
}  // namespace

QStringList exportMetricsCsv(const catdpo::RunStore& store, const QString& runId,
                             const QString& folder, QString* error) {
  QStringList files;
  try {
    for (const fs::path& p : catdpo::exportRunCsv(store, runId.toStdString(), folder.toStdString()))
      files << QString::fromStdString(p.string());
  } catch (const std::exception& e) {
    fail(error,
         RunExport::tr("Could not export the metrics: %1").arg(QString::fromLocal8Bit(e.what())));
    return {};
  }
  return files;
}

namespace {
// "75.0 [40.9–92.9]": the safe ratio with its Wilson interval (eval_rates.h).
QString withInterval(const catdpo::CategoryEvalResult& c) {
  const Rate r = proportion(c.generatedSafe, c.generatedCount);
  return QStringLiteral("%1 [%2–%3]")
      .arg(QString::number(r.value * 100, 'f', 1), QString::number(r.interval.low * 100, 'f', 1),
           QString::number(r.interval.high * 100, 'f', 1));
}
}  // namespace

QString runReportHtml(const catdpo::RunStore& store, const QString& runId) {
  const auto run = store.run(runId.toStdString());
  if (!run) return {};
  const catdpo::RunRecord& r = *run;
  QString html;
  html += QStringLiteral("<h1>%1</h1>").arg(esc(r.name));
  html += QStringLiteral("<table cellspacing=0 cellpadding=2>");
  const auto info = [&html](const QString& label, const QString& value) {
    if (!value.isEmpty())
      html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(label, value);
  };
  info(RunExport::tr("Run"), esc(r.id));
  info(RunExport::tr("Method"), esc(r.method));
  info(RunExport::tr("Status"), EventText::status(r.status).toHtmlEscaped());
  if (r.totalSteps > 0)
    info(RunExport::tr("Steps"), QStringLiteral("%1 / %2").arg(r.lastStep).arg(r.totalSteps));
  info(RunExport::tr("Created"), esc(r.createdAt));
  info(RunExport::tr("Finished"), esc(r.finishedAt));
  info(RunExport::tr("Device"), esc(r.device));
  info(RunExport::tr("Data set"), esc(r.datasetFingerprint.substr(0, 16)));
  info(RunExport::tr("Model"), esc(r.modelFingerprint.substr(0, 16)));
  info(RunExport::tr("Software"), esc(r.softwareVersion));
  QStringList tags;
  for (const std::string& t : r.tags) tags << QString::fromStdString(t);
  info(RunExport::tr("Tags"), tags.join(QStringLiteral(", ")).toHtmlEscaped());
  info(RunExport::tr("Notes"), esc(r.notes));
  info(RunExport::tr("Error"), esc(r.errorMessage));
  html += QStringLiteral("</table>");

  const auto latest = store.latestEvaluation(r.id);
  if (latest) {
    const catdpo::EvalResult& e = latest->result;
    html +=
        QStringLiteral("<h2>%1</h2>").arg(RunExport::tr("Latest evaluation (step %1)").arg(e.step));
    html += QStringLiteral(
                "<table border=1 cellspacing=0 cellpadding=3><tr><th></th><th>%1</th>"
                "<th>%2</th><th>%3</th><th>%4</th></tr>")
                .arg(RunExport::tr("Macro %"), RunExport::tr("Worst-3 %"), RunExport::tr("Gap pp"),
                     RunExport::tr("Variance ×10³"));
    html += summaryRow(RunExport::tr("Judged safe ratio"), e.generated);
    html += summaryRow(RunExport::tr("Implicit P(safe preferred), diagnostic"), e.implicit);
    html += summaryRow(RunExport::tr("Implicit safety accuracy, diagnostic"), e.implicitAccuracy);
    html += QStringLiteral("</table><p>");
    if (e.helpfulnessPairs > 0)
      html += RunExport::tr("Helpfulness accuracy: %1 on %2 pairs. ")
                  .arg(QString::number(e.helpfulnessAccuracy, 'f', 3))
                  .arg(e.helpfulnessPairs);
    if (e.overRefusal >= 0 && e.refusalPooled)
      html += RunExport::tr("Over-refusal: %1 % of %2 benign and borderline prompts together. ")
                  .arg(percent(e.overRefusal))
                  .arg(e.benignPrompts);
    else if (e.overRefusal >= 0)
      html += RunExport::tr("Over-refusal: %1 % of %2 benign prompts. ")
                  .arg(percent(e.overRefusal))
                  .arg(e.benignPrompts);
    if (e.borderlineRefusal >= 0)
      html += RunExport::tr("Over-refusal on borderline prompts: %1 % of %2. ")
                  .arg(percent(e.borderlineRefusal))
                  .arg(e.borderlinePrompts);
    if (!e.judge.empty()) html += RunExport::tr("Judge: %1.").arg(esc(e.judge));
    html += QStringLiteral("</p>");

    html += QStringLiteral("<h2>%1</h2>").arg(RunExport::tr("Per category"));
    html +=
        QStringLiteral(
            "<table border=1 cellspacing=0 cellpadding=3><tr><th>%1</th><th>%2</th>"
            "<th>%3</th><th>%4</th><th>%5</th></tr>")
            .arg(RunExport::tr("Category"), RunExport::tr("Judged safe"),
                 RunExport::tr("Safe ratio % [95 % interval]"), RunExport::tr("Contrastive pairs"),
                 RunExport::tr("Implicit accuracy % (diagnostic)"));
    for (const catdpo::CategoryEvalResult& c : e.categories) {
      html += QStringLiteral(
                  "<tr><td>%1</td><td align=right>%2</td><td align=right>%3</td>"
                  "<td align=right>%4</td><td align=right>%5</td></tr>")
                  .arg(esc(c.name))
                  .arg(c.generatedCount > 0
                           ? QStringLiteral("%1 / %2").arg(c.generatedSafe).arg(c.generatedCount)
                           : QStringLiteral("–"))
                  .arg(c.generatedCount > 0 ? withInterval(c) : QStringLiteral("–"))
                  .arg(c.contrastivePairs)
                  .arg(c.contrastivePairs > 0 ? percent(c.implicitAccuracy) : QStringLiteral("–"));
    }
    html += QStringLiteral("</table>");
  } else {
    html += QStringLiteral("<p>%1</p>").arg(RunExport::tr("No evaluation recorded."));
  }

  html += QStringLiteral("<h2>%1</h2><table cellspacing=0 cellpadding=1>")
              .arg(RunExport::tr("Configuration"));
  for (const auto& [key, value] : runSettings(r))
    html += QStringLiteral("<tr><td>%1</td><td>%2</td></tr>")
                .arg(key.toHtmlEscaped(), value.toHtmlEscaped());
  html += QStringLiteral("</table>");
  return html;
}

bool exportRunReport(const catdpo::RunStore& store, const QString& runId, const QString& pdfPath,
                     QString* error) {
  std::vector<std::unique_ptr<PlotWidget>> plots;
  QString html;
  try {
    const auto run = store.run(runId.toStdString());
    if (!run) return fail(error, RunExport::tr("There is no run %1.").arg(runId));
    html = runReportHtml(store, runId);
    auto lambda = std::make_unique<CategorySeriesPlot>(CategoryField::Lambda);
    lambda->setTitle(RunExport::tr("Safety margin λ_k per category"));
    fillCategoryPlot(lambda.get(), store, run->id);
    auto g = std::make_unique<CategorySeriesPlot>(CategoryField::G);
    g->setTitle(RunExport::tr("g_k: implicit P(unsafe preferred) per category"));
    fillCategoryPlot(g.get(), store, run->id);
    auto scalars = std::make_unique<ScalarSeriesPlot>();
    scalars->setTitle(RunExport::tr("Training curves"));
    fillScalarPlot(scalars.get(), store, run->id);
    auto safe = std::make_unique<SafeRatioPlot>();
    safe->setTitle(RunExport::tr("Generated safe ratio per category over the evaluations"));
    const bool judged = fillSafeRatioPlot(safe.get(), store, run->id) > 0;
    plots.push_back(std::move(lambda));
    if (judged) plots.push_back(std::move(safe));
    plots.push_back(std::move(g));
    plots.push_back(std::move(scalars));
    if (const auto latest = store.latestEvaluation(run->id)) {
      auto bars = std::make_unique<CategoryBarChart>();
      bars->setTitle(RunExport::tr("Latest evaluation per category"));
      bars->addEvaluation(runLabel(*run), latest->result);
      plots.push_back(std::move(bars));
    }
  } catch (const std::exception& e) {
    return fail(error,
                RunExport::tr("Could not read the run: %1").arg(QString::fromLocal8Bit(e.what())));
  }

  QSaveFile file(pdfPath);
  if (!file.open(QIODevice::WriteOnly))
    return fail(error, RunExport::tr("Could not write %1: %2").arg(pdfPath, file.errorString()));
  {
    QPdfWriter writer(&file);
    writer.setResolution(96);  // painter units are 96-DPI pixels, as on screen
    writer.setCreator(QCoreApplication::applicationName());
    writer.setTitle(RunExport::tr("Run report"));
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter));
    const QSizeF page = writer.pageLayout().paintRectPixels(96).size();
    QCPPainter painter;
    if (!painter.begin(&writer))
      return fail(error, RunExport::tr("Could not start the PDF writer."));
    painter.setMode(QCPPainter::pmVectorized);
    painter.setMode(QCPPainter::pmNoCaching);
    painter.setRenderHint(QPainter::Antialiasing, true);

    QTextDocument doc;
    doc.setDocumentMargin(0);
    doc.setPageSize(page);
    doc.setHtml(html);
    for (int i = 0; i < doc.pageCount(); ++i) {
      if (i > 0) writer.newPage();
      painter.save();
      painter.translate(0, -i * page.height());
      doc.drawContents(&painter, QRectF(0, i * page.height(), page.width(), page.height()));
      painter.restore();
    }
    // Two plots per page, each drawn at the page's width.
    const QSize plotSize(int(page.width()), int(page.height() / 2 - 12));
    for (size_t i = 0; i < plots.size(); ++i) {
      if (i % 2 == 0) writer.newPage();
      PlotWidget* plot = plots[i].get();
      plot->resize(plotSize);
      plot->replotNow();  // moves queued points into the graphs
      painter.save();
      painter.translate(0, (i % 2) * (page.height() / 2));
      plot->customPlot()->toPainter(&painter, plotSize.width(), plotSize.height());
      painter.restore();
    }
    painter.end();
  }
  if (!file.commit())
    return fail(error, RunExport::tr("Could not write %1: %2").arg(pdfPath, file.errorString()));
  return true;
}

QString finalModelFolder(const catdpo::RunStore& store, const QString& runId) {
  try {
    // From the run's own folder (or its --out folder), never from an imported row's path.
    const auto run = store.run(runId.toStdString());
    if (!run) return {};
    const fs::path folder = catdpo::finalModelFolder(*run, store);
    std::error_code ec;
    if (fs::is_directory(folder, ec)) return QString::fromStdString(folder.string());
  } catch (const std::exception&) {
  }
  return {};
}

QString exportFinalModel(const catdpo::RunStore& store, const QString& runId,
                         const QString& destination, QString* error) {
  const QString source = finalModelFolder(store, runId);
  if (source.isEmpty()) {
    fail(error, RunExport::tr("Run %1 has no final model folder.").arg(runId));
    return {};
  }
  std::string name;
  try {
    if (const auto run = store.run(runId.toStdString())) name = run->name;
  } catch (const std::exception&) {
  }
  const fs::path target = fs::path(destination.toStdString()) / safeName(name).toStdString();
  const fs::path partial = fs::path(target.string() + ".partial");
  std::error_code ec;
  if (fs::exists(target, ec)) {
    fail(error, RunExport::tr("%1 already exists.").arg(QString::fromStdString(target.string())));
    return {};
  }
  fs::remove_all(partial, ec);
  fs::create_directories(destination.toStdString(), ec);
  fs::copy(source.toStdString(), partial, fs::copy_options::recursive, ec);
  if (!ec) fs::rename(partial, target, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove_all(partial, ignored);
    fail(error, RunExport::tr("Could not copy %1 to %2: %3")
                    .arg(source, QString::fromStdString(target.string()),
                         QString::fromLocal8Bit(ec.message().c_str())));
    return {};
  }
  return QString::fromStdString(target.string());
}

}  // namespace catdpo::ui
