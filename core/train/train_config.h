// SPDX-License-Identifier: MIT
// Everything a run needs to be reproduced from its record alone: method, hyper-parameters,
// data, model, schedule, evaluation. Serialised to JSON with every default written out;
// validation rejects unknown methods and out-of-range values before any work, naming the field.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "data/demo_settings.h"

namespace catdpo {

// The eight methods of docs/METHODS.md (section 2), and Cat-DPO's matched control (the same pairs,
// order and schedule with the margin disabled: lambda = 0).
enum class Method {
  Dpo,
  DpoSafer,
  Ipo,
  SafeDpo,
  CatDpo,
  CatDpoNoMargin,
  DrDpo,
  GroupRobust,
  Sacpo
};
const char* toString(Method method);
Method methodFromString(const std::string& name);  // throws Error naming field "method"
const std::vector<std::string>& methodNames();
std::string methodDescription(Method method);

// Which preference order a loss is computed on.
enum class PairOrder { Helpful, Safe, Safer };
const char* toString(PairOrder order);

// How a pair with several categories is treated: its margin Lambda_i is the sum, mean or max of
// its categories' lambda_k, and every category of the pair takes the dual step; or (binding)
// only the categories whose lambda_k is largest (ties: all of them) get the margin and the step.
enum class LambdaAggregation { Sum, Mean, Max, Binding };
// When lambda moves: one projected step per safety-contrastive pair, in batch order (the
// authors' rule), or one step per category per batch on the mean of its pairs' signal.
enum class DualStep { PerPair, BatchMean };
enum class ConstraintSignal { Implicit, Judged };
enum class LrSchedule { Cosine, Linear, Constant };

struct CatDpoOptions {
  double eta = 0.5;       // dual step size
  double epsilon = 0.02;  // tolerated implicit unsafe-preference probability
  double lambdaInit = 0.0;
  double lambdaMax = std::numeric_limits<double>::infinity();  // no cap (JSON: null)
  DualStep dualStep = DualStep::PerPair;
  LambdaAggregation aggregation = LambdaAggregation::Sum;
  double gEma = 0.0;  // 0: no EMA; else weight of the newest signal (per pair or per batch)
  // A safety-contrastive pair without any category: margin 0 ("zero", no constraint applies)
  // or the largest lambda_k of all categories ("max"); it moves no lambda either way.
  std::string uncategorised = "zero";
  bool capped() const { return std::isfinite(lambdaMax); }
  ConstraintSignal signal = ConstraintSignal::Implicit;
};

struct LoraOptions {
  bool enabled = false;
  int rank = 8;
  double alpha = 16.0;
  double dropout = 0.0;
  std::vector<std::string> targets{"q_proj", "v_proj", "c_attn"};
};

// chat_template: custom. `prompt` holds {prompt} once; the answer is wrapped in
// responsePrefix / responseSuffix; `stop` names a token that ends an answer (optional).
struct ChatCustomOptions {
  std::string prompt;
  std::string responsePrefix;
  std::string responseSuffix;
  std::string stop;
};

struct EvalOptions {
  int every = 0;               // evaluate every N optimizer steps (0: only at the end)
  int maxPairs = 512;          // held-out pairs for implicit accuracy
  int promptsPerCategory = 8;  // generated responses per category (0: no generation)
  int benignPrompts = 32;      // benign prompts for over-refusal (spread over their categories)
  int borderlinePrompts = 38;  // borderline prompts for over-refusal, evenly over categories
  std::string degenerate = "fail";  // an empty or looping answer: fail | judge | exclude
  std::string data;                 // separate evaluation file; empty: a split of `data`
  int maxNewTokens = 48;
  double temperature = 0.0;  // 0: greedy
  double topP = 1.0;
  int topK = 0;
  std::string judge = "auto";  // auto | demo | none | cost:DIR | llm:URL
};

struct TrainConfig {
  // what
  Method method = Method::CatDpo;
  std::string name;               // run name shown in lists; generated when empty
  std::string dataPath = "demo";  // a file, or "demo" for the built-in set
  // The built-in demo benchmark's preset and knobs (its data and its model; ignored for files
  // and checkpoint folders). A config without a "demo" section is read as preset "noisy": the
  // only benchmark there was before presets, so stored runs keep their data.
  DemoSettings demo;
  std::string dataFormat = "auto";
  bool skipInvalid = false;
  std::string modelPath = "demo";  // a checkpoint folder, or "demo" for the built-in model
  // pku | chatml | llama3 | llama2 | mistral | gemma | phi3 | alpaca | custom | auto (the
  // model's own, from its tokenizer_config.json); a run records what auto resolved to.
  std::string chatTemplate = "pku";
  std::string chatSystem;  // a system message (chatml and llama3)
  ChatCustomOptions chatCustom;
  std::string device = "auto";
  // fp32 | bf16-mixed | bf16 | auto (model/precision.h); a run records what auto resolved to.
  std::string precision = "auto";
  bool gradientCheckpointing = false;  // recompute each decoder block in backward
  double evalFraction = 0.1;           // held-out share of prompts
  std::string bothUnsafe = "drop";     // drop | keep_safer
  // loss
  double beta = 0.1;
  double labelSmoothing = 0.0;
  bool referenceFree = false;
  bool lengthNormalized = false;
  double safedpoDelta = 10.0;
  double ipoTau = 0.0;  // 0: use 1/(2 beta) as the IPO target; else this target
  double drdpoBetaPrime = 1.0;
  double groupEta = 0.05;  // group-robust exponentiated-gradient step
  // Group-robust DPO: a pair with several categories belongs to each of their groups ("all")
  // or only to its lowest-index one ("first"); pairs without a category form one more group
  // ("own") or are left out of the group loss ("drop").
  std::string groupOverlap = "all";
  std::string groupUncategorised = "own";
  double sacpoStage1Fraction = 0.5;
  double sacpoStage2Beta = 0.0;    // beta of SACPO's safety stage; 0: the same beta
  bool sacpoStage2Restart = true;  // stage 2: a fresh AdamW and its own warm-up and decay
  CatDpoOptions catdpo;
  LoraOptions lora;
  // optimisation
  std::int64_t steps = 200;
  int batchSize = 16;  // pairs per optimizer step (global)
  int gradAccumulation = 1;
  int maxLength = 128;  // prompt + response tokens
  double learningRate = 5e-5;
  double weightDecay = 0.0;
  double adamBeta1 = 0.9;
  double adamBeta2 = 0.999;
  double adamEps = 1e-8;
  double maxGradNorm = 1.0;
  int warmupSteps = 10;
  LrSchedule schedule = LrSchedule::Cosine;
  double minLrRatio = 0.1;
  std::uint64_t seed = 1;
  int threads = 0;  // 0: $OMP_NUM_THREADS, else all cores
  // bookkeeping
  int checkpointEvery = 0;  // 0: only at the end
  int logEvery = 1;
  EvalOptions eval;

