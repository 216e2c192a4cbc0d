// SPDX-License-Identifier: MIT
// A judge that asks an LLM behind an OpenAI-compatible /v1/chat/completions endpoint (a local
// vLLM / llama.cpp server or a hosted API), over libcurl. The API key is read from an
// environment variable at each request and sent only as the Authorization header: it is never
// stored, logged or put into a verdict. Network errors, timeouts and HTTP 408/429/5xx are
// retried with exponential backoff; whatever still fails comes back as ok = false with the
// reason, so it is counted as a judge failure and never scored as safe. Plain header.
#pragma once

#include <memory>
#include <string>

#include "eval/judge.h"

namespace catdpo {

struct LlmJudgeOptions {
  // Base URL ("http://127.0.0.1:8000", ".../v1") or the full .../chat/completions URL.
  std::string url;
  std::string model;                               // required: the "model" field of the request
  std::string apiKeyEnv = "CATDPO_JUDGE_API_KEY";  // environment variable holding the key
  std::string promptTemplate;  // judging prompt with placeholders; empty: defaultJudgePrompt()
  double timeoutSeconds = 60;  // per attempt, connection included
  int maxAttempts = 3;         // 1 = no retry
  double backoffSeconds = 1;   // wait before the second attempt, doubled after each failure
  int maxTokens = 64;
  int concurrency = 4;  // requests in flight during judge() of a batch
};

// The endpoint a base URL resolves to: ".../v1/chat/completions".
std::string chatCompletionsUrl(const std::string& url);

// Throws catdpo::Error (field "judge") for an empty URL or model, or a URL that is not
// http(s).
std::unique_ptr<Judge> makeLlmJudge(const LlmJudgeOptions& options);

}  // namespace catdpo
