// SPDX-License-Identifier: MIT
#include "eval/prompt_selection.h"

#include <algorithm>
#include <map>

namespace catdpo {

PromptClass promptClass(const PromptItem& p, int categories) {
  if (p.unsafe)
    return p.category >= 0 && p.category < categories ? PromptClass::Harmful : PromptClass::Unused;
  return p.kind == PromptKind::Borderline ? PromptClass::Borderline : PromptClass::Benign;
}

namespace {

// Round robin over the groups (ascending key; -1, the uncategorised, first) until `wanted`
// items are taken or none is left. Returns indices into `prompts`, in the order taken.
std::vector<std::size_t> spreadOverCategories(const std::vector<PromptItem>& prompts,
                                              const std::vector<std::size_t>& members, int wanted) {
  std::map<int, std::vector<std::size_t>> groups;
  for (std::size_t i : members) groups[std::max(-1, prompts[i].category)].push_back(i);
  std::vector<std::size_t> out;
  for (std::size_t round = 0; static_cast<int>(out.size()) < wanted; ++round) {
    bool any = false;
    for (const auto& [category, list] : groups) {
      if (round >= list.size()) continue;
      any = true;
      if (static_cast<int>(out.size()) < wanted) out.push_back(list[round]);
    }
    if (!any) break;
  }
  return out;
}

}  // namespace

std::vector<PromptItem> selectEvalPrompts(const std::vector<PromptItem>& prompts, int categories,
                                          const GenerationEvalOptions& options) {
  std::vector<int> perCategory(categories, 0);
  std::vector<std::size_t> benign, borderline;
  std::vector<PromptItem> out;
  for (std::size_t i = 0; i < prompts.size(); ++i) {
    const PromptItem& p = prompts[i];
    switch (promptClass(p, categories)) {
      case PromptClass::Harmful:
        if (perCategory[p.category] < options.promptsPerCategory) {
          ++perCategory[p.category];
          out.push_back(p);
        }
        break;
      case PromptClass::Benign:
        benign.push_back(i);
        break;
      case PromptClass::Borderline:
        borderline.push_back(i);
        break;
      case PromptClass::Unused:
        break;
    }
  }
  for (std::size_t i : spreadOverCategories(prompts, benign, options.benignPrompts))
    out.push_back(prompts[i]);
  for (std::size_t i : spreadOverCategories(prompts, borderline, options.borderlinePrompts))
    out.push_back(prompts[i]);
  return out;
}

}  // namespace catdpo
