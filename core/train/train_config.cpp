// SPDX-License-Identifier: MIT
// JSON mapping of TrainConfig. Each option is declared once in a field table (key, getter and
// setter), so writing, reading, unknown-key detection and error messages cannot drift apart.
#include "train/train_config.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "common/json_input.h"
#include "train/config_keys.h"

namespace catdpo {
using nlohmann::json;

namespace {

template <typename E>
struct EnumName {
  E value;
  const char* name;
};
constexpr EnumName<PairOrder> kOrders[] = {
    {PairOrder::Helpful, "helpful"}, {PairOrder::Safe, "safe"}, {PairOrder::Safer, "safer"}};
constexpr EnumName<LambdaAggregation> kAggregations[] = {{LambdaAggregation::Sum, "sum"},
                                                         {LambdaAggregation::Mean, "mean"},
                                                         {LambdaAggregation::Max, "max"},
                                                         {LambdaAggregation::Binding, "binding"}};
constexpr EnumName<DualStep> kDualSteps[] = {{DualStep::PerPair, "per_pair"},
                                             {DualStep::BatchMean, "batch_mean"}};
constexpr EnumName<ConstraintSignal> kSignals[] = {{ConstraintSignal::Implicit, "implicit"},
                                                   {ConstraintSignal::Judged, "judged"}};
constexpr EnumName<LrSchedule> kSchedules[] = {{LrSchedule::Cosine, "cosine"},
                                               {LrSchedule::Linear, "linear"},
                                               {LrSchedule::Constant, "constant"}};

template <typename E, size_t N>
const char* enumName(const EnumName<E> (&table)[N], E value) {
  for (const auto& e : table)
    if (e.value == value) return e.name;
  return "?";
}

template <typename E, size_t N>
E enumFrom(const EnumName<E> (&table)[N], const std::string& text, const std::string& field,
           const std::string& source) {
  std::string allowed;
  for (const auto& e : table) {
    if (text == e.name) return e.value;
    allowed += (allowed.empty() ? "" : ", ") + std::string(e.name);
  }
  throw Error("unknown value '" + text + "' (expected one of: " + allowed + ")",
              {source, 0, field});
}

// One row per option: the key (dotted for nested objects) and how to write/read it.
struct Field {
  std::string key;
  std::function<json(const TrainConfig&)> get;
  std::function<void(TrainConfig&, const json&, const std::string& source)> set;
};

template <typename T>
T typed(const json& v, const std::string& key, const std::string& source) {
  try {
    if constexpr (std::is_same_v<T, bool>) {
      if (!v.is_boolean()) throw Error("expected true or false", {source, 0, key});
    } else if constexpr (std::is_integral_v<T>) {
      // Never through a double: 1e10 or 2^64-1 must not be cast into an int.
      if (!v.is_number_integer())
        throw Error(v.is_number() ? "expected a whole number (no fraction or exponent)"
                                  : "expected a number",
                    {source, 0, key});
      if constexpr (std::is_unsigned_v<T>) {
        if (!v.is_number_unsigned() || v.get<std::uint64_t>() > std::numeric_limits<T>::max())
          throw Error(
              "expected a whole number in 0.." + std::to_string(std::numeric_limits<T>::max()),
              {source, 0, key});
        return static_cast<T>(v.get<std::uint64_t>());
      } else {
        return static_cast<T>(jsonInteger(v, std::numeric_limits<T>::min(),
                                          std::numeric_limits<T>::max(), {source, 0, key}));
      }
    } else if constexpr (std::is_arithmetic_v<T>) {
      if (!v.is_number()) throw Error("expected a number", {source, 0, key});
      if (!std::isfinite(v.get<double>()))
        throw Error("expected a finite number", {source, 0, key});
    } else if constexpr (std::is_same_v<T, std::string>) {
      if (!v.is_string()) throw Error("expected a string", {source, 0, key});
    }
    return v.get<T>();
  } catch (const json::exception& e) {
    throw Error(std::string("bad value: ") + e.what(), {source, 0, key});
  }
}

#define CATDPO_FIELD(KEY, MEMBER)                                        \
  Field {                                                                \
    KEY, [](const TrainConfig& c) { return json(c.MEMBER); },            \
        [](TrainConfig& c, const json& v, const std::string& s) {        \
          c.MEMBER = typed<std::decay_t<decltype(c.MEMBER)>>(v, KEY, s); \
        }                                                                \
  }

// A demo knob: null (the preset's value), one number or one per category.
#define CATDPO_DEMO_KNOB(KEY, MEMBER)                                   \
  Field {                                                               \
    KEY, [](const TrainConfig& c) { return demoKnobToJson(c.MEMBER); }, \
        [](TrainConfig& c, const json& v, const std::string& s) {       \
          c.MEMBER = demoKnobFromJson(v, KEY, s);                       \
        }                                                               \
  }

#define CATDPO_DEMO_OPTIONAL(KEY, MEMBER)                                                 \
  Field {                                                                                 \
    KEY, [](const TrainConfig& c) { return c.MEMBER ? json(*c.MEMBER) : json(nullptr); }, \
        [](TrainConfig& c, const json& v, const std::string& s) {                         \
          if (v.is_null())                                                                \
            c.MEMBER.reset();                                                             \
          else                                                                            \
            c.MEMBER = typed<double>(v, KEY, s);                                          \
        }                                                                                 \
  }

#define CATDPO_ENUM_FIELD(KEY, MEMBER, TABLE)                                  \
  Field {                                                                      \
    KEY, [](const TrainConfig& c) { return json(enumName(TABLE, c.MEMBER)); }, \
        [](TrainConfig& c, const json& v, const std::string& s) {              \
          c.MEMBER = enumFrom(TABLE, typed<std::string>(v, KEY, s), KEY, s);   \
        }                                                                      \
  }

const std::vector<Field>& fields() {
  static const std::vector<Field> kFields = {
      Field{"method", [](const TrainConfig& c) { return json(toString(c.method)); },
            [](TrainConfig& c, const json& v, const std::string& s) {
              try {
                c.method = methodFromString(typed<std::string>(v, "method", s));
              } catch (const Error& e) {
                throw Error(e.reason(), {s, 0, "method"});
              }
            }},
      CATDPO_FIELD("name", name),
      CATDPO_FIELD("data", dataPath),
      CATDPO_FIELD("demo.preset", demo.preset),
      CATDPO_DEMO_KNOB("demo.label_noise", demo.labelNoise),
      CATDPO_DEMO_KNOB("demo.flagged_help", demo.flaggedHelp),
      CATDPO_DEMO_KNOB("demo.harmful_preference", demo.harmfulPreference),
      CATDPO_DEMO_KNOB("demo.base_unsafety", demo.baseUnsafety),
      CATDPO_DEMO_KNOB("demo.frequency_weights", demo.frequencyWeights),
      CATDPO_DEMO_OPTIONAL("demo.frequency_exponent", demo.frequencyExponent),
      CATDPO_DEMO_OPTIONAL("demo.help_noise", demo.helpNoise),
      CATDPO_FIELD("demo.heldout_per_category", demo.heldOutPerCategory),
      CATDPO_FIELD("demo.heldout_borderline_per_category", demo.heldOutBorderlinePerCategory),
      CATDPO_FIELD("demo.heldout_benign", demo.heldOutBenign),
      CATDPO_FIELD("data_format", dataFormat),
      CATDPO_FIELD("skip_invalid", skipInvalid),
      CATDPO_FIELD("model", modelPath),
      CATDPO_FIELD("chat_template", chatTemplate),
      CATDPO_FIELD("chat_system", chatSystem),
      CATDPO_FIELD("chat_custom.prompt", chatCustom.prompt),
      CATDPO_FIELD("chat_custom.response_prefix", chatCustom.responsePrefix),
      CATDPO_FIELD("chat_custom.response_suffix", chatCustom.responseSuffix),
      CATDPO_FIELD("chat_custom.stop", chatCustom.stop),
      CATDPO_FIELD("device", device),
      CATDPO_FIELD("precision", precision),
      CATDPO_FIELD("gradient_checkpointing", gradientCheckpointing),
      CATDPO_FIELD("eval_fraction", evalFraction),
      CATDPO_FIELD("both_unsafe", bothUnsafe),
      CATDPO_FIELD("beta", beta),
      CATDPO_FIELD("label_smoothing", labelSmoothing),
      CATDPO_FIELD("reference_free", referenceFree),
      CATDPO_FIELD("length_normalized", lengthNormalized),
      CATDPO_FIELD("safedpo_delta", safedpoDelta),
      CATDPO_FIELD("ipo_tau", ipoTau),
      CATDPO_FIELD("drdpo_beta_prime", drdpoBetaPrime),
      CATDPO_FIELD("group_eta", groupEta),
      CATDPO_FIELD("group_overlap", groupOverlap),
      CATDPO_FIELD("group_uncategorised", groupUncategorised),
      CATDPO_FIELD("sacpo_stage1_fraction", sacpoStage1Fraction),
      CATDPO_FIELD("sacpo_stage2_beta", sacpoStage2Beta),
      CATDPO_FIELD("sacpo_stage2_restart", sacpoStage2Restart),
      CATDPO_FIELD("catdpo.eta", catdpo.eta),
      CATDPO_FIELD("catdpo.epsilon", catdpo.epsilon),
      CATDPO_FIELD("catdpo.lambda_init", catdpo.lambdaInit),
      Field{"catdpo.lambda_max",
            [](const TrainConfig& c) {
              return c.catdpo.capped() ? json(c.catdpo.lambdaMax) : json(nullptr);
            },
            [](TrainConfig& c, const json& v, const std::string& s) {
              // No cap is null in JSON; on the command line also "none" or "inf".
              if (v.is_null() || (v.is_string() && (v == "none" || v == "inf" || v == "infinity")))
                c.catdpo.lambdaMax = std::numeric_limits<double>::infinity();
              else if (v.is_string())
                throw Error("expected a number, or null (none) for no cap",
                            {s, 0, "catdpo.lambda_max"});
              else
                c.catdpo.lambdaMax = typed<double>(v, "catdpo.lambda_max", s);
            }},
      CATDPO_ENUM_FIELD("catdpo.dual_step", catdpo.dualStep, kDualSteps),
      CATDPO_ENUM_FIELD("catdpo.aggregation", catdpo.aggregation, kAggregations),
      CATDPO_FIELD("catdpo.g_ema", catdpo.gEma),
      CATDPO_FIELD("catdpo.uncategorised", catdpo.uncategorised),
      CATDPO_ENUM_FIELD("catdpo.constraint_signal", catdpo.signal, kSignals),
      CATDPO_FIELD("lora.enabled", lora.enabled),
      CATDPO_FIELD("lora.rank", lora.rank),
      CATDPO_FIELD("lora.alpha", lora.alpha),
      CATDPO_FIELD("lora.dropout", lora.dropout),
      CATDPO_FIELD("lora.targets", lora.targets),
      CATDPO_FIELD("steps", steps),
      CATDPO_FIELD("batch_size", batchSize),
      CATDPO_FIELD("grad_accumulation", gradAccumulation),
      CATDPO_FIELD("max_length", maxLength),
      CATDPO_FIELD("learning_rate", learningRate),
      CATDPO_FIELD("weight_decay", weightDecay),
      CATDPO_FIELD("adam_beta1", adamBeta1),
      CATDPO_FIELD("adam_beta2", adamBeta2),
      CATDPO_FIELD("adam_eps", adamEps),
      CATDPO_FIELD("max_grad_norm", maxGradNorm),
      CATDPO_FIELD("warmup_steps", warmupSteps),
      CATDPO_ENUM_FIELD("lr_schedule", schedule, kSchedules),
      CATDPO_FIELD("min_lr_ratio", minLrRatio),
      CATDPO_FIELD("seed", seed),
      CATDPO_FIELD("threads", threads),
      CATDPO_FIELD("checkpoint_every", checkpointEvery),
      CATDPO_FIELD("log_every", logEvery),
      CATDPO_FIELD("eval.every", eval.every),
      CATDPO_FIELD("eval.max_pairs", eval.maxPairs),
      CATDPO_FIELD("eval.prompts_per_category", eval.promptsPerCategory),
      CATDPO_FIELD("eval.benign_prompts", eval.benignPrompts),
      CATDPO_FIELD("eval.borderline_prompts", eval.borderlinePrompts),
      CATDPO_FIELD("eval.degenerate", eval.degenerate),
      CATDPO_FIELD("eval.data", eval.data),
      CATDPO_FIELD("eval.max_new_tokens", eval.maxNewTokens),
      CATDPO_FIELD("eval.temperature", eval.temperature),
      CATDPO_FIELD("eval.top_p", eval.topP),
      CATDPO_FIELD("eval.top_k", eval.topK),
      CATDPO_FIELD("eval.judge", eval.judge),
  };
  return kFields;
}

#undef CATDPO_FIELD
#undef CATDPO_DEMO_KNOB
#undef CATDPO_DEMO_OPTIONAL
#undef CATDPO_ENUM_FIELD

// "catdpo.eta" -> json pointer "/catdpo/eta"
json::json_pointer pointerFor(const std::string& key) { return configPointer(key); }

void check(bool ok, const std::string& field, const std::string& message) {
  if (!ok) throw Error(message, {"", 0, field});
}

}  // namespace

const char* toString(PairOrder order) { return enumName(kOrders, order); }

PairOrder TrainConfig::orderFor(int stage) const {
  switch (method) {
    case Method::Dpo:
      return PairOrder::Helpful;
    case Method::DpoSafer:
      return PairOrder::Safer;
    case Method::Sacpo:
      return stage <= 1 ? PairOrder::Helpful : PairOrder::Safer;
    default:
      return PairOrder::Safe;
  }
}

std::int64_t TrainConfig::stage1Steps() const {
  if (method != Method::Sacpo) return steps;
  return std::max<std::int64_t>(
      1, static_cast<std::int64_t>(std::llround(steps * sacpoStage1Fraction)));
}

json toJson(const TrainConfig& config) {
  json out = json::object();
  for (const Field& f : fields()) out[pointerFor(f.key)] = f.get(config);
  return out;
}

TrainConfig trainConfigFromJson(const json& j, const std::string& source) {
  if (!j.is_object()) throw Error("a training config must be a JSON object", {source, 0, ""});
  // Options nest two levels ("eval.judge"); anything deeper is no option of ours.
  for (const std::string& key : configKeys(j)) {
    bool known = false;
    for (const Field& f : fields()) known = known || f.key == key;
    if (!known) throw Error("unknown option", {source, 0, key});
  }
  TrainConfig config;
  for (const Field& f : fields()) {
    const auto ptr = pointerFor(f.key);
    if (j.contains(ptr)) f.set(config, j.at(ptr), source);
  }
  try {
    validate(config);
  } catch (const Error& e) {
    throw Error(e.reason(), {source, 0, e.where().field});
  }
  return config;
}

void applyStoredConfigDefaults(json& j) {
  if (!j.is_object()) return;
  // Written before catdpo.dual_step existed: those versions took one step per batch on the
  // mean signal (and wrote lambda_max, which they always capped, as a number).
  const auto dualStep = json::json_pointer("/catdpo/dual_step");
  if (j.contains(json::json_pointer("/catdpo/lambda_max")) && !j.contains(dualStep))
    j[dualStep] = "batch_mean";
  // Written before the demo benchmark had presets: its one benchmark is today's "noisy".
  if (!j.contains("demo")) j["demo"]["preset"] = "noisy";
}

TrainConfig storedTrainConfig(const json& j, const std::string& source) {
  json copy = j;
  applyStoredConfigDefaults(copy);
  return trainConfigFromJson(copy, source);
}

TrainConfig loadTrainConfig(const std::string& path) {
  return trainConfigFromJson(readJsonFile(path), path);
}

TrainConfig trainConfigFromText(const std::string& text, const std::string& source) {
  const json j = parseJson(text, JsonSource{source, 1});
  return withJsonErrors(ErrorLocation{source, 0, ""}, [&] { return storedTrainConfig(j, source); });
}

void validate(const TrainConfig& c) {
  check(c.beta > 0 && std::isfinite(c.beta), "beta", "must be a positive number");
  check(c.labelSmoothing >= 0 && c.labelSmoothing < 0.5, "label_smoothing", "must be in [0, 0.5)");
  check(c.safedpoDelta >= 0, "safedpo_delta", "must be >= 0");
  check(c.ipoTau >= 0, "ipo_tau", "must be >= 0");
  check(c.drdpoBetaPrime > 0, "drdpo_beta_prime", "must be > 0");
  check(c.groupEta >= 0, "group_eta", "must be >= 0");
  check(c.groupOverlap == "all" || c.groupOverlap == "first", "group_overlap",
        "must be 'all' or 'first'");
  check(c.groupUncategorised == "own" || c.groupUncategorised == "drop", "group_uncategorised",
        "must be 'own' or 'drop'");
  check(c.sacpoStage2Beta >= 0 && std::isfinite(c.sacpoStage2Beta), "sacpo_stage2_beta",
        "must be >= 0 (0: the same beta)");
  check(c.catdpo.uncategorised == "zero" || c.catdpo.uncategorised == "max", "catdpo.uncategorised",
        "must be 'zero' or 'max'");
  check(c.sacpoStage1Fraction > 0 && c.sacpoStage1Fraction < 1, "sacpo_stage1_fraction",
        "must be in (0, 1)");
  check(c.catdpo.eta >= 0, "catdpo.eta", "must be >= 0");
  check(c.catdpo.epsilon >= 0 && c.catdpo.epsilon < 1, "catdpo.epsilon", "must be in [0, 1)");
  check(c.catdpo.lambdaMax >= 0, "catdpo.lambda_max", "must be >= 0 (null: no cap)");
  check(std::isfinite(c.catdpo.lambdaInit) && c.catdpo.lambdaInit >= 0 &&
            c.catdpo.lambdaInit <= c.catdpo.lambdaMax,
        "catdpo.lambda_init", "must be in [0, lambda_max]");
  check(c.catdpo.gEma >= 0 && c.catdpo.gEma <= 1, "catdpo.g_ema", "must be in [0, 1]");
  check(c.lora.rank >= 1 && c.lora.rank <= 1024, "lora.rank", "must be in [1, 1024]");
  check(c.lora.alpha > 0, "lora.alpha", "must be > 0");
  check(c.lora.dropout >= 0 && c.lora.dropout < 1, "lora.dropout", "must be in [0, 1)");
  check(c.steps >= 1, "steps", "must be >= 1");
  check(c.batchSize >= 1, "batch_size", "must be >= 1");
  check(c.gradAccumulation >= 1 && c.gradAccumulation <= c.batchSize, "grad_accumulation",
        "must be in [1, batch_size]");
  check(c.maxLength >= 8, "max_length", "must be >= 8");
  check(c.learningRate > 0 && c.learningRate < 1, "learning_rate", "must be in (0, 1)");
  check(c.weightDecay >= 0, "weight_decay", "must be >= 0");
  check(c.adamBeta1 >= 0 && c.adamBeta1 < 1, "adam_beta1", "must be in [0, 1)");
  check(c.adamBeta2 >= 0 && c.adamBeta2 < 1, "adam_beta2", "must be in [0, 1)");
  check(c.adamEps > 0, "adam_eps", "must be > 0");
  check(c.maxGradNorm > 0, "max_grad_norm", "must be > 0");
  check(c.warmupSteps >= 0, "warmup_steps", "must be >= 0");
  check(c.minLrRatio >= 0 && c.minLrRatio <= 1, "min_lr_ratio", "must be in [0, 1]");
  check(c.threads >= 0, "threads", "must be >= 0");
  check(c.checkpointEvery >= 0, "checkpoint_every", "must be >= 0");
  check(c.logEvery >= 1, "log_every", "must be >= 1");
  check(c.evalFraction >= 0 && c.evalFraction < 1, "eval_fraction", "must be in [0, 1)");
  check(c.bothUnsafe == "drop" || c.bothUnsafe == "keep_safer", "both_unsafe",
        "must be 'drop' or 'keep_safer'");
  {
    const std::vector<std::string> formats{"pku",   "chatml", "llama3", "llama2", "mistral",
                                           "gemma", "phi3",   "alpaca", "custom", "auto"};
    std::string list;
    for (const std::string& f : formats) list += (list.empty() ? "" : ", ") + f;
    check(std::find(formats.begin(), formats.end(), c.chatTemplate) != formats.end(),
          "chat_template", "must be one of " + list);
    if (c.chatTemplate == "custom") {
      const auto at = c.chatCustom.prompt.find("{prompt}");
      check(at != std::string::npos &&
                c.chatCustom.prompt.find("{prompt}", at + 1) == std::string::npos,
            "chat_custom.prompt", "must contain {prompt} exactly once (chat_template is custom)");
    }
    check(c.chatSystem.empty() || c.chatTemplate == "chatml" || c.chatTemplate == "llama3" ||
              c.chatTemplate == "auto",
          "chat_system", "a system message needs chat_template chatml, llama3 or auto");
  }
  check(!c.dataPath.empty(), "data", "no data set given (a file, or \"demo\")");
  validateDemoSettings(c.demo);
  check(!c.modelPath.empty(), "model", "no model given (a checkpoint folder, or \"demo\")");
  check(c.eval.every >= 0, "eval.every", "must be >= 0");
  check(c.eval.maxPairs >= 0, "eval.max_pairs", "must be >= 0");
  check(c.eval.promptsPerCategory >= 0, "eval.prompts_per_category", "must be >= 0");
  check(c.eval.benignPrompts >= 0, "eval.benign_prompts", "must be >= 0");
  check(c.eval.borderlinePrompts >= 0, "eval.borderline_prompts", "must be >= 0");
  check(
      c.eval.degenerate == "fail" || c.eval.degenerate == "judge" || c.eval.degenerate == "exclude",
      "eval.degenerate", "must be 'fail', 'judge' or 'exclude'");
  check(c.eval.maxNewTokens >= 1, "eval.max_new_tokens", "must be >= 1");
  check(c.eval.temperature >= 0, "eval.temperature", "must be >= 0");
  check(c.eval.topP > 0 && c.eval.topP <= 1, "eval.top_p", "must be in (0, 1]");
  check(c.eval.topK >= 0, "eval.top_k", "must be >= 0");
  check(c.device == "auto" || c.device == "cpu" || c.device.rfind("cuda", 0) == 0, "device",
        "must be auto, cpu or cuda[:N]");
  check(c.precision == "auto" || c.precision == "fp32" || c.precision == "bf16-mixed" ||
            c.precision == "bf16",
        "precision", "must be auto, fp32, bf16-mixed or bf16");
}

void setConfigValue(nlohmann::json& config, const std::string& key, const std::string& text) {
  if (key.empty() || key.front() == '.' || key.back() == '.')
    throw Error("an option name is missing in '" + key + "=" + text + "'");
  nlohmann::json value;
  std::string notJson;
  if (!tryParseJson(text, JsonSource{key, 1}, value, notJson)) value = text;
  std::string pointer = "/" + key;
  for (char& c : pointer)
    if (c == '.') c = '/';
  config[nlohmann::json::json_pointer(pointer)] = value;
}

TrainConfig demoTrainConfig(bool quick) {
  TrainConfig config;
  config.dataPath = quick ? "demo:1500" : "demo";
  config.modelPath = quick ? "demo:quick" : "demo";
  config.steps = quick ? 40 : 150;
  config.learningRate = 2e-4;
  config.eval.every = quick ? 20 : 50;
  // 32 harmful prompts per category put a 10-point Worst-3 difference outside the 95 %
  // interval with 2-3 seeds (docs/METHODS.md section 4); the quick demo stays quick.
  config.eval.promptsPerCategory = quick ? 8 : 32;
  config.checkpointEvery = 50;
  return config;
}

}  // namespace catdpo
