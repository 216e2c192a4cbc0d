// SPDX-License-Identifier: MIT
// One curl easy handle per request (handles are cheap and this keeps judge() trivially
// thread-safe); a batch is spread over a few worker threads. Only transient failures are
// retried: a 4xx other than 408/429, or an answer without a verdict, is final.
#include "eval/llm_judge.h"

#include <curl/curl.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "common/error.h"
#include "common/json_input.h"
#include "eval/judge_prompt.h"
#include "eval/redact.h"

namespace catdpo {

std::string chatCompletionsUrl(const std::string& url) {
  std::string u = url;
  while (!u.empty() && u.back() == '/') u.pop_back();
  auto endsWith = [&](const std::string& s) {
    return u.size() >= s.size() && u.compare(u.size() - s.size(), s.size(), s) == 0;
  };
  if (endsWith("/chat/completions")) return u;
  if (endsWith("/v1")) return u + "/chat/completions";
  return u + "/v1/chat/completions";
}

namespace {

struct HttpReply {
  CURLcode code = CURLE_OK;
  long status = 0;
  std::string body;
  std::string curlError;
  std::size_t limit = 0;  // largest body kept
  bool tooLarge = false;  // the server sent more: the transfer was stopped
};

// Reply bytes, up to the limit: a server that sends 200 MB is cut off, not buffered.
std::size_t collect(char* data, std::size_t size, std::size_t count, void* user) {
  auto* reply = static_cast<HttpReply*>(user);
  const std::size_t n = size * count;
  if (reply->body.size() + n > reply->limit) {
    reply->tooLarge = true;
    return 0;  // curl ends the transfer with CURLE_WRITE_ERROR
  }
  reply->body.append(data, n);
  return n;
}

HttpReply postJson(const std::string& url, const std::string& body, const std::string& apiKey,
                   double timeoutSeconds) {
  HttpReply reply;
  reply.limit = jsonLimits().maxReplyBytes;
  CURL* h = curl_easy_init();
  if (!h) {
    reply.code = CURLE_FAILED_INIT;
    reply.curlError = "could not create an HTTP handle";
    return reply;
  }
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
  if (!apiKey.empty()) {
    const std::string auth = "Authorization: Bearer " + apiKey;
    headers = curl_slist_append(headers, auth.c_str());
  }
  char errorBuffer[CURL_ERROR_SIZE] = {0};
  const long timeoutMs = std::max(1L, static_cast<long>(std::lround(timeoutSeconds * 1000)));
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_POST, 1L);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &collect);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &reply);
  // Only http(s), also after redirects: a reply must not send the key to file:// or elsewhere.
#if LIBCURL_VERSION_NUM >= 0x075500
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
#else
  curl_easy_setopt(h, CURLOPT_PROTOCOLS, static_cast<long>(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeoutMs);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, timeoutMs);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // worker threads: no SIGALRM for timeouts
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errorBuffer);
  curl_easy_setopt(h, CURLOPT_USERAGENT, "catdpo-judge");
  reply.code = curl_easy_perform(h);
  if (reply.code == CURLE_OK) {
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply.status);
  } else {
    reply.curlError = errorBuffer[0] ? errorBuffer : curl_easy_strerror(reply.code);
  }
  curl_slist_free_all(headers);
  curl_easy_cleanup(h);
  return reply;
}

// What of a server's reply may be kept: a short excerpt, printable, with credentials removed
// (a server may echo the request, key included).
constexpr std::size_t kExcerptBytes = 160;
// A judge's answer is a few words; more is cut before it is stored with the sample.
constexpr std::size_t kMaxAnswerBytes = 4096;

// Reasoning models may put their deliberation in <think>...</think> before the answer.
std::string withoutThinking(std::string text) {
  const auto open = text.find("<think>");
  const auto close = text.find("</think>");
  if (open != std::string::npos && close != std::string::npos && open < close &&
      text.find_first_not_of(" \t\r\n") == open)
    text.erase(0, close + 8);
  return text;
}

class LlmJudge final : public Judge {
 public:
  explicit LlmJudge(LlmJudgeOptions options)
      : m_options(std::move(options)),
        m_endpoint(chatCompletionsUrl(m_options.url)),
        m_shownEndpoint(redactUrl(m_endpoint)) {
    if (m_options.promptTemplate.empty()) m_options.promptTemplate = defaultJudgePrompt();
  }

  std::string name() const override { return "llm:" + m_options.model; }

  std::vector<JudgeVerdict> judge(const std::vector<JudgeRequest>& requests) override {
    std::vector<JudgeVerdict> out(requests.size());
    const int workers = static_cast<int>(
        std::min<std::size_t>(std::max(1, m_options.concurrency), requests.size()));
    if (workers <= 1) {
      for (std::size_t i = 0; i < requests.size(); ++i) out[i] = judgeOne(requests[i]);
      return out;
    }
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> threads;
    for (int w = 0; w < workers; ++w) {
      threads.emplace_back([&] {
        for (std::size_t i = next++; i < requests.size(); i = next++) {
          try {
            out[i] = judgeOne(requests[i]);
          } catch (const std::exception& e) {
            out[i].ok = false;
            out[i].error = e.what();
          }
        }
      });
    }
    for (auto& t : threads) t.join();
    return out;
  }

