// SPDX-License-Identifier: MIT
#include "ui/panels/samples_inspector.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "store/run_store.h"

namespace catdpo::ui {

SamplesInspector::SamplesInspector(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  m_title = new QLabel(tr("Choose a run to see its generated responses."), this);
  m_title->setWordWrap(true);
  layout->addWidget(m_title);

  auto* filters = new QHBoxLayout;
  m_evaluation = new QComboBox(this);
  m_evaluation->setToolTip(tr("Evaluation"));
  m_category = new QComboBox(this);
  m_category->setMinimumContentsLength(20);
  m_verdict = new QComboBox(this);
  m_verdict->addItem(tr("All verdicts"), int(Verdict::Any));
  m_verdict->addItem(tr("Unsafe"), int(Verdict::Unsafe));
  m_verdict->addItem(tr("Safe"), int(Verdict::Safe));
  m_verdict->addItem(tr("Refusals"), int(Verdict::Refusal));
  m_verdict->addItem(tr("Judge failed"), int(Verdict::JudgeFailed));
  m_text = new QLineEdit(this);
  m_text->setPlaceholderText(tr("Search prompts, responses and judgements"));
  m_text->setClearButtonEnabled(true);
  m_count = new QLabel(this);
  filters->addWidget(m_evaluation);
  filters->addWidget(m_category);
  filters->addWidget(m_verdict);
  filters->addWidget(m_text, 1);
  filters->addWidget(m_count);
  layout->addLayout(filters);

  m_model = new SampleTableModel(this);
  m_proxy = new SampleFilterProxy(this);
  m_proxy->setSourceModel(m_model);
  m_view = new QTableView(this);
  m_view->setModel(m_proxy);
  m_view->setSortingEnabled(true);
  m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_view->setSelectionMode(QAbstractItemView::SingleSelection);
  m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_view->setWordWrap(false);
  m_view->verticalHeader()->setVisible(false);
  m_view->horizontalHeader()->setStretchLastSection(true);
  m_detail = new QTextBrowser(this);
  auto* split = new QSplitter(Qt::Vertical, this);
  split->addWidget(m_view);
  split->addWidget(m_detail);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  layout->addWidget(split, 1);

  connect(m_evaluation, &QComboBox::currentIndexChanged, this, &SamplesInspector::showEvaluation);
  connect(m_category, &QComboBox::currentIndexChanged, this, [this] {
    m_proxy->setCategory(m_category->currentIndex() >= 0 ? m_category->currentData().toInt()
                                                         : SampleFilterProxy::kAllCategories);
    updateCount();
  });
  connect(m_verdict, &QComboBox::currentIndexChanged, this, [this] {
    m_proxy->setVerdict(Verdict(m_verdict->currentData().toInt()));
    updateCount();
  });
  connect(m_text, &QLineEdit::textChanged, this, [this](const QString& text) {
    m_proxy->setText(text);
    updateCount();
  });
  connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          &SamplesInspector::showDetail);
}

SamplesInspector::~SamplesInspector() = default;

void SamplesInspector::setStore(std::shared_ptr<catdpo::RunStore> store) {
  m_store = std::move(store);
  m_runId.clear();
  m_evaluations.clear();
  m_evaluation->clear();
  m_model->setSamples({}, {});
  updateCount();
}

bool SamplesInspector::showRun(const QString& runId) {
  if (!m_store) return false;
  std::optional<catdpo::RunRecord> run;
  try {
    run = m_store->run(runId.toStdString());
    if (!run) return false;
    m_evaluations = m_store->evaluations(run->id, /*withSamples=*/true);
  } catch (const std::exception& e) {
    emit errorOccurred(tr("Could not read the samples: %1").arg(QString::fromLocal8Bit(e.what())));
    return false;
  }
  m_runId = runId;
  m_title->setText(tr("Samples of %1").arg(QString::fromStdString(run->name)));
  {
    const QSignalBlocker block(m_evaluation);
    m_evaluation->clear();
    for (const catdpo::StoredEvaluation& e : m_evaluations)
      m_evaluation->addItem(
          tr("Step %1 · %n sample(s)", nullptr, int(e.result.samples.size())).arg(e.result.step));
    m_evaluation->setCurrentIndex(int(m_evaluations.size()) - 1);
  }
  showEvaluation();
  return true;
}

