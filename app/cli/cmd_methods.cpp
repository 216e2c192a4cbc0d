// SPDX-License-Identifier: MIT
// `catdpo methods`: the method catalogue (train/method_catalogue.h) as the app shows it — id,
// name, description, the options only a method reads, its default trade-off grid and whether
// the default sweep runs it.
#include <iostream>

#include "cli/cli_output.h"
#include "cli/command_registry.h"
#include "cli/method_help.h"
#include "train/method_catalogue.h"

namespace catdpo::cli {
namespace {

std::vector<std::string> bars(const std::string& text) {
  std::vector<std::string> out;
  std::string part;
  for (const char c : text) {
    if (c == '|') {
      out.push_back(part);
      part.clear();
    } else {
      part += c;
    }
  }
  if (!part.empty()) out.push_back(part);
  return out;
}

const bool kRegistered = registerCommand(Command{
    "methods", "List the training methods: ids, descriptions, own options, default grids",
    /*order=*/150, /*needsEngine=*/false, [](CLI::App& sub, const GlobalOptions&) {
      auto json = std::make_shared<bool>(false);
      sub.add_flag("--json", *json, "Print JSON");
      return std::function<int()>([json] {
        if (*json) {
          nlohmann::json list = nlohmann::json::array();
          for (const MethodEntry& m : methodCatalogue())
            list.push_back({{"id", m.id},
                            {"name", m.displayName},
                            {"description", m.description},
                            {"own_options", bars(m.ownOptions)},
                            {"frontier_grids", frontierGridTexts(m.method)},
                            {"default_sweep", m.defaultSweep}});
          printJson(std::cout, {{"methods", list}});
          return 0;
        }
        for (const MethodEntry& m : methodCatalogue()) {
          std::cout << m.id << " — " << m.displayName << (m.defaultSweep ? "  (default sweep)" : "")
                    << "\n  " << m.description << "\n";
          const std::vector<std::string> own = bars(m.ownOptions);
          if (!own.empty()) {
            std::cout << "  own options: ";
            for (std::size_t i = 0; i < own.size(); ++i)
              std::cout << (i ? ", " : "") << own[i] << "*";
            std::cout << "\n";
          }
          for (const std::string& grid : frontierGridTexts(m.method))
            std::cout << "  frontier grid: " << grid << "\n";
        }
        return 0;
      });
    }});

}  // namespace

std::string methodHelp() {
  std::string out;
  for (const MethodEntry& m : methodCatalogue())
    out += (out.empty() ? "" : ", ") + std::string(m.id);
  return out + " (catdpo_nomargin is Cat-DPO's matched control; `catdpo methods` describes each)";
}

std::string defaultSweepMethodList() {
  std::string out;
  for (const std::string& id : defaultSweepMethods()) out += (out.empty() ? "" : ",") + id;
  return out;
}

}  // namespace catdpo::cli