  JudgeVerdict judgeOne(const JudgeRequest& request) override {
    const nlohmann::json body = {
        {"model", m_options.model},
        {"messages", nlohmann::json::array(
                         {{{"role", "user"},
                           {"content", fillJudgePrompt(m_options.promptTemplate, request)}}})},
        {"temperature", 0},
        {"max_tokens", m_options.maxTokens}};
    const std::string payload = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    const char* key =
        m_options.apiKeyEnv.empty() ? nullptr : std::getenv(m_options.apiKeyEnv.c_str());
    const std::string apiKey = key ? key : "";

    JudgeVerdict v;
    v.ok = false;
    const int attempts = std::max(1, m_options.maxAttempts);
    for (int attempt = 1; attempt <= attempts; ++attempt) {
      if (attempt > 1) {
        const double wait = m_options.backoffSeconds * std::pow(2.0, attempt - 2);
        std::this_thread::sleep_for(std::chrono::duration<double>(std::min(wait, 60.0)));
      }
      const HttpReply reply = postJson(m_endpoint, payload, apiKey, m_options.timeoutSeconds);
      const std::string tries =
          " (attempt " + std::to_string(attempt) + " of " + std::to_string(attempts) + ")";
      if (reply.tooLarge) {
        v.error = "the reply from " + m_shownEndpoint + " is larger than " +
                  describeByteLimit(reply.limit, "CATDPO_JSON_MAX_REPLY_BYTES") +
                  "; it was not read to the end";
        return v;  // not transient: the same request gets the same reply
      }
      if (reply.code != CURLE_OK) {
        v.error = (reply.code == CURLE_OPERATION_TIMEDOUT
                       ? "timed out after " + std::to_string(m_options.timeoutSeconds) + " s: "
                       : "request failed: ") +
                  safeExcerpt(reply.curlError, apiKey, kExcerptBytes) + tries;
        continue;  // network trouble and timeouts are transient
      }
      if (reply.status != 200) {
        v.error = "HTTP " + std::to_string(reply.status) + " from " + m_shownEndpoint + ": " +
                  safeExcerpt(reply.body, apiKey, kExcerptBytes) + tries;
        if (reply.status == 401 || reply.status == 403)
          v.error += "; is $" + m_options.apiKeyEnv + " set to a valid key?";
        const bool transient = reply.status == 408 || reply.status == 429 || reply.status >= 500;
        if (transient) continue;
        return v;
      }
      return readAnswer(reply.body, apiKey);
    }
    return v;
  }

 private:
  JudgeVerdict readAnswer(const std::string& body, const std::string& apiKey) const {
    JudgeVerdict v;
    v.ok = false;
    nlohmann::json j;
    std::string why;
    if (!tryParseJson(body, JsonSource{"reply", 1}, j, why, body.size() + 1)) {
      v.error = "malformed reply (not JSON): " + safeExcerpt(body, apiKey, kExcerptBytes);
      return v;
    }
    const nlohmann::json* content = nullptr;
    if (j.is_object() && j.contains("choices") && j["choices"].is_array() &&
        !j["choices"].empty() && j["choices"][0].is_object() &&
        j["choices"][0].contains("message") && j["choices"][0]["message"].is_object() &&
        j["choices"][0]["message"].contains("content"))
      content = &j["choices"][0]["message"]["content"];
    if (!content || !content->is_string()) {
      v.error = "malformed reply (no choices[0].message.content text): " +
                safeExcerpt(body, apiKey, kExcerptBytes);
      return v;
    }
    const std::string answer = content->get<std::string>();
    // Stored with the sample: bounded, printable, and without anything that looks like a key.
    v.raw = safeExcerpt(answer, apiKey, kMaxAnswerBytes, /*multiline=*/true);
    const ParsedJudgeAnswer parsed = parseJudgeAnswer(withoutThinking(answer));
    if (!parsed.ok) {
      v.error = safeExcerpt(parsed.error, apiKey, 2 * kExcerptBytes);
      return v;
    }
    v.ok = true;
    v.unsafe = parsed.unsafe;
    v.refusal = parsed.refusal;
    v.score = parsed.unsafe ? 1.0 : 0.0;
    return v;
  }

  LlmJudgeOptions m_options;
  std::string m_endpoint;
  std::string m_shownEndpoint;  // for messages: no user:password@, no query values
};

}  // namespace

std::unique_ptr<Judge> makeLlmJudge(const LlmJudgeOptions& options) {
  if (options.url.empty()) throw Error("the LLM judge needs a URL (llm:URL)", {"", 0, "judge"});
  if (options.url.rfind("http://", 0) != 0 && options.url.rfind("https://", 0) != 0)
    throw Error("the LLM judge URL must start with http:// or https://, got '" +
                    redactUrl(options.url) + "'",
                {"", 0, "judge"});
  if (options.model.empty())
    throw Error(
        "the LLM judge needs a model name: llm:URL#MODEL, --judge-model or "
        "eval.judge_model",
        {"", 0, "judge"});
  if (!(options.timeoutSeconds > 0) || !std::isfinite(options.timeoutSeconds))
    throw Error("the judge timeout must be a positive number of seconds", {"", 0, "judge_timeout"});
  static std::once_flag curlInit;
  std::call_once(curlInit, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  return std::make_unique<LlmJudge>(options);
}

}  // namespace catdpo
