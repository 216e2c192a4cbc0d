// SPDX-License-Identifier: MIT
// The small pieces `catdpo demo-model` and the data panel share around buildBaseModelForData:
// per-category unsafe shares from "NAME=X" or from a JSON file (a stranger's file: size-capped
// and checked), and the check that an output folder may be written. Plain header: no LibTorch.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace catdpo {

// "Violence=0.8" -> {"Violence", 0.8}. Throws catdpo::Error naming the option.
std::pair<std::string, double> parseCategoryShare(const std::string& text);

// {"NAME": X, ...}, or a demo_settings.json written by `catdpo demo-data` ("categories" and
// "base_unsafety" arrays). Throws catdpo::Error naming the file and field.
std::vector<std::pair<std::string, double>> readCategoryShares(const std::string& path);

// A model may be written to a folder that does not exist, is empty, or holds a model this
// command built before (it is then replaced). Anything else is refused: the folder is
// replaced as a whole, and a user's other files must never go with it.
void checkModelOutputFolder(const std::string& dir);

}  // namespace catdpo
