// SPDX-License-Identifier: MIT
#include "train/method_catalogue.h"

#include "common/error.h"

namespace catdpo {

namespace {

// Texts are marked for the app's translations in the context "catdpo::methods".
const std::vector<MethodEntry> kMethods = {
    {Method::Dpo, "dpo", CATDPO_TRANSLATE_NOOP("catdpo::methods", "DPO"),
     CATDPO_TRANSLATE_NOOP("catdpo::methods",
                           "DPO on the helpfulness preference, no safety signal"),
     "", "", true},
    {Method::DpoSafer, "dpo_safer", CATDPO_TRANSLATE_NOOP("catdpo::methods", "DPO (safer)"),
     CATDPO_TRANSLATE_NOOP("catdpo::methods", "DPO with the safer response as the winner"), "", "",
     true},
    {Method::Ipo, "ipo", CATDPO_TRANSLATE_NOOP("catdpo::methods", "IPO"),
     CATDPO_TRANSLATE_NOOP("catdpo::methods",
                           "IPO: squared loss to a fixed margin 1/(2β), safety-aware order"),
     "ipo_", "", false},
    {Method::SafeDpo, "safedpo", CATDPO_TRANSLATE_NOOP("catdpo::methods", "SafeDPO"),
     CATDPO_TRANSLATE_NOOP("catdpo::methods", "SafeDPO: safety-aware order with a fixed margin Δ"),
     "safedpo_", "safedpo_delta=0,2.5,5,10,20", true},
    {Method::CatDpo, "catdpo", CATDPO_TRANSLATE_NOOP("catdpo::methods", "Cat-DPO"),
     CATDPO_TRANSLATE_NOOP(
         "catdpo::methods",
         "Cat-DPO: a safety margin λ_k per harm category, adapted by dual ascent"),
     "catdpo.", "catdpo.eta=0.1,0.5,2|catdpo.lambda_init=0,5", true},
    {Method::CatDpoNoMargin, "catdpo_nomargin",
     CATDPO_TRANSLATE_NOOP("catdpo::methods", "Cat-DPO control (λ = 0)"),
     CATDPO_TRANSLATE_NOOP(
         "catdpo::methods",
         "Cat-DPO's matched control: the same pairs, order and schedule with λ = 0"),
     "", "", true},
    {Method::DrDpo, "drdpo", CATDPO_TRANSLATE_NOOP("catdpo::methods", "Dr.DPO"),
     CATDPO_TRANSLATE_NOOP("catdpo::methods",
                           "Dr.DPO: distributionally robust log-mean-exp of DPO losses"),
     "drdpo_", "", false},
    {Method::GroupRobust, "group_robust",
     CATDPO_TRANSLATE_NOOP("catdpo::methods", "Group-robust DPO"),
     CATDPO_TRANSLATE_NOOP("catdpo::methods", "Group-robust DPO with harm categories as groups"),
     "group_", "", false},
    {Method::Sacpo, "sacpo", CATDPO_TRANSLATE_NOOP("catdpo::methods", "SACPO"),
     CATDPO_TRANSLATE_NOOP("catdpo::methods",
                           "SACPO: helpful DPO, then safer DPO referenced to the first stage"),
     "sacpo_", "", false},
};

std::vector<std::string> splitBars(const char* text) {
  std::vector<std::string> out;
  std::string part;
  for (const char* c = text; *c; ++c) {
    if (*c == '|') {
      out.push_back(part);
      part.clear();
    } else {
      part += *c;
    }
  }
  if (!part.empty()) out.push_back(part);
  return out;
}

}  // namespace

const std::vector<MethodEntry>& methodCatalogue() { return kMethods; }

const MethodEntry& methodEntry(Method method) {
  for (const auto& m : kMethods)
    if (m.method == method) return m;
  return kMethods.front();
}

std::vector<std::string> defaultSweepMethods() {
  std::vector<std::string> ids;
  for (const auto& m : kMethods)
    if (m.defaultSweep) ids.emplace_back(m.id);
  return ids;
}

const char* toString(Method method) {
  for (const auto& m : kMethods)
    if (m.method == method) return m.id;
  return "?";
}

Method methodFromString(const std::string& name) {
  for (const auto& m : kMethods)
    if (name == m.id) return m.method;
  std::string allowed;
  for (const auto& m : kMethods) allowed += (allowed.empty() ? "" : ", ") + std::string(m.id);
  throw Error("unknown method '" + name + "' (expected one of: " + allowed + ")",
              {"", 0, "method"});
}

const std::vector<std::string>& methodNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n;
    for (const auto& m : kMethods) n.emplace_back(m.id);
    return n;
  }();
  return names;
}

std::string methodDescription(Method method) { return methodEntry(method).description; }

bool methodReadsOption(Method method, const std::string& key) {
  for (const auto& m : kMethods)
    for (const std::string& prefix : splitBars(m.ownOptions))
      if (key.rfind(prefix, 0) == 0) return m.method == method;
  return true;
}

std::vector<std::string> frontierGridTexts(Method method) {
  return splitBars(methodEntry(method).frontier);
}

}  // namespace catdpo
