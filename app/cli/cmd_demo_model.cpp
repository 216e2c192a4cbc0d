// SPDX-License-Identifier: MIT
// `catdpo demo-model --data FILE --out DIR`: a small base model for any preference data set,
// built as the built-in demo model is (tokenizer trained on the data, SFT on its helpful
// answers and a per-category share of its unsafe ones), written as a Hugging Face folder that
// `catdpo train --model DIR` loads. Nothing to download.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/cli_output.h"
#include "cli/command_registry.h"
#include "cli/run_args.h"
#include "common/error.h"
#include "data/category_taxonomy.h"
#include "experiment/base_model.h"
#include "experiment/base_model_shares.h"

namespace catdpo::cli {
namespace {
namespace fs = std::filesystem;

struct ModelArgs {
  DataModelRequest request;
  std::string out;
  std::vector<std::string> categoryShares;  // NAME=X
  std::string sharesFile;
  bool json = false;
};

const bool kRegistered = registerCommand(Command{
    "demo-model",
    "Build a small base model for a preference data set (no download), as the demo model is",
    /*order=*/22, /*needsEngine=*/true, [](CLI::App& sub, const GlobalOptions& global) {
      auto args = std::make_shared<ModelArgs>();
      ModelArgs& a = *args;
      sub.add_option("--data", a.request.dataPath, "Preference data file (JSONL, JSON, .gz)")
          ->required();
      sub.add_option("--out", a.out,
                     "Folder to write the model to (new or empty, or a model folder this "
                     "command built before, which is replaced)")
          ->required();
      sub.add_option("--format", a.request.dataFormat,
                     "Data format: auto, pku-saferlhf, pku-30k, dpo, hh-rlhf")
          ->default_val("auto");
      sub.add_flag("--skip-invalid", a.request.skipInvalid, "Skip invalid rows instead of failing");
      sub.add_option("--eval-fraction", a.request.evalFraction,
                     "Share of prompts kept out of SFT, split as `catdpo train` splits the file "
                     "(so its evaluation prompts stay unseen); 0: train on everything")
          ->default_val(0.1);
      sub.add_option("--unsafe-share", a.request.unsafeShare,
                     "Share of a category's harmful pairs trained on the unsafe answer")
          ->default_val(0.5);
      sub.add_option("--category-share", a.categoryShares,
                     "NAME=X: the share for one category (repeatable; names as in the data)");
      sub.add_option("--shares-from", a.sharesFile,
                     "JSON with the share per category: {\"NAME\": X, ...}, or the "
                     "demo_settings.json `catdpo demo-data` wrote (its base unsafety)");
      sub.add_flag("--quick", a.request.quick, "The small quick model (as `--demo --quick`)");
      sub.add_option("--seed", a.request.seed, "Seed of the tokenizer, weights and SFT order")
          ->default_val(1);
      sub.add_flag("--json", a.json, "Print JSON");
      return std::function<int()>([args, &global] {
        ModelArgs& a = *args;
        if (!a.sharesFile.empty()) {
          for (auto& share : readCategoryShares(a.sharesFile))
            a.request.categoryShares.push_back(std::move(share));
        }
        for (const std::string& item : a.categoryShares)
          a.request.categoryShares.push_back(parseCategoryShare(item));
        checkModelOutputFolder(a.out);
        const auto t0 = std::chrono::steady_clock::now();
        std::string lastStage;
        const DataModelReport report =
            buildBaseModelForData(a.request, a.out, [&](const BuildProgress& p) {
              if (global.quiet || a.json) return;
              if (p.stage != lastStage || p.stage == "sft") {
                std::cerr << "\r" << p.stage << ": " << p.message << "\033[K";
                if (p.fraction >= 1 || p.stage != "sft") std::cerr << "\n";
              }
              lastStage = p.stage;
            });
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (a.json) {
          nlohmann::json shares = nlohmann::json::object();
          for (std::size_t k = 0; k < report.categories.size(); ++k)
            shares[report.categories[k]] = report.unsafeShare[k];
          printJson(std::cout, {{"model", fs::absolute(a.out).string()},
                                {"dataset_fingerprint", report.dataFingerprint},
                                {"pairs", report.pairs},
                                {"train_pairs", report.trainPairs},
                                {"held_out_pairs", report.heldOutPairs},
                                {"sft_examples", report.result.mix.examples},
                                {"sft_unsafe_examples", report.result.mix.unsafeExamples},
                                {"sft_steps", report.result.steps},
                                {"sft_loss", report.result.loss},
                                {"unsafe_share", shares},
                                {"warnings", report.warnings},
                                {"seconds", seconds}});
          return 0;
        }
        for (const std::string& w : report.warnings) std::cerr << "warning: " << w << "\n";
        if (!global.quiet)
          std::cout << "Base model written to " << a.out << " (" << report.trainPairs << " of "
                    << report.pairs << " pairs, " << report.result.mix.examples
                    << " SFT answers of which " << report.result.mix.unsafeExamples << " unsafe, "
                    << report.result.steps << " steps, loss " << formatFixed(report.result.loss, 3)
                    << ", " << formatFixed(seconds, 1) << " s)\n"
                    << "Train on it: catdpo train --data " << a.request.dataPath << " --model "
                    << a.out
                    << (report.categories == CategoryTaxonomy::pku19().names()
                            ? " --set eval.judge=demo\n  (the demo judge matches PKU's categories "
                              "by word lists only: see "
                              "docs/DEMO_BENCHMARK.md for how much it misses)\n"
                            : "   (with a judge: --set eval.judge=cost:DIR or llm:URL#MODEL)\n");
        return 0;
      });
    }});

}  // namespace
}  // namespace catdpo::cli
