// SPDX-License-Identifier: MIT
// Experiment::run in named steps: open the store, claim a resumed run, prepare the data, load
// the policy and its chat template, record the run and its folder, tokenise and compute the
// reference log-probs, assemble the trainer, train and write the final model. Every event goes
// to the run store first, then to the caller's listeners; a failure is recorded with its reason
// before it propagates. The steps are Impl's members, called in this order by run(): the writer
// lock and claimRun come before anything is changed.
#include "experiment/experiment.h"

#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>

#include "common/error.h"
#include "common/heap_policy.h"
#include "common/paths.h"
#include "eval/redact.h"
#include "experiment/engine_setup.h"
#include "experiment/run_resume.h"
#include "model/checkpoint.h"
#include "model/lora.h"
#include "model/safetensors_torch.h"
#include "store/run_location.h"
#include "store/run_lock.h"
#include "store/run_store.h"
#include "store/store_listener.h"
#include "store/workspace.h"
#include "train/trainer.h"

namespace catdpo {
namespace fs = std::filesystem;

namespace {

// What the error handling needs of a run: declared before the try block so it outlives it.
struct RunTarget {
  TrainConfig config;
  std::unique_ptr<RunStore> store;
  std::string id;  // empty until the run is claimed or created
};

// This process's part in the run, the folder the run writes (run_location.h) with the writer
// lock on it, and what a resumed run continues from. Members in the order they are filled in.
struct RunClaim {
  bool parallel = false;
  bool writer = true;  // the only rank that writes the store, checkpoints and the final model
  std::optional<CheckpointRecord> resumeFrom;
  std::string resumedData;  // the data set fingerprint the resumed run started on
  RunStatus resumedStatus = RunStatus::Stopped;  // and its status before this process claimed it
  fs::path outDir;
  std::unique_ptr<RunWriterLock> writerLock;
};

// The tokenised pairs and their reference log-probs.
struct TokenisedPairs {
  std::vector<PairExample> train;
  std::vector<PairExample> eval;
  ReferenceLogps reference;
  ReferenceLogps evalReference;
};

// chat_template: auto is decided from the model folder, and recorded as decided.
ChatTemplate decideChatTemplate(TrainConfig& config, const LoadedPolicy& policy) {
  ChatTemplate chat = resolveRunChatTemplate(config, policy);
  config.chatTemplate = chat.name();
  if (chat.name() != "custom") config.chatSystem = chat.systemMessage();
  return chat;
}

NewRun newRunRecord(const TrainConfig& config, const PreparedData& data, const LoadedPolicy& policy,
                    const std::string& sweepId) {
  NewRun run;
  run.name = config.name;
  run.method = toString(config.method);
  TrainConfig stored = config;  // credentials in a judge URL are used, never stored
  stored.eval.judge = redactJudgeSpec(config.eval.judge);
  run.configJson = toJson(stored).dump();
  run.datasetFingerprint = data.full.fingerprint;
  run.evalDatasetFingerprint = data.evalFingerprint;
  run.modelFingerprint = policy.fingerprint;
  run.device = policy.device;
  run.sweepId = sweepId;
  return run;
}

// Checkpoints save and load the adapters alone when the policy has them, else the whole model.
void setModelCallbacks(TrainerSetup& setup, LoadedPolicy& policy, bool lora,
                       const TrainConfig& config) {
  setup.saveModel = [&policy, lora, config](const fs::path& dir) {
    if (lora) {
      LoraConfig lc{config.lora.rank, config.lora.alpha, config.lora.dropout, config.lora.targets};
      saveAdapters(dir, policy.model, lc);
    } else {
      SaveOptions save;
      save.writeExtra = [&policy](const fs::path& tmp) { policy.tokenizer.save(tmp); };
      savePretrained(dir, policy.model, save);
    }
  };
  setup.loadModel = [&policy, lora](const fs::path& dir) {
    if (lora)
      loadAdapters(dir, policy.model);
    else
      loadWeights(policy.model, TensorStore::open(dir));
  };
}

// The aligned model as a plain Hugging Face folder (LoRA merged into the weights).
fs::path writeFinalModel(const fs::path& outDir, LoadedPolicy& policy, bool lora) {
  const fs::path final = outDir / "final";
  if (lora) mergeAdapters(policy.model);
  SaveOptions save;
  save.writeExtra = [&policy](const fs::path& tmp) { policy.tokenizer.save(tmp); };
  savePretrained(final, policy.model, save);
  return final;
}

// Notes that a Failed event went out, so the failure is not reported twice.
struct FailureWatch : TrainingListener {
  bool* flag;
  explicit FailureWatch(bool* f) : flag(f) {}
  void onLifecycle(const LifecycleEvent& e) override {
    if (e.kind == LifecycleKind::Failed) *flag = true;
  }
};

}  // namespace

struct Experiment::Impl {
  ExperimentOptions options;
  std::vector<TrainingListener*> listeners;
  std::function<void(const PreparationProgress&)> progress;
  RunControl control;
  mutable std::mutex mutex;  // guards runId / categories / finalDir read from other threads
  std::string runId;
  std::vector<std::string> categories;
  std::string finalDir;
  bool failureReported = false;  // the trainer already reported its failure to the listeners

