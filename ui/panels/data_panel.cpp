// SPDX-License-Identifier: MIT
#include "ui/panels/data_panel.h"

#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMimeData>
#include <QPromise>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QThreadPool>
#include <QUrl>
#include <QVBoxLayout>

#include "common/error.h"
#include "ui/models/dataset_models.h"
#include "ui/panels/base_model_builder.h"
#include "ui/plots/dataset_category_chart.h"

namespace catdpo::ui {

namespace {
const catdpo::DataFormat kFormats[] = {catdpo::DataFormat::Auto, catdpo::DataFormat::PkuSafeRlhf,
                                       catdpo::DataFormat::Pku30k, catdpo::DataFormat::Dpo,
                                       catdpo::DataFormat::HhRlhf};

QString lengths(const catdpo::LengthSummary& s) {
  return DataPanel::tr("median %1, p90 %2, max %3").arg(s.p50).arg(s.p90).arg(s.max);
}

QTableView* makeTable(QAbstractItemModel* model, QWidget* parent) {
  auto* view = new QTableView(parent);
  view->setModel(model);
  view->setSelectionBehavior(QAbstractItemView::SelectRows);
  view->setEditTriggers(QAbstractItemView::NoEditTriggers);
  view->setWordWrap(false);
  view->verticalHeader()->setVisible(false);
  view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
  view->horizontalHeader()->setStretchLastSection(true);
  return view;
}
}  // namespace

DataPanel::DataPanel(QWidget* parent) : QWidget(parent) {
  setAcceptDrops(true);
  auto* layout = new QVBoxLayout(this);

  auto* bar = new QHBoxLayout;
  m_open = new QPushButton(tr("&Open data file…"), this);
  m_open->setToolTip(tr("JSONL or JSON array, optionally gzip-compressed; or drop a file here"));
  m_format = new QComboBox(this);
  m_format->addItem(tr("Detect format"));
  for (size_t i = 1; i < std::size(kFormats); ++i)
    m_format->addItem(QString::fromLatin1(catdpo::toString(kFormats[i])));
  m_format->setToolTip(tr("Format to read the file as"));
  m_use = new QPushButton(tr("&Use for training"), this);
  m_use->setToolTip(tr("Take this data set into the training configuration"));
  m_use->setEnabled(false);
  bar->addWidget(m_open);
  bar->addWidget(m_format);
  bar->addStretch(1);
  bar->addWidget(m_use);
  layout->addLayout(bar);
  m_builder = new BaseModelBuilder(this);
  layout->addWidget(m_builder);
  connect(m_builder, &BaseModelBuilder::modelChosen, this, &DataPanel::baseModelChosen);

  m_status = new QLabel(tr("Drop a preference data file here, or open one."), this);
  m_status->setWordWrap(true);
  m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(m_status);
  m_error = new QLabel(this);
  m_error->setWordWrap(true);
  m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_error->setFrameShape(QFrame::StyledPanel);
  QFont bold = m_error->font();
  bold.setBold(true);
  m_error->setFont(bold);
  m_error->hide();
  layout->addWidget(m_error);

  m_pairs = new PairTableModel(this);
  m_problems = new ProblemTableModel(this);
  m_chart = new DatasetCategoryChart(this);
  m_details = new QLabel(this);
  m_details->setWordWrap(true);
  m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);

  auto* overview = new QSplitter(Qt::Horizontal, this);
  overview->addWidget(m_details);
  overview->addWidget(m_chart);
  overview->setStretchFactor(1, 3);

  m_tabs = new QTabWidget(this);
  m_tabs->addTab(overview, tr("Overview"));
  m_pairView = makeTable(m_pairs, m_tabs);
  m_tabs->addTab(m_pairView, tr("Pairs"));
  m_problemView = makeTable(m_problems, m_tabs);
  m_tabs->addTab(m_problemView, tr("Problems"));
  layout->addWidget(m_tabs, 1);

  connect(m_open, &QPushButton::clicked, this, &DataPanel::showOpenDialog);
  connect(m_use, &QPushButton::clicked, this, &DataPanel::chooseCurrent);
  connect(m_format, &QComboBox::activated, this, [this] {
    if (!m_path.isEmpty()) openFile(m_path);
  });
}

DataPanel::~DataPanel() = default;

catdpo::DataFormat DataPanel::requestedFormat() const {
  const int i = m_format->currentIndex();
  return i >= 0 && i < int(std::size(kFormats)) ? kFormats[i] : catdpo::DataFormat::Auto;
}