void SamplesInspector::setEvaluationIndex(int index) { m_evaluation->setCurrentIndex(index); }

int SamplesInspector::evaluationIndex() const { return m_evaluation->currentIndex(); }

void SamplesInspector::showEvaluation() {
  const int index = m_evaluation->currentIndex();
  if (index < 0 || index >= int(m_evaluations.size())) {
    m_model->setSamples({}, {});
    updateCount();
    return;
  }
  const catdpo::EvalResult& e = m_evaluations[size_t(index)].result;
  std::vector<std::string> names;
  for (const catdpo::CategoryEvalResult& c : e.categories) {
    if (c.category < 0) continue;
    if (size_t(c.category) >= names.size()) names.resize(size_t(c.category) + 1);
    names[size_t(c.category)] = c.name;
  }
  m_model->setSamples(e.samples, names);

  // Categories that occur among the samples, in index order; benign prompts last.
  std::vector<bool> present(names.size() + 1, false);
  bool benign = false;
  for (const catdpo::EvalSample& s : e.samples) {
    if (s.category < 0) {
      benign = true;
      continue;
    }
    if (size_t(s.category) >= present.size()) present.resize(size_t(s.category) + 1, false);
    present[size_t(s.category)] = true;
  }
  const int previous = m_category->currentIndex() >= 0 ? m_category->currentData().toInt()
                                                       : SampleFilterProxy::kAllCategories;
  {
    const QSignalBlocker block(m_category);
    m_category->clear();
    m_category->addItem(tr("All categories"), SampleFilterProxy::kAllCategories);
    for (size_t k = 0; k < present.size(); ++k)
      if (present[k]) m_category->addItem(m_model->categoryName(int(k)), int(k));
    if (benign) m_category->addItem(m_model->categoryName(-1), -1);
    const int keep = m_category->findData(previous);
    m_category->setCurrentIndex(keep >= 0 ? keep : 0);
  }
  m_proxy->setCategory(m_category->currentData().toInt());
  m_view->resizeColumnToContents(SampleTableModel::Category);
  m_view->resizeColumnToContents(SampleTableModel::VerdictColumn);
  m_detail->clear();
  updateCount();
}

void SamplesInspector::setCategoryFilter(int category) {
  const int index = m_category->findData(category);
  if (index >= 0) m_category->setCurrentIndex(index);
}

void SamplesInspector::setVerdictFilter(Verdict verdict) {
  m_verdict->setCurrentIndex(m_verdict->findData(int(verdict)));
}

void SamplesInspector::setTextFilter(const QString& text) { m_text->setText(text); }

int SamplesInspector::visibleCount() const { return m_proxy->rowCount(); }

void SamplesInspector::updateCount() {
  m_count->setText(tr("%1 of %2").arg(m_proxy->rowCount()).arg(m_model->rowCount()));
}

void SamplesInspector::showDetail() {
  const QModelIndex current = m_proxy->mapToSource(m_view->currentIndex());
  const catdpo::EvalSample* s = m_model->sampleAt(current.row());
  if (!s) {
    m_detail->clear();
    return;
  }
  const auto block = [](const QString& title, const std::string& text) {
    return QStringLiteral("<h4>%1</h4><p style='white-space:pre-wrap'>%2</p>")
        .arg(title, QString::fromStdString(text).toHtmlEscaped());
  };
  QString html = QStringLiteral("<p><b>%1</b> · %2 · %3</p>")
                     .arg(m_model->categoryName(s->category).toHtmlEscaped(),
                          SampleTableModel::verdictText(*s).toHtmlEscaped(),
                          QString::fromStdString(s->judge).toHtmlEscaped());
  html += block(tr("Prompt"), s->prompt);
  html += block(tr("Response"), s->response);
  html += block(tr("Judge's answer"), s->rawJudgement);
  m_detail->setHtml(html);
}

}  // namespace catdpo::ui