  void prepare(const PreparationProgress& p) {
    if (progress) progress(p);
  }
  void warn(const std::string& message) { prepare({"warning", 1.0, message}); }

  // The steps of run(), in order.
  RunClaim openStore(RunTarget& t);
  void claimResumedRun(RunTarget& t, RunClaim& claim);
  void decidePrecision(TrainConfig& config);
  PreparedData prepareRunData(RunTarget& t, const RunClaim& claim);
  void recordRun(RunTarget& t, const RunClaim& claim, const PreparedData& data,
                 const LoadedPolicy& policy);
  void decideOutputFolder(const RunTarget& t, RunClaim& claim);
  TokenisedPairs tokeniseWithReference(const TrainConfig& config, const RunClaim& claim,
                                       const PreparedData& data, LoadedPolicy& policy,
                                       const ChatTemplate& chat);
  TrainerSetup trainerSetup(const RunTarget& t, const RunClaim& claim, LoadedPolicy& policy,
                            bool lora, TokenisedPairs& tokens, const PreparedData& data,
                            RunEvaluator& evaluator, StoreListener* storeListener,
                            FailureWatch* watch);
  void trainAndSave(const RunTarget& t, const RunClaim& claim, LoadedPolicy& policy, bool lora,
                    TrainerSetup setup);
  // The error handling.
  void reportCancelled(RunStore* store, const std::string& id, const std::string& reason);
  void failEarly(RunStore* store, const std::string& id, const std::string& reason);
};

// Checks the config, sets the threads and this process's role, and opens the run database
// (unless there is none, or this rank neither writes nor resumes).
RunClaim Experiment::Impl::openStore(RunTarget& t) {
  validate(t.config);
  configureThreads(t.config.threads);
  const std::shared_ptr<Collective>& ranks = options.collective;
  RunClaim claim;
  claim.parallel = ranks && ranks->distributed();
  claim.writer = !claim.parallel || ranks->rank() == 0;
  // Rank 0 prepares first (demo model, reference log-probs), so the other ranks on the
  // machine find both in the cache instead of building them at the same time.
  if (claim.parallel && !claim.writer) ranks->barrier();
  if (options.databasePath != "-" && (claim.writer || !options.resumeRunId.empty())) {
    const fs::path db = workspaceDatabasePath(options.databasePath);
    t.store = std::make_unique<RunStore>(db);
  }
  return claim;
}

// --resume: the run's folder and writer lock, its recorded config and an intact checkpoint.
void Experiment::Impl::claimResumedRun(RunTarget& t, RunClaim& claim) {
  if (!t.store) throw Error("--resume needs the run database");
  const RunRecord previous = t.store->resolveRun(options.resumeRunId);
  claim.outDir =
      options.outputDir.empty() ? runOutputFolder(previous, *t.store) : fs::path(options.outputDir);
  if (claim.writer) {
    // One writer per run, before anything is changed: the folder's lock stops a second
    // process on this machine, the row one on another machine sharing the database.
    claim.writerLock = std::make_unique<RunWriterLock>(claim.outDir, previous.id);
    t.store->claimRun(previous.id);
  }
  // Only now: a refused second writer must leave the run's status to its living writer.
  t.id = previous.id;
  t.config = resumedConfig(previous);
  claim.resumeFrom = intactCheckpoint(*t.store, t.id, claim.outDir,
                                      [this](const std::string& message) { warn(message); });
  claim.resumedData = previous.datasetFingerprint;
  claim.resumedStatus = previous.status;
}

// The run records the precision it trains in: "auto" is decided here, once.
void Experiment::Impl::decidePrecision(TrainConfig& config) {
  const PrecisionChoice precision = resolveRunPrecision(config);
  config.precision = toString(precision.precision);
  prepare(
      {"precision", 1, std::string(toString(precision.precision)) + " (" + precision.reason + ")"});
}

// Reads and splits the data; a resumed run must find the data set it started on.
PreparedData Experiment::Impl::prepareRunData(RunTarget& t, const RunClaim& claim) {
  const TrainConfig& config = t.config;
  prepare({"data", 0, "reading " + config.dataPath});
  PreparedData data = prepareData(config);
  for (const DataProblem& w : data.full.warnings) warn(w.text());
  if (!claim.resumedData.empty() && claim.resumedData != data.full.fingerprint) {
    // Not a failure of the run: it goes back to how it was, resumable on its data.
    if (t.store && claim.writer) t.store->setStatus(t.id, claim.resumedStatus);
    t.id.clear();
    throw Error("the run's data set has changed since it started (fingerprint " +
                    claim.resumedData.substr(0, 12) + ", now " +
                    data.full.fingerprint.substr(0, 12) +
                    "): resuming would train on other pairs; start a new run instead",
                {config.dataPath, 0, "data"});
  }
  {
    std::lock_guard lock(mutex);
    categories = data.categories;
  }
  prepare({"data", 1,
           std::to_string(data.train.pairs.size()) + " training pairs, " +
               std::to_string(data.eval.pairs.size()) +
               (data.separateEval ? " evaluation pairs from " + config.eval.data
                                  : std::string(" held out"))});
  return data;
}

// The data sets and, for a new run, its row; without a database (or on a rank that does not
// write) a local id.
void Experiment::Impl::recordRun(RunTarget& t, const RunClaim& claim, const PreparedData& data,
                                 const LoadedPolicy& policy) {
  const TrainConfig& config = t.config;
  if (t.store && claim.writer) {
    t.store->upsertDataset(
        {data.full.fingerprint, config.dataPath, toString(data.full.format), "{}", ""});
    if (data.separateEval)
      t.store->upsertDataset(
          {data.evalFingerprint, config.eval.data, toString(data.eval.format), "{}", ""});
    if (t.id.empty())
      t.id = t.store->createRun(newRunRecord(config, data, policy, options.sweepId)).id;
  } else if (t.id.empty()) {
    t.id = claim.writer ? "local-" + policy.fingerprint.substr(0, 8)
                        : "rank-" + std::to_string(options.collective->rank());
  }
  std::lock_guard lock(mutex);
  runId = t.id;
}

// A new run's folder (and its writer lock) once its id is known; recorded with the run.
void Experiment::Impl::decideOutputFolder(const RunTarget& t, RunClaim& claim) {
  if (claim.outDir.empty()) {
    claim.outDir = options.outputDir.empty() ? runFolder(t.id) : fs::path(options.outputDir);
    if (claim.writer) claim.writerLock = std::make_unique<RunWriterLock>(claim.outDir, t.id);
  }
  if (t.store && claim.writer) t.store->setOutputFolder(t.id, claim.outDir);
}

TokenisedPairs Experiment::Impl::tokeniseWithReference(const TrainConfig& config,
                                                       const RunClaim& claim,
                                                       const PreparedData& data,
                                                       LoadedPolicy& policy,
                                                       const ChatTemplate& chat) {
  prepare({"tokenize", 0, "tokenising"});
  TokenisedPairs out;
  out.train = tokenizePairs(data.train, policy, chat, config);
  out.eval = tokenizePairs(data.eval, policy, chat, config);
  if (out.eval.size() > static_cast<std::size_t>(config.eval.maxPairs))
    out.eval.resize(static_cast<std::size_t>(config.eval.maxPairs));
  policy.model->eval();
  out.reference = config.referenceFree
                      ? ReferenceLogps{}
                      : referenceFor(out.train, policy, data.train, config, progress, &control);
  out.evalReference = referenceFor(out.eval, policy, data.eval, config, progress, &control);
  policy.model->train();
  if (claim.parallel && claim.writer) options.collective->barrier();
  return out;
}

// Listeners (the store's first, the watch last), the pairs, checkpoints and evaluation.
TrainerSetup Experiment::Impl::trainerSetup(const RunTarget& t, const RunClaim& claim,
                                            LoadedPolicy& policy, bool lora, TokenisedPairs& tokens,
                                            const PreparedData& data, RunEvaluator& evaluator,
                                            StoreListener* storeListener, FailureWatch* watch) {
  TrainerSetup setup;
  if (storeListener) setup.listeners.push_back(storeListener);
  for (TrainingListener* l : listeners) setup.listeners.push_back(l);
  setup.listeners.push_back(watch);
  setup.config = t.config;
  setup.policy = policy.model;
  setup.train = std::move(tokens.train);
  setup.categories = data.categories;
  setup.reference = std::move(tokens.reference);
  setup.padId = std::max(0, policy.tokenizer.padId());
  setup.checkpointDir = claim.writer ? claim.outDir / "checkpoints" : fs::path();
  setup.collective = options.collective;
  setModelCallbacks(setup, policy, lora, t.config);
  if (claim.writer)
    setup.evaluate = [&evaluator](std::int64_t step) { return evaluator.evaluate(step); };
  return setup;
}

// Trains (from the checkpoint when resuming) and writes the final model of a finished run.
void Experiment::Impl::trainAndSave(const RunTarget& t, const RunClaim& claim, LoadedPolicy& policy,
                                    bool lora, TrainerSetup setup) {
  Trainer trainer(std::move(setup), control);
  if (claim.resumeFrom) {
    trainer.resumeFrom(claim.resumeFrom->path);
    if (claim.writer) {
      t.store->discardStepsAfter(t.id, trainer.stage(), trainer.step());
      t.store->claimRun(t.id);
    }
  }
  const RunStatus status = trainer.run();
  if (status == RunStatus::Finished && claim.writer) {
    const fs::path final = writeFinalModel(claim.outDir, policy, lora);
    std::lock_guard lock(mutex);
    finalDir = final.string();
  }
}

// Cancelled while preparing: not a failure.
void Experiment::Impl::reportCancelled(RunStore* store, const std::string& id,
                                       const std::string& reason) {
  if (store && !id.empty() && (!options.collective || options.collective->rank() == 0))
    store->setStatus(id, RunStatus::Cancelled);
  if (!failureReported)
    for (TrainingListener* l : listeners)
      l->onLifecycle({LifecycleKind::Cancelled, 0, reason, "", ""});
}

void Experiment::Impl::failEarly(RunStore* store, const std::string& id,
                                 const std::string& reason) {
  const bool writer = !options.collective || options.collective->rank() == 0;
  // A lost peer leaves this rank's state intact: the run can go on from its last checkpoint.
  const bool interrupted = options.collective && options.collective->peerLost();
  if (store && writer && !id.empty()) {
    try {
      store->setStatus(id, interrupted ? RunStatus::Interrupted : RunStatus::Failed, reason);
    } catch (const std::exception&) {
    }
  }
  if (failureReported) return;
  for (TrainingListener* l : listeners) l->onLifecycle({LifecycleKind::Failed, 0, reason, "", ""});
}

Experiment::Experiment(ExperimentOptions options) : m(std::make_unique<Impl>()) {
  m->options = std::move(options);
}
Experiment::~Experiment() = default;

void Experiment::addListener(TrainingListener* listener) { m->listeners.push_back(listener); }
void Experiment::setPreparationCallback(std::function<void(const PreparationProgress&)> cb) {
  m->progress = std::move(cb);
}
RunControl& Experiment::control() { return m->control; }
std::string Experiment::runId() const {
  std::lock_guard lock(m->mutex);
  return m->runId;
}
std::vector<std::string> Experiment::categoryNames() const {
  std::lock_guard lock(m->mutex);
  return m->categories;
}
std::string Experiment::finalModelDir() const {
  std::lock_guard lock(m->mutex);
  return m->finalDir;
}

void Experiment::run() {
  // Destroyed last: once the run's tensors are freed, the memory the heap kept for the next
  // step goes back to the system (see common/heap_policy.h).
  struct ReleaseHeap {
    ~ReleaseHeap() { releaseFreedHeapMemory(); }
  } releaseHeap;
  Impl& s = *m;
  RunTarget t{s.options.config, nullptr, {}};
  try {
    // Declared in the order they are built, so the trainer goes first and the lock last.
    RunClaim claim = s.openStore(t);
    if (!s.options.resumeRunId.empty()) s.claimResumedRun(t, claim);
    s.decidePrecision(t.config);
    PreparedData data = s.prepareRunData(t, claim);
    LoadedPolicy policy = loadPolicy(t.config, s.progress, &s.control);
    const ChatTemplate chat = decideChatTemplate(t.config, policy);
    s.recordRun(t, claim, data, policy);
    s.decideOutputFolder(t, claim);
    TokenisedPairs tokens = s.tokeniseWithReference(t.config, claim, data, policy, chat);

    RunEvaluator evaluator(policy, chat, std::move(tokens.eval), std::move(tokens.evalReference),
                           std::move(data.prompts), data.categories,
                           makeJudge(t.config.eval.judge, data.demo), t.config);
    std::unique_ptr<StoreListener> storeListener;
    if (t.store && claim.writer) storeListener = std::make_unique<StoreListener>(*t.store, t.id);
    FailureWatch watch(&s.failureReported);
    const bool lora = hasAdapters(policy.model);
    s.trainAndSave(t, claim, policy, lora,
                   s.trainerSetup(t, claim, policy, lora, tokens, data, evaluator,
                                  storeListener.get(), &watch));
  } catch (const Error& e) {
    if (s.control.cancelRequested()) {
      s.reportCancelled(t.store.get(), t.id, e.what());
      return;
    }
    s.failEarly(t.store.get(), t.id, e.what());
    throw;
  } catch (const std::exception& e) {
    s.failEarly(t.store.get(), t.id, e.what());
    throw Error(e.what());
  }
}

}  // namespace catdpo