bool DataPanel::isLoading() const { return m_watcher && m_watcher->isRunning(); }

QString DataPanel::errorText() const { return m_error->isHidden() ? QString() : m_error->text(); }

QString DataPanel::statusText() const { return m_status->text(); }

QString DataPanel::detailsText() const { return m_details->text(); }

DataPanel::LoadOutcome DataPanel::load(const QString& path, catdpo::DataFormat format) {
  LoadOutcome outcome;
  QElapsedTimer timer;
  timer.start();
  try {
    catdpo::ImportOptions options;
    options.format = format;
    options.skipInvalid = true;  // show every problem instead of refusing at the first ones
    outcome.dataset =
        std::make_shared<const catdpo::Dataset>(catdpo::loadDataset(path.toStdString(), options));
  } catch (const catdpo::Error& e) {
    outcome.error = QString::fromStdString(e.what());
    if (e.where().file.empty()) outcome.error = path + QStringLiteral(": ") + outcome.error;
  } catch (const std::exception& e) {
    outcome.error = path + QStringLiteral(": ") + QString::fromLocal8Bit(e.what());
  }
  outcome.seconds = double(timer.elapsed()) / 1000.0;
  return outcome;
}

void DataPanel::openFile(const QString& path) {
  m_path = path;
  clearShown();
  m_status->setText(tr("Reading %1…").arg(QDir::toNativeSeparators(path)));
  // The previous watcher (if any) goes with its load: a newer file always wins.
  m_watcher = std::make_unique<QFutureWatcher<LoadOutcome>>();
  connect(m_watcher.get(), &QFutureWatcherBase::finished, this, &DataPanel::onLoaded);
  auto promise = std::make_shared<QPromise<LoadOutcome>>();
  m_watcher->setFuture(promise->future());
  const catdpo::DataFormat format = requestedFormat();
  promise->start();
  QThreadPool::globalInstance()->start([promise, path, format] {
    promise->addResult(load(path, format));
    promise->finish();
  });
  emit loadStarted(path);
}

void DataPanel::onLoaded() {
  if (!m_watcher || m_watcher->future().resultCount() == 0) return;
  showOutcome(m_watcher->future().result());
}

void DataPanel::clearShown() {
  m_dataset.reset();
  m_pairs->setDataset(nullptr);
  m_problems->setDataset(nullptr);
  m_chart->setCounts({});
  m_details->clear();
  m_error->clear();
  m_error->hide();
  m_use->setEnabled(false);
  m_builder->setDataFile(m_path, false);
}

