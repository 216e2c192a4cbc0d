// SPDX-License-Identifier: MIT
// `catdpo logits --model DIR|FILE --ids 1,2,3`: runs one forward pass and prints the logits,
// for checking a checkpoint against another implementation (e.g. transformers in Python).
#include <algorithm>
#include <cmath>
#include <iostream>
#include <numeric>

#include "cli/cli_output.h"
#include "cli/command_registry.h"
#include "model/model_tools.h"

namespace catdpo::cli {
namespace {

struct LogitsArgs {
  std::string model;
  std::string config;
  std::string ids;
  std::string device = "cpu";
  int top = 5;
  bool json = false;
};

const bool kRegistered = registerCommand(Command{
    "logits", "Run a checkpoint on token ids and print the logits", /*order=*/60,
    /*needsEngine=*/true, [](CLI::App& sub, const GlobalOptions& global) {
      auto args = std::make_shared<LogitsArgs>();
      sub.add_option("--model", args->model,
                     "Checkpoint folder, .safetensors file or model.safetensors.index.json")
          ->required();
      sub.add_option("--config", args->config, "config.json (default: the one beside the weights)");
      sub.add_option("--ids", args->ids, "Comma-separated token ids, e.g. 1,2,3")->required();
      sub.add_option("--device", args->device, "auto, cpu, cuda or cuda:N")->default_val("cpu");
      sub.add_option("--top", args->top, "Highest logits shown per position (text output)")
          ->default_val(5)
          ->check(CLI::Range(1, 1000));
      sub.add_flag("--json", args->json, "Print JSON with the full logits");
      return std::function<int()>([args, &global] {
        const LogitsReport r =
            computeLogits(args->model, args->config, parseIdList(args->ids), args->device);
        if (args->json) {
          printJson(std::cout, {{"model", args->model},
                                {"model_type", familyName(r.config.family)},
                                {"fingerprint", r.fingerprint},
                                {"ids", r.ids},
                                {"vocab_size", r.config.vocabSize},
                                {"logits", r.logits}});
          return 0;
        }
        if (!global.quiet) std::cout << r.config.summary() << "\n";
        TextTable table;
        table.header = {"pos", "id", "logsumexp", "top logits (id: value)"};
        table.rightAlign = {true, true, true, false};
        for (std::size_t t = 0; t < r.logits.size(); ++t) {
          const auto& row = r.logits[t];
          std::vector<std::size_t> order(row.size());
          std::iota(order.begin(), order.end(), 0);
          const std::size_t k =
              std::min<std::size_t>(static_cast<std::size_t>(args->top), row.size());
          std::partial_sort(order.begin(), order.begin() + static_cast<long>(k), order.end(),
                            [&](std::size_t a, std::size_t b) { return row[a] > row[b]; });
          const double maxv = row[order[0]];
          double sum = 0;
          for (float v : row) sum += std::exp(static_cast<double>(v) - maxv);
          std::string top;
          for (std::size_t i = 0; i < k; ++i)
            top +=
                (i ? "  " : "") + std::to_string(order[i]) + ": " + formatFixed(row[order[i]], 4);
          table.rows.push_back({std::to_string(t), std::to_string(r.ids[t]),
                                formatFixed(maxv + std::log(sum), 4), top});
        }
        table.print(std::cout);
        return 0;
      });
    }});

}  // namespace
}  // namespace catdpo::cli
