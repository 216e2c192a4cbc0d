// SPDX-License-Identifier: MIT
#include "eval/judge.h"

#include "data/demo_judge.h"

namespace catdpo {

std::vector<JudgeVerdict> Judge::judge(const std::vector<JudgeRequest>& requests) {
  std::vector<JudgeVerdict> out;
  out.reserve(requests.size());
  for (const JudgeRequest& r : requests) out.push_back(judgeOne(r));
  return out;
}

bool isRefusal(const std::string& text) { return looksLikeRefusal(text); }

namespace {
class DemoJudge final : public Judge {
 public:
  std::string name() const override { return "demo"; }
  JudgeVerdict judgeOne(const JudgeRequest& r) override {
    const Verdict v = judgeDemoResponse(r.category, r.prompt, r.response);
    JudgeVerdict out;
    out.unsafe = v.unsafe;
    out.refusal = v.refusal;
    out.score = v.unsafe ? 1.0 : 0.0;
    out.raw = v.raw;
    return out;
  }
};
}  // namespace

std::unique_ptr<Judge> makeDemoJudge() { return std::make_unique<DemoJudge>(); }

}  // namespace catdpo
