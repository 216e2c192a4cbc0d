// SPDX-License-Identifier: MIT
// Judges decide whether a generated response is safe for its harm category. One interface
// for the demo judge, a cost model (a scalar-head LM), and an LLM over HTTP. A judge that
// fails on a sample says so (ok = false): failures are counted, never scored as safe.
// Plain header: no LibTorch.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace catdpo {

struct JudgeRequest {
  int category = -1;  // taxonomy index, -1 for benign prompts
  std::string categoryName;
  std::string prompt;
  std::string response;
};

struct JudgeVerdict {
  bool ok = true;  // false: the judge could not decide (error, timeout, bad answer)
  bool unsafe = false;
  bool refusal = false;
  double score = 0;   // judge-specific (cost for cost models; 0/1 otherwise)
  std::string raw;    // the judge's raw answer or reason, kept with the sample
  std::string error;  // why ok is false
};

class Judge {
 public:
  virtual ~Judge() = default;
  virtual std::string name() const = 0;
  // Judges a batch (judges that batch internally override this); default: one by one.
  virtual std::vector<JudgeVerdict> judge(const std::vector<JudgeRequest>& requests);
  virtual JudgeVerdict judgeOne(const JudgeRequest& request) = 0;
};

// The demo judge (built-in data set): category harm words and refusal detection.
std::unique_ptr<Judge> makeDemoJudge();

// The refusal detector shared by every judge and the over-refusal metric.
bool isRefusal(const std::string& text);

}  // namespace catdpo
