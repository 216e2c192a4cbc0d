// SPDX-License-Identifier: MIT
// The training loop: control flags between steps, learning-rate schedule, SACPO's stage
// switch (the stage-1 policy becomes the reference), periodic evaluation and checkpoints,
// events to the listeners. Per-step randomness (LoRA dropout) is reseeded from (seed, step),
// so a resumed run continues bit for bit.
#include <ATen/ATen.h>
#include <c10/util/Exception.h>

#include <cmath>

#include "common/error.h"
#include "train/trainer_impl.h"

namespace catdpo {

Trainer::Impl::Impl(TrainerSetup s, RunControl& c)
    : setup(std::move(s)),
      control(c),
      dual(static_cast<int>(setup.categories.size()), setup.config.catdpo),
      groups(static_cast<int>(setup.categories.size()) + 1, setup.config.groupEta) {
  if (!setup.policy) throw Error("the trainer needs a model");
  if (setup.train.empty()) throw Error("no training pairs");
  if (!setup.config.referenceFree && setup.reference.examples() != setup.train.size())
    throw Error("reference log-probs cover " + std::to_string(setup.reference.examples()) +
                " pairs, the training set has " + std::to_string(setup.train.size()));
  precision = resolvePrecision(setup.config.precision, setup.policy->device().is_cuda()).precision;
  setup.policy->setGradientCheckpointing(setup.config.gradientCheckpointing);
  for (auto& p : setup.policy->parameters())
    if (p.requires_grad()) parameters.push_back(p);
  if (parameters.empty()) throw Error("the model has no trainable parameters");
  makeOptimizer();
  enterStage(1, /*recomputeReference=*/false);
}

void Trainer::Impl::makeOptimizer() {
  const TrainConfig& c = setup.config;
  torch::optim::AdamWOptions options(c.learningRate);
  options.betas({c.adamBeta1, c.adamBeta2}).eps(c.adamEps).weight_decay(c.weightDecay);
  optimizer = std::make_unique<torch::optim::AdamW>(parameters, options);
}

void Trainer::Impl::enterStage(int newStage, bool recomputeReference) {
  stage = newStage;
  usable = usableExamples(setup.train, order());
  if (usable.empty())
    throw Error(std::string("no training pair is usable under the ") + toString(order()) +
                " order (all both-unsafe and dropped?)");
  std::vector<int> lengths;
  lengths.reserve(usable.size());
  for (int e : usable) lengths.push_back(setup.train[e].maxLength());
  sampler = BatchSampler(std::move(lengths), setup.config.batchSize,
                         setup.config.seed * 1000003ULL + static_cast<std::uint64_t>(stage));
  if (recomputeReference) {
    // SACPO stage 2: the stage-1 policy is the new reference, and a fresh optimizer starts.
    emit({LifecycleKind::Message, step,
          "stage 2: computing reference log-probs of the stage-1 policy", "", ""});
    setup.reference = computeReferenceLogps(setup.policy, setup.train, setup.padId, 8192, {},
                                            &control, precision);
    if (setup.config.sacpoStage2Restart) makeOptimizer();
  }
}

void Trainer::Impl::emit(const LifecycleEvent& event) {
  for (TrainingListener* l : setup.listeners) l->onLifecycle(event);
}

Trainer::Trainer(TrainerSetup setup, RunControl& control)
    : m(std::make_unique<Impl>(std::move(setup), control)) {}
Trainer::~Trainer() = default;

void Trainer::resumeFrom(const std::filesystem::path& checkpoint) { m->loadCheckpoint(checkpoint); }
std::int64_t Trainer::step() const { return m->step; }
int Trainer::stage() const { return m->stage; }
const CatDpoDual& Trainer::dual() const { return m->dual; }
const GroupWeights& Trainer::groupWeights() const { return m->groups; }
std::filesystem::path Trainer::lastCheckpoint() const { return m->lastCheckpoint; }
const std::vector<double>& Trainer::lossHistory() const { return m->losses; }

RunStatus Trainer::run() {
  Impl& s = *m;
  const TrainConfig& c = s.setup.config;
  s.started = std::chrono::steady_clock::now();
  s.emit({LifecycleKind::Started, s.step, "", "", ""});
  try {
    while (s.step < c.steps) {
      if (s.distributed()) s.agreeOnControl();
      if (s.control.paused()) {
        s.emit({LifecycleKind::Paused, s.step, "", "", ""});
        s.control.waitWhilePaused();
        if (!s.control.shouldEnd()) s.emit({LifecycleKind::Resumed, s.step, "", "", ""});
      }
      if (s.control.cancelRequested()) {
        s.emit({LifecycleKind::Cancelled, s.step, "", "", ""});
        return RunStatus::Cancelled;
      }
      if (s.control.stopRequested()) {
        s.saveCheckpoint();
        s.emit({LifecycleKind::Stopped, s.step, "", "", ""});
        return RunStatus::Stopped;
      }
      if (s.stage == 1 && c.stages() == 2 && s.step >= c.stage1Steps())
        s.enterStage(2, /*recomputeReference=*/!c.referenceFree);

      at::manual_seed(c.seed * 7919ULL + static_cast<std::uint64_t>(s.step));
      // SACPO's stage 2 restarts warm-up and decay unless sacpo_stage2_restart is off.
      const bool ownSchedule = c.stages() == 1 || c.sacpoStage2Restart;
      const std::int64_t stageStep = ownSchedule ? s.step - s.stageStart() : s.step;
      const double lr = ownSchedule ? learningRateAt(c, stageStep, s.stageEnd() - s.stageStart())
                                    : learningRateAt(c, s.step, c.steps);
      for (auto& group : s.optimizer->param_groups())
        static_cast<torch::optim::AdamWOptions&>(group.options()).lr(lr);

      const auto t0 = std::chrono::steady_clock::now();
      std::vector<int> batch = s.sampler.next();
      for (int& i : batch) i = s.usable[i];
      double gradNorm = 0;
      BatchOutputs out = s.trainStep(s.distributed() ? s.shardOf(batch) : batch, gradNorm);
      if (s.distributed()) out = s.gatherOutputs(batch, out);
      s.optimizer->step();
      ++s.step;
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      s.tokensSeen += out.tokens;
      s.losses.push_back(out.meanLoss);

      StepMetrics metrics = s.metricsFor(out, gradNorm, lr, seconds);
      s.dualUpdate(out, metrics);
      metrics.elapsedSeconds =
          s.secondsBefore +
          std::chrono::duration<double>(std::chrono::steady_clock::now() - s.started).count();
      const double perStep =
          metrics.elapsedSeconds / static_cast<double>(std::max<std::int64_t>(1, s.step));
      metrics.etaSeconds = perStep * static_cast<double>(c.steps - s.step);
      for (TrainingListener* l : s.setup.listeners) l->onStep(metrics);

      const bool last = s.step == c.steps;
      const bool evalStep = (c.eval.every > 0 && s.step % c.eval.every == 0) || last;
      if (s.setup.evaluate && evalStep) {
        s.emit({LifecycleKind::EvaluationStarted, s.step, "", "", ""});
        const EvalResult result = s.setup.evaluate(s.step);
        s.judgedUnsafe.assign(s.categories(), std::nan(""));
        for (const auto& cat : result.categories)
          if (cat.category >= 0 && cat.category < s.categories() && cat.generatedCount > 0)
            s.judgedUnsafe[cat.category] = 1.0 - cat.safeRatio;
        for (TrainingListener* l : s.setup.listeners) l->onEvaluation(result);
      }
      if (evalStep && s.distributed()) s.shareJudged();
      if (last || (c.checkpointEvery > 0 && s.step % c.checkpointEvery == 0)) s.saveCheckpoint();
    }
  } catch (const c10::Error& e) {
    const std::string what = e.what_without_backtrace();
    const bool oom = what.find("out of memory") != std::string::npos;
    const std::string reason =
        oom ? "out of memory at step " + std::to_string(s.step + 1) + " with batch size " +
                  std::to_string(c.batchSize) +
                  " (lower batch_size or max_length, or raise grad_accumulation)"
            : "step " + std::to_string(s.step + 1) + ": " + what;
    s.emit({LifecycleKind::Failed, s.step, reason, "", ""});
    throw Error(reason);
  } catch (const std::exception& e) {
    // Nothing is written after a failure: the last checkpoint stays the last good state.
    const std::string reason =
        std::string(e.what()) +
        (s.lastCheckpoint.empty()
             ? "; training stopped before any checkpoint was written"
             : "; training stopped, the last good checkpoint is " + s.lastCheckpoint.string());
    s.emit({LifecycleKind::Failed, s.step, reason, "", ""});
    throw Error(reason);
  }
  s.emit({LifecycleKind::Finished, s.step, "", s.lastCheckpoint.string(), ""});
  return RunStatus::Finished;
}

}  // namespace catdpo
