// SPDX-License-Identifier: MIT
// `catdpo demo-data --out DIR`: writes the built-in demo data set (train.jsonl with noisy
// labels, eval.jsonl with clean ones, heldout_prompts.jsonl for generation-based evaluation),
// so the demo can be inspected, edited or trained on like any other PKU-SafeRLHF file.
#include <filesystem>
#include <iostream>

#include "cli/cli_output.h"
#include "cli/command_registry.h"
#include "data/demo_generator.h"

namespace catdpo::cli {
namespace {

struct DemoArgs {
  std::string out;
  DemoOptions options;
  bool json = false;
};

const bool kRegistered = registerCommand(Command{
    "demo-data", "Write the built-in demo data set (PKU-SafeRLHF format) to a folder",
    /*order=*/21, /*needsEngine=*/false, [](CLI::App& sub, const GlobalOptions& global) {
      auto args = std::make_shared<DemoArgs>();
      sub.add_option("--out", args->out,
                     "Folder to write train.jsonl, eval.jsonl and heldout_prompts.jsonl")
          ->required();
      sub.add_option("--seed", args->options.seed, "Generator seed")->default_val(1);
      sub.add_option("--pairs", args->options.pairs, "Train + eval pairs")->default_val(6000);
      sub.add_option("--eval-fraction", args->options.evalFraction,
                     "Share of prompts held back as clean eval pairs")
          ->default_val(0.1);
      sub.add_option("--noise-scale", args->options.noiseScale,
                     "Multiplies the per-category training-label noise (0: clean labels)")
          ->default_val(1.0);
      sub.add_flag("--json", args->json, "Print JSON");
      return std::function<int()>([args, &global] {
        const DemoData data = generateDemoData(args->options);
        writeDemoData(data, args->out);
        const std::filesystem::path dir(args->out);
        const std::string train = (dir / "train.jsonl").string();
        const std::string eval = (dir / "eval.jsonl").string();
        const std::string prompts = (dir / "heldout_prompts.jsonl").string();
        std::size_t noisy = 0;
        for (auto n : data.trainNoise) noisy += n != DemoNoise::None;
        if (args->json) {
          printJson(std::cout, {{"train", train},
                                {"eval", eval},
                                {"heldout_prompts", prompts},
                                {"seed", args->options.seed},
                                {"train_pairs", data.train.pairs.size()},
                                {"eval_pairs", data.eval.pairs.size()},
                                {"heldout_prompt_count", data.heldOut.size()},
                                {"train_noisy_pairs", noisy},
                                {"train_fingerprint", data.train.fingerprint},
                                {"eval_fingerprint", data.eval.fingerprint}});
          return 0;
        }
        if (!global.quiet) {
          std::cout << "Demo data set (seed " << args->options.seed << ")\n"
                    << "  " << train << ": " << data.train.pairs.size() << " pairs, " << noisy
                    << " with noisy safety labels, fingerprint "
                    << data.train.fingerprint.substr(0, 16) << "\n"
                    << "  " << eval << ": " << data.eval.pairs.size()
                    << " pairs (clean labels), fingerprint " << data.eval.fingerprint.substr(0, 16)
                    << "\n"
                    << "  " << prompts << ": " << data.heldOut.size()
                    << " held-out prompts (harmful per category, borderline, benign)\n"
                    << "Inspect with: catdpo inspect-data " << train << "\n";
        }
        return 0;
      });
    }});

}  // namespace
}  // namespace catdpo::cli
