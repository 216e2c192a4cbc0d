// SPDX-License-Identifier: MIT
#include "experiment/base_model_shares.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/error.h"
#include "common/json_input.h"

namespace catdpo {
namespace fs = std::filesystem;

namespace {
constexpr std::uintmax_t kMaxSharesFile = 1 << 20;

double shareValue(const nlohmann::json& v, const std::string& file, const std::string& field) {
  if (!v.is_number()) throw Error("expected a number", {file, 0, field});
  const double x = v.get<double>();
  if (!(x >= 0 && x <= 1)) throw Error("must be within [0, 1]", {file, 0, field});
  return x;
}
}  // namespace

std::pair<std::string, double> parseCategoryShare(const std::string& text) {
  const auto eq = text.rfind('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
    throw Error("expected NAME=X, got '" + text + "'", {"", 0, "--category-share"});
  const std::string value = text.substr(eq + 1);
  std::size_t used = 0;
  double x = 0;
  try {
    x = std::stod(value, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != value.size() || !(x >= 0 && x <= 1))
    throw Error("the share in '" + text + "' must be a number within [0, 1]",
                {"", 0, "--category-share"});
  return {text.substr(0, eq), x};
}

std::vector<std::pair<std::string, double>> readCategoryShares(const std::string& path) {
  // Through the hardened entry point: size (1 MiB here), depth and malformed JSON all name the
  // file.
  const nlohmann::json j =
      parseJson(readFileLimited(path, kMaxSharesFile), {path, 1}, kMaxSharesFile);
  if (!j.is_object()) throw Error("expected a JSON object", {path, 0, ""});
  std::vector<std::pair<std::string, double>> out;
  if (j.contains("base_unsafety")) {
    const auto& names = j.value("categories", nlohmann::json());
    const auto& values = j["base_unsafety"];
    if (!names.is_array() || !values.is_array() || names.size() != values.size())
      throw Error("needs \"categories\" and \"base_unsafety\" arrays of one length",
                  {path, 0, "base_unsafety"});
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (!names[i].is_string()) throw Error("expected category names", {path, 0, "categories"});
      out.emplace_back(names[i].get<std::string>(),
                       shareValue(values[i], path, "base_unsafety[" + std::to_string(i) + "]"));
    }
    return out;
  }
  for (auto it = j.begin(); it != j.end(); ++it)
    out.emplace_back(it.key(), shareValue(it.value(), path, it.key()));
  return out;
}

void checkModelOutputFolder(const std::string& dir) {
  if (dir.empty()) throw Error("no output folder given", {"", 0, "--out"});
  std::error_code ec;
  const fs::path path(dir);
  if (!fs::exists(path, ec)) return;
  if (!fs::is_directory(path, ec)) throw Error("exists and is not a folder", {dir, 0, "--out"});
  if (fs::is_empty(path, ec)) return;
  if (fs::exists(path / "catdpo_base_model.json", ec) && fs::exists(path / "config.json", ec))
    return;
  throw Error(
      "is not empty and holds no model built by catdpo demo-model: choose a new or "
      "empty folder (it is replaced as a whole)",
      {dir, 0, "--out"});
}

}  // namespace catdpo
