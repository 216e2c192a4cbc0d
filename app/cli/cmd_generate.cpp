// SPDX-License-Identifier: MIT
// `catdpo generate --model DIR --prompt STR`: continues prompts with a checkpoint folder's
// model and tokenizer (greedy by default; sampling with a temperature, top-k/top-p, seed).
#include <iostream>

#include "cli/cli_output.h"
#include "cli/command_registry.h"
#include "model/model_tools.h"

namespace catdpo::cli {
namespace {

struct GenerateArgs {
  std::string model;
  std::vector<std::string> prompts;
  std::string device = "auto";
  std::string dtype = "auto";
  std::string stop;
  GenerationOptions options;
  bool json = false;
};

const bool kRegistered = registerCommand(Command{
    "generate", "Continue a prompt with a checkpoint folder's model", /*order=*/61,
    /*needsEngine=*/true, [](CLI::App& sub, const GlobalOptions& global) {
      auto args = std::make_shared<GenerateArgs>();
      sub.add_option("--model", args->model, "Checkpoint folder (config.json, weights, tokenizer)")
          ->required();
      sub.add_option("--prompt", args->prompts, "Prompt text; repeat for a batch")->required();
      sub.add_option("--max-new-tokens", args->options.maxNewTokens, "Tokens to generate at most")
          ->default_val(64)
          ->check(CLI::Range(0, 1000000));
      sub.add_option("--temperature", args->options.temperature, "0 = greedy")
          ->default_val(0.0)
          ->check(CLI::Range(0.0, 100.0));
      sub.add_option("--top-p", args->options.topP, "Nucleus sampling threshold (1 = off)")
          ->default_val(1.0)
          ->check(CLI::Range(0.0, 1.0));
      sub.add_option("--top-k", args->options.topK, "Sample among the k most likely (0 = off)")
          ->default_val(0)
          ->check(CLI::NonNegativeNumber);
      sub.add_option("--seed", args->options.seed, "Sampling seed")->default_val(0);
      sub.add_option("--stop-ids", args->stop,
                     "Comma-separated stop token ids (default: the model's end-of-sequence ids)");
      sub.add_option("--device", args->device, "auto, cpu, cuda or cuda:N")->default_val("auto");
      sub.add_option("--dtype", args->dtype, "auto, float32, bfloat16, float16")
          ->default_val("auto");
      sub.add_flag("--json", args->json, "Print JSON");
      return std::function<int()>([args, &global] {
        if (!args->stop.empty()) args->options.stopTokenIds = parseIdList(args->stop, "stop-ids");
        const TextGenerator generator = TextGenerator::load(args->model, args->device, args->dtype);
        const auto results = generator.generate(args->prompts, args->options);
        if (args->json) {
          nlohmann::json out = nlohmann::json::array();
          for (const auto& r : results)
            out.push_back({{"prompt", r.prompt},
                           {"text", r.text},
                           {"tokens", r.tokens},
                           {"finish_reason", r.stopped ? "stop" : "length"}});
          printJson(std::cout, {{"model", args->model},
                                {"device", generator.deviceName()},
                                {"seed", args->options.seed},
                                {"results", out}});
          return 0;
        }
        for (std::size_t i = 0; i < results.size(); ++i) {
          if (results.size() > 1 || !global.quiet) std::cout << results[i].prompt;
          std::cout << results[i].text << "\n";
          if (results.size() > 1 && i + 1 < results.size()) std::cout << "---\n";
        }
        return 0;
      });
    }});

}  // namespace
}  // namespace catdpo::cli