void DataPanel::showOutcome(const LoadOutcome& outcome) {
  const QString shownPath = QDir::toNativeSeparators(m_path);
  if (!outcome.dataset) {
    m_status->setText(tr("Could not read %1.").arg(shownPath));
    m_error->setText(outcome.error);
    m_error->show();
    emit loadFailed(m_path, outcome.error);
    return;
  }
  m_dataset = outcome.dataset;
  const catdpo::Dataset& d = *m_dataset;
  const catdpo::DatasetStats& s = d.stats;
  const QString formatName = QString::fromLatin1(catdpo::toString(d.format));
  m_status->setText(
      tr("%1 · format %2 (%3) · %4 rows read · %5 pairs · %6 problem(s) · %7 s")
          .arg(QFileInfo(m_path).fileName(), formatName,
               requestedFormat() == catdpo::DataFormat::Auto ? tr("detected") : tr("as chosen"))
          .arg(d.rowsRead)
          .arg(d.pairs.size())
          .arg(d.problems.size())
          .arg(outcome.seconds, 0, 'f', 2));

  QStringList lines;
  lines << tr("<b>Prompts:</b> %1 unique").arg(s.uniquePrompts);
  if (s.harmfulPrompts + s.benignPrompts + s.borderlinePrompts > 0)
    lines << tr("<b>Prompt kinds:</b> %1 harmful, %2 borderline, %3 benign")
                 .arg(s.harmfulPrompts)
                 .arg(s.borderlinePrompts)
                 .arg(s.benignPrompts);
  if (s.labelled > 0) {
    lines << tr("<b>Safety labels:</b> %1 pairs: %2 both safe, %3 one unsafe, %4 both unsafe")
                 .arg(s.labelled)
                 .arg(s.bothSafe)
                 .arg(s.oneUnsafe)
                 .arg(s.bothUnsafe);
    lines << tr("<b>Safety-aware order:</b> %1 safety-contrastive, %2 swapped (helpful winner "
                "unsafe), %3 dropped (both unsafe)")
                 .arg(s.safetyContrastive)
                 .arg(s.helpfulWinnerUnsafe)
                 .arg(s.droppedByOrdering);
  } else {
    lines << tr("<b>Safety labels:</b> none (plain preference pairs)");
  }
  if (s.uncategorisedUnsafe > 0)
    lines << tr("<b>Note:</b> %1 pair(s) with an unsafe response but no category")
                 .arg(s.uncategorisedUnsafe);
  if (s.severityUnknown < 2 * s.pairs)
    lines << tr("<b>Severity (responses):</b> level 0: %1, 1: %2, 2: %3, 3: %4")
                 .arg(s.severityHistogram[0])
                 .arg(s.severityHistogram[1])
                 .arg(s.severityHistogram[2])
                 .arg(s.severityHistogram[3]);
  lines << tr("<b>Response length:</b> %1 characters; %2 words")
               .arg(lengths(s.responseChars), lengths(s.responseWords));
  lines << tr("<b>Categories:</b> %1").arg(d.taxonomy.size());
  lines << tr("<b>Fingerprint:</b> %1").arg(QString::fromStdString(d.fingerprint).left(16));
  m_details->setText(lines.join(QStringLiteral("<br>")));

  m_chart->setCounts(s.perCategory);
  m_pairs->setDataset(m_dataset);
  m_problems->setDataset(m_dataset);
  m_pairView->resizeColumnToContents(PairTableModel::Line);
  m_problemView->resizeColumnToContents(ProblemTableModel::Line);

  QStringList notes;
  for (const catdpo::DataProblem& w : d.warnings)
    notes << tr("Warning: %1").arg(QString::fromStdString(w.text()));
  if (!d.problems.empty()) {
    const catdpo::DataProblem& first = d.problems.front();
    notes << tr("%n row(s) skipped. First: %1", nullptr, int(d.problems.size()))
                 .arg(QString::fromStdString(first.text()));
  }
  if (!notes.isEmpty()) {
    m_error->setText(notes.join(QStringLiteral("\n")));
    m_error->show();
  }
  if (!d.problems.empty()) {
    m_tabs->setTabText(2, tr("Problems (%1)").arg(d.problems.size()));
  } else {
    m_tabs->setTabText(2, tr("Problems"));
  }
  m_use->setEnabled(!d.pairs.empty());
  m_builder->setDataFile(QFileInfo(m_path).absoluteFilePath(), !d.pairs.empty());
  emit loadFinished(m_path);
}

void DataPanel::showOpenDialog() {
  const QString path = QFileDialog::getOpenFileName(
      this, tr("Open preference data"), QFileInfo(m_path).absolutePath(),
      tr("Preference data (*.jsonl *.json *.jsonl.gz *.json.gz *.gz);;All files (*)"));
  if (!path.isEmpty()) openFile(path);
}

void DataPanel::chooseCurrent() {
  if (m_dataset && !m_dataset->pairs.empty()) emit datasetChosen(m_path);
}

QString DataPanel::droppedFile(const QMimeData* mime) {
  if (!mime || !mime->hasUrls()) return {};
  for (const QUrl& url : mime->urls()) {
    if (!url.isLocalFile()) continue;
    const QFileInfo info(url.toLocalFile());
    if (info.isFile()) return info.absoluteFilePath();
  }
  return {};
}

void DataPanel::acceptDropsOn(QWidget* window) {
  window->setAcceptDrops(true);
  window->installEventFilter(this);
}

bool DataPanel::handleDrag(QDragEnterEvent* event) {
  if (droppedFile(event->mimeData()).isEmpty()) return false;
  event->acceptProposedAction();
  return true;
}

bool DataPanel::handleDrop(QDropEvent* event) {
  const QString path = droppedFile(event->mimeData());
  if (path.isEmpty()) return false;
  event->acceptProposedAction();
  emit fileDropped(path);
  openFile(path);
  return true;
}

void DataPanel::dragEnterEvent(QDragEnterEvent* event) {
  if (!handleDrag(event)) QWidget::dragEnterEvent(event);
}

void DataPanel::dropEvent(QDropEvent* event) {
  if (!handleDrop(event)) QWidget::dropEvent(event);
}

bool DataPanel::eventFilter(QObject* watched, QEvent* event) {
  if (event->type() == QEvent::DragEnter) return handleDrag(static_cast<QDragEnterEvent*>(event));
  if (event->type() == QEvent::Drop) return handleDrop(static_cast<QDropEvent*>(event));
  return QWidget::eventFilter(watched, event);
}

}  // namespace catdpo::ui
