// SPDX-License-Identifier: MIT
// Checkpoints: model weights, AdamW state, the lambda vector (and its signal state), group
// weights, the data-order state, step and stage -- written into a temporary folder with a
// sha256 list of its files, synced to disk, renamed into place (the folder synced too), and
// only then are older checkpoints removed: a crash never leaves a half checkpoint where a good
// one was, and a damaged one is recognised on resume.
#include <torch/serialize/input-archive.h>
#include <torch/serialize/output-archive.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "common/durable_files.h"
#include "common/error.h"
#include "common/json_input.h"
#include "common/paths.h"
#include "train/trainer_impl.h"

namespace catdpo {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {
constexpr int kKeepCheckpoints = 2;

std::int64_t stepOf(const fs::path& dir) {
  const std::string name = dir.filename().string();
  if (name.rfind("step-", 0) != 0) return -1;
  try {
    return std::stoll(name.substr(5));
  } catch (...) {
    return -1;
  }
}
}  // namespace

fs::path latestCheckpoint(const fs::path& dir) {
  fs::path best;
  std::int64_t bestStep = -1;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return {};
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::int64_t s = stepOf(entry.path());
    if (s > bestStep && fs::exists(entry.path() / "trainer_state.json")) {
      bestStep = s;
      best = entry.path();
    }
  }
  return best;
}

std::optional<std::string> checkpointDamage(const fs::path& dir, const std::string& recordedSha) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return "the folder is missing";
  if (!fs::is_regular_file(dir / "trainer_state.json", ec)) return "trainer_state.json is missing";
  if (fs::exists(dir / kCheckpointManifest, ec))
    return verifyManifest(dir, kCheckpointManifest, recordedSha);
  // Written before checksum lists: the recorded sha256 is that of the weights file.
  if (recordedSha.empty()) return std::nullopt;
  for (const fs::path& weights : {dir / "model" / "model.safetensors", dir / "model.pt"}) {
    if (!fs::is_regular_file(weights, ec)) continue;
    try {
      if (fileSha256(weights) == recordedSha) return std::nullopt;
    } catch (const Error&) {
    }
    return "its weights do not match the recorded sha256 (damaged)";
  }
  return "its weights file is missing";
}

void Trainer::Impl::saveCheckpoint() {
  if (setup.checkpointDir.empty()) return;
  char name[32];
  std::snprintf(name, sizeof name, "step-%07lld", static_cast<long long>(step));
  const fs::path final = setup.checkpointDir / name;
  const fs::path tmp = setup.checkpointDir / (std::string(".tmp-") + name);
  std::error_code ec;
  fs::remove_all(tmp, ec);
  fs::create_directories(tmp);
  if (setup.saveModel) {
    setup.saveModel(tmp / "model");
  } else {
    torch::serialize::OutputArchive archive;
    setup.policy->save(archive);
    archive.save_to((tmp / "model.pt").string());
  }
  {
    torch::serialize::OutputArchive archive;
    optimizer->save(archive);
    archive.save_to((tmp / "optimizer.pt").string());
  }
  if (stage == 2) saveReferenceCache(tmp / "reference_stage2.bin", setup.reference);
  std::vector<int> seen(dual.signalSeen().begin(), dual.signalSeen().end());
  const double elapsed =
      secondsBefore +
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const json state = {
      {"format", 1},
      {"step", step},
      {"stage", stage},
      {"lambda", dual.lambda()},
      {"g_signal", dual.signal()},
      {"g_seen", seen},
      {"group_weights", groups.weights()},
      {"sampler", sampler.saveState()},
      {"losses", losses},
      {"tokens_seen", tokensSeen},
      {"elapsed_seconds", elapsed},
      {"judged_unsafe", judgedUnsafe},
      {"method", toString(setup.config.method)},
      {"seed", setup.config.seed},
  };
  writeFileAtomically(tmp / "trainer_state.json", state.dump(1));
  // Every file's sha256 in a list whose own sha256 the run database records; then everything
  // on disk before the folder is renamed into place, and only then older ones go.
  const std::string sha = writeManifest(tmp, kCheckpointManifest);
  syncTree(tmp);
  replaceFolder(tmp, final);
  lastCheckpoint = final;

  // Keep the newest few (an older one is the fallback when the newest is damaged).
  std::vector<fs::path> all;
  for (const auto& entry : fs::directory_iterator(setup.checkpointDir, ec))
    if (stepOf(entry.path()) >= 0) all.push_back(entry.path());
  std::sort(all.begin(), all.end(),
            [](const fs::path& a, const fs::path& b) { return stepOf(a) > stepOf(b); });
  for (std::size_t i = kKeepCheckpoints; i < all.size(); ++i) fs::remove_all(all[i], ec);
  if (all.size() > static_cast<std::size_t>(kKeepCheckpoints)) syncPath(setup.checkpointDir);

  emit({LifecycleKind::CheckpointSaved, step, "", final.string(), sha});
}

