// SPDX-License-Identifier: MIT
// Experiment::run: data -> model -> run record -> reference pass -> training with periodic
// evaluation -> final model. Every event goes to the run store first, then to the caller's
// listeners; a failure is recorded with its reason before it propagates.
#include "experiment/experiment.h"

#include <mutex>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "common/heap_policy.h"
#include "common/json_input.h"
#include "common/paths.h"
#include "eval/redact.h"
#include "experiment/engine_setup.h"
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
  void failEarly(RunStore* store, const std::string& id, const std::string& reason) {
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
    for (TrainingListener* l : listeners)
      l->onLifecycle({LifecycleKind::Failed, 0, reason, "", ""});
  }
};

namespace {

// The newest checkpoint of the run that lies in its own folder and is intact (its files match
// the sha256 list the database recorded); a damaged newer one is skipped with a warning.
CheckpointRecord intactCheckpoint(const RunStore& store, const std::string& id,
                                  const fs::path& outDir,
                                  const std::function<void(const std::string&)>& warn) {
  const std::vector<CheckpointRecord> all = store.checkpoints(id);
  std::string why;
  bool newest = true;
  for (auto it = all.rbegin(); it != all.rend(); ++it, newest = false) {
    const std::string label = "checkpoint of step " + std::to_string(it->step);
    const auto path = checkpointInside(*it, outDir);
    if (!path) {
      why += "\n  " + label + ": recorded at " + escapeForDisplay(it->path, 200) +
             ", outside the run's folder " + outDir.string() + " (not used)";
      continue;
    }
    std::error_code ec;
    if (!fs::exists(*path, ec)) {
      // Older checkpoints are pruned as training goes on; only a missing newest one is news.
      if (newest) why += "\n  " + label + ": " + path->string() + " no longer exists";
      continue;
    }
    if (const auto damage = checkpointDamage(*path, it->sha256)) {
      warn(label + " (" + path->string() + ") is damaged: " + *damage +
           "; trying the one before it");
      why += "\n  " + label + ": " + *damage;
      continue;
    }
    if (!why.empty()) warn("resuming from the intact " + label + " instead" + why);
    return *it;
  }
  throw Error("run " + id + " has no intact checkpoint to resume from" +
              (why.empty() ? std::string(" (none was recorded)") : why) +
              (outDir.empty() ? std::string()
                              : "\n(checkpoints are looked for in " + outDir.string() +
                                    "/checkpoints; pass --out DIR for a run trained with --out)"));
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
  TrainConfig config = s.options.config;
  std::unique_ptr<RunStore> store;
  std::string id;
  try {
    validate(config);
    configureThreads(config.threads);
    const std::shared_ptr<Collective>& ranks = s.options.collective;
    const bool parallel = ranks && ranks->distributed();
    const bool writer = !parallel || ranks->rank() == 0;
    // Rank 0 prepares first (demo model, reference log-probs), so the other ranks on the
    // machine find both in the cache instead of building them at the same time.
    if (parallel && !writer) ranks->barrier();
    if (s.options.databasePath != "-" && (writer || !s.options.resumeRunId.empty())) {
      const fs::path db = workspaceDatabasePath(s.options.databasePath);
      store = std::make_unique<RunStore>(db);
    }
    std::optional<CheckpointRecord> resumeFrom;
    std::string resumedData;  // the data set fingerprint the resumed run started on
    RunStatus resumedStatus = RunStatus::Stopped;  // and its status before this process claimed it
    // Where checkpoints and the final model go (run_location.h), and the writer lock on it.
    fs::path outDir;
    std::unique_ptr<RunWriterLock> writerLock;
    auto warn = [&s](const std::string& message) { s.prepare({"warning", 1.0, message}); };
    if (!s.options.resumeRunId.empty()) {
      if (!store) throw Error("--resume needs the run database");
      const RunRecord previous = store->resolveRun(s.options.resumeRunId);
      outDir = s.options.outputDir.empty() ? runOutputFolder(previous, *store)
                                           : fs::path(s.options.outputDir);
      if (writer) {
        // One writer per run, before anything is changed: the folder's lock stops a second
        // process on this machine, the row one on another machine sharing the database.
        writerLock = std::make_unique<RunWriterLock>(outDir, previous.id);
        store->claimRun(previous.id);
      }
      // Only now: a refused second writer must leave the run's status to its living writer.
      id = previous.id;
      config = trainConfigFromText(previous.configJson, "run " + previous.id);
      // Runs recorded before the precision option trained float32 weights on the CPU and
      // bfloat16 weights on CUDA: they continue as they began (the text parsed just above).
      if (!parseJson(previous.configJson, JsonSource{"run " + previous.id, 1})
               .contains("precision"))
        config.precision = previous.device.rfind("cuda", 0) == 0 ? "bf16" : "fp32";
      resumeFrom = intactCheckpoint(*store, id, outDir, warn);
      resumedData = previous.datasetFingerprint;
      resumedStatus = previous.status;
    }

    // The run records the precision it trains in: "auto" is decided here, once.
    const PrecisionChoice precision = resolveRunPrecision(config);
    config.precision = toString(precision.precision);
    s.prepare({"precision", 1,
               std::string(toString(precision.precision)) + " (" + precision.reason + ")"});
    s.prepare({"data", 0, "reading " + config.dataPath});
    PreparedData data = prepareData(config);
    for (const DataProblem& w : data.full.warnings) s.prepare({"warning", 1.0, w.text()});
    if (!resumedData.empty() && resumedData != data.full.fingerprint) {
      // Not a failure of the run: it goes back to how it was, resumable on its data.
      if (store && writer) store->setStatus(id, resumedStatus);
      id.clear();
      throw Error("the run's data set has changed since it started (fingerprint " +
                      resumedData.substr(0, 12) + ", now " + data.full.fingerprint.substr(0, 12) +
                      "): resuming would train on other pairs; start a new run instead",
                  {config.dataPath, 0, "data"});
    }
    {
      std::lock_guard lock(s.mutex);
      s.categories = data.categories;
    }
    s.prepare({"data", 1,
               std::to_string(data.train.pairs.size()) + " training pairs, " +
                   std::to_string(data.eval.pairs.size()) +
                   (data.separateEval ? " evaluation pairs from " + config.eval.data
                                      : std::string(" held out"))});
    LoadedPolicy policy = loadPolicy(config, s.progress, &s.control);
    // chat_template: auto is decided from the model folder, and recorded as decided.
    const ChatTemplate chat = resolveRunChatTemplate(config, policy);
    config.chatTemplate = chat.name();
    if (chat.name() != "custom") config.chatSystem = chat.systemMessage();

    if (store && writer) {
      store->upsertDataset(
          {data.full.fingerprint, config.dataPath, toString(data.full.format), "{}", ""});
      if (data.separateEval)
        store->upsertDataset(
            {data.evalFingerprint, config.eval.data, toString(data.eval.format), "{}", ""});
      if (id.empty()) {
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
        run.sweepId = s.options.sweepId;
        id = store->createRun(run).id;
      }
    } else if (id.empty()) {
      id = writer ? "local-" + policy.fingerprint.substr(0, 8)
                  : "rank-" + std::to_string(ranks->rank());
    }
    {
      std::lock_guard lock(s.mutex);
      s.runId = id;
    }
    if (outDir.empty()) {
      outDir = s.options.outputDir.empty() ? runFolder(id) : fs::path(s.options.outputDir);
      if (writer) writerLock = std::make_unique<RunWriterLock>(outDir, id);
    }
    if (store && writer) store->setOutputFolder(id, outDir);

    s.prepare({"tokenize", 0, "tokenising"});
    std::vector<PairExample> train = tokenizePairs(data.train, policy, chat, config);
    std::vector<PairExample> eval = tokenizePairs(data.eval, policy, chat, config);
    if (eval.size() > static_cast<std::size_t>(config.eval.maxPairs))
      eval.resize(static_cast<std::size_t>(config.eval.maxPairs));
    policy.model->eval();
    ReferenceLogps reference = config.referenceFree ? ReferenceLogps{}
                                                    : referenceFor(train, policy, data.train,
                                                                   config, s.progress, &s.control);
    ReferenceLogps evalReference =
        referenceFor(eval, policy, data.eval, config, s.progress, &s.control);
    policy.model->train();
    if (parallel && writer) ranks->barrier();

    RunEvaluator evaluator(policy, chat, std::move(eval), std::move(evalReference),
                           std::move(data.prompts), data.categories,
                           makeJudge(config.eval.judge, data.demo), config);
    std::unique_ptr<StoreListener> storeListener;
    TrainerSetup setup;
    if (store && writer) {
      storeListener = std::make_unique<StoreListener>(*store, id);
      setup.listeners.push_back(storeListener.get());
    }
    for (TrainingListener* l : s.listeners) setup.listeners.push_back(l);
    FailureWatch watch(&s.failureReported);
    setup.listeners.push_back(&watch);
    setup.config = config;
    setup.policy = policy.model;
    setup.train = std::move(train);
    setup.categories = data.categories;
    setup.reference = std::move(reference);
    setup.padId = std::max(0, policy.tokenizer.padId());
    setup.checkpointDir = writer ? outDir / "checkpoints" : fs::path();
    setup.collective = ranks;
    const bool lora = hasAdapters(policy.model);
    const fs::path sourceDir = policy.directory;
    setup.saveModel = [&policy, lora, config](const fs::path& dir) {
      if (lora) {
        LoraConfig lc{config.lora.rank, config.lora.alpha, config.lora.dropout,
                      config.lora.targets};
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
    if (writer)
      setup.evaluate = [&evaluator](std::int64_t step) { return evaluator.evaluate(step); };

    Trainer trainer(std::move(setup), s.control);
    if (resumeFrom) {
      trainer.resumeFrom(resumeFrom->path);
      if (writer) {
        store->discardStepsAfter(id, trainer.stage(), trainer.step());
        store->claimRun(id);
      }
    }
    const RunStatus status = trainer.run();
    if (status == RunStatus::Finished && writer) {
      // The aligned model as a plain Hugging Face folder (LoRA merged into the weights).
      const fs::path final = outDir / "final";
      if (lora) mergeAdapters(policy.model);
      SaveOptions save;
      save.writeExtra = [&policy](const fs::path& tmp) { policy.tokenizer.save(tmp); };
      savePretrained(final, policy.model, save);
      std::lock_guard lock(s.mutex);
      s.finalDir = final.string();
    }
  } catch (const Error& e) {
    if (s.control.cancelRequested()) {  // cancelled while preparing: not a failure
      if (store && !id.empty() && (!s.options.collective || s.options.collective->rank() == 0))
        store->setStatus(id, RunStatus::Cancelled);
      if (!s.failureReported)
        for (TrainingListener* l : s.listeners)
          l->onLifecycle({LifecycleKind::Cancelled, 0, e.what(), "", ""});
      return;
    }
    s.failEarly(store.get(), id, e.what());
    throw;
  } catch (const std::exception& e) {
    s.failEarly(store.get(), id, e.what());
    throw Error(e.what());
  }
}

}  // namespace catdpo
