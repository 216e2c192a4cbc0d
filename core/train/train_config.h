// SPDX-License-Identifier: MIT
// Everything a run needs to be reproduced from its record alone: method, hyper-parameters,
// data, model, schedule, evaluation. Serialised to JSON with every default written out;
// validation rejects unknown methods and out-of-range values before any work, naming the field.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "data/demo_settings.h"

namespace catdpo {

// The eight methods of DESIGN.md section 1.
enum class Method { Dpo, DpoSafer, Ipo, SafeDpo, CatDpo, DrDpo, GroupRobust, Sacpo };
const char* toString(Method method);
Method methodFromString(const std::string& name);  // throws Error naming field "method"
const std::vector<std::string>& methodNames();
std::string methodDescription(Method method);

// Which preference order a loss is computed on.
enum class PairOrder { Helpful, Safe, Safer };
const char* toString(PairOrder order);

enum class LambdaAggregation { Sum, Mean, Max };
enum class ConstraintSignal { Implicit, Judged };
enum class LrSchedule { Cosine, Linear, Constant };

struct CatDpoOptions {
  double eta = 0.5;       // dual step size
  double epsilon = 0.02;  // tolerated implicit unsafe-preference probability
  double lambdaInit = 0.0;
  double lambdaMax = 50.0;
  LambdaAggregation aggregation = LambdaAggregation::Sum;
  double gEma = 0.0;  // 0: no EMA; else weight of the newest g_k (0 < gEma <= 1)
  ConstraintSignal signal = ConstraintSignal::Implicit;
};

struct LoraOptions {
  bool enabled = false;
  int rank = 8;
  double alpha = 16.0;
  double dropout = 0.0;
  std::vector<std::string> targets{"q_proj", "v_proj", "c_attn"};
};

struct EvalOptions {
  int every = 0;               // evaluate every N optimizer steps (0: only at the end)
  int maxPairs = 512;          // held-out pairs for implicit accuracy
  int promptsPerCategory = 8;  // generated responses per category (0: no generation)
  int benignPrompts = 32;      // over-refusal prompts
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
  std::string chatTemplate = "pku";
  std::string device = "auto";
  double evalFraction = 0.1;        // held-out share of prompts
  std::string bothUnsafe = "drop";  // drop | keep_safer
  // loss
  double beta = 0.1;
  double labelSmoothing = 0.0;
  bool referenceFree = false;
  bool lengthNormalized = false;
  double safedpoDelta = 10.0;
  double ipoTau = 0.0;  // 0: use 1/(2 beta) as the IPO target; else this target
  double drdpoBetaPrime = 1.0;
  double groupEta = 0.05;  // group-robust exponentiated-gradient step
  double sacpoStage1Fraction = 0.5;
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
TrainConfig loadTrainConfig(const std::string& path);
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