void Trainer::Impl::loadCheckpoint(const fs::path& dir) {
  const fs::path stateFile = dir / "trainer_state.json";
  std::error_code exists;
  if (!fs::is_regular_file(stateFile, exists))
    throw Error("no trainer_state.json in checkpoint " + dir.string());
  const json state = readJsonFile(stateFile);
  try {
    if (state.at("method").get<std::string>() != toString(setup.config.method))
      throw Error("the checkpoint was written by method '" + state.at("method").get<std::string>() +
                  "', this run uses '" + toString(setup.config.method) + "'");
    const json& stageValue = state.at("stage");
    const json& stepValue = state.at("step");
    if (!stageValue.is_number_integer() || stageValue.get<std::int64_t>() < 1 ||
        stageValue.get<std::int64_t>() > setup.config.stages() || !stepValue.is_number_integer() ||
        stepValue.get<std::int64_t>() < 0 || stepValue.get<std::int64_t>() > setup.config.steps)
      throw Error("the checkpoint's step or stage does not belong to this run",
                  {stateFile.string(), 0, "step"});
    const int savedStage = static_cast<int>(stageValue.get<std::int64_t>());
    step = stepValue.get<std::int64_t>();
    if (savedStage != stage) {
      stage = savedStage;
      usable = usableExamples(setup.train, order());
      std::vector<int> lengths;
      for (int e : usable) lengths.push_back(setup.train[e].maxLength());
      sampler = BatchSampler(std::move(lengths), setup.config.batchSize,
                             setup.config.seed * 1000003ULL + static_cast<std::uint64_t>(stage));
      if (stage == 2) {
        auto ref = loadReferenceCache(dir / "reference_stage2.bin", setup.train.size());
        if (!ref) throw Error("checkpoint lacks the stage-2 reference log-probs");
        setup.reference = std::move(*ref);
      }
    }
    if (setup.loadModel && fs::exists(dir / "model")) {
      setup.loadModel(dir / "model");
    } else {
      torch::serialize::InputArchive archive;
      archive.load_from((dir / "model.pt").string());
      setup.policy->load(archive);
    }
    {
      torch::serialize::InputArchive archive;
      archive.load_from((dir / "optimizer.pt").string());
      optimizer->load(archive);
    }
    const auto seenInts = state.at("g_seen").get<std::vector<int>>();
    dual.setState(state.at("lambda").get<std::vector<double>>(),
                  state.at("g_signal").get<std::vector<double>>(),
                  std::vector<bool>(seenInts.begin(), seenInts.end()));
    groups.setWeights(state.at("group_weights").get<std::vector<double>>());
    sampler.loadState(state.at("sampler").get<std::string>());
    losses = state.at("losses").get<std::vector<double>>();
    tokensSeen = state.at("tokens_seen").get<std::int64_t>();
    secondsBefore = state.at("elapsed_seconds").get<double>();
    judgedUnsafe.clear();
    for (const auto& v : state.at("judged_unsafe"))
      judgedUnsafe.push_back(v.is_number() ? v.get<double>() : std::nan(""));
  } catch (const json::exception& e) {
    throw Error(std::string("checkpoint state is missing or has a bad field: ") + e.what(),
                {stateFile.string(), 0, ""});
  }
  lastCheckpoint = dir;
}

}  // namespace catdpo