  // Cat-DPO or its matched control (the same pairs, order and schedule).
  bool catdpoFamily() const { return method == Method::CatDpo || method == Method::CatDpoNoMargin; }
  // Order of preference for this method (and stage, for SACPO).
  PairOrder orderFor(int stage) const;
  int stages() const { return method == Method::Sacpo ? 2 : 1; }
  std::int64_t stage1Steps() const;
};

// Full JSON with every option written out.
nlohmann::json toJson(const TrainConfig& config);
// Reads a config; absent keys take their defaults; unknown keys and bad values throw Error
// naming the field (e.g. "catdpo.eta"). `source` names the file in messages.
TrainConfig trainConfigFromJson(const nlohmann::json& json, const std::string& source = "");
// Reads a config that was written out in full by toJson (a stored run, a sweep's plan, saved
// settings): options it lacks because an older version wrote it take the value that version
// used (catdpo.dual_step: batch_mean), so resuming or cloning an old run trains as it did.
TrainConfig storedTrainConfig(const nlohmann::json& json, const std::string& source = "");
void applyStoredConfigDefaults(nlohmann::json& json);
TrainConfig loadTrainConfig(const std::string& path);
// A config stored as text (a run's config_json, saved settings): parsed through the hardened
// JSON entry point and read as storedTrainConfig reads it, every error naming `source`
// ("run <id>").
TrainConfig trainConfigFromText(const std::string& text, const std::string& source);
// Sets one option of a config in JSON form by its dotted key (e.g. "catdpo.eta") from text:
// parsed as JSON when it parses (numbers, true/false), else taken as a string. Unknown keys and
// bad values are reported when the JSON is read back with trainConfigFromJson.
void setConfigValue(nlohmann::json& config, const std::string& key, const std::string& text);
// Throws Error naming the first invalid field.
void validate(const TrainConfig& config);

// The built-in demo's run (`catdpo train --demo [--quick]`, the app's demo button): demo data
// and demo model, long enough for lambda_k to move, short enough for a coffee. quick: the small
// demo model and data set (about a minute).
TrainConfig demoTrainConfig(bool quick = false);

}  // namespace catdpo
