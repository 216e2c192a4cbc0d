// SPDX-License-Identifier: MIT
// `catdpo eval`: generation-based safety evaluation of a model, outside training. The model
// (a checkpoint folder, or a stored run's final model) answers the held-out harmful prompts of
// each category and benign prompts (or XSTest's safe prompts, for over-refusal); a judge
// (demo, cost model, LLM) labels the answers. Prints the per-category table with Macro,
// Worst-3, Gap and Variance, and stores the evaluation and its samples with the run.
#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "cli/cli_output.h"
#include "cli/command_registry.h"
#include "cli/eval_printer.h"
#include "cli/train_printer.h"
#include "common/error.h"
#include "common/json_input.h"
#include "common/paths.h"
#include "data/prompt_list.h"
#include "eval/degenerate.h"
#include "eval/judge_factory.h"
#include "eval/model_eval.h"
#include "eval/prompt_selection.h"
#include "experiment/data_source.h"
#include "store/run_json.h"
#include "store/run_location.h"
#include "store/run_store.h"
#include "store/workspace.h"

namespace catdpo::cli {
namespace {
namespace fs = std::filesystem;

struct EvalArgs {
  std::string run, model, data, db, xstest;
  std::string judge, chatTemplate;
  JudgeSettings judgeSettings;
  int maxPrompts = -1, benign = -1, borderline = -1, maxNewTokens = -1;
  std::string degenerate;
  std::string device = "auto";
  bool json = false, noStore = false;
};

// The run's aligned model: <run folder>/final, where `catdpo train` writes it.
fs::path finalModelOf(const RunRecord& run, const RunStore& store) {
  const fs::path dir = finalModelFolder(run, store);
  if (!fs::exists(dir / "config.json"))
    throw Error("run " + run.id + " has no final model at " + dir.string() +
                    " (still running, stopped, or trained with --out); pass --model DIR",
                {"", 0, "model"});
  return dir;
}

// Borderline refusal per XSTest prompt type (XSTest's safe prompts are the borderline prompts),
// from the samples.
nlohmann::json refusalByType(const EvalResult& result, const std::vector<PromptItem>& xstest) {
  std::map<std::string, std::string> typeOf;
  for (const auto& p : xstest)
    if (!p.unsafe) typeOf[p.prompt] = p.type;
  std::map<std::string, std::pair<int, int>> counts;  // type -> (refusals, prompts)
  for (const EvalSample& s : result.samples) {
    if (s.kind == "harmful" || s.category >= 0) continue;
    const auto it = typeOf.find(s.prompt);
    if (it == typeOf.end()) continue;
    auto& c = counts[it->second];
    c.first += s.refusal ? 1 : 0;
    ++c.second;
  }
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [type, c] : counts)
    out[type] = {{"borderline_refusal", static_cast<double>(c.first) / c.second},
                 {"borderline_refusal_interval", wilsonJson(c.first, c.second)},
                 {"borderline_refusals", c.first},
                 {"borderline_prompts", c.second}};
  return out;
}

int runEval(const EvalArgs& a, const GlobalOptions& global) {
  if (a.run.empty() && a.model.empty())
    throw Error("give --run ID (a stored run) or --model DIR", {"", 0, "model"});
  TrainConfig config;
  std::string runId;
  std::optional<RunRecord> stored;
  std::unique_ptr<RunStore> store;
  const std::string dbPath = !a.db.empty() ? a.db : global.db;
  if (!a.run.empty()) {
    store = std::make_unique<RunStore>(workspaceDatabasePath(dbPath));
    stored = store->resolveRun(a.run);
    runId = stored->id;
    config = trainConfigFromText(stored->configJson, "run " + runId);
    // An imported run's own judge was kept apart (it names whom to contact): say so first.
    if (a.judge.empty() && !stored->untrustedJson.empty()) {
      nlohmann::json untrusted;
      std::string ignored;
      if (tryParseJson(stored->untrustedJson, {"untrusted", 1}, untrusted, ignored) &&
          untrusted.is_object() && untrusted.contains("eval.judge"))
        throw Error("run " + runId + " came from an import; its judge " +
                        escapeForDisplay(untrusted["eval.judge"].dump(), 120) +
                        " is not trusted and not used: pass --judge to name one yourself",
                    {"", 0, "judge"});
    }
  }
  if (!a.data.empty())
    config.dataPath = a.data;
  else if (runId.empty())
    throw Error("--model needs --data FILE (or demo)", {"", 0, "data"});
  if (!a.chatTemplate.empty()) config.chatTemplate = a.chatTemplate;
  const fs::path modelDir = !a.model.empty() ? fs::path(a.model) : finalModelOf(*stored, *store);

  PreparedData data = prepareData(config);
  std::vector<PromptItem> prompts = std::move(data.prompts);
  std::vector<PromptItem> xstest;
  if (!a.xstest.empty()) {
    // XSTest's safe prompts (borderline: they only sound harmful) replace the data's borderline
    // ones; the data's harmful and benign prompts stay.
    xstest = loadXsTestPrompts(a.xstest);
    std::vector<PromptItem> kept;
    const int k = static_cast<int>(data.categories.size());
    for (auto& p : prompts)
      if (promptClass(p, k) != PromptClass::Borderline) kept.push_back(std::move(p));
    for (auto p : xstest) {
      if (p.unsafe) continue;
      p.kind = PromptKind::Borderline;
      p.category = -1;  // XSTest's types are not the data set's harm categories
      kept.push_back(std::move(p));
    }
    prompts = std::move(kept);
  }

  const std::string spec = !a.judge.empty() ? a.judge : config.eval.judge;
  if (resolveJudgeSpec(spec, data.demo, "judge") == "none")
    throw Error(spec == "auto" ? "no judge for this data set: pass --judge cost:DIR or --judge "
                                 "llm:URL#MODEL"
                               : "catdpo eval needs a judge (--judge)",
                {"", 0, "judge"});
  JudgeSettings settings = a.judgeSettings;
  settings.device = a.device;
  std::unique_ptr<Judge> judge = makeJudge(spec, data.demo, settings);

  ModelEvalOptions options;
  options.device = a.device;
  options.chatTemplate = config.chatTemplate;
  options.chatSystem = config.chatSystem;
  options.chatCustom = {config.chatCustom.prompt, config.chatCustom.responsePrefix,
                        config.chatCustom.responseSuffix, config.chatCustom.stop};
  options.promptsPerCategory = a.maxPrompts >= 0 ? a.maxPrompts : config.eval.promptsPerCategory;
  options.benignPrompts = a.benign >= 0 ? a.benign : config.eval.benignPrompts;
  options.borderlinePrompts = a.borderline >= 0 ? a.borderline
                              : !xstest.empty() ? static_cast<int>(xstest.size())
                                                : config.eval.borderlinePrompts;
  options.degenerate = !a.degenerate.empty() ? a.degenerate : config.eval.degenerate;
  degeneratePolicyFromString(options.degenerate);  // a bad value fails before generating
  options.maxNewTokens = a.maxNewTokens >= 0 ? a.maxNewTokens : config.eval.maxNewTokens;
  options.temperature = config.eval.temperature;
  options.topP = config.eval.topP;
  options.topK = config.eval.topK;
  options.seed = config.seed;

  if (!global.quiet && !a.json)
    std::cerr << "evaluating " << modelDir.string() << " with judge " << judge->name() << "\n";
  EvalResult result = evaluateModelFolder(modelDir, prompts, data.categories, *judge, options);
  if (store) {
    if (const auto last = store->latestStep(runId)) result.step = last->step;
  }

  int failures = 0, judged = 0;
  for (const EvalSample& s : result.samples) {
    if (s.judged)
      ++judged;
    else
      ++failures;
  }
  std::int64_t evaluationId = 0;
  if (store && !a.noStore) evaluationId = store->recordEvaluation(runId, result);

  if (a.json) {
    nlohmann::json out = evalResultToJson(result);
    out["model"] = modelDir.string();
    out["data"] = config.dataPath;
    out["eval_data"] =
        config.eval.data.empty() ? nlohmann::json() : nlohmann::json(config.eval.data);
    out["run_id"] = runId.empty() ? nlohmann::json() : nlohmann::json(runId);
    out["evaluation_id"] = evaluationId ? nlohmann::json(evaluationId) : nlohmann::json();
    out["sample_count"] = result.samples.size();
    out["judged"] = judged;
    out["judge_failures"] = failures;
    if (!xstest.empty()) out["borderline_refusal_by_type"] = refusalByType(result, xstest);
    printJson(std::cout, out);
    return 0;
  }
  printEvaluation(std::cout, result, nullptr);
  std::cout << "judge " << result.judge << ": " << judged << " verdicts";
  if (failures)
    std::cout << ", " << failures
              << " FAILED (errors, timeouts or malformed answers; not counted as safe)";
  std::cout << "\n";
  if (!xstest.empty()) {
    const nlohmann::json byType = refusalByType(result, xstest);
    TextTable t;
    t.header = {"XSTest type", "refusal", "prompts"};
    t.rightAlign = {false, true, true};
    for (const auto& [type, v] : byType.items())
      t.rows.push_back({type, formatFixed(100 * v["borderline_refusal"].get<double>(), 1) + "%",
                        std::to_string(v["borderline_prompts"].get<int>())});
    t.print(std::cout);
  }
  if (evaluationId) std::cout << "stored with run " << runId << "\n";
  return failures && judged == 0 ? 2 : 0;
}

const bool kRegistered = registerCommand(Command{
    "eval", "Evaluate a model's per-category safety with a judge (demo, cost model or LLM)",
    /*order=*/25, /*needsEngine=*/true, [](CLI::App& sub, const GlobalOptions& global) {
      auto a = std::make_shared<EvalArgs>();
      sub.add_option("--run", a->run,
                     "Stored run (id, id prefix or name): its final model, data and judge; the "
                     "evaluation is stored with it");
      sub.add_option(
          "--model", a->model,
          "Checkpoint folder to evaluate (with --run: instead of the run's final model)");
      sub.add_option("--data", a->data,
                     "Preference data file whose held-out prompts are used, or demo");
      sub.add_option("--judge", a->judge,
                     "demo, cost:DIR (cost model folder) or llm:URL[#MODEL] (OpenAI-compatible "
                     "chat endpoint); default: the run's eval.judge, demo on demo data");
      sub.add_option("--judge-model", a->judgeSettings.model, "Model name for an llm: judge");
      sub.add_option("--judge-key-env", a->judgeSettings.apiKeyEnv,
                     "Environment variable holding the llm: judge's API key")
          ->default_val("CATDPO_JUDGE_API_KEY");
      sub.add_option("--judge-prompt", a->judgeSettings.promptFile,
                     "Judging prompt template with {prompt} {response} {category} (default: the "
                     "built-in one, installed as share/catdpo-studio/judge_prompt.txt)");
      sub.add_option("--judge-timeout", a->judgeSettings.timeoutSeconds,
                     "Seconds per llm: judge request")
          ->default_val(60.0)
          ->check(CLI::PositiveNumber);
      sub.add_option("--judge-attempts", a->judgeSettings.maxAttempts,
                     "Attempts per llm: judge request (retries with backoff)")
          ->default_val(3)
          ->check(CLI::Range(1, 20));
      sub.add_option("--max-prompts", a->maxPrompts,
                     "Harmful prompts per category (default: the config's "
                     "eval.prompts_per_category)")
          ->check(CLI::NonNegativeNumber);
      sub.add_option("--benign", a->benign,
                     "Benign prompts for over-refusal (default: eval.benign_prompts)")
          ->check(CLI::NonNegativeNumber);
      sub.add_option("--borderline", a->borderline,
                     "Borderline (risky but answerable) prompts for over-refusal, spread evenly "
                     "over the categories (default: eval.borderline_prompts; with --xstest all)")
          ->check(CLI::NonNegativeNumber);
      sub.add_option("--degenerate", a->degenerate,
                     "How empty or looping answers count: fail (unsafe, or a refusal of a benign "
                     "prompt), judge, exclude (default: eval.degenerate)");
      sub.add_option("--xstest", a->xstest,
                     "XSTest prompts CSV: its safe prompts are the borderline prompts (refusal "
                     "per type)");
      sub.add_option("--max-new-tokens", a->maxNewTokens, "Tokens per answer")
          ->check(CLI::Range(1, 100000));
      sub.add_option(
          "--chat-template", a->chatTemplate,
          "pku, chatml, llama3, llama2, mistral, gemma, phi3, alpaca or auto (default: the run's)");
      sub.add_option("--device", a->device, "auto, cpu, cuda or cuda:N")->default_val("auto");
      sub.add_option("--db", a->db, "Run database (default: the global --db or the workspace's)");
      sub.add_flag("--no-store", a->noStore, "With --run: do not store the evaluation");
      sub.add_flag("--json", a->json, "Print JSON");
      return std::function<int()>([a, &global] { return runEval(*a, global); });
    }});

}  // namespace
}  // namespace catdpo::cli
