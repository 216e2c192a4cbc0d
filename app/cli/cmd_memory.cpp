// SPDX-License-Identifier: MIT
// `catdpo memory --model DIR|config.json`: what training that model takes in device memory
// (core/model/memory_estimate.h) for one micro-batch shape, and the largest micro-batch that
// fits a card of a given size. Arithmetic on the config only: nothing is loaded.
#include <filesystem>
#include <iostream>

#include "cli/cli_output.h"
#include "cli/command_registry.h"
#include "common/error.h"
#include "model/memory_estimate.h"

namespace catdpo::cli {
namespace {

struct MemoryArgs {
  std::string model;
  std::int64_t rows = 4;
  std::int64_t length = 512;
  std::int64_t response = 256;
  std::string dtype;  // legacy: one dtype for weights and activations (overrides --precision)
  std::string precision = "bf16-mixed";
  bool checkpointing = false;
  bool lora = false;
  std::int64_t loraRank = 16;
  double loraDropout = 0.0;
  std::vector<std::string> loraTargets{"q_proj", "k_proj", "v_proj", "o_proj"};
  double deviceGb = 80.0;
  double contextGb = 2.0;
  bool json = false;
};

int bytesOf(const std::string& dtype) {
  if (dtype == "bf16" || dtype == "bfloat16" || dtype == "fp16" || dtype == "float16") return 2;
  if (dtype == "fp32" || dtype == "float32") return 4;
  throw Error("unknown dtype '" + dtype + "'; use bf16, fp16 or fp32", {"", 0, "dtype"});
}

const bool kRegistered = registerCommand(Command{
    "memory", "Estimate the device memory training a model takes", /*order=*/65,
    /*needsEngine=*/false, [](CLI::App& sub, const GlobalOptions& global) {
      auto a = std::make_shared<MemoryArgs>();
      sub.add_option("--model", a->model, "Model folder or its config.json")->required();
      sub.add_option("--rows", a->rows, "Rows per micro-batch (2 per pair: chosen and rejected)")
          ->default_val(4)
          ->check(CLI::Range(2, 1 << 20));
      sub.add_option("--length", a->length, "Tokens per row, padding included")
          ->default_val(512)
          ->check(CLI::Range(2, 1 << 24));
      sub.add_option("--response", a->response,
                     "Response tokens per row (projected onto the vocabulary)")
          ->default_val(256)
          ->check(CLI::Range(0, 1 << 24));
      sub.add_option("--precision", a->precision,
                     "Training precision: bf16-mixed (what auto picks on CUDA: float32 weights and "
                     "AdamW state, bfloat16 activations), bf16, fp32")
          ->default_val("bf16-mixed")
          ->check(CLI::IsMember({"bf16-mixed", "bf16", "fp32"}));
      sub.add_option("--dtype", a->dtype,
                     "One dtype for weights and activations (bf16, fp16, fp32) instead of "
                     "--precision");
      sub.add_flag("--gradient-checkpointing", a->checkpointing,
                   "Recompute each decoder block in backward (the gradient_checkpointing option)");
      sub.add_flag("--lora", a->lora, "LoRA adapters instead of full fine-tuning");
      sub.add_option("--lora-rank", a->loraRank, "LoRA rank")
          ->default_val(16)
          ->check(CLI::Range(1, 4096));
      sub.add_option("--lora-dropout", a->loraDropout, "LoRA dropout")
          ->default_val(0.0)
          ->check(CLI::Range(0.0, 0.99));
      sub.add_option("--lora-targets", a->loraTargets, "Adapted projections")
          ->delimiter(',')
          ->default_str("q_proj,k_proj,v_proj,o_proj");
      sub.add_option("--device-gb", a->deviceGb, "Device memory in GB (10^9 bytes)")
          ->default_val(80.0)
          ->check(CLI::PositiveNumber);
      sub.add_option("--context-gb", a->contextGb, "Reserved for the CUDA context and workspaces")
          ->default_val(2.0)
          ->check(CLI::NonNegativeNumber);
      sub.add_flag("--json", a->json, "Print JSON");
      return std::function<int()>([a, &global] {
        std::filesystem::path path = a->model;
        if (std::filesystem::is_directory(path)) path /= "config.json";
        const ModelConfig config = loadModelConfig(path);
        if (a->response >= a->length)
          throw Error("--response must be smaller than --length", {"", 0, "response"});
        if (a->lora)
          if (const auto bad = unmatchedLoraTargets(config, a->loraTargets); !bad.empty())
            throw Error("'" + bad.front() + "' matches no projection of this " +
                            familyName(config.family) + " model",
                        {"", 0, "lora-targets"});
        MemoryShape shape;
        shape.sequences = a->rows;
        shape.length = a->length;
        shape.projectedRows = a->rows * a->response;
        if (!a->dtype.empty()) {
          shape.bytesPerElement = bytesOf(a->dtype);
        } else {
          shape.bytesPerElement = a->precision == "fp32" ? 4 : 2;
          shape.weightBytes = a->precision == "bf16" ? 2 : 4;
        }
        shape.gradientCheckpointing = a->checkpointing;
        const std::string numbers = a->dtype.empty() ? a->precision : a->dtype;
        shape.lora = a->lora;
        shape.loraRank = a->loraRank;
        shape.loraDropout = a->loraDropout;
        shape.loraTargets = a->loraTargets;
        const MemoryEstimate e = estimateTrainingMemory(config, shape);
        const double budget = (a->deviceGb - a->contextGb) * 1e9;
        // The largest even number of rows whose peak fits (0 when not even 2 do).
        std::int64_t fitting = 0;
        for (std::int64_t rows = 2; rows <= (1 << 16); rows *= 2) {
          MemoryShape s = shape;
          s.sequences = rows;
          s.projectedRows = rows * a->response;
          if (estimateTrainingMemory(config, s).peak() > budget) break;
          fitting = rows;
        }
        const double gb = 1e9;
        if (a->json) {
          nlohmann::json out = memoryEstimateToJson(e);
          out["model"] = a->model;
          out["peak_with_context"] = e.peak() + a->contextGb * gb;
          out["fits"] = e.peak() <= budget;
          out["largest_fitting_rows"] = fitting;
          out["precision"] = numbers;
          out["gradient_checkpointing"] = a->checkpointing;
          printJson(std::cout, out);
          return 0;
        }
        if (!global.quiet)
          std::cout << config.summary() << "; "
                    << formatFixed(static_cast<double>(e.parameters) / 1e9, 3) << "B parameters, "
                    << (a->lora ? "LoRA" : "full fine-tuning") << ", " << numbers
                    << (a->checkpointing ? ", gradient checkpointing" : "") << ", micro-batch "
                    << a->rows << " x " << a->length << " tokens (" << a->response
                    << " response)\n";
        // GB for real models, MB for small ones (whose parts would all read 0.00 GB).
        const bool small = e.peak() < gb;
        const double unit = small ? 1e6 : gb;
        TextTable table;
        table.header = {"", small ? "MB" : "GB"};
        table.rightAlign = {false, true};
        const auto row = [&](const char* what, double bytes) {
          table.rows.push_back({what, formatFixed(bytes / unit, small ? 1 : 2)});
        };
        row("weights", e.weights);
        row("gradients", e.gradients);
        row("AdamW moments", e.optimizer);
        row("activations saved for backward", e.activations);
        row("log-prob head", e.logprobHead);
        row("one layer's working set", e.transient);
        row("reference model (cached log-probs)", 0);
        row("CUDA context and workspaces", a->contextGb * gb);
        row("peak", e.peak() + a->contextGb * gb);
        table.print(std::cout);
        std::cout << (e.peak() <= budget ? "Fits" : "Does not fit") << " a device of "
                  << formatFixed(a->deviceGb, 0) << " GB; ";
        if (fitting > 0)
          std::cout << "the largest micro-batch that fits has " << fitting
                    << " rows (larger batches run as gradient accumulation).\n";
        else
          std::cout << "not even a micro-batch of 2 rows fits.\n";
        return 0;
      });
    }});

}  // namespace
}  // namespace catdpo::cli
